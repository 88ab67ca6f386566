package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sanxiang/storage"
	"sanxiang/workflow"
	"sanxiang/workflow/reviewtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// reviewDB writes the four-unit fixture (reviewtest) into a closed database and returns its path.
func reviewDB(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db, _ := reviewtest.Open(t, dir)
	path := db.Path()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReviewListJSONGolden(t *testing.T) {
	dbp := reviewDB(t)
	code, out, stderr := runCLI(t, "review", "list", "--db", dbp, "--year", "2020", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden := filepath.Join("testdata", "review-list.golden.json")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if out != string(want) {
		t.Errorf("review list --json differs from %s:\n%s", golden, out)
	}
	// the contract's shape: keys, rank order, null for no rank and no converted score
	var l struct {
		Year    int    `json:"year"`
		Catalog string `json:"catalog"`
		Units   []struct {
			Rank   *int   `json:"rank"`
			Credit string `json:"credit_code"`
			Self   struct {
				Converted *json.Number `json:"converted"`
			} `json:"self"`
			History []struct {
				Year int `json:"year"`
			} `json:"history"`
		} `json:"units"`
	}
	if err := json.Unmarshal([]byte(out), &l); err != nil {
		t.Fatal(err)
	}
	if l.Year != 2020 || l.Catalog != reviewtest.Catalog || len(l.Units) != 4 {
		t.Fatalf("list head %d %q %d units", l.Year, l.Catalog, len(l.Units))
	}
	ranks := []string{}
	for _, u := range l.Units {
		r := "null"
		if u.Rank != nil {
			r = string(rune('0' + *u.Rank))
		}
		ranks = append(ranks, r)
	}
	if got := strings.Join(ranks, ","); got != "1,2,2,null" {
		t.Errorf("ranks %s, want 1,2,2,null", got)
	}
	if l.Units[3].Self.Converted != nil || l.Units[0].Credit != reviewtest.CodeA || len(l.Units[0].History) != 1 || l.Units[0].History[0].Year != 2019 {
		t.Errorf("units: %+v", l.Units)
	}
	// the default year is the latest imported one: the same output
	if code, out2, _ := runCLI(t, "review", "list", "--db", dbp, "--json"); code != 0 || out2 != out {
		t.Errorf("review list --json without --year differs (exit %d)", code)
	}
	// a year without packages: an empty list, still the contract's shape
	code, out, _ = runCLI(t, "review", "list", "--db", dbp, "--year", "2018", "--json")
	if code != 0 || out != "{\n  \"year\": 2018,\n  \"catalog\": \"\",\n  \"units\": []\n}\n" {
		t.Errorf("empty year: exit %d\n%s", code, out)
	}
}

func TestReviewListTable(t *testing.T) {
	dbp := reviewDB(t)
	code, out, stderr := runCLI(t, "review", "list", "--db", dbp)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 6 {
		t.Fatalf("table has %d lines:\n%s", len(lines), out)
	}
	for i, want := range [][]string{
		{"2020 年度", "陕西", "4 个单位"},
		{"名次", "单位", "复核折算", "复核状态", "历年复核折算"},
		{"1 ", "西安市雁塔区市场监督管理局", reviewtest.CodeA, "已复核", "ABCD-EFGH-JKLM", "2019年"},
		{"2 ", "雁塔区城市管理和综合执法局", "复核中"},
		{"2 ", "雁塔区文化和旅游局", "未复核"},
		{"— ", "雁塔区档案馆", "无法计算", "DDDD-2020-0004（未通过）"},
	} {
		for _, w := range want {
			if !strings.Contains(lines[i], w) {
				t.Errorf("line %d lacks %q: %s", i+1, w, lines[i])
			}
		}
	}
}

func TestReviewCommands(t *testing.T) {
	dbp := reviewDB(t)
	dir := t.TempDir()
	file := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := file("ok.json", reviewtest.ReviewFile(reviewtest.CodeC, `{"no":2,"score":0.2,"comment":"佐证不足"}`))
	bad := file("bad.json", reviewtest.ReviewFile(reviewtest.CodeC, `{"no":2,"score":0.2,"comment":""}`, `{"no":999,"score":0,"comment":""}`))
	out := filepath.Join(dir, "导出")
	cases := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"review"}, 2, "", "review 需要子命令"},
		{[]string{"review", "frob"}, 2, "", "没有子命令"},
		{[]string{"review", "list", "x", "--db", dbp}, 2, "", "不接受参数"},
		{[]string{"review", "list", "--db", dbp, "--year", "1900"}, 1, "", "年度"},
		{[]string{"review", "list", "--db", filepath.Join(dir, "无.db")}, 1, "", "无法打开数据库"},
		{[]string{"review", "apply", "--db", dbp}, 2, "", "需要一个复核文件"},
		{[]string{"review", "apply", bad, "--db", dbp}, 1, "", "(999)"},
		{[]string{"review", "apply", good, "--db", dbp}, 0, "已导入复核：雁塔区文化和旅游局 2020 年度", ""},
		{[]string{"review", "export", "--db", dbp, "--out", out}, 2, "", "--year"},
		{[]string{"review", "export", "--db", dbp, "--year", "2018", "--out", out}, 1, "", "没有 2018 年度"},
		{[]string{"review", "mark", "--db", dbp, "--year", "2020"}, 2, "", "--unit"},
		{[]string{"review", "mark", "--db", dbp, "--year", "2020", "--unit", reviewtest.CodeD}, 1, "", "没有复核折算得分"},
		{[]string{"review", "mark", "--db", dbp, "--year", "2020", "--unit", reviewtest.CodeA}, 0, "已推荐示范单位", ""},
		{[]string{"review", "mark", "--db", dbp, "--year", "2020", "--person", reviewtest.CodeA}, 0, "已推荐执法标兵", ""},
		{[]string{"review", "mark", "--db", dbp, "--year", "2020", "--unit", reviewtest.CodeC}, 1, "", "超过名额"},
		{[]string{"review", "places", "--db", dbp, "--units", "100"}, 1, "", "0 至 99"},
		{[]string{"review", "places", "--db", dbp, "--units", "2"}, 0, "示范单位 2 个，执法标兵 1 名", ""},
		{[]string{"review", "mark", "--db", dbp, "--year", "2020", "--unit", reviewtest.CodeC}, 0, "已推荐示范单位", ""},
		{[]string{"review", "mark", "--db", dbp, "--year", "2020", "--unit", reviewtest.CodeC, "--off"}, 0, "已取消推荐示范单位", ""},
		{[]string{"review", "mark", "--db", dbp, "--year", "2020", "--unit", reviewtest.CodeC, "--off"}, 0, "原本就没有被推荐", ""},
		{[]string{"review", "mark", "--db", dbp, "--year", "2020", "--unit", reviewtest.CodeA}, 0, "已经被推荐", ""},
		{[]string{"review", "export", "--db", dbp, "--year", "2020", "--out", out, "--bureau", "西安市雁塔区司法局"}, 0, "复核汇总表.xlsx", ""},
	}
	for _, tc := range cases {
		code, stdout, stderr := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(stdout, tc.stdout) || !strings.Contains(stderr, tc.stderr) {
			t.Errorf("%v: exit %d\nstdout %q\nstderr %q\nwant %d, %q, %q", tc.args[1:], code, stdout, stderr, tc.code, tc.stdout, tc.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "无.db")); err == nil {
		t.Error("review list created a database")
	}
	for _, name := range []string{"复核汇总表.xlsx", "推荐名单.pdf", filepath.Join("复核意见书", "复核意见书_雁塔区档案馆.pdf")} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("export: %v", err)
		}
	}
	// the applied review shows in the list; the bad file changed nothing else
	_, js, _ := runCLI(t, "review", "list", "--db", dbp, "--json")
	if !strings.Contains(js, `"changed": 1,`+"\n"+`        "status": "done"`) {
		t.Errorf("list after apply:\n%s", js)
	}
	if _, err := os.Stat(dbp); err != nil {
		t.Fatal(err)
	}
	db, err := storage.Open(dbp, testCats())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m, err := db.Marks(2020, reviewtest.Catalog)
	if err != nil || len(m.Units) != 1 || !m.Units[reviewtest.CodeA] || !m.Persons[reviewtest.CodeA] {
		t.Errorf("marks after the CLI = %+v, %v", m, err)
	}
}

// TestReviewExportProgressLines: the export's progress is one line per document before it is
// written, the 复核意见书 as 第 k/n 家 with the unit's name; the last report (all written) prints
// nothing.
func TestReviewExportProgressLines(t *testing.T) {
	dbp := reviewDB(t)
	db, err := storage.Open(dbp, testCats())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var lines bytes.Buffer
	out := filepath.Join(t.TempDir(), "导出")
	files, err := workflow.ExportReviewWith(context.Background(), db, 2020, out,
		workflow.ReviewExportOptions{Progress: exportLines(&lines)})
	if err != nil {
		t.Fatal(err)
	}
	n := len(files.Opinions)
	if n < 2 {
		t.Fatalf("%d units: the fixture tests nothing", n)
	}
	got := strings.Split(strings.TrimSuffix(lines.String(), "\n"), "\n")
	want := []string{
		fmt.Sprintf("正在写入复核汇总表.xlsx（共 %d 家单位）", n),
		fmt.Sprintf("正在写入推荐名单.pdf（共 %d 家单位）", n),
	}
	if len(got) != 2+n || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("progress lines:\n%s\nwant %q, %q and one line per unit", lines.String(), want[0], want[1])
	}
	names := map[string]bool{}
	for _, p := range files.Opinions {
		names[strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), "复核意见书_"), ".pdf")] = true
	}
	for k, line := range got[2:] {
		prefix := fmt.Sprintf("正在写入复核意见书：第 %d/%d 家（", k+1, n)
		name := strings.TrimSuffix(strings.TrimPrefix(line, prefix), "）")
		if !strings.HasPrefix(line, prefix) || !strings.HasSuffix(line, "）") || !names[name] {
			t.Errorf("line %d %q: want %q, one of the units %v and ）", k+3, line, prefix, names)
		}
		delete(names, name)
	}
}

// TestReviewExportPrintsNoProgressOffTerminals: with stdout and stderr not terminals (a script, a
// log, a test's buffers) review export prints no progress, and stdout is exactly the list of the
// files written, as before.
func TestReviewExportPrintsNoProgressOffTerminals(t *testing.T) {
	dbp := reviewDB(t)
	out := filepath.Join(t.TempDir(), "导出")
	code, stdout, stderr := runCLI(t, "review", "export", "--db", dbp, "--year", "2020", "--out", out)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	ops, err := filepath.Glob(filepath.Join(out, "复核意见书", "*.pdf"))
	if err != nil || len(ops) < 2 {
		t.Fatalf("opinions %v %v", ops, err)
	}
	want := "已生成：\n  " + filepath.Join(out, "复核汇总表.xlsx") + "\n  " + filepath.Join(out, "推荐名单.pdf") + "\n"
	for _, p := range ops { // sorted by name, as the command lists them
		want += "  " + p + "\n"
	}
	if stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "日志.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, w := range []io.Writer{&bytes.Buffer{}, f} {
		if terminal(w) || exportProgress(w, w) != nil {
			t.Errorf("%T counts as a terminal", w)
		}
	}
}
