package scoring

import (
	"strings"
	"testing"
)

func TestLimits(t *testing.T) {
	ev := func(n int) []Evidence {
		out := make([]Evidence, n)
		for i := range out {
			out[i] = Evidence{Path: "/e/x.pdf", Name: "x.pdf"}
		}
		return out
	}
	base := func() *Assessment {
		return &Assessment{Unit: Unit{Name: "某局", CreditCode: "11610113MB12345675"}, Year: 2020,
			Answers: map[int]Answer{1: {No: 1, Status: Scored, Score: 1}}, Narratives: map[string]string{}}
	}
	cases := []struct {
		name   string
		change func(a *Assessment)
		want   string // "" = accepted
	}{
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
	for _, tc := range cases {
		a := base()
		tc.change(a)
		err := CheckLimits(a)
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
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
