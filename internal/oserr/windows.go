package oserr

// Windows error numbers (winerror.h). They live in an untagged file so that their mapping is
// tested on every system; only errno_windows.go uses them for real errors.
const (
	errorFileNotFound       = 2
	errorPathNotFound       = 3
	errorTooManyOpenFiles   = 4
	errorAccessDenied       = 5
	errorNotEnoughMemory    = 8
	errorInvalidDrive       = 15
	errorNotSameDevice      = 17
	errorWriteProtect       = 19
	errorNotReady           = 21
	errorCRC                = 23
	errorSeek               = 25
	errorWriteFault         = 29
	errorReadFault          = 30
	errorGenFailure         = 31
	errorSharingViolation   = 32
	errorLockViolation      = 33
	errorHandleDiskFull     = 39
	errorBadNetPath         = 53
	errorDevNotExist        = 55
	errorFileExists         = 80
	errorDiskFull           = 112
	errorSemTimeout         = 121
	errorInvalidName        = 123
	errorBadPathname        = 161
	errorDirNotEmpty        = 145
	errorAlreadyExists      = 183
	errorFilenameExcedRange = 206
	errorDirectory          = 267
	errorUserMappedFile     = 1224
	errorNoSuchDevice       = 433
	errorUnrecognizedVolume = 1005
	errorFileInvalid        = 1006
	errorNoMediaInDrive     = 1112
	errorDeviceNotConnected = 1167
	errorDiskQuotaExceeded  = 1295
	errorTimeout            = 1460
	errorDeviceRemoved      = 1617
	wsaETimedOut            = 10060
)

// windowsReason describes a Windows error number ("" for one we do not know).
func windowsReason(n uint32) string {
	switch n {
	case errorFileNotFound, errorPathNotFound, errorInvalidDrive, errorBadNetPath:
		return NotExist
	case errorAccessDenied:
		return Permission
	case errorFileExists, errorAlreadyExists:
		return Exist
	case errorDiskFull, errorHandleDiskFull, errorDiskQuotaExceeded:
		return DiskFull
	case errorNotReady, errorGenFailure, errorDeviceNotConnected, errorDevNotExist, errorNoMediaInDrive,
		errorUnrecognizedVolume, errorFileInvalid, errorCRC, errorNoSuchDevice, errorDeviceRemoved,
		errorSeek, errorWriteFault, errorReadFault:
		return DeviceGone
	case errorWriteProtect:
		return ReadOnly
	case errorSharingViolation, errorLockViolation, errorUserMappedFile:
		return InUse
	case errorInvalidName, errorBadPathname, errorDirectory:
		return InvalidName
	case errorFilenameExcedRange:
		return TooLong
	case errorSemTimeout, errorTimeout, wsaETimedOut:
		return Timeout
	case errorDirNotEmpty:
		return DirNotEmpty
	case errorNotSameDevice:
		return CrossDevice
	case errorTooManyOpenFiles:
		return TooMany
	case errorNotEnoughMemory:
		return NoMemory
	}
	return ""
}
