//go:build unix

package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "a.json")
	os.WriteFile(small, []byte("12345"), 0o644)
	fifo := filepath.Join(dir, "fifo")
	hasFifo := syscall.Mkfifo(fifo, 0o644) == nil
	cases := []struct {
		path  string
		limit int64
		want  error
	}{
		{small, 5, nil},
		{small, 4, ErrTooLarge},
		{dir, 10, ErrNotRegular},
		{"/dev/zero", 10, ErrNotRegular},
		{"/dev/null", 10, ErrNotRegular},
		{filepath.Join(dir, "none"), 10, os.ErrNotExist},
	}
	if hasFifo {
		cases = append(cases, struct {
			path  string
			limit int64
			want  error
		}{fifo, 10, ErrNotRegular})
	}
	for _, tc := range cases {
		if _, err := os.Stat(tc.path); err != nil && tc.want != os.ErrNotExist {
			continue
		}
		_, err := ReadFile(tc.path, tc.limit)
		if (tc.want == nil) != (err == nil) || tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.path, err, tc.want)
		}
	}
}

// TestReadAllCountsBytes: the limit holds for an endless reader that stat would call empty.
func TestReadAllCountsBytes(t *testing.T) {
	f, err := os.Open("/dev/zero")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	if _, err := ReadAll(f, 1<<20); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v", err)
	}
}
