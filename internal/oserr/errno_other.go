//go:build !unix && !windows

package oserr

import "syscall"

// errnoReason knows no error numbers on other systems; the fs sentinels still apply.
func errnoReason(syscall.Errno) string { return "" }
