package pack

import "syscall"

// What the operating system reports for a full disk and for a pulled-out stick.
var errDiskFull, errDeviceGone error = syscall.Errno(112), syscall.Errno(1167) // ERROR_DISK_FULL, ERROR_DEVICE_NOT_CONNECTED
