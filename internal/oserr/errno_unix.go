//go:build unix

package oserr

import "syscall"

// errnoReason describes what Linux, macOS and the BSDs report ("" for an errno we do not know).
func errnoReason(e syscall.Errno) string {
	switch e {
	case syscall.ENOENT:
		return NotExist
	case syscall.EACCES, syscall.EPERM:
		return Permission
	case syscall.EEXIST:
		return Exist
	case syscall.ENOSPC, syscall.EDQUOT:
		return DiskFull
	case syscall.EIO, syscall.ENXIO, syscall.ENODEV, syscall.ESTALE:
		return DeviceGone
	case syscall.EROFS:
		return ReadOnly
	case syscall.EISDIR:
		return IsDir
	case syscall.ENOTDIR:
		return NotDir
	case syscall.ENAMETOOLONG:
		return TooLong
	case syscall.EBUSY, syscall.ETXTBSY:
		return InUse
	case syscall.ETIMEDOUT:
		return Timeout
	case syscall.EINVAL, syscall.EILSEQ:
		return InvalidName
	case syscall.ENOTEMPTY:
		return DirNotEmpty
	case syscall.EXDEV:
		return CrossDevice
	case syscall.EMFILE, syscall.ENFILE:
		return TooMany
	case syscall.ENOMEM:
		return NoMemory
	}
	return ""
}
