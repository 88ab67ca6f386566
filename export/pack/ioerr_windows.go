package pack

import (
	"errors"
	"syscall"
)

// Windows error numbers (winerror.h) for a full disk and for a device that went away.
const (
	errorHandleDiskFull     = 39
	errorDiskFull           = 112
	errorNotReady           = 21
	errorGenFailure         = 31
	errorDevNotExist        = 55
	errorDeviceNotConnected = 1167
	errorNoMediaInDrive     = 1112
	errorUnrecognizedVolume = 1005
	errorFileInvalid        = 1006
	errorCRC                = 23
	errorNoSuchDevice       = 433
)

func errno(err error) (syscall.Errno, bool) {
	var e syscall.Errno
	ok := errors.As(err, &e)
	return e, ok
}

func isDiskFull(err error) bool {
	e, ok := errno(err)
	return ok && (e == errorDiskFull || e == errorHandleDiskFull)
}

func isDeviceGone(err error) bool {
	e, ok := errno(err)
	if !ok {
		return false
	}
	switch e {
	case errorNotReady, errorGenFailure, errorDevNotExist, errorDeviceNotConnected, errorNoMediaInDrive,
		errorUnrecognizedVolume, errorFileInvalid, errorCRC, errorNoSuchDevice:
		return true
	}
	return false
}

// isNotEmpty is MoveFileEx's refusal to replace an existing folder (ERROR_ALREADY_EXISTS 183,
// ERROR_DIR_NOT_EMPTY 145, or access denied 5 for a folder in use).
func isNotEmpty(err error) bool {
	e, ok := errno(err)
	return ok && (e == 183 || e == 145)
}
