package storage

import (
	"errors"
	"path/filepath"
	"testing"

	"sanxiang/internal/oserr/oserrtest"
)

// Missing files and folders are explained in Chinese: only the paths may hold Latin letters.
func TestMissingFileErrorsAreChinese(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no-such-folder")
	check := func(what string, err error, paths ...string) {
		t.Helper()
		if err == nil {
			t.Fatalf("%s: no error", what)
		}
		if e := oserrtest.English(err.Error(), paths...); e != "" {
			t.Errorf("%s: %q has English %q", what, err, e)
		}
	}
	_, err := Open(filepath.Join(missing, FileName), testCats(t))
	if !errors.Is(err, ErrIO) {
		t.Errorf("Open in a missing folder: %v, want ErrIO", err)
	}
	check("Open", err, missing)

	db := openTemp(t)
	backup := filepath.Join(missing, "backup.db")
	err = db.Restore(backup)
	check("Restore", err, backup)
	err = RestoreClosed(filepath.Join(dir, "other.db"), backup)
	check("RestoreClosed", err, backup)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = db.Backup()
	if !errors.Is(err, errClosed) {
		t.Errorf("Backup after Close: %v", err)
	}
	check("Backup after Close", err)
}
