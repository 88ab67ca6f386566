package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// importedDB makes a database with the sample imported, for the tests below.
func importedDB(t *testing.T) (dir, db string) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "s.db")
	if code, _, stderr := runCLI(t, "import", sample, "--db", db); code != 0 {
		t.Fatalf("import: %d %s", code, stderr)
	}
	return dir, db
}

// TestDumpNeverOverwritesItsDatabase (issue 10 item 1): `dump --out s.db` wrote JSON over the
// open database, with exit 0. Every spelling of the database, its log, lock, backups and the
// evidence it refers to is refused, and the database still opens afterwards.
func TestDumpNeverOverwritesItsDatabase(t *testing.T) {
	dir, db := importedDB(t)
	before, _ := os.ReadFile(db)
	os.Symlink(db, filepath.Join(dir, "link.db"))
	os.Mkdir(filepath.Join(dir, "backups"), 0o755)
	wd, _ := os.Getwd()
	os.Chdir(dir)
	defer os.Chdir(wd)
	for _, out := range []string{db, "s.db", "./s.db", filepath.Join(dir, "sub", "..", "s.db"), "link.db",
		"s.db-wal", "s.db.lock", filepath.Join("backups", "x.json")} {
		os.Mkdir(filepath.Join(dir, "sub"), 0o755)
		code, _, stderr := runCLI(t, "dump", "--assessment", "1", "--db", "s.db", "--out", out)
		if code != 1 || !strings.Contains(stderr, "请换一个输出位置") {
			t.Errorf("--out %s: exit %d %q", out, code, stderr)
		}
	}
	after, _ := os.ReadFile(db)
	if len(after) < len(before)/2 || !strings.HasPrefix(string(after), "SQLite format 3") {
		t.Fatal("the database was overwritten")
	}
	if code, out, _ := runCLI(t, "list", "--db", db); code != 0 || !strings.Contains(out, "2020") {
		t.Fatalf("list after the attacks: %d %s", code, out)
	}
	if code, _, stderr := runCLI(t, "dump", "--assessment", "1", "--db", db, "--out", filepath.Join(dir, "ok.json")); code != 0 {
		t.Fatalf("a good dump: %s", stderr)
	}
}

// TestEmptyFlagValuesAreUsageErrors (issue 10 item 13): --db '' silently used the desktop database.
func TestEmptyFlagValuesAreUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"list", "--db", ""},
		{"list", "--db="},
		{"import", sample, "--db", ""},
		{"dump", "--assessment", "1", "--db", ""},
		{"dump", "--assessment", "1", "--out", ""},
		{"score", sample, "--catalog", ""},
		{"catalog", "--catalog="},
		{"export", sample, "--out", ""},
		{"package", sample, "--out", ""},
	} {
		code, _, stderr := runCLI(t, args...)
		if code != 2 || !strings.Contains(stderr, "的值不能为空") {
			t.Errorf("%v: exit %d %q", args, code, stderr)
		}
	}
}
