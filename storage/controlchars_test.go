package storage

import (
	"strings"
	"testing"

	"sanxiang/scoring"
)

// Names and texts with control characters (issue 13) are refused by every save, in Chinese, and
// nothing is stored: a unit, an answer and a narrative (申报材料, which had no check at all —
// neither length nor characters — so the GUI could store what the package then refused).
func TestSavesRefuseControlCharacters(t *testing.T) {
	db := openTemp(t)
	id := newAssessment(t, db, 1)
	if _, err := db.CreateUnit(scoring.Unit{Name: "某局\u202e", CreditCode: codeN(t, 7)}); err == nil || !strings.Contains(err.Error(), "U+202E") {
		t.Errorf("CreateUnit with an RTL override: %v", err)
	}
	if err := db.SaveAnswer(id, scoring.Answer{No: 1, Note: "说明\x00"}); err == nil || !strings.Contains(err.Error(), "自评说明的第 3 个字符是空字符") {
		t.Errorf("SaveAnswer with a NUL: %v", err)
	}
	for _, tc := range []struct{ key, text, want string }{
		{scoring.NarrativeWorkSummary, "总结\x00", "的第 3 个字符是空字符（U+0000）"},
		{scoring.NarrativeWorkSummary, "总结\u2066", "文字方向控制符（U+2066）"},
		{scoring.NarrativeWorkSummary, strings.Repeat("字", scoring.MaxNarrativeText+1), "超过上限"},
		{"k\x1b", "x", "申报材料名称的第 2 个字符是控制字符"},
	} {
		if err := db.SaveNarrative(id, tc.key, tc.text); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("SaveNarrative(%q, %.20q) = %v, want %q", tc.key, tc.text, err, tc.want)
		}
	}
	// multi-line texts keep their line breaks and tabs
	if err := db.SaveNarrative(id, scoring.NarrativeWorkSummary, "一、\t总结\r\n二、"); err != nil {
		t.Fatal(err)
	}
	a, err := db.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Narratives[scoring.NarrativeWorkSummary]; got != "一、\t总结\r\n二、" {
		t.Errorf("stored narrative %q", got)
	}
	if n := a.Answers[1].Note; n != "" {
		t.Errorf("a refused note was stored: %q", n)
	}
}
