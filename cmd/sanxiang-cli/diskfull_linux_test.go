package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFullDiskFirstImportLeavesNothing (issue 10 item 8): a full disk on the first import left
// s.db, -wal, the lock and evidence/. Needs root to mount a tiny file system; skipped otherwise.
func TestFullDiskFirstImportLeavesNothing(t *testing.T) {
	file := pkgSample(t)
	// one large evidence file, so that the evidence fills the disk after the database fits
	big := filepath.Join(filepath.Dir(file), "sample-evidence", "大文件.bin")
	os.WriteFile(big, make([]byte, 1<<20), 0o644)
	raw, _ := os.ReadFile(file)
	os.WriteFile(file, []byte(strings.Replace(string(raw), `"evidence": [`, `"evidence": [{"path": "sample-evidence/大文件.bin"}, `, 1)), 0o644)
	out := t.TempDir()
	if code, _, stderr := runCLI(t, "package", file, "--out", out); code != 0 {
		t.Fatal(stderr)
	}
	pkgPath := filepath.Join(out, "西安市雁塔区示范执法局（虚构）_2020_三项制度自评")
	for _, size := range []string{"48k", "600k"} { // too small for the database; for the evidence
		dir := t.TempDir()
		if err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).Run(); err != nil {
			t.Skip("cannot mount a tmpfs here:", err)
		}
		code, _, stderr := runCLI(t, "import", pkgPath, "--db", filepath.Join(dir, "s.db"))
		es, _ := os.ReadDir(dir)
		exec.Command("umount", dir).Run()
		if code != 1 {
			t.Errorf("%s: exit %d %s", size, code, stderr)
		}
		if len(es) != 0 {
			t.Errorf("%s: a failed first import left %v (%s)", size, es, stderr)
		}
	}
}
