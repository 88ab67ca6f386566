package scoring

import (
	"strings"
	"testing"
)

func TestUnitCleanAndCheck(t *testing.T) {
	const code = "11610113MB12345675"
	cases := []struct {
		name string
		in   Unit
		want Unit
		err  string
	}{
		{"spaces and case", Unit{Name: " 某局 ", CreditCode: " 11610113mb12345675 ", Contact: " 张三", Phone: "029 "}, Unit{Name: "某局", CreditCode: code, Contact: "张三", Phone: "029"}, ""},
		{"no name", Unit{Name: "  ", CreditCode: code}, Unit{CreditCode: code}, "单位名称"},
		{"bad code", Unit{Name: "某局", CreditCode: "123"}, Unit{Name: "某局", CreditCode: "123"}, "信用代码"},
		{"long name", Unit{Name: strings.Repeat("局", MaxUnitName+1), CreditCode: code}, Unit{Name: strings.Repeat("局", MaxUnitName+1), CreditCode: code}, "超过"},
	}
	for _, tc := range cases {
		got, err := CheckUnit(tc.in)
		if got != tc.want {
			t.Errorf("%s: cleaned %+v, want %+v", tc.name, got, tc.want)
		}
		if (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("%s: err %v, want %q", tc.name, err, tc.err)
		}
		if tc.in.Clean() != tc.want {
			t.Errorf("%s: Clean differs from CheckUnit's clean-up", tc.name)
		}
	}
}

func TestEvidenceDisplayName(t *testing.T) {
	cases := []struct {
		e    Evidence
		want string
	}{
		{Evidence{Name: "公示截图", Path: "/x/IMG_1.png"}, "公示截图"},
		{Evidence{Name: "  公示截图 ", Path: "/x/IMG_1.png"}, "公示截图"},
		{Evidence{Name: " ", Path: "/x/IMG_1.png"}, "IMG_1.png"},
		{Evidence{Path: `C:\材料\规定.pdf`}, "规定.pdf"},
		{Evidence{Path: `佐证材料/001_规定.pdf`}, "001_规定.pdf"},
		{Evidence{Path: "规定.pdf"}, "规定.pdf"},
	}
	for _, tc := range cases {
		if got := tc.e.DisplayName(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.e, got, tc.want)
		}
	}
}

func TestChineseNumeral(t *testing.T) {
	for n, want := range map[int]string{-1: "-1", 0: "0", 1: "一", 7: "七", 10: "十", 11: "十一", 12: "十二", 20: "二十", 35: "三十五", 99: "九十九", 100: "100"} {
		if got := ChineseNumeral(n); got != want {
			t.Errorf("ChineseNumeral(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestClampAndYear(t *testing.T) {
	for _, tc := range []struct{ s, p, want Tenths }{{-3, 5, 0}, {0, 5, 0}, {3, 5, 3}, {5, 5, 5}, {9, 5, 5}} {
		if got := Clamp(tc.s, tc.p); got != tc.want {
			t.Errorf("Clamp(%d, %d) = %d, want %d", tc.s, tc.p, got, tc.want)
		}
	}
	for y, ok := range map[int]bool{1999: false, 2000: true, 2025: true, 2100: true, 2101: false} {
		if err := CheckYear(y); (err == nil) != ok || (err != nil && !strings.Contains(err.Error(), "2000–2100")) {
			t.Errorf("CheckYear(%d) = %v", y, err)
		}
	}
}

func TestLacksEvidenceAndIsDeducted(t *testing.T) {
	ev := []Evidence{{Path: "a.pdf"}}
	cases := []struct {
		a               Answer
		lacks, deducted bool
	}{
		{Answer{Status: Unanswered}, false, false},
		{Answer{Status: NA}, false, false},
		{Answer{Status: Scored, Score: 5}, true, false},
		{Answer{Status: Scored, Score: 5, Evidence: ev}, false, false},
		{Answer{Status: Scored, Score: 3, Evidence: ev}, false, true},
		{Answer{Status: Scored, Score: 9, Evidence: ev}, false, false}, // counted as 5 of 5
		{Answer{Status: Scored, Score: -1}, true, true},
	}
	for _, tc := range cases {
		if got := LacksEvidence(tc.a); got != tc.lacks {
			t.Errorf("LacksEvidence(%+v) = %v", tc.a, got)
		}
		if got := IsDeducted(tc.a, 5); got != tc.deducted {
			t.Errorf("IsDeducted(%+v, 5) = %v", tc.a, got)
		}
	}
}
