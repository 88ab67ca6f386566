package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const otherCatalogFile = "../../testdata/catalog-other.json"

// otherAssessment writes an assessment file on the second test catalog (it names its id only).
func otherAssessment(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "其他指标体系自评.json")
	body := `{"format":"sanxiang.assessment","version":1,"catalog":"test-province-2025",
"unit":{"name":"某县市场监督管理局","credit_code":"11610113MB12345675"},"year":2025,
"answers":[{"no":1,"status":"scored","score":1.5},{"no":7,"status":"scored","score":5.5},{"no":8,"status":"na","na_reason":"无此事项"}],
"narratives":{"summary":"全年工作总结"}}`
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// score, export and package read a file made on another catalog with --catalog; the package
// carries it, so import on a fresh database needs no --catalog, and the stored assessment is
// dumped with the same scores after that.
func TestOtherCatalogThroughTheCLI(t *testing.T) {
	file := otherAssessment(t)
	if code, _, stderr := runCLI(t, "score", file); code != 1 || !strings.Contains(stderr, "--catalog") {
		t.Fatalf("score without --catalog: exit %d %q", code, stderr)
	}
	code, out, stderr := runCLI(t, "score", file, "--catalog", otherCatalogFile)
	if code != 0 || !strings.Contains(out, "9.5") {
		t.Fatalf("score --catalog: exit %d\n%s%s", code, out, stderr)
	}
	dir := t.TempDir()
	if code, _, stderr := runCLI(t, "export", file, "--out", filepath.Join(dir, "导出"), "--catalog", otherCatalogFile); code != 0 {
		t.Fatalf("export --catalog: %d %s", code, stderr)
	}
	usb := filepath.Join(dir, "U盘")
	os.Mkdir(usb, 0o755)
	if code, _, stderr := runCLI(t, "package", file, "--out", usb, "--zip", "--catalog", otherCatalogFile); code != 0 {
		t.Fatalf("package --catalog: %d %s", code, stderr)
	}
	zips, _ := filepath.Glob(filepath.Join(usb, "*.zip"))
	if len(zips) != 1 {
		t.Fatalf("packages: %v", zips)
	}
	db := filepath.Join(dir, "局里", "sanxiang.db")
	os.Mkdir(filepath.Dir(db), 0o755)
	code, out, stderr = runCLI(t, "import", zips[0], "--db", db)
	if code != 0 || !strings.Contains(out, "自评得分 9.5") {
		t.Fatalf("import of a package carrying its catalog: exit %d\n%s%s", code, out, stderr)
	}
	// a new run knows only the built-in: the database brings the catalog
	dumped := filepath.Join(dir, "导出的自评.json")
	if code, _, stderr := runCLI(t, "dump", "--assessment", "1", "--db", db, "--out", dumped); code != 0 {
		t.Fatalf("dump: %d %s", code, stderr)
	}
	code, out, stderr = runCLI(t, "score", dumped, "--catalog", otherCatalogFile)
	if code != 0 || !strings.Contains(out, "9.5") {
		t.Fatalf("score of the dumped file: exit %d\n%s%s", code, out, stderr)
	}
	// a file on another catalog imports with --catalog, and the database keeps the catalog
	db2 := filepath.Join(dir, "另一台", "sanxiang.db")
	os.Mkdir(filepath.Dir(db2), 0o755)
	if code, _, stderr := runCLI(t, "import", file, "--db", db2); code != 1 || !strings.Contains(stderr, "--catalog") {
		t.Fatalf("import of a file on an unknown catalog without --catalog: %d %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "import", file, "--db", db2, "--catalog", otherCatalogFile); code != 0 {
		t.Fatalf("import --catalog: %d %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "dump", "--assessment", "1", "--db", db2); code != 0 {
		t.Fatalf("dump without the catalog file: %d %s", code, stderr)
	}
}
