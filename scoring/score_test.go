package scoring

import (
	"math/rand"
	"strings"
	"testing"
	"unicode"
)

func TestParseTenths(t *testing.T) {
	cases := []struct {
		in   string
		want Tenths
		err  string
	}{
		{"0", 0, ""}, {"0.5", 5, ""}, {"1", 10, ""}, {"1.0", 10, ""}, {"1.50", 15, ""}, {".5", 5, ""},
		{"2.", 20, ""}, {" 0.3 ", 3, ""}, {"０.５", 5, ""}, {"１。２", 12, ""}, {"-0.1", -1, ""}, {"+2", 20, ""},
		{"0.25", 0, "0.1"}, {"0.05", 0, "0.1"}, {"", 0, "未填写"}, {"abc", 0, "不是数字"}, {"1e1", 0, "不是数字"},
		{".", 0, "不是数字"}, {"1.2.3", 0, "不是数字"}, {"--1", 0, "不是数字"}, {"1 0", 0, "不是数字"},
		{"9999999999999999", 0, "过大"},
	}
	for _, tc := range cases {
		got, err := ParseTenths(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseTenths(%q) = %v, %v; want error with %q", tc.in, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseTenths(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestTenthsFormatting(t *testing.T) {
	for _, tc := range []struct {
		t          Tenths
		str, fixed string
	}{{0, "0", "0.0"}, {5, "0.5", "0.5"}, {10, "1", "1.0"}, {999, "99.9", "99.9"}, {1000, "100", "100.0"}, {-3, "-0.3", "-0.3"}} {
		if tc.t.String() != tc.str || tc.t.Fixed() != tc.fixed {
			t.Errorf("%d: %q %q", tc.t, tc.t.String(), tc.t.Fixed())
		}
	}
	for _, tc := range []struct {
		h    Hundredths
		want string
	}{{0, "0.00"}, {9221, "92.21"}, {10000, "100.00"}, {5, "0.05"}, {-150, "-1.50"}} {
		if tc.h.String() != tc.want {
			t.Errorf("%d: %q", tc.h, tc.h.String())
		}
	}
}

func TestRescaleRounding(t *testing.T) {
	cases := []struct {
		score, max Tenths
		want       Hundredths
		ok         bool
	}{
		{899, 975, 9221, true},    // 92.2051… → 92.21
		{1, 3, 3333, true},        // 33.333… → 33.33
		{2, 3, 6667, true},        // 66.666… → 66.67
		{1, 8, 1250, true},        // 12.5 exactly
		{1, 16, 625, true},        // 6.25 exactly
		{1, 80, 125, true},        // 1.25 exactly
		{1, 160, 63, true},        // 0.625 → 0.63 (half up)
		{1, 320, 31, true},        // 0.3125 → 0.31
		{1, 1600, 6, true},        // 0.0625 → 0.06
		{1, 2000, 5, true},        // 0.05 exactly
		{1, 4000, 3, true},        // 0.025 → 0.03 (half up, not banker's)
		{1000, 1000, 10000, true}, // full marks
		{0, 1000, 0, true},
		{0, 0, 0, false},  // nothing applicable: undefined
		{5, -1, 0, false}, // nonsense maximum: undefined
		{-1, 4000, -3, true},
	}
	for _, tc := range cases {
		got, ok := Rescale(tc.score, tc.max)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Rescale(%s, %s) = %s, %v; want %s, %v", tc.score, tc.max, got, ok, tc.want, tc.ok)
		}
	}
}

func answersFor(c *Catalog, f func(no int, points Tenths) Answer) map[int]Answer {
	m := map[int]Answer{}
	for _, no := range c.Numbers() {
		ref, _ := c.Criterion(no)
		a := f(no, ref.Criterion.Points)
		a.No = no
		m[no] = a
	}
	return m
}

func TestScoreScenarios(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name                    string
		answers                 map[int]Answer
		total, naPoints, appMax Tenths
		converted               Hundredths
		convertedOK             bool
		scored, na, unanswered  int
	}{
		{"empty", nil, 0, 0, 1000, 0, true, 0, 0, 170},
		{"all full", answersFor(c, func(no int, p Tenths) Answer { return Answer{Status: Scored, Score: p} }), 1000, 0, 1000, 10000, true, 170, 0, 0},
		{"all zero", answersFor(c, func(no int, p Tenths) Answer { return Answer{Status: Scored} }), 0, 0, 1000, 0, true, 170, 0, 0},
		{"all na", answersFor(c, func(no int, p Tenths) Answer { return Answer{Status: NA, NAReason: "x"} }), 0, 1000, 0, 0, false, 0, 170, 0},
		{"area four na, rest full", answersFor(c, func(no int, p Tenths) Answer {
			if no >= 113 && no <= 135 {
				return Answer{Status: NA}
			}
			return Answer{Status: Scored, Score: p}
		}), 900, 100, 900, 10000, true, 147, 23, 0},
		{"one criterion 0.1 short", map[int]Answer{1: {Status: Scored, Score: 4}}, 4, 0, 1000, 40, true, 1, 0, 169},
		{"na and deductions", answersFor(c, func(no int, p Tenths) Answer {
			switch {
			case no == 126: // 0.5 points N/A
				return Answer{Status: NA}
			case no <= 3: // 0.5 + 0.5 + 0.3 scored 0
				return Answer{Status: Scored}
			}
			return Answer{Status: Scored, Score: p}
		}), 1000 - 5 - 13, 5, 995, 9869, true, 169, 1, 0}, // 98.2/99.5 = 98.69…
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := Score(c, tc.answers)
			o := r.Overall
			if o.Score != tc.total || o.NAPoints != tc.naPoints || r.ApplicableMax != tc.appMax ||
				r.Converted != tc.converted || r.ConvertedOK != tc.convertedOK ||
				o.Scored != tc.scored || o.NA != tc.na || o.Unanswered != tc.unanswered {
				t.Fatalf("got total %s na %s app %s conv %s/%v counts %d/%d/%d", o.Score, o.NAPoints, r.ApplicableMax,
					r.Converted, r.ConvertedOK, o.Scored, o.NA, o.Unanswered)
			}
		})
	}
}

func TestNAPolicies(t *testing.T) {
	for _, tc := range []struct {
		policy    NAPolicy
		score     Tenths
		appMax    Tenths
		converted Hundredths
	}{
		{NARescale, 5, 995, 50}, // 0.5/99.5 → 0.50
		{NAFull, 10, 1000, 100}, // N/A credited 0.5
		{NAZero, 5, 1000, 50},   // N/A counts nothing
	} {
		c, _ := Builtin()
		c.NAPolicy = tc.policy
		r := Score(c, map[int]Answer{1: {Status: NA}, 2: {Status: Scored, Score: 5}})
		if r.Overall.Score != tc.score || r.ApplicableMax != tc.appMax || r.Converted != tc.converted || !r.ConvertedOK {
			t.Errorf("%s: score %s app %s conv %s", tc.policy, r.Overall.Score, r.ApplicableMax, r.Converted)
		}
	}
}

// TestRandomAssessmentsAddUp is the property test: for random valid assessments every level's
// score equals the sum of its children, counts add up, and nothing exceeds its points.
func TestRandomAssessmentsAddUp(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(20201027))
	for iter := 0; iter < 500; iter++ {
		answers := map[int]Answer{}
		var want, wantNA Tenths
		for _, no := range c.Numbers() {
			ref, _ := c.Criterion(no)
			switch rng.Intn(4) {
			case 0: // unanswered
			case 1:
				answers[no] = Answer{No: no, Status: NA}
				wantNA += ref.Criterion.Points
			default:
				s := Tenths(rng.Int63n(int64(ref.Criterion.Points) + 1))
				answers[no] = Answer{No: no, Status: Scored, Score: s}
				want += s
			}
		}
		r := Score(c, answers)
		if r.Overall.Score != want || r.Overall.NAPoints != wantNA || r.Overall.Total() != 170 {
			t.Fatalf("iteration %d: overall %+v, want score %s na %s", iter, r.Overall, want, wantNA)
		}
		var areaSum Tenths
		for ai, ar := range r.Areas {
			var catSum, catNA Tenths
			for ci, cr := range ar.Categories {
				var indSum, indNA Tenths
				for ii, ir := range cr.Indicators {
					var crit Tenths
					for _, cr := range c.Areas[ai].Categories[ci].Indicators[ii].Criteria {
						if a := answers[cr.No]; a.Status == Scored {
							crit += a.Score
						}
					}
					if ir.Score != crit || ir.Score > ir.Points {
						t.Fatalf("indicator %s score %s, criteria sum %s", ir.Code, ir.Score, crit)
					}
					if got, _ := r.Lookup(ir.Code); got != ir.Subtotal {
						t.Fatalf("Lookup(%s) disagrees", ir.Code)
					}
					indSum += ir.Score
					indNA += ir.NAPoints
				}
				if cr.Score != indSum || cr.NAPoints != indNA {
					t.Fatalf("category %s does not add up", cr.Code)
				}
				catSum += cr.Score
				catNA += cr.NAPoints
			}
			if ar.Score != catSum || ar.NAPoints != catNA {
				t.Fatalf("area %s does not add up", ar.Code)
			}
			areaSum += ar.Score
		}
		if areaSum != r.Overall.Score {
			t.Fatalf("areas sum %s, overall %s", areaSum, r.Overall.Score)
		}
		if r.ConvertedOK {
			// converted×applicable ≈ total×100 within half a hundredth
			lhs := int64(r.Converted) * int64(r.ApplicableMax)
			rhs := int64(r.Overall.Score) * 10000
			if d := lhs - rhs; 2*d > int64(r.ApplicableMax) || -2*d > int64(r.ApplicableMax) {
				t.Fatalf("converted %s not total/applicable×100 rounded", r.Converted)
			}
		}
	}
}

func TestCheck(t *testing.T) {
	c, _ := Builtin()
	answers := map[int]Answer{
		1: {No: 1, Status: Scored, Score: 5, Evidence: []Evidence{{Path: "/a"}}},                                      // fine
		2: {No: 2, Status: Scored, Score: 3, Evidence: []Evidence{{Path: "/gone"}}},                                   // no reason, missing file
		3: {No: 3, Status: Scored, Score: 1, DeductionReason: "部分未公开"},                                                // no evidence
		4: {No: 4, Status: NA},                                                                                        // no reason
		5: {No: 5, Status: NA, NAReason: "不涉及"},                                                                       // fine
		6: {No: 6, Status: Scored, Score: 1, DeductionReason: "  ", Evidence: []Evidence{{Path: "/a"}, {Path: "/b"}}}, // blank reason
	}
	exists := func(p string) bool { return p != "/gone" }
	got := map[int][]ProblemKind{}
	for _, p := range Check(c, answers, exists) {
		got[p.No] = append(got[p.No], p.Kind)
		if !strings.HasPrefix(p.Message, "评分要点(") {
			t.Errorf("message %q does not name its criterion", p.Message)
		}
	}
	want := map[int][]ProblemKind{
		2: {ProblemNoDeduction, ProblemMissingEvidence},
		3: {ProblemNoEvidence},
		4: {ProblemNoNAReason},
		6: {ProblemNoDeduction},
	}
	for no := 1; no <= 6; no++ {
		if strings.Join(kinds(got[no]), ",") != strings.Join(kinds(want[no]), ",") {
			t.Errorf("criterion %d: %v, want %v", no, got[no], want[no])
		}
	}
	unanswered := 0
	for _, ks := range got {
		for _, k := range ks {
			if k == ProblemUnanswered {
				unanswered++
			}
		}
	}
	if unanswered != 164 {
		t.Errorf("%d unanswered problems, want 164", unanswered)
	}
	if ps := Check(c, answers, nil); len(ps) != 164+4 {
		t.Errorf("with exists=nil: %d problems, want 168 (no file check)", len(ps))
	}
}

func kinds(ks []ProblemKind) []string {
	var s []string
	for _, k := range ks {
		s = append(s, string(k))
	}
	return s
}

func TestCountChars(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{{"", 0}, {"三项制度", 4}, {"三项 制度\n", 4}, {"2020年ABC", 8}, {"，。！？", 0}, {"喆玥堃𠀀", 4}} {
		if got := CountChars(tc.s); got != tc.want {
			t.Errorf("CountChars(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
}

func TestParseScore(t *testing.T) {
	for _, tc := range []struct {
		in     string
		points Tenths
		want   Tenths
		err    string
	}{{"0.5", 5, 5, ""}, {"0", 5, 0, ""}, {"0.6", 5, 0, "超过"}, {"-0.1", 5, 0, "负数"}, {"0.25", 5, 0, "0.1"}, {"x", 5, 0, "0 至 0.5"}} {
		got, err := ParseScore(tc.in, tc.points)
		if tc.err == "" && (err != nil || got != tc.want) || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("ParseScore(%q, %s) = %s, %v", tc.in, tc.points, got, err)
		}
	}
}

func FuzzParseTenths(f *testing.F) {
	for _, s := range []string{"0.5", "1", "-2.0", "0.25", "１.５", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseTenths(s)
		if err != nil {
			return
		}
		back, err := ParseTenths(v.String())
		if err != nil || back != v {
			t.Fatalf("%q → %d → %q → %d, %v", s, v, v.String(), back, err)
		}
	})
}

// The converted score is on a 100-point scale for every policy, also when the catalog's total is
// not 100 (a converted indicator system may total 200 or 1000): full and zero divide by the maximum.
func TestConvertedIsOutOf100ForAnyTotal(t *testing.T) {
	const text = `{"format":"sanxiang.catalog","version":2,"id":"t200","title":"二百分","total":200,"materials":[],
"areas":[{"title":"甲","points":200,"categories":[{"title":"乙","points":200,"indicators":[
{"title":"丙","points":200,"criteria":[{"no":1,"text":"一","points":150},{"no":2,"text":"二","points":50}]}]}]}]}`
	for _, tc := range []struct {
		policy    NAPolicy
		answers   map[int]Answer
		converted Hundredths
	}{
		{NARescale, map[int]Answer{1: {Status: Scored, Score: 1000}, 2: {Status: NA}}, 6667}, // 100/150
		{NAFull, map[int]Answer{1: {Status: Scored, Score: 1000}, 2: {Status: NA}}, 7500},    // (100+50)/200
		{NAZero, map[int]Answer{1: {Status: Scored, Score: 1000}, 2: {Status: NA}}, 5000},    // 100/200
		{NAZero, map[int]Answer{1: {Status: Scored, Score: 1500}, 2: {Status: Scored, Score: 500}}, 10000},
		{NAFull, map[int]Answer{1: {Status: Scored, Score: 1}}, 5}, // 0.1/200 → 0.05
	} {
		c, err := ParseCatalog([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		c.NAPolicy = tc.policy
		r := Score(c, tc.answers)
		if !r.ConvertedOK || r.Converted != tc.converted {
			t.Errorf("%s %v: converted %s, want %s", tc.policy, tc.answers, r.Converted, tc.converted)
		}
	}
}

// TestCountCharsFastPaths checks the fast paths of countsAsChar against the rule itself for
// every rune of the Basic Multilingual Plane and beyond.
func TestCountCharsFastPaths(t *testing.T) {
	for r := rune(0); r <= 0x2FFFF; r++ {
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Han, r)
		if got := countsAsChar(r); got != want {
			t.Fatalf("countsAsChar(%U) = %v, want %v", r, got, want)
		}
	}
}

// countCharsRule is CountChars as the rule states it, rune by rune (invalid bytes are U+FFFD).
func countCharsRule(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// CountChars' hand-decoded fast path gives the rule's count for every rune alone, between
// others, and for broken UTF-8 around the fast path's lead bytes.
func TestCountCharsDecodesLikeTheRule(t *testing.T) {
	for r := rune(0); r <= 0x2FFFF; r += 1 {
		s := string(r)
		if got, want := CountChars(s), countCharsRule(s); got != want {
			t.Fatalf("CountChars(%U) = %d, want %d", r, got, want)
		}
	}
	for _, s := range []string{"\xe4\xb8", "\xe4\xb7\xbf", "\xe4\xb8\xbf\xe9", "\xe9\xbf", "a\xe5\x80z", "\xe4\xb8\x00",
		"\xe9\xbf\xbf\xed\xa0\x80", "三项\xe5制度", "\xe8\x80\xe8\x80\x80", "四\xc0\xaf五", strings.Repeat("制", 1000)} {
		if got, want := CountChars(s), countCharsRule(s); got != want {
			t.Errorf("CountChars(%q) = %d, want %d", s, got, want)
		}
	}
}

func FuzzCountChars(f *testing.F) {
	for _, s := range []string{"三项制度", "2020年ABC，。", "\xe4\xb8\xe4", "喆玥堃𠀀", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := CountChars(s), countCharsRule(s); got != want {
			t.Fatalf("CountChars(%q) = %d, want %d", s, got, want)
		}
	})
}

// Lookup finds every area, category and indicator of the built-in catalog by code, with the
// subtotal the tree holds; "" is the whole; an unknown code is not found.
func TestLookupEveryNode(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	answers := map[int]Answer{}
	for k, no := range c.Numbers() {
		answers[no] = Answer{No: no, Status: Status(k % 3), Score: Tenths(k % 2)}
	}
	r := Score(c, answers)
	nodes := 0
	check := func(s Subtotal) {
		nodes++
		if got, ok := r.Lookup(s.Code); !ok || got != s {
			t.Errorf("Lookup(%q) = %+v, %v, want %+v", s.Code, got, ok, s)
		}
	}
	for _, a := range r.Areas {
		check(a.Subtotal)
		for _, cr := range a.Categories {
			check(cr.Subtotal)
			for _, ir := range cr.Indicators {
				check(ir.Subtotal)
			}
		}
	}
	if nodes < 10 {
		t.Fatalf("only %d nodes", nodes)
	}
	if got, ok := r.Lookup(""); !ok || got != r.Overall {
		t.Errorf("Lookup(\"\") = %+v, %v", got, ok)
	}
	if _, ok := r.Lookup("no-such-code"); ok {
		t.Error("Lookup found an unknown code")
	}
}
