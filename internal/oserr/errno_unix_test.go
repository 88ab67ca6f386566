//go:build unix

package oserr

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestErrnoUnix(t *testing.T) {
	for _, tc := range []struct {
		errno syscall.Errno
		want  string
	}{
		{syscall.ENOSPC, DiskFull}, {syscall.EDQUOT, DiskFull}, {syscall.EIO, DeviceGone},
		{syscall.ENXIO, DeviceGone}, {syscall.ENODEV, DeviceGone}, {syscall.ENOENT, NotExist},
		{syscall.EROFS, ReadOnly}, {syscall.EISDIR, IsDir}, {syscall.ENOTDIR, NotDir},
		{syscall.ENAMETOOLONG, TooLong}, {syscall.EBUSY, InUse}, {syscall.ETXTBSY, InUse},
		{syscall.EACCES, Permission}, {syscall.EEXIST, Exist}, {syscall.ETIMEDOUT, Timeout},
	} {
		if got := Reason(tc.errno); got != tc.want {
			t.Errorf("Reason(%v) = %q, want %q", tc.errno, got, tc.want)
		}
		pe := &fs.PathError{Op: "write", Path: "/media/u/报送包.zip", Err: tc.errno}
		if got := Reason(pe); got != tc.want {
			t.Errorf("Reason(%v) = %q, want %q", pe, got, tc.want)
		}
	}
	if got := Reason(syscall.Errno(4095)); !strings.HasPrefix(got, "系统错误（技术信息：") {
		t.Errorf("unknown errno: %q", got)
	}
}

func TestRealUnix(t *testing.T) {
	dir := t.TempDir()
	_, err := os.ReadFile(dir)
	if got := Reason(err); got != IsDir {
		t.Errorf("read a folder: %q (%v)", got, err)
	}
	_, err = os.Stat(filepath.Join(dir, strings.Repeat("长", 200)))
	if got := Reason(err); got != TooLong {
		t.Errorf("long name: %q (%v)", got, err)
	}
}
