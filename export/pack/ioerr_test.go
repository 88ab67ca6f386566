package pack

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"testing"

	"sanxiang/internal/oserr/oserrtest"
)

// The explanations keep their Chinese heads, end in Chinese too, and still match the cause.
func TestIOErrorsAreChinese(t *testing.T) {
	const where = "报送包.zip"
	pe := func(err error) error { return &fs.PathError{Op: "write", Path: `E:\x\报送包.zip`, Err: err} }
	for _, tc := range []struct {
		name  string
		err   error
		cause error
	}{
		{"write disk full", writeErr(where, pe(errDiskFull)), errDiskFull},
		{"write device gone", writeErr(where, pe(errDeviceGone)), errDeviceGone},
		{"write permission", writeErr(where, pe(fs.ErrPermission)), fs.ErrPermission},
		{"write other", writeErr(where, pe(fs.ErrExist)), fs.ErrExist},
		{"read missing", readErr(where, pe(fs.ErrNotExist)), fs.ErrNotExist},
		{"read device gone", readErr(where, pe(errDeviceGone)), errDeviceGone},
		{"read permission", readErr(where, pe(fs.ErrPermission)), fs.ErrPermission},
	} {
		if !errors.Is(tc.err, tc.cause) {
			t.Errorf("%s: %v does not match %v", tc.name, tc.err, tc.cause)
		}
		if e := oserrtest.English(tc.err.Error(), where); e != "" {
			t.Errorf("%s: %q has English %q", tc.name, tc.err, e)
		}
	}
	if err := writeErr(where, context.Canceled); err != ErrCanceled {
		t.Errorf("canceled: %v", err)
	}
}

func TestVerifyMissingIsChinese(t *testing.T) {
	p := filepath.Join(t.TempDir(), "missing.zip")
	_, err := Verify(context.Background(), p)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want fs.ErrNotExist", err)
	}
	if e := oserrtest.English(err.Error(), p); e != "" {
		t.Errorf("%q has English %q", err, e)
	}
}
