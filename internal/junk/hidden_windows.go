//go:build windows

package junk

import (
	"io/fs"
	"syscall"

	"golang.org/x/sys/windows"
)

// Hidden reports whether Windows marks path hidden or system (desktop.ini, pagefile.sys,
// C:\ProgramData, a folder hidden by the user); false when the attributes cannot be read.
func Hidden(path string) bool {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return false
	}
	a, err := windows.GetFileAttributes(p)
	if err != nil {
		return false
	}
	return a&(windows.FILE_ATTRIBUTE_HIDDEN|windows.FILE_ATTRIBUTE_SYSTEM) != 0
}

// HiddenInfo is Hidden for an entry already read (os.ReadDir), without another system call.
func HiddenInfo(fi fs.FileInfo) bool {
	if fi == nil {
		return false
	}
	if d, ok := fi.Sys().(*syscall.Win32FileAttributeData); ok {
		return d.FileAttributes&(windows.FILE_ATTRIBUTE_HIDDEN|windows.FILE_ATTRIBUTE_SYSTEM) != 0
	}
	return false
}
