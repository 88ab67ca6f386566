package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sanxiang/assets"
	"sanxiang/scoring"
)

const seedAppendix = "../../scoring/catalogtext/testdata/shaanxi-2020.txt"

func TestCatalogConvertSeed(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "陕西.json")
	code, stdout, stderr := runCLI(t, "catalog", "convert", seedAppendix, "--out", out, "--id", "shaanxi-2020")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, assets.BuiltinCatalogJSON) {
		t.Fatal("converted seed appendix is not the built-in catalog")
	}
	for _, want := range []string{"一级指标 5 个、二级指标 20 个、三级指标 59 个、评分要点 170 项，共 100 分", "执法标兵申报材料（不少于 800 字）"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout %q lacks %q", stdout, want)
		}
	}
	// The written file is a catalog the other commands accept.
	if code, stdout, stderr := runCLI(t, "catalog", "--catalog", out); code != 0 || !strings.Contains(stdout, "共 100 分") {
		t.Fatalf("catalog --catalog on the converted file: exit %d %s %s", code, stdout, stderr)
	}
}

func TestCatalogConvertOptions(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "2025.txt")
	os.WriteFile(in, []byte("某市指标体系\r\n一、甲(2分)\r\n(一)乙\r\n1.丙(2分)\r\n(1)丁\r\n(2分)\r\n"), 0o644)
	mats := filepath.Join(dir, "材料.json")
	os.WriteFile(mats, []byte(`[{"key":"report","title":"创建报告","min_chars":500}]`), 0o644)
	out := filepath.Join(dir, "某市-2025.json")
	code, stdout, stderr := runCLI(t, "catalog", "convert", in, "--out", out, "--materials", mats, "--na-policy", "zero")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, _ := os.ReadFile(out)
	c, err := scoring.ParseCatalog(data)
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != "某市-2025" || c.Title != "某市指标体系" || c.NAPolicy != scoring.NAZero || len(c.Materials) != 1 || c.Materials[0].MinChars != 500 {
		t.Fatalf("catalog %+v", c)
	}
	if !strings.Contains(stdout, "创建报告（不少于 500 字）") {
		t.Fatalf("stdout %q", stdout)
	}
	// An existing output is replaced only with --replace.
	code, _, stderr = runCLI(t, "catalog", "convert", in, "--out", out, "--id", "other")
	if code != 1 || !strings.Contains(stderr, "--replace") {
		t.Fatalf("existing output: exit %d %s", code, stderr)
	}
	if now, _ := os.ReadFile(out); !bytes.Equal(now, data) {
		t.Fatal("existing output changed without --replace")
	}
	empty := filepath.Join(dir, "无.json")
	os.WriteFile(empty, []byte(`[]`), 0o644)
	if code, _, stderr := runCLI(t, "catalog", "convert", in, "--out", out, "--id", "other", "--replace", "--materials", empty); code != 0 {
		t.Fatalf("--replace: exit %d %s", code, stderr)
	}
	data, _ = os.ReadFile(out)
	if c, err := scoring.ParseCatalog(data); err != nil || c.ID != "other" || len(c.Materials) != 0 {
		t.Fatalf("replaced catalog %v %+v", err, c)
	}
}

func TestCatalogConvertRefusals(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "好.txt")
	os.WriteFile(good, []byte("名称\n一、甲(1分)\n(一)乙(1分)\n1.丙(1分)\n(1)丁(1分)\n"), 0o644)
	bad := filepath.Join(dir, "坏.txt")
	os.WriteFile(bad, []byte("名称\n一、甲(2分)\n(一)乙\n1.丙(1分)\n(1)丁\n(3)戊(1分)\n"), 0o644)
	badMats := filepath.Join(dir, "坏材料.json")
	os.WriteFile(badMats, []byte(`[{"key":"Bad","title":"x"}]`), 0o644)
	keep := filepath.Join(dir, "已有.json")
	os.WriteFile(keep, []byte("原有内容"), 0o644)
	out := filepath.Join(dir, "out.json")
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr []string
	}{
		{"no input", []string{"--out", out}, 2, []string{"需要一个指标体系文本文件"}},
		{"two inputs", []string{good, bad, "--out", out}, 2, []string{"需要一个指标体系文本文件"}},
		{"no --out", []string{good}, 2, []string{"--out"}},
		{"out is the input", []string{good, "--out", good}, 2, []string{"不能是输入文件本身"}},
		{"out is the input by another path", []string{good, "--out", filepath.Join(dir, ".", "x", "..", "好.txt")}, 2, []string{"不能是输入文件本身"}},
		{"bad policy", []string{good, "--out", out, "--na-policy", "half"}, 2, []string{"--na-policy"}},
		{"unknown flag", []string{good, "--out", out, "--force"}, 2, []string{"未知选项"}},
		{"missing input", []string{filepath.Join(dir, "无此文件.txt"), "--out", out}, 1, []string{"无法打开指标体系文本"}},
		{"missing materials", []string{good, "--out", out, "--materials", filepath.Join(dir, "无.json")}, 1, []string{"无法读取申报材料文件"}},
		{"bad materials", []string{good, "--out", out, "--materials", badMats}, 1, []string{"键名 \"Bad\" 无效"}},
		{"text does not add up", []string{bad, "--out", out}, 1, []string{"有 3 处问题", "第 2 行", "第 5 行“(1)丁”：评分要点没有分值", "第 6 行“(3)戊(1分)”：评分要点编号跳号"}},
		{"text does not add up, --replace", []string{bad, "--out", keep, "--replace"}, 1, []string{"未生成指标体系文件"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, append([]string{"catalog", "convert"}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d: %s", code, tc.code, stderr)
			}
			for _, w := range tc.stderr {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if stdout != "" {
				t.Errorf("stdout %q on failure", stdout)
			}
			if _, err := os.Stat(out); err == nil {
				t.Fatal("output written on failure")
			}
			if b, _ := os.ReadFile(keep); string(b) != "原有内容" {
				t.Fatal("existing file changed on failure")
			}
			if b, _ := os.ReadFile(good); !strings.HasPrefix(string(b), "名称") {
				t.Fatal("input changed")
			}
		})
	}
}

// `catalog --json` lists the catalog's materials with their minimums (an extension of the contract).
func TestCatalogJSONListsMaterials(t *testing.T) {
	code, out, _ := runCLI(t, "catalog", "--json")
	if code != 0 {
		t.Fatal(code)
	}
	var c struct {
		Materials []struct {
			Key      string `json:"key"`
			Title    string `json:"title"`
			MinChars int    `json:"min_chars"`
			Fields   []struct {
				Key string `json:"key"`
			} `json:"fields"`
		} `json:"materials"`
	}
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatal(err)
	}
	if len(c.Materials) != 3 || c.Materials[0].Key != "unit_application" || c.Materials[0].MinChars != 1200 ||
		c.Materials[1].Title != "执法标兵申报材料" || c.Materials[1].MinChars != 800 || len(c.Materials[1].Fields) != 3 ||
		c.Materials[2].Key != "work_summary" || c.Materials[2].MinChars != 0 {
		t.Fatalf("materials %+v", c.Materials)
	}
}
