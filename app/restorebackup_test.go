package app

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"sanxiang/scoring"
	"sanxiang/storage"
)

// 从备份恢复 on the backups page: the copy of the data before the restore is the only new
// backup; the start after it (Start's BackupIfChanged) does not copy the restored backup again.
func TestRestoreMakesNoDuplicateBackup(t *testing.T) {
	e := withAssessment(t)
	test.Tap(e.card(1).full)
	e.flush()
	if _, err := e.db.Backup(); err != nil {
		t.Fatal(err)
	}
	test.Tap(e.card(2).full)
	e.flush()
	count := func() int {
		t.Helper()
		es, err := os.ReadDir(storage.BackupDir(e.db.Path()))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, x := range es {
			if filepath.Ext(x.Name()) == ".db" && x.Name()[0] != '.' {
				n++
			}
		}
		return n
	}
	e.u.tabs.SelectIndex(4)
	b := e.u.backups
	e.pump(func() bool { return len(b.items) > 0 })
	before := count()
	b.restore(b.items[0])
	test.Tap(e.button("恢复"))
	e.pump(func() bool { return e.u.check != nil && e.u.ws.Answer(2).Status == scoring.Unanswered })
	// Start's BackupIfChanged runs on a goroutine; the backups are taken one at a time, so
	// whichever of the two runs first, a duplicate would show here
	if p, ok, err := e.db.BackupIfChanged(); ok || err != nil {
		t.Errorf("BackupIfChanged after the restore copied %q, %v", p, err)
	}
	if got := count(); got != before+1 {
		t.Errorf("%d backups after the restore, want %d (the data before it, no duplicate of the restored one)", got, before+1)
	}
}
