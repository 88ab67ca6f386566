package oserr

import "syscall"

// errnoReason describes a Windows error number.
func errnoReason(e syscall.Errno) string { return windowsReason(uint32(e)) }
