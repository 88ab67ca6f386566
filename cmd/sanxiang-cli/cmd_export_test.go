package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportCommand(t *testing.T) {
	tmp := t.TempDir()
	bad := filepath.Join(tmp, "坏文件.json")
	os.WriteFile(bad, []byte(`{"format":"sanxiang.assessment","version":1,"catalog":"shaanxi-2020","unit":{"name":"x"},"year":2020,"answers":[{"no":1,"status":"scored","score":9}]}`), 0o644)
	notDir := filepath.Join(tmp, "文件")
	os.WriteFile(notDir, []byte("x"), 0o644)
	out := filepath.Join(tmp, "导出")
	cases := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"export"}, 2, "需要一个自评文件"},
		{[]string{"export", sample}, 2, "--out"},
		{[]string{"export", sample, "--out"}, 2, "选项缺少参数"},
		{[]string{"export", sample, "--bogus", "--out", out}, 2, "未知选项"},
		{[]string{"export", "/no/such/file.json", "--out", out}, 1, "无法打开自评文件"},
		{[]string{"export", bad, "--out", out}, 1, "评分要点(1)"},
		{[]string{"export", sample, "--out", notDir}, 1, "不是文件夹"},
	}
	for _, tc := range cases {
		code, _, stderr := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.stderr) {
			t.Errorf("%v: exit %d stderr %q; want %d containing %q", tc.args, code, stderr, tc.code, tc.stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("%v: the output folder was created for invalid input", tc.args)
		}
	}
	code, stdout, stderr := runCLI(t, "export", sample, "--out", out)
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	for _, name := range []string{"自评表.xlsx", "评分表.pdf", "自评报告.pdf"} {
		st, err := os.Stat(filepath.Join(out, name))
		if err != nil || st.Size() < 1000 {
			t.Errorf("%s: %v", name, err)
		}
		if !strings.Contains(stdout, name) {
			t.Errorf("stdout does not name %s: %q", name, stdout)
		}
	}
	if !strings.Contains(stdout, "自评总分 89.9 分") {
		t.Errorf("stdout: %q", stdout)
	}
	// exporting again replaces the files in place
	if code, _, stderr := runCLI(t, "export", "--out", out, sample); code != 0 {
		t.Fatalf("second export: %d %s", code, stderr)
	}
	if es, _ := os.ReadDir(out); len(es) != 3 {
		t.Errorf("folder holds %d entries, want 3", len(es))
	}
}
