package oserrtest

import "testing"

func TestEnglish(t *testing.T) {
	for _, tc := range []struct {
		text    string
		allowed []string
		want    string
	}{
		{"无法打开自评文件 x.json：文件或文件夹不存在", []string{"x.json"}, ""},
		{"无法打开自评文件 x.json：文件或文件夹不存在", nil, "json"},
		{"错误：stat x.json: no such file", []string{"x.json"}, "stat"},
		{"U 盘 SHA-256 PDF", nil, "SHA"},
		{"U 盘 ab 12", nil, ""},
		{"中文 abc", nil, "abc"},
	} {
		if got := English(tc.text, tc.allowed...); got != tc.want {
			t.Errorf("English(%q, %q) = %q, want %q", tc.text, tc.allowed, got, tc.want)
		}
	}
}
