//go:build !windows

package pack

import (
	"errors"
	"syscall"
)

func isDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

// isDeviceGone recognises what Linux and macOS report when a USB stick is pulled mid-write.
func isDeviceGone(err error) bool {
	for _, e := range []syscall.Errno{syscall.EIO, syscall.ENODEV, syscall.ENXIO, syscall.EROFS, syscall.ESTALE} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// isNotEmpty is rename's refusal to replace a folder that has files in it.
func isNotEmpty(err error) bool {
	return errors.Is(err, syscall.ENOTEMPTY) || errors.Is(err, syscall.EEXIST)
}
