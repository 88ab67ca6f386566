package app

import (
	"strings"
	"testing"

	"sanxiang/export/pack"
)

// The warning before a package lists each problem file with its full path on a line of its
// own: wrapped after "：" the path broke at its first "/" ("：/" then "tmp/…"), which read
// as a different path (seen at 1366×768 with a pulled stick).
func TestEvidenceIssueListPathOnOwnLine(t *testing.T) {
	tests := []struct {
		name   string
		issues []pack.EvidenceIssue
		want   string
	}{
		{"one missing file", []pack.EvidenceIssue{{No: 1, Problem: "文件缺失（已被移动、改名或删除）", Path: "/media/u/事前公开规定.pdf"}},
			"· 评分要点(1) 文件缺失（已被移动、改名或删除）\n    /media/u/事前公开规定.pdf"},
		{"two, Windows path", []pack.EvidenceIssue{
			{No: 3, Problem: "文件缺失（已被移动、改名或删除）", Path: `E:\佐证\截图.png`},
			{No: 36, Problem: "登记后被修改", Path: `E:\佐证\决定.png`}},
			"· 评分要点(3) 文件缺失（已被移动、改名或删除）\n    E:\\佐证\\截图.png\n· 评分要点(36) 登记后被修改\n    E:\\佐证\\决定.png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := evidenceIssueList(tt.issues); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if strings.Contains(evidenceIssueList(tt.issues), "：") {
				t.Error("path still follows a colon on the same line")
			}
		})
	}
}
