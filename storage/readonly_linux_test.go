package storage

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadOnlyDiskIsNamed (issue 10 item 12): `list` on a database on a read-only disk spoke of
// a pulled-out USB stick. Needs root to mount a small read-only file system; skipped otherwise.
func TestReadOnlyDiskIsNamed(t *testing.T) {
	dir := t.TempDir()
	if err := exec.Command("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir).Run(); err != nil {
		t.Skip("cannot mount a tmpfs here:", err)
	}
	defer exec.Command("umount", dir).Run()
	path := filepath.Join(dir, "s.db")
	db, err := Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := exec.Command("mount", "-o", "remount,ro", dir).Run(); err != nil {
		t.Skip("cannot remount read-only:", err)
	}
	_, err = Open(path, testCats(t))
	if err == nil || !strings.Contains(err.Error(), "只读") || strings.Contains(err.Error(), "拔出") {
		t.Errorf("Open on a read-only disk: %v", err)
	}
}
