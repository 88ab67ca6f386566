package storage

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"sanxiang/scoring"
)

// TestDriveRemoved simulates pulling the USB stick while the program runs: every file handle
// SQLite holds on the database and its log is swapped (dup3) for a handle to a folder, on
// which every read and write fails, as on a vanished drive. Edits must return a
// Chinese ErrIO (so the GUI keeps them on screen), nothing may panic, and once the "stick is
// back" every edit that had returned before is still there.
func TestDriveRemoved(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sanxiang.db")
	db, err := Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	id := newAssessment(t, db, 1)
	if err := db.SaveAnswer(id, scoring.Answer{No: 1, Status: scoring.Scored, Score: 1, Note: "拔盘前"}); err != nil {
		t.Fatal(err)
	}

	dead, err := os.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer dead.Close()
	entries, _ := os.ReadDir("/proc/self/fd")
	swapped := 0
	for _, e := range entries {
		target, err := os.Readlink("/proc/self/fd/" + e.Name())
		if err != nil || (target != path && target != path+"-wal") {
			continue
		}
		var fd int
		for _, c := range e.Name() {
			fd = fd*10 + int(c-'0')
		}
		if err := unix.Dup3(int(dead.Fd()), fd, unix.O_CLOEXEC); err != nil {
			t.Fatal(err)
		}
		swapped++
	}
	if swapped < 2 {
		t.Fatalf("found %d database handles to pull, want the file and its log", swapped)
	}

	for name, err := range map[string]error{
		"SaveAnswer":    db.SaveAnswer(id, scoring.Answer{No: 2, Status: scoring.Scored, Score: 1, Note: "拔盘后"}),
		"SaveNarrative": db.SaveNarrative(id, scoring.NarrativeWorkSummary, "拔盘后"),
		"Finalize":      db.Finalize(id),
	} {
		if err == nil {
			t.Errorf("%s succeeded on a removed drive", name)
			continue
		}
		t.Logf("%s: %v", name, err)
		if !errors.Is(err, ErrIO) || !hasZh(err.Error()) || !strings.Contains(err.Error(), "U盘") {
			t.Errorf("%s on a removed drive: %v", name, err)
		}
	}
	db.Load(id) // may fail; must not panic
	db.Backup()
	db.Close()

	// The stick is back: everything saved before it was pulled is there.
	db, err = Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := pragma(t, db, "integrity_check"); got != "ok" {
		t.Fatalf("integrity_check = %q", got)
	}
	a, err := db.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	if a.Answers[1].Note != "拔盘前" {
		t.Errorf("edit saved before the removal is lost: %+v", a.Answers)
	}
	if info, _ := db.AssessmentInfo(id); info.Status != StatusDraft {
		t.Error("a failed Finalize took effect")
	}
}
