package main

import (
	"fmt"
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

// TestEmptyFlagValuesAreUsageErrors (issue 10 item 13): --db ” silently used the desktop database.
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

// TestOverLimitFilesAreRefusedEarly (issue 10 item 6): 70 000 evidence records passed `score` and
// then made `export` fail after minutes with excelize's "over maximum limit hyperlinks"; a
// 250-character unit name broke the xlsx footer. score, import and export refuse them at once.
func TestOverLimitFilesAreRefusedEarly(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString(`{"format":"sanxiang.assessment","version":1,"catalog":"shaanxi-2020","unit":{"name":"某局","credit_code":"11610113MB12345675"},"year":2020,"answers":[`)
	for no := 1; no <= 170; no++ {
		if no > 1 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"no":%d,"status":"unanswered","evidence":[`, no)
		for i := 0; i < 412; i++ { // 70 040 in all, 412 on each criterion
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"path":"e/%d_%d.pdf"}`, no, i)
		}
		b.WriteString("]}")
	}
	b.WriteString("]}")
	many := filepath.Join(dir, "many.json")
	os.WriteFile(many, []byte(b.String()), 0o644)
	raw, _ := os.ReadFile(sample)
	long := filepath.Join(dir, "long.json")
	os.WriteFile(long, []byte(strings.Replace(string(raw), `"name": "`, `"name": "`+strings.Repeat("长", 250), 1)), 0o644)
	db := filepath.Join(dir, "s.db")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"score", many}, "评分要点(1)：有 412 个佐证材料，超过每个评分要点 50 个的上限"},
		{[]string{"import", many, "--db", db}, "超过每个评分要点 50 个的上限"},
		{[]string{"export", many, "--out", filepath.Join(dir, "out")}, "超过每个评分要点 50 个的上限"},
		{[]string{"score", long}, "单位名称有 "},
		{[]string{"export", long, "--out", filepath.Join(dir, "out")}, "超过上限 50 个字"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		if code != 1 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d %q", tc.args[0], code, stderr)
		}
	}
	if es, _ := os.ReadDir(dir); len(es) != 2 {
		t.Errorf("refusals left files: %v", es)
	}
}

// TestRefusalsLeaveNothing (issue 10 item 8): a refused import created s.db, its lock and
// evidence/; a refused package re-import left evidence/ behind; --db on a folder, /dev/null or
// a JSON file left *.lock files.
func TestRefusalsLeaveNothing(t *testing.T) {
	raw, _ := os.ReadFile(sample)
	noCode := filepath.Join(t.TempDir(), "无代码.json")
	os.WriteFile(noCode, []byte(strings.Replace(string(raw), `"credit_code": "11610113MB12345675"`, `"credit_code": ""`, 1)), 0o644)
	dir := t.TempDir()
	if code, _, stderr := runCLI(t, "import", noCode, "--db", filepath.Join(dir, "s.db")); code != 1 || !strings.Contains(stderr, "统一社会信用代码") {
		t.Errorf("import without credit code: %d %q", code, stderr)
	}
	if es, _ := os.ReadDir(dir); len(es) != 0 {
		t.Errorf("a refused import left %v", es)
	}

	important := filepath.Join(t.TempDir(), "important.json")
	os.WriteFile(important, raw, 0o644)
	folder := t.TempDir()
	for _, db := range []string{folder, "/dev/null", important} {
		for _, args := range [][]string{{"list", "--db", db}, {"import", sample, "--db", db}, {"dump", "--assessment", "1", "--db", db}} {
			code, _, stderr := runCLI(t, args...)
			if code != 1 || !strings.Contains(stderr, "不是") {
				t.Errorf("%v: %d %q", args, code, stderr)
			}
		}
		if _, err := os.Lstat(db + ".lock"); err == nil {
			os.Remove(db + ".lock")
			t.Errorf("--db %s left a lock file", db)
		}
	}
	if b, _ := os.ReadFile(important); string(b) != string(raw) {
		t.Error("important.json was changed")
	}

	// a package imported twice: the second is refused and leaves the evidence folder as it was
	file := pkgSample(t)
	out := t.TempDir()
	if code, _, stderr := runCLI(t, "package", file, "--out", out); code != 0 {
		t.Fatal(stderr)
	}
	pkgPath := filepath.Join(out, "西安市雁塔区示范执法局（虚构）_2020_三项制度自评")
	dbDir := t.TempDir()
	db := filepath.Join(dbDir, "s.db")
	if code, _, stderr := runCLI(t, "import", pkgPath, "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	before := treeNames(t, dbDir)
	if code, _, stderr := runCLI(t, "import", pkgPath, "--db", db); code != 1 || !strings.Contains(stderr, "已") {
		t.Errorf("second import: %d %q", code, stderr)
	}
	if after := treeNames(t, dbDir); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Errorf("a refused re-import changed the folder:\n%v\n→\n%v", before, after)
	}
	// and into a new database: nothing at all is left
	fresh := t.TempDir()
	os.WriteFile(filepath.Join(pkgPath, "多余.txt"), []byte("x"), 0o644)
	if code, _, _ := runCLI(t, "import", pkgPath, "--db", filepath.Join(fresh, "s.db")); code != 1 {
		t.Error("a tampered package was imported")
	}
	if es, _ := os.ReadDir(fresh); len(es) != 0 {
		t.Errorf("a refused package import left %v", es)
	}
}

// treeNames lists the files below dir except the database's own (which every open touches).
func treeNames(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		if !strings.HasPrefix(rel, "s.db") {
			out = append(out, rel)
		}
		return nil
	})
	return out
}

// TestReplaceSaysWhichNameWasKept (issue 10 item 12): import --replace of a file with the same
// credit code but another unit name printed the new name and stored the old one.
func TestReplaceSaysWhichNameWasKept(t *testing.T) {
	dir, db := importedDB(t)
	raw, _ := os.ReadFile(sample)
	renamed := filepath.Join(dir, "改名.json")
	os.WriteFile(renamed, []byte(strings.Replace(string(raw), "西安市雁塔区示范执法局（虚构）", "新名字局", 1)), 0o644)
	code, stdout, stderr := runCLI(t, "import", renamed, "--db", db, "--replace")
	if code != 0 {
		t.Fatal(stderr)
	}
	_, list, _ := runCLI(t, "list", "--db", db)
	if !strings.Contains(list, "西安市雁塔区示范执法局（虚构）") {
		t.Fatalf("list: %s", list)
	}
	if strings.Contains(stdout, "新名字局") || !strings.Contains(stdout, "西安市雁塔区示范执法局（虚构）") || !strings.Contains(stderr, "“新名字局”未采用") {
		t.Errorf("stdout %q stderr %q", stdout, stderr)
	}
}
