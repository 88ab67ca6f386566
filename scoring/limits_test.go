package scoring

import (
	"strings"
	"testing"
)

// limitCase changes a small valid assessment and says what CheckLimits must answer.
type limitCase struct {
	name   string
	change func(a *Assessment)
	want   string // part of the error; "" = accepted
}

func runLimitCases(t *testing.T, cases []limitCase) {
	t.Helper()
	for _, tc := range cases {
		a := &Assessment{Unit: Unit{Name: "某局", CreditCode: "11610113MB12345675"}, Year: 2020,
			Answers: map[int]Answer{1: {No: 1, Status: Scored, Score: 1}}, Narratives: map[string]string{}}
		tc.change(a)
		err := CheckLimits(a)
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestLimits(t *testing.T) {
	ev := func(n int) []Evidence {
		out := make([]Evidence, n)
		for i := range out {
			out[i] = Evidence{Path: "/e/x.pdf", Name: "x.pdf"}
		}
		return out
	}
	cases := []limitCase{
		{"as is", func(a *Assessment) {}, ""},
		{"name at the limit", func(a *Assessment) { a.Unit.Name = strings.Repeat("局", MaxUnitName) }, ""},
		{"name too long", func(a *Assessment) { a.Unit.Name = strings.Repeat("局", MaxUnitName+1) }, "单位名称有 51 个字"},
		{"contact too long", func(a *Assessment) { a.Unit.Contact = strings.Repeat("x", MaxUnitField+1) }, "联系人"},
		{"evidence per criterion at the limit", func(a *Assessment) { a.Answers[1] = Answer{No: 1, Evidence: ev(MaxEvidencePerCriterion)} }, ""},
		{"evidence per criterion over", func(a *Assessment) { a.Answers[1] = Answer{No: 1, Evidence: ev(MaxEvidencePerCriterion + 1)} }, "评分要点(1)：有 51 个佐证材料"},
		{"evidence in total over", func(a *Assessment) {
			for no := 1; no <= 41; no++ {
				a.Answers[no] = Answer{No: no, Evidence: ev(MaxEvidencePerCriterion)}
			}
		}, "共有 2050 个佐证材料"},
		{"note too long", func(a *Assessment) { a.Answers[1] = Answer{No: 1, Note: strings.Repeat("字", MaxAnswerText+1)} }, "自评说明有 5001 个字"},
		{"evidence name too long", func(a *Assessment) {
			a.Answers[1] = Answer{No: 1, Evidence: []Evidence{{Path: "/x", Name: strings.Repeat("n", MaxEvidenceName+1)}}}
		}, "名称有 256 个字"},
		{"narrative too long", func(a *Assessment) { a.Narratives["work_summary"] = strings.Repeat("字", MaxNarrativeText+1) }, "申报材料“work_summary”"},
		{"too many narratives", func(a *Assessment) {
			for i := 0; i <= MaxNarratives; i++ {
				a.Narratives[strings.Repeat("k", i+1)] = "x"
			}
		}, "申报材料有 51 项"},
	}
	runLimitCases(t, cases)
}

// TestCheckSubmittable (issue 10 item 11): a package without a valid credit code is refused by
// every command that makes, checks or imports one.
func TestCheckSubmittable(t *testing.T) {
	for _, tc := range []struct{ code, want string }{
		{"11610113MB12345675", ""},
		{"", "缺少单位的统一社会信用代码"},
		{"  ", "缺少单位的统一社会信用代码"},
		{"11610113MB12345676", "单位"},
	} {
		a := &Assessment{Unit: Unit{Name: "某局", CreditCode: tc.code}, Year: 2020, Answers: map[int]Answer{}}
		err := CheckSubmittable(a)
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%q: %v", tc.code, err)
		}
	}
}

// Control characters (issue 13, left from issue 10): NUL, the C0/C1 controls and the bidi
// controls that reorder what a reader sees (U+202E makes "gpj.exe" read "exe.jpg") are refused
// in every name and text, with the field and the character named; tab, newline and carriage
// return stay allowed where a text has several lines (notes, reasons, narratives).
func TestControlCharacters(t *testing.T) {
	cases := []limitCase{
		{"NUL in the unit name", func(a *Assessment) { a.Unit.Name = "某\x00局" }, "单位名称的第 2 个字符是空字符（U+0000）"},
		{"RTL override in the unit name", func(a *Assessment) { a.Unit.Name = "某局\u202e" }, "单位名称的第 3 个字符是文字方向控制符（U+202E）"},
		{"escape in the contact", func(a *Assessment) { a.Unit.Contact = "张\x1b[31m三" }, "联系人的第 2 个字符是控制字符（U+001B）"},
		{"tab in the phone", func(a *Assessment) { a.Unit.Phone = "029\t1" }, "联系电话的第 4 个字符是控制字符（U+0009）"},
		{"newline in the unit name", func(a *Assessment) { a.Unit.Name = "某\n局" }, "单位名称的第 2 个字符是控制字符（U+000A）"},
		{"C1 in a note", func(a *Assessment) { a.Answers[1] = Answer{No: 1, Note: "说明\u0085"} }, "评分要点(1)：自评说明的第 3 个字符是控制字符（U+0085）"},
		{"DEL in a deduction reason", func(a *Assessment) { a.Answers[1] = Answer{No: 1, DeductionReason: "x\x7f"} }, "扣分原因的第 2 个字符是控制字符（U+007F）"},
		{"isolate in a rectification", func(a *Assessment) { a.Answers[1] = Answer{No: 1, Rectification: "\u2067整改"} }, "整改措施的第 1 个字符是文字方向控制符（U+2067）"},
		{"RLM in an N/A reason", func(a *Assessment) { a.Answers[1] = Answer{No: 1, NAReason: "无\u200f"} }, "不适用理由的第 2 个字符是文字方向控制符（U+200F）"},
		{"RTL override in an evidence name", func(a *Assessment) {
			a.Answers[1] = Answer{No: 1, Evidence: []Evidence{{Path: "/e/a.pdf", Name: "照片\u202egpj.exe"}}}
		}, "评分要点(1)：第 1 个佐证材料的名称的第 3 个字符是文字方向控制符（U+202E）"},
		{"NUL in an evidence path", func(a *Assessment) {
			a.Answers[1] = Answer{No: 1, Evidence: []Evidence{{Path: "/e/a\x00.pdf"}}}
		}, "评分要点(1)：第 1 个佐证材料的路径的第 5 个字符是空字符（U+0000）"},
		{"NUL in a narrative", func(a *Assessment) { a.Narratives["work_summary"] = "总结\x00" }, "申报材料“work_summary”的第 3 个字符是空字符（U+0000）"},
		{"bidi in a narrative key", func(a *Assessment) { a.Narratives["k\u202d"] = "x" }, "申报材料名称的第 2 个字符是文字方向控制符（U+202D）"},
		{"multi-line texts keep tab, newline, CR", func(a *Assessment) {
			a.Answers[1] = Answer{No: 1, Status: Scored, Score: 1, Note: "一、\t制度\r\n二、公示", DeductionReason: "a\nb", Rectification: "\tc", NAReason: "d\r\n"}
			a.Narratives["work_summary"] = "第一段\n\n\t第二段"
		}, ""},
		{"ordinary Chinese, full-width and emoji pass", func(a *Assessment) {
			a.Unit.Name = "西安市（某）局·执法支队"
			a.Answers[1] = Answer{No: 1, Note: "「公示」—— ✓ 😀 ZWJ‍ok"}
		}, ""},
	}
	runLimitCases(t, cases)
	// the unit rule of every save (CheckUnit) refuses them too
	if _, err := CheckUnit(Unit{Name: "某局\u202e", CreditCode: "11610113MB12345675"}); err == nil || !strings.Contains(err.Error(), "U+202E") {
		t.Errorf("CheckUnit accepted an RTL override: %v", err)
	}
}
