//go:build unix

package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"sanxiang/internal/staging"
	"sanxiang/storage"
)

// TestStartSaysWhatOpenCleanedUp: a temporary import folder left by a killed import is removed
// when the database opens, and the main view says so with the space freed (issue 10 item 10).
func TestStartSaysWhatOpenCleanedUp(t *testing.T) {
	e := withAssessment(t)
	if strings.Contains(e.u.status.saving.Text, "已清理") {
		t.Fatalf("nothing was cleaned, yet: %q", e.u.status.saving.Text)
	}
	path := e.db.Path()
	e.u.ws.Stop()
	e.db.Close()
	stale := filepath.Join(storage.EvidenceDir(path), staging.Prefix+"42", "佐证材料")
	if err := os.MkdirAll(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stale, "a.pdf"), make([]byte, 2048), 0o644); err != nil {
		t.Fatal(err)
	}
	cats := testCats(t)
	db, err := storage.Open(path, cats)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fa := test.NewApp()
	defer fa.Quit()
	u := New(fa, db, cats)
	u.post = e.q.post
	defer u.ws.Stop()
	u.Start()
	e.settle()
	if got := u.status.saving.Text; !strings.Contains(got, "已清理") || !strings.Contains(got, "1 个") || !strings.Contains(got, "2.0 KB") {
		t.Errorf("status after start = %q", got)
	}
	if _, err := os.Stat(filepath.Dir(stale)); !os.IsNotExist(err) {
		t.Error("the stale import folder is still there")
	}
}
