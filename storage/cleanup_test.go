package storage

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sanxiang/scoring"
)

// TestReplaceRemovesOldEvidenceCopies (issue 10 item 10): import --replace orphaned the evidence
// copies of the replaced assessment; they go once the replacement is stored (or, after a crash,
// at the next open), while evidence the user attached from elsewhere is never touched.
func TestReplaceRemovesOldEvidenceCopies(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.db")
	ev := EvidenceDir(path)
	own := filepath.Join(dir, "我的材料.pdf")
	os.WriteFile(own, []byte("mine"), 0o644)
	mk := func(folder string) *scoring.Assessment {
		f := filepath.Join(ev, folder, "001_a.pdf")
		os.MkdirAll(filepath.Dir(f), 0o755)
		os.WriteFile(f, make([]byte, 500), 0o644)
		return &scoring.Assessment{Catalog: builtin(t), Unit: scoring.Unit{Name: "某局", CreditCode: codeN(t, 1)}, Year: 2020,
			Answers: map[int]scoring.Answer{1: {No: 1, Status: scoring.Scored, Score: 1, Evidence: []scoring.Evidence{
				{Path: f, Name: "a.pdf", Size: 500}, {Path: own, Name: "我的材料.pdf", Size: 4}}}}}
	}
	db, err := Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(mk("某局_2020_1"), false); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(mk("某局_2020_2"), true); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(ev, "某局_2020_1")); !os.IsNotExist(err) {
		t.Error("the replaced assessment's evidence copies are still there")
	}
	for _, p := range []string{filepath.Join(ev, "某局_2020_2", "001_a.pdf"), own} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s is gone", p)
		}
	}
	// a crash after the replacing commit: the trash list survives and the next open empties it
	if _, err := db.Import(mk("某局_2020_3"), true); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	os.MkdirAll(filepath.Join(ev, "某局_2020_2"), 0o755) // pretend the deletion had not happened
	os.WriteFile(filepath.Join(ev, "某局_2020_2", "x"), make([]byte, 7), 0o644)
	db.write("test", false, func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO settings(key, value) VALUES ('evidence_trash', '某局_2020_2')
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`)
		return err
	})
	db.Close()
	db, err = Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(ev, "某局_2020_2")); !os.IsNotExist(err) {
		t.Error("the trash was not emptied at open")
	}
	if c := db.Cleaned(); c.Folders != 1 || c.Bytes != 7 || !strings.Contains(ev, "evidence") {
		t.Errorf("Cleaned = %+v", c)
	}
}

// TestReplaceKeepsCopiesABackupNeeds: restoring an automatic backup taken before an
// import --replace must find its evidence, so the replaced copies stay until no backup refers
// to them.
func TestReplaceKeepsCopiesABackupNeeds(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.db")
	ev := EvidenceDir(path)
	mk := func(folder string) *scoring.Assessment {
		f := filepath.Join(ev, folder, "001_a.pdf")
		os.MkdirAll(filepath.Dir(f), 0o755)
		os.WriteFile(f, make([]byte, 500), 0o644)
		return &scoring.Assessment{Catalog: builtin(t), Unit: scoring.Unit{Name: "某局", CreditCode: codeN(t, 1)}, Year: 2020,
			Answers: map[int]scoring.Answer{1: {No: 1, Status: scoring.Scored, Score: 1, Evidence: []scoring.Evidence{{Path: f, Name: "a.pdf", Size: 500}}}}}
	}
	db, err := Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(mk("某局_2020_1"), false); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Backup(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(mk("某局_2020_2"), true); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(ev, "某局_2020_1", "001_a.pdf")); err != nil {
		t.Fatal("a copy the backup refers to was deleted")
	}
	db.Close()
	os.RemoveAll(BackupDir(path)) // the backup is pruned
	db, err = Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := os.Stat(filepath.Join(ev, "某局_2020_1")); !os.IsNotExist(err) {
		t.Error("no backup needs the old copies any more, but they are still there")
	}
}
