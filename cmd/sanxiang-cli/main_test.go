package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sanxiang/scoring"
	"strings"
	"testing"
)

const sample = "../../testdata/sample-assessment.json"

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(testCats(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "坏文件.json")
	os.WriteFile(bad, []byte(`{"format":"sanxiang.assessment","version":1,"catalog":"shaanxi-2020","unit":{"name":"x"},"year":2020,"answers":[{"no":1,"status":"scored","score":0.25}]}`), 0o644)
	cases := []struct {
		args   []string
		code   int
		stderr string
	}{
		{nil, 2, "用法"},
		{[]string{"frobnicate"}, 2, "未知命令"},
		{[]string{"score"}, 2, "需要一个自评文件"},
		{[]string{"score", sample, "--bogus"}, 2, "未知选项"},
		{[]string{"score", "/no/such/file.json"}, 1, "无法打开自评文件"},
		{[]string{"score", bad}, 1, "评分要点(1)：得分 0.25 不是 0.1 的整数倍"},
		{[]string{"score", sample}, 0, ""},
		{[]string{"score", "--json", sample}, 0, ""},
		{[]string{"catalog", "extra"}, 2, "不接受参数"},
		{[]string{"catalog", "--catalog", bad}, 1, "指标体系文件格式错误"},
		{[]string{"dump"}, 2, "--assessment"},
		{[]string{"help"}, 0, ""},
		{[]string{"score", "-h"}, 0, ""},
		{[]string{"score", sample, "--json=x"}, 2, "选项 --json 只能写"},
		{[]string{"dump", "--assessment", "x"}, 2, "选项 --assessment 的值 \"x\" 无效"},
		{[]string{"list", "--db", "/no/such/dir/x.db"}, 1, "无法打开数据库"},
	}
	for _, tc := range cases {
		code, _, stderr := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.stderr) {
			t.Errorf("%v: exit %d stderr %q; want %d containing %q", tc.args, code, stderr, tc.code, tc.stderr)
		}
	}
}

func TestCatalogJSONContract(t *testing.T) {
	code, out, _ := runCLI(t, "catalog", "--json")
	if code != 0 {
		t.Fatal(code)
	}
	var c struct {
		ID     string  `json:"id"`
		Title  string  `json:"title"`
		Points float64 `json:"points"`
		Areas  []struct {
			Code, Title string
			Points      float64
			Categories  []struct {
				Code, Title string
				Points      float64
				Indicators  []struct {
					Code, Title string
					Points      float64
					Criteria    []struct {
						No     int     `json:"no"`
						Text   string  `json:"text"`
						Points float64 `json:"points"`
					} `json:"criteria"`
				} `json:"indicators"`
			} `json:"categories"`
		} `json:"areas"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, a := range c.Areas {
		for _, cat := range a.Categories {
			for _, ind := range cat.Indicators {
				n += len(ind.Criteria)
			}
		}
	}
	if c.ID != "shaanxi-2020" || c.Points != 100 || len(c.Areas) != 5 || n != 170 ||
		c.Areas[2].Categories[2].Indicators[0].Criteria[10].No != 105 || c.Areas[0].Categories[0].Indicators[0].Criteria[0].Points != 0.5 {
		t.Fatalf("catalog JSON wrong: id %s points %v areas %d criteria %d", c.ID, c.Points, len(c.Areas), n)
	}
}

func TestScoreJSONContract(t *testing.T) {
	code, out, _ := runCLI(t, "score", sample, "--json")
	if code != 0 {
		t.Fatal(code)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"catalog", "total", "max", "na_points", "applicable_max", "converted", "scored", "na", "unanswered", "areas", "problems"} {
		if _, ok := m[k]; !ok {
			t.Errorf("score --json lacks key %q", k)
		}
	}
	if m["total"].(float64) != 89.9 || m["converted"].(float64) != 92.21 || m["applicable_max"].(float64) != 97.5 {
		t.Fatalf("sample: total %v converted %v", m["total"], m["converted"])
	}
	area := m["areas"].([]any)[0].(map[string]any)
	for _, k := range []string{"code", "points", "score", "na_points", "categories"} {
		if _, ok := area[k]; !ok {
			t.Errorf("area lacks %q", k)
		}
	}
	ind := area["categories"].([]any)[0].(map[string]any)["indicators"].([]any)[0].(map[string]any)
	for _, k := range []string{"code", "points", "score"} {
		if _, ok := ind[k]; !ok {
			t.Errorf("indicator lacks %q", k)
		}
	}
	p := m["problems"].([]any)[0].(map[string]any)
	for _, k := range []string{"no", "kind", "message"} {
		if _, ok := p[k]; !ok {
			t.Errorf("problem lacks %q", k)
		}
	}
}

func TestScoreTableIsChinese(t *testing.T) {
	_, out, _ := runCLI(t, "score", sample)
	for _, want := range []string{"自评得分 89.9 / 100", "折算得分 92.21", "未评（3 项）：(168)(169)(170)", "(三)明确审核内容"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q", want)
		}
	}
}

func TestImportListDumpRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "数据 库.db")
	code, out, stderr := runCLI(t, "import", sample, "--db", db)
	if code != 0 || !strings.Contains(out, "自评得分 89.9") {
		t.Fatalf("import: %d %q %q", code, out, stderr)
	}
	if code, _, stderr := runCLI(t, "import", sample, "--db", db); code != 1 || !strings.Contains(stderr, "2020") {
		t.Fatalf("second import of the same unit and year: %d %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "import", sample, "--db", db, "--replace"); code != 0 {
		t.Fatalf("import --replace: %d %q", code, stderr)
	}
	code, out, _ = runCLI(t, "list", "--db", db)
	if code != 0 || !strings.Contains(out, "西安市雁塔区示范执法局（虚构）") {
		t.Fatalf("list: %d %q", code, out)
	}
	id := strings.Fields(strings.Split(out, "\n")[1])[0]
	dumped := filepath.Join(dir, "dump.json")
	if code, _, stderr := runCLI(t, "dump", "--assessment", id, "--db", db, "--out", dumped); code != 0 {
		t.Fatalf("dump: %d %q", code, stderr)
	}
	_, orig, _ := runCLI(t, "score", sample, "--json")
	_, again, _ := runCLI(t, "score", dumped, "--json")
	if orig != again {
		t.Fatal("score of the dumped assessment differs from the imported file")
	}
	if code, _, stderr := runCLI(t, "dump", "--assessment", "999", "--db", db); code != 1 || !strings.Contains(stderr, "999") {
		t.Fatalf("dump of a missing id: %d %q", code, stderr)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"format":"sanxiang.assessment"`), 0o644)
	before, _ := os.ReadFile(db)
	if code, _, _ := runCLI(t, "import", bad, "--db", db); code != 1 {
		t.Fatalf("truncated file imported: %d", code)
	}
	after, _ := os.ReadFile(db)
	if !bytes.Equal(before, after) {
		t.Fatal("a refused import changed the database file")
	}
}

// TestUserFilesNeverHang (issue 10 items 4, 5): score and catalog on /dev/zero grew to
// gigabytes, import of a FIFO blocked forever; every user-named file is type-checked first.
func TestUserFilesNeverHang(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "a.json")
	mkfifo(fifo)
	for _, args := range [][]string{
		{"score", "/dev/zero"},
		{"catalog", "--catalog", "/dev/zero"},
		{"score", sample, "--catalog", "/dev/zero"},
		{"score", fifo},
		{"import", fifo, "--db", filepath.Join(t.TempDir(), "s.db")},
		{"export", "/dev/zero", "--out", t.TempDir()},
	} {
		if _, err := os.Stat(args[1]); err != nil {
			continue
		}
		code, _, stderr := runCLI(t, args...)
		if code != 1 || !strings.Contains(stderr, "不是普通文件") {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
	}
}

// testCats is the catalog registry main builds (the built-in catalog), fresh for every command
// as in a real run.
func testCats() *scoring.Set {
	s, err := scoring.BuiltinSet()
	if err != nil {
		panic(err)
	}
	return s
}
