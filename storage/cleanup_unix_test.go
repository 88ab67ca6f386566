//go:build unix

package storage

import (
	"os"
	"path/filepath"
	"testing"

	"sanxiang/internal/staging"
	"sanxiang/scoring"
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
	db, err := Open(path, testCats(t))
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

// TestOpenCleansPublishedButUnstoredImports: a kill after the evidence folder was published
// but before the database stored the assessment left `<单位>_<年度>_1/` that nothing referred to
// (found by the adversarial pass of issue 10). Such a folder still carries staging.Marker; the
// next open deletes it unless a record refers to it (then only the marker goes).
func TestOpenCleansPublishedButUnstoredImports(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.db")
	ev := EvidenceDir(path)
	orphan := filepath.Join(ev, "某局_2020_1")
	stored := filepath.Join(ev, "某局_2021_1")
	plain := filepath.Join(ev, "某局_2019_1") // no marker: never touched
	for _, d := range []string{orphan, stored, plain} {
		os.MkdirAll(d, 0o755)
		os.WriteFile(filepath.Join(d, "001_a.pdf"), make([]byte, 300), 0o644)
	}
	os.WriteFile(filepath.Join(orphan, staging.Marker), nil, 0o644)
	db, err := Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(orphan); !os.IsNotExist(err) {
		t.Error("the published but unstored folder is still there")
	}
	if c := db.Cleaned(); c.Folders != 1 || c.Bytes != 300 {
		t.Errorf("Cleaned = %+v", c)
	}
	// a package import into stored: published with the marker, then stored
	os.WriteFile(filepath.Join(stored, staging.Marker), nil, 0o644)
	a := &scoring.Assessment{Catalog: builtin(t), Unit: scoring.Unit{Name: "某局", CreditCode: codeN(t, 1)}, Year: 2021,
		Answers: map[int]scoring.Answer{1: {No: 1, Status: scoring.Scored, Score: 1,
			Evidence: []scoring.Evidence{{Path: filepath.Join(stored, "001_a.pdf"), Name: "a.pdf", Size: 300}}}}}
	if _, err := db.Import(a, false); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(stored, staging.Marker)); !os.IsNotExist(err) {
		t.Error("Import did not clear the marker of the folder it stored")
	}
	db.Close()
	os.WriteFile(filepath.Join(stored, staging.Marker), nil, 0o644) // as if the clearing had failed
	db, err = Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, p := range []string{filepath.Join(stored, "001_a.pdf"), filepath.Join(plain, "001_a.pdf")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s is gone", p)
		}
	}
	if _, err := os.Stat(filepath.Join(stored, staging.Marker)); !os.IsNotExist(err) {
		t.Error("the marker of a stored folder was kept")
	}
	if c := db.Cleaned(); c.Folders != 0 {
		t.Errorf("second open cleaned %+v", c)
	}
}
