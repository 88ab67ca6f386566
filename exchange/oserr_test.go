package exchange

import (
	"errors"
	"io/fs"
	"path/filepath"
	"testing"

	"sanxiang/internal/oserr/oserrtest"
)

// A missing assessment file is explained in Chinese: only the path may hold Latin letters.
func TestReadFileMissingIsChinese(t *testing.T) {
	for _, name := range []string{
		filepath.Join(t.TempDir(), "missing.json"),
		filepath.Join(t.TempDir(), "nested", "folder", "x.json"),
	} {
		_, err := ReadFile(name, cats)
		if !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("err = %v, want fs.ErrNotExist", err)
		}
		if e := oserrtest.English(err.Error(), name); e != "" {
			t.Errorf("%q has English %q", err, e)
		}
	}
}

func TestWriteFileMissingFolderIsChinese(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "gone")
	a := exampleWithEvidence(t, filepath.Join(dir, "e.pdf"))
	err := WriteFile(filepath.Join(dir, "out.json"), a)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want fs.ErrNotExist", err)
	}
	if e := oserrtest.English(err.Error(), dir); e != "" {
		t.Errorf("%q has English %q", err, e)
	}
}
