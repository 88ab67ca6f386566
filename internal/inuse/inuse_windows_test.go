package inuse

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/windows"
)

// TestHeldByReader: a file open as a PDF reader opens it (read, shared for reading only) is
// reported with its name; the same file open with full sharing, or closed, is not.
func TestHeldByReader(t *testing.T) {
	dir, err := os.MkdirTemp("", "inuse")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "评分表.pdf")
	os.WriteFile(path, []byte("%PDF"), 0o644)
	if err := Check(path); err != nil {
		t.Fatalf("closed file: %v", err)
	}
	open := func(share uint32) windows.Handle {
		p, _ := windows.UTF16PtrFromString(path)
		h, err := windows.CreateFile(p, windows.GENERIC_READ, share, nil, windows.OPEN_EXISTING, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	h := open(windows.FILE_SHARE_READ)
	err = Check(path)
	windows.CloseHandle(h)
	if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "正被其他程序打开") {
		t.Errorf("held by a reader: %v", err)
	}
	h = open(windows.FILE_SHARE_READ | windows.FILE_SHARE_WRITE | windows.FILE_SHARE_DELETE)
	err = Check(path)
	windows.CloseHandle(h)
	if err != nil {
		t.Errorf("open with delete sharing: %v", err)
	}
	if err := Check(filepath.Join(dir, "没有.pdf")); err != nil {
		t.Errorf("missing file: %v", err)
	}
}
