package main

import (
	"os"
	"os/exec"
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

// TestExportReplacesAllOrNone (issue 10 item 9): with an earlier export in the folder whose third
// file cannot be replaced (immutable, as a file held open on Windows is), the export fails and
// the first two files are still the old ones. Also: export refuses to write over its input.
func TestExportReplacesAllOrNone(t *testing.T) {
	out := t.TempDir()
	if code, _, stderr := runCLI(t, "export", sample, "--out", out); code != 0 {
		t.Fatal(stderr)
	}
	old := map[string]os.FileInfo{} // identity: a replaced file is a new inode even with equal bytes
	for _, n := range []string{"自评表.xlsx", "评分表.pdf", "自评报告.pdf"} {
		old[n], _ = os.Stat(filepath.Join(out, n))
	}
	third := filepath.Join(out, "自评报告.pdf")
	if err := exec.Command("chattr", "+i", third).Run(); err != nil {
		t.Skip("chattr +i is not available here:", err)
	}
	defer exec.Command("chattr", "-i", third).Run()
	code, _, stderr := runCLI(t, "export", sample, "--out", out)
	if code != 1 || !strings.Contains(stderr, "所有文件都未改动") {
		t.Errorf("exit %d %q", code, stderr)
	}
	for n, want := range old {
		if st, err := os.Stat(filepath.Join(out, n)); err != nil || !os.SameFile(st, want) {
			t.Errorf("%s was replaced although the export failed", n)
		}
	}
	if es, _ := os.ReadDir(out); len(es) != 3 {
		t.Errorf("%d entries left in the folder, want 3", len(es))
	}
}

// TestExportNeverOverwritesItsInput: an assessment file named like an output is not replaced.
func TestExportNeverOverwritesItsInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "评分表.pdf")
	data, _ := os.ReadFile(sample)
	os.WriteFile(in, data, 0o644)
	code, _, stderr := runCLI(t, "export", in, "--out", dir)
	if code != 1 || !strings.Contains(stderr, "就是输入文件") {
		t.Errorf("exit %d %q", code, stderr)
	}
	if b, _ := os.ReadFile(in); string(b) != string(data) {
		t.Error("the input was overwritten")
	}
}
