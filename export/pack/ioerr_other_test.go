//go:build !windows

package pack

import "syscall"

// What the operating system reports for a full disk and for a pulled-out stick.
var errDiskFull, errDeviceGone error = syscall.ENOSPC, syscall.EIO
