//go:build unix

package staging

import (
	"os/exec"
	"testing"
)

func TestLockAndInUse(t *testing.T) {
	dir := t.TempDir()
	if InUse(dir) {
		t.Fatal("a fresh folder is in use")
	}
	release, err := Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !InUse(dir) {
		t.Fatal("a locked folder is not in use")
	}
	release()
	if InUse(dir) {
		t.Fatal("released, still in use")
	}
	// a lock held by another process that dies is gone with it
	cmd := exec.Command("flock", dir, "sleep", "0")
	if err := cmd.Run(); err == nil && InUse(dir) {
		t.Fatal("a dead process's lock is still held")
	}
	if !IsStaging(Prefix+"abc") || IsStaging("佐证材料") {
		t.Error("IsStaging")
	}
}
