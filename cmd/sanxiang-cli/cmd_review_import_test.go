package main

import (
	"archive/zip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sanxiang/export/pack/packtest"
	"sanxiang/scoring/review"
	"sanxiang/storage"
)

// TestReviewImport (issue 12): `review import` of a stick prints one line per package, --json
// prints exactly the contract's keys (golden file, paths made relative to the stick), exit 1
// because some were refused; the refused ones leave nothing in the database's evidence folder.
func TestReviewImport(t *testing.T) {
	work := t.TempDir()
	root := filepath.Join(t.TempDir(), "U盘")
	db := filepath.Join(t.TempDir(), storage.FileName)
	spec := func(n int, unit string) packtest.Spec {
		return packtest.Spec{Unit: unit, Code: packtest.CreditCode(t, n), Year: 2024, Files: 2, Size: 10 << 10}
	}
	packtest.Package(t, work, root, spec(1, "甲区市场监督管理局"), false)
	packtest.Package(t, work, filepath.Join(root, "二街道"), spec(2, "乙区城市管理执法局"), true)
	res := packtest.Package(t, work, filepath.Join(root, "丁"), spec(4, "丁区应急管理局"), false)
	packtest.Tamper(t, res.Path)
	res = packtest.Package(t, work, filepath.Join(root, "戊"), spec(5, "戊区水务局"), true)
	packtest.Truncate(t, res.Path)
	res = packtest.Package(t, work, work, spec(6, "己区文化和旅游局"), true)
	packtest.Hostile(t, res.Path, filepath.Join(root, "己区.zip"), packtest.Climb)
	dup := packtest.Package(t, work, filepath.Join(work, "早先"), spec(7, "庚区农业农村局"), true)
	packtest.Package(t, work, root, spec(7, "庚区农业农村局"), false)
	os.MkdirAll(filepath.Join(root, "会议通知"), 0o755)
	os.WriteFile(filepath.Join(root, "会议通知", "通知.docx"), []byte("通知"), 0o644)
	zf, _ := os.Create(filepath.Join(root, "照片.zip"))
	zw := zip.NewWriter(zf)
	w, _ := zw.Create("照片/合影.jpg")
	w.Write([]byte("jpeg"))
	zw.Close()
	zf.Close()

	if code, out, errs := runCLI(t, "review", "import", dup.Path, "--db", db); code != 0 || !strings.Contains(out, "已导入：庚区农业农村局 2024 年度") {
		t.Fatalf("first import: %d %s %s", code, out, errs)
	}
	code, out, errs := runCLI(t, "review", "import", "--json", root, "--db", db)
	if code != 1 {
		t.Errorf("exit %d, want 1 (refused packages); stderr %s", code, errs)
	}
	var lines []map[string]any
	if err := json.Unmarshal([]byte(out), &lines); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, l := range lines {
		if len(l) != 7 {
			t.Errorf("keys of %v", l)
		}
	}
	got := strings.ReplaceAll(out, root, "U盘")
	golden := filepath.Join("testdata", "review-import.golden.json")
	if *update { // -update, defined in cmd_review_test.go
		os.WriteFile(golden, []byte(got), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("review import --json:\n%s\nwant (%s):\n%s", got, golden, want)
	}
	ents, _ := os.ReadDir(storage.EvidenceDir(db))
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if len(names) != 3 { // 庚 first, then 甲 and 乙
		t.Errorf("evidence folder holds %v", names)
	}

	// what was imported is what the bureau reviews: review list shows it with its digest
	code, list, errs := runCLI(t, "review", "list", "--db", db, "--year", "2024", "--json")
	if code != 0 || !strings.Contains(list, "甲区市场监督管理局") || !strings.Contains(list, "4CD9-AD9T-DA40") || strings.Contains(list, "丁区应急管理局") {
		t.Errorf("review list after the import: %d %s %s", code, list, errs)
	}

	// the text form: one line per package and the count
	code, out, _ = runCLI(t, "review", "import", root, "--db", db)
	if code != 1 {
		t.Errorf("text: exit %d", code)
	}
	for _, s := range []string{"已导入过：甲区市场监督管理局 2024 年度", "未导入：丁区应急管理局 2024 年度", "被改动的文件", "未导入：" + filepath.Join(root, "己区.zip"),
		"压缩包不安全", "不完整", "共 6 个报送包：已导入 0 个，已导入过 3 个，未导入 3 个。"} {
		if !strings.Contains(out, s) {
			t.Errorf("text output lacks %q:\n%s", s, out)
		}
	}

	// only good packages: exit 0; --replace imports again
	code, out, errs = runCLI(t, "review", "import", filepath.Join(root, "二街道"), "--db", db, "--replace")
	if code != 0 || !strings.Contains(out, "已导入：乙区城市管理执法局") {
		t.Errorf("replace: %d %s %s", code, out, errs)
	}
	if strings.Contains(errs, "推荐") {
		t.Errorf("a replace of an unreviewed unit speaks of recommendations: %s", errs)
	}

	// a 已复核, recommended unit replaced: its review goes back to 复核中 and its recommendation
	// goes with it (review export would refuse it otherwise); stderr says so, --json keeps its keys
	code7 := packtest.CreditCode(t, 7)
	var catID string
	doneAndMarked := func(m review.Marks) {
		t.Helper()
		st, err := storage.Open(db, testCats())
		if err != nil {
			t.Fatal(err)
		}
		id7, _, err := st.FindAssessment(code7, 2024)
		if err == nil {
			err = st.ApplyReview(id7, &review.Review{Reviewer: "刘洋", Status: review.Done})
		}
		if err == nil {
			var u review.Unit
			u, err = st.BureauUnit(id7)
			if err == nil {
				catID = u.Assessment.Catalog.ID
				err = st.SetMarks(2024, catID, m)
			}
		}
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	doneAndMarked(review.Marks{Units: map[string]bool{code7: true}, Persons: map[string]bool{code7: true}})
	code, out, errs = runCLI(t, "review", "import", dup.Path, "--db", db, "--replace", "--json")
	if code != 0 || !strings.Contains(errs, "注意：庚区农业农村局 2024 年度的复核已回到复核中，已取消其示范单位和执法标兵推荐，复核完成后可重新推荐。") {
		t.Errorf("replace of a recommended unit: %d %s %s", code, out, errs)
	}
	lines = nil
	if err := json.Unmarshal([]byte(out), &lines); err != nil || len(lines) != 1 || len(lines[0]) != 7 || lines[0]["status"] != "imported" {
		t.Errorf("--json of the replace: %v %s", err, out)
	}
	marks := func() review.Marks {
		t.Helper()
		st, err := storage.Open(db, testCats())
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		m, err := st.Marks(2024, catID)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	if m := marks(); len(m.Units)+len(m.Persons) != 0 {
		t.Errorf("marks after the replace: %+v", m)
	}
	// `import 报送包 --replace` keeps the same rule and says so the same way
	doneAndMarked(review.Marks{Units: map[string]bool{code7: true}})
	code, out, errs = runCLI(t, "import", dup.Path, "--db", db, "--replace")
	if code != 0 || !strings.Contains(out, "已导入：庚区农业农村局 2024 年度") || !strings.Contains(errs, "注意：庚区农业农村局 2024 年度的复核已回到复核中，已取消其示范单位推荐，复核完成后可重新推荐。") {
		t.Errorf("import --replace of a recommended unit: %d %s %s", code, out, errs)
	}
	if m := marks(); len(m.Units)+len(m.Persons) != 0 {
		t.Errorf("marks after import --replace: %+v", m)
	}
}

func TestReviewImportUsage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(t.TempDir(), storage.FileName)
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"review"}, 2, "需要子命令"},
		{[]string{"review", "frobnicate"}, 2, "没有子命令"},
		{[]string{"review", "import"}, 2, "至少一个"},
		{[]string{"review", "import", dir, "--bogus"}, 2, "未知选项"},
		{[]string{"review", "import", dir, "--db", ""}, 2, "不能为空"},
		{[]string{"review", "import", filepath.Join(dir, "没有"), "--db", db}, 1, "找不到"},
		{[]string{"review", "import", dir, "--db", db}, 0, "没有找到报送包"},
	} {
		code, _, errs := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.stderr) {
			t.Errorf("%v: exit %d, stderr %q", tc.args, code, errs)
		}
	}
	// nothing imported into a new database: it is not left behind
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("a run that imported nothing left the new database %s", db)
	}
	code, out, _ := runCLI(t, "review", "import", dir, "--db", db, "--json")
	if code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("--json of nothing: %d %q", code, out)
	}
}
