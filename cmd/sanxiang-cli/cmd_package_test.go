package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"sanxiang/exchange"
	"sanxiang/scoring"
	"sanxiang/storage"
)

// pkgSample copies the sample assessment and its evidence into a temporary folder.
func pkgSample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Dir(sample)
	os.MkdirAll(filepath.Join(dir, "sample-evidence"), 0o755)
	ents, err := os.ReadDir(filepath.Join(src, "sample-evidence"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		data, _ := os.ReadFile(filepath.Join(src, "sample-evidence", e.Name()))
		os.WriteFile(filepath.Join(dir, "sample-evidence", e.Name()), data, 0o644)
	}
	data, _ := os.ReadFile(sample)
	p := filepath.Join(dir, "自评 文件.json")
	os.WriteFile(p, data, 0o644)
	return p
}

func call(f func([]string, *bytes.Buffer, *bytes.Buffer) int, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := f(args, &out, &errb)
	return code, out.String(), errb.String()
}

func pkgCmd(args []string, out, errb *bytes.Buffer) int {
	return cmdPackage(testCats(), args, out, errb)
}
func verifyCmd(args []string, out, errb *bytes.Buffer) int {
	return cmdVerify(testCats(), args, out, errb)
}

func TestPackageAndVerifyCommands(t *testing.T) {
	file := pkgSample(t)
	out := filepath.Join(t.TempDir(), "U盘 根目录")
	os.MkdirAll(out, 0o755)
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{nil, 2, "需要一个自评文件"},
		{[]string{file}, 2, "--out"},
		{[]string{file, "--out", out, "--bogus"}, 2, "未知选项"},
		{[]string{file, "--out", filepath.Join(out, "没有")}, 1, "不存在"},
		{[]string{"/no/such.json", "--out", out}, 1, "无法打开自评文件"},
	} {
		if code, _, stderr := call(pkgCmd, tc.args...); code != tc.code || !strings.Contains(stderr, tc.stderr) {
			t.Errorf("package %v: exit %d %q, want %d %q", tc.args, code, stderr, tc.code, tc.stderr)
		}
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Fatalf("failed commands wrote %v", ents)
	}
	code, stdout, stderr := call(pkgCmd, file, "--out", out)
	if code != 0 || !strings.Contains(stdout, "报送包校验码：") || stderr != "" {
		t.Fatalf("package: exit %d\n%s\n%s", code, stdout, stderr)
	}
	pkgDir := filepath.Join(out, "西安市雁塔区示范执法局（虚构）_2020_三项制度自评")
	code, stdout, _ = call(verifyCmd, pkgDir)
	if code != 0 || !strings.Contains(stdout, "校验通过") {
		t.Fatalf("verify: exit %d\n%s", code, stdout)
	}
	// again: refused, then replaced
	if code, _, stderr := call(pkgCmd, file, "--out", out); code != 1 || !strings.Contains(stderr, "--replace") {
		t.Errorf("second package: exit %d %s", code, stderr)
	}
	if code, _, stderr := call(pkgCmd, "--zip", file, "--out", out); code != 0 {
		t.Errorf("zip: exit %d %s", code, stderr)
	}
	if code, stdout, _ := call(verifyCmd, pkgDir+".zip"); code != 0 || !strings.Contains(stdout, "校验通过") {
		t.Errorf("verify zip: exit %d %s", code, stdout)
	}
	// a changed file: exit 1 naming it
	xlsx := filepath.Join(pkgDir, "自评表.xlsx")
	data, _ := os.ReadFile(xlsx)
	data[len(data)/3] ^= 1
	os.WriteFile(xlsx, data, 0o644)
	code, stdout, _ = call(verifyCmd, pkgDir)
	if code != 1 || !strings.Contains(stdout, "自评表.xlsx") || !strings.Contains(stdout, "未通过") {
		t.Errorf("verify changed: exit %d\n%s", code, stdout)
	}
	for _, tc := range []struct {
		args []string
		code int
	}{{nil, 2}, {[]string{"a", "b"}, 2}, {[]string{filepath.Join(out, "没有")}, 1}, {[]string{file}, 1}} {
		if code, _, _ := call(verifyCmd, tc.args...); code != tc.code {
			t.Errorf("verify %v: exit %d, want %d", tc.args, code, tc.code)
		}
	}
}

func TestPackageStrictAndMissingEvidence(t *testing.T) {
	file := pkgSample(t)
	a, err := exchange.ReadFile(file, testCats())
	if err != nil {
		t.Fatal(err)
	}
	var gone string
	for _, no := range a.Catalog.Numbers() {
		if ev := a.Answers[no].Evidence; len(ev) > 0 && gone == "" {
			gone = ev[0].Path
		}
	}
	os.Remove(gone)
	out := t.TempDir()
	code, _, stderr := call(pkgCmd, file, "--out", out, "--strict")
	if code != 1 || !strings.Contains(stderr, gone) || !strings.Contains(stderr, "--strict") {
		t.Errorf("strict: exit %d\n%s", code, stderr)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Errorf("--strict wrote %v", ents)
	}
	code, stdout, stderr := call(pkgCmd, file, "--out", out)
	if code != 0 || !strings.Contains(stderr, gone) || !strings.Contains(stdout, "1 个缺失或已变化") {
		t.Errorf("lenient: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

// TestImportPackageReproducesScores: a package imported into a fresh database gives back the
// same assessment, scores and all, with the evidence copied beside the database.
func TestImportPackageReproducesScores(t *testing.T) {
	file := pkgSample(t)
	orig, err := exchange.ReadFile(file, testCats())
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	for _, zipped := range []bool{false, true} {
		args := []string{file, "--out", out, "--replace"}
		if zipped {
			args = append(args, "--zip")
		}
		if code, _, stderr := call(pkgCmd, args...); code != 0 {
			t.Fatalf("package: %s", stderr)
		}
		pkgPath := filepath.Join(out, "西安市雁塔区示范执法局（虚构）_2020_三项制度自评")
		if zipped {
			pkgPath += ".zip"
		}
		dbPath := filepath.Join(t.TempDir(), "新数据库", "sanxiang.db")
		os.MkdirAll(filepath.Dir(dbPath), 0o755)
		var so, se bytes.Buffer
		if code := importPackage(testCats(), pkgPath, dbPath, false, &so, &se); code != 0 {
			t.Fatalf("import zip=%v: exit %d\n%s", zipped, code, se.String())
		}
		db, err := storage.Open(dbPath, testCats())
		if err != nil {
			t.Fatal(err)
		}
		list, err := db.Assessments()
		if err != nil || len(list) != 1 {
			t.Fatalf("assessments: %v %v", list, err)
		}
		got, err := db.Load(list[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(scoring.Score(got.Catalog, got.Answers), scoring.Score(orig.Catalog, orig.Answers)) {
			t.Error("imported scores differ")
		}
		if got.Unit != orig.Unit || got.Year != orig.Year || !reflect.DeepEqual(got.Narratives, orig.Narratives) {
			t.Errorf("imported unit/year/narratives differ: %+v", got.Unit)
		}
		evDir := storage.EvidenceDir(dbPath)
		for no, ans := range orig.Answers {
			g := got.Answers[no]
			if g.Status != ans.Status || g.Score != ans.Score || g.Note != ans.Note || len(g.Evidence) != len(ans.Evidence) {
				t.Errorf("(%d) answer differs", no)
				continue
			}
			for i, e := range g.Evidence {
				if !strings.HasPrefix(e.Path, evDir) || e.SHA256 != ans.Evidence[i].SHA256 {
					t.Errorf("(%d) evidence %s (sha %s)", no, e.Path, e.SHA256)
				}
				if _, err := os.Stat(e.Path); err != nil {
					t.Errorf("(%d) evidence copy missing: %v", no, err)
				}
			}
		}
		// the same package again: the database refuses the duplicate and the copies are removed
		se.Reset()
		if code := importPackage(testCats(), pkgPath, dbPath, false, &so, &se); code != 1 {
			t.Errorf("second import: exit %d", code)
		}
		if ents, _ := os.ReadDir(evDir); len(ents) != 1 {
			t.Errorf("evidence folder after refused import holds %d folders", len(ents))
		}
		db.Close()
	}
}

func TestImportTamperedPackageRefused(t *testing.T) {
	file := pkgSample(t)
	out := t.TempDir()
	if code, _, stderr := call(pkgCmd, file, "--out", out); code != 0 {
		t.Fatal(stderr)
	}
	pkgDir := filepath.Join(out, "西安市雁塔区示范执法局（虚构）_2020_三项制度自评")
	os.WriteFile(filepath.Join(pkgDir, "佐证材料", "多出来的.txt"), []byte("x"), 0o644)
	dbPath := filepath.Join(t.TempDir(), "sanxiang.db")
	var so, se bytes.Buffer
	if code := importPackage(testCats(), pkgDir, dbPath, false, &so, &se); code != 1 || !strings.Contains(se.String(), "多出来的.txt") {
		t.Fatalf("exit %d\n%s", code, se.String())
	}
	if strings.Count(se.String(), "校验未通过") != 1 {
		t.Errorf("the verdict is repeated:\n%s", se.String())
	}
	if ents, _ := os.ReadDir(filepath.Dir(dbPath)); len(ents) != 0 {
		t.Errorf("a refused package import left files beside the database: %v", ents)
	}
	db, err := storage.Open(dbPath, testCats())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if list, _ := db.Assessments(); len(list) != 0 {
		t.Errorf("tampered package imported: %v", list)
	}
	if ents, _ := os.ReadDir(storage.EvidenceDir(dbPath)); len(ents) != 0 {
		t.Errorf("tampered package left evidence: %v", ents)
	}
}
