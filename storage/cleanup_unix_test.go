//go:build unix

package storage

import (
	"os"
	"path/filepath"
	"testing"

	"sanxiang/internal/staging"
)

// TestOpenCleansStaleImports (issue 10 item 10): a SIGKILL during a package import left a
// ~报送包生成中-* folder in evidence/ that nothing removed. Open removes it (not one a live
// importer holds) and says how much it freed.
func TestOpenCleansStaleImports(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.db")
	ev := EvidenceDir(path)
	stale := filepath.Join(ev, staging.Prefix+"123")
	live := filepath.Join(ev, staging.Prefix+"456")
	user := filepath.Join(ev, "用户的文件夹")
	for _, d := range []string{stale, live, user} {
		os.MkdirAll(filepath.Join(d, "佐证材料"), 0o755)
		os.WriteFile(filepath.Join(d, "佐证材料", "a.pdf"), make([]byte, 1000), 0o644)
	}
	release, err := staging.Lock(live)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("the stale staging folder is still there")
	}
	for _, d := range []string{live, user} {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("%s was removed", d)
		}
	}
	if c := db.Cleaned(); c.Folders != 1 || c.Bytes != 1000 {
		t.Errorf("Cleaned = %+v, want 1 folder, 1000 bytes", c)
	}
}
