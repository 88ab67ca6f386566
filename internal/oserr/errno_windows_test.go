package oserr

import (
	"io/fs"
	"syscall"
	"testing"
)

func TestErrnoWindows(t *testing.T) {
	for _, tc := range []struct {
		n    uint32
		want string
	}{
		{112, DiskFull}, {39, DiskFull}, {21, DeviceGone}, {1167, DeviceGone}, {32, InUse},
		{33, InUse}, {19, ReadOnly}, {206, TooLong}, {123, InvalidName}, {3, NotExist},
		{5, Permission}, {31, DeviceGone},
	} {
		pe := &fs.PathError{Op: "CreateFile", Path: `E:\报送包.zip`, Err: syscall.Errno(tc.n)}
		if got := Reason(pe); got != tc.want {
			t.Errorf("Reason(%v) = %q, want %q", pe, got, tc.want)
		}
	}
}
