package review

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"sanxiang/scoring"
)

// summaryOf summarizes an unreviewed unit of cat with the given answers (unanswered criteria count 0).
func summaryOf(t *testing.T, cat *scoring.Catalog, name string, year int, answers ...scoring.Answer) Summary {
	t.Helper()
	code := creditCode(fmt.Sprintf("11610113MB%07d", len(name)*1000+year%1000))
	return Summarize(Unit{Assessment: unitOn(cat, name, code, year, answers...)})
}

func ranks(g Group) string {
	var parts []string
	for _, u := range g.Units {
		c, ok := u.Converted()
		cs := "—"
		if ok {
			cs = c.String()
		}
		parts = append(parts, fmt.Sprintf("%d %s %s", u.Rank, u.Unit.Name, cs))
	}
	return strings.Join(parts, "; ")
}

func TestRankTiesAndUndefined(t *testing.T) {
	cat := smallCatalog(t)
	full := []scoring.Answer{sc(1, 20), sc(2, 40), sc(3, 15), sc(4, 25)}
	units := []Summary{
		summaryOf(t, cat, "丁局", 2020, na(1), na(2), na(3), na(4)),         // nothing applicable: last, no rank
		summaryOf(t, cat, "乙局", 2020, sc(1, 20), sc(2, 30)),               // 5 of 10 → 50.00
		summaryOf(t, cat, "甲局", 2020, full...),                            // 100.00
		summaryOf(t, cat, "丙局", 2020, sc(1, 10), na(2)),                   // 1 of 6 → 16.67
		summaryOf(t, cat, "戊局", 2020, full...),                            // 100.00, tie with 甲局
		summaryOf(t, cat, "己局", 2020, sc(1, 10), sc(2, 10), na(3), na(4)), // 2 of 6 → 33.33
		summaryOf(t, cat, "庚局", 2020, sc(4, 25), sc(3, 15), sc(2, 10)),    // 5 of 10 → 50.00, tie
		summaryOf(t, cat, "辛局", 2020, na(1), na(2), na(3), na(4)),
	}
	groups := Rank(units)
	if len(groups) != 1 {
		t.Fatalf("%d groups, want 1", len(groups))
	}
	want := "1 戊局 100.00; 1 甲局 100.00; 3 乙局 50.00; 3 庚局 50.00; 5 己局 33.33; 6 丙局 16.67; 0 丁局 —; 0 辛局 —"
	if got := ranks(groups[0]); got != want {
		t.Errorf("ranking\n got %s\nwant %s", got, want)
	}
}

func TestRankUsesReviewScore(t *testing.T) {
	cat := smallCatalog(t)
	full := []scoring.Answer{sc(1, 20), sc(2, 40), sc(3, 15), sc(4, 25)}
	a := unitOn(cat, "甲局", creditCode("11610113MB0000001"), 2020, full...)
	b := unitOn(cat, "乙局", creditCode("11610113MB0000002"), 2020, sc(1, 20), sc(2, 40), sc(3, 15), sc(4, 20))
	units := []Summary{
		Summarize(Unit{Assessment: a, Review: &Review{Status: Done, Items: map[int]Item{2: {No: 2, Score: 20, Comment: "扣 2 分"}}}}),
		Summarize(Unit{Assessment: b}),
	}
	got := ranks(Rank(units)[0])
	if want := "1 乙局 95.00; 2 甲局 80.00"; got != want {
		t.Errorf("ranking by review\n got %s\nwant %s", got, want)
	}
}

func TestRankNeverMixesCatalogsOrYears(t *testing.T) {
	small, big := smallCatalog(t), builtin(t)
	units := []Summary{
		summaryOf(t, small, "甲局", 2020, sc(1, 20)),
		summaryOf(t, big, "乙局", 2020, sc(1, 5)),
		summaryOf(t, small, "丙局", 2021, sc(1, 20)),
		summaryOf(t, small, "丁局", 2020, sc(2, 40)),
		summaryOf(t, big, "戊局", 2019, sc(2, 5)),
	}
	var got []string
	for _, g := range Rank(units) {
		got = append(got, fmt.Sprintf("%d/%s: %s", g.Year, g.CatalogID, ranks(g)))
	}
	want := []string{
		"2021/test-small: 1 丙局 20.00",
		"2020/shaanxi-2020: 1 乙局 0.50", // unanswered criteria count 0 against the full 100
		"2020/test-small: 1 丁局 40.00; 2 甲局 20.00",
		"2019/shaanxi-2020: 1 戊局 0.50",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("groups\n got %s\nwant %s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(Rank(nil)) != 0 {
		t.Error("no units, no groups")
	}
}

func TestCheckMarks(t *testing.T) {
	cat := smallCatalog(t)
	mk := func(name, body string, status Status, answers ...scoring.Answer) Summary {
		return Summarize(Unit{Assessment: unitOn(cat, name, creditCode(body), 2020, answers...), Review: &Review{Status: status}})
	}
	a := mk("甲局", "11610113MB0000001", Done, sc(1, 20))
	b := mk("乙局", "11610113MB0000002", InProgress, sc(1, 10))
	c := mk("丙局", "11610113MB0000003", Done, na(1), na(2), na(3), na(4))
	g := Rank([]Summary{a, b, c})[0]
	ca, cb, cc := a.Unit.CreditCode, b.Unit.CreditCode, c.Unit.CreditCode
	nominees := map[string]bool{ca: true, cb: true}
	for _, x := range []struct {
		name  string
		marks Marks
		p     Places
		want  string
	}{
		{"one each", Marks{Units: map[string]bool{ca: true}, Persons: map[string]bool{cb: true}}, DefaultPlaces(), ""},
		{"none", Marks{}, DefaultPlaces(), ""},
		{"unmarked false", Marks{Units: map[string]bool{cb: false}}, DefaultPlaces(), ""},
		{"too many units", Marks{Units: map[string]bool{ca: true, cb: true}}, Places{Units: 2, Persons: 1},
			"“乙局”尚未复核完成（复核中），不能推荐为示范单位"},
		{"too many persons", Marks{Persons: map[string]bool{ca: true, cb: true}}, DefaultPlaces(), "推荐执法标兵 2 名，超过名额 1 名"},
		{"two persons allowed", Marks{Persons: map[string]bool{ca: true, cb: true}}, Places{Units: 1, Persons: 2}, ""},
		{"no score", Marks{Units: map[string]bool{cc: true}}, DefaultPlaces(), "“丙局”没有复核折算得分（无适用分值），不能推荐为示范单位"},
		{"no nominee", Marks{Persons: map[string]bool{cc: true}}, DefaultPlaces(), "“丙局”的执法标兵申报材料没有填写姓名，不能推荐"},
		{"not in group", Marks{Units: map[string]bool{"X": true}}, DefaultPlaces(), "信用代码为 X 的单位不在 2020 年度本指标体系的单位中，不能推荐"},
		{"bad places", Marks{}, Places{Units: -1}, "推荐示范单位名额 -1 无效（应为 0 至 99）"},
		{"zero places", Marks{Units: map[string]bool{ca: true}}, Places{}, "推荐示范单位 1 个，超过名额 0 个"},
	} {
		if got := errText(CheckMarks(g, x.marks, x.p, nominees)); got != x.want {
			t.Errorf("%s: %q, want %q", x.name, got, x.want)
		}
	}
}

func TestHistory(t *testing.T) {
	cat, big := smallCatalog(t), builtin(t)
	code := creditCode("11610113MB0000001")
	other := creditCode("11610113MB0000002")
	all := []Summary{
		Summarize(Unit{Assessment: unitOn(cat, "甲局", code, 2020, sc(1, 20))}),
		Summarize(Unit{Assessment: unitOn(cat, "甲局", code, 2018, sc(1, 10), sc(2, 40), sc(3, 15), sc(4, 25))}),
		Summarize(Unit{Assessment: unitOn(big, "甲局", code, 2019, sc(1, 5))}),
		Summarize(Unit{Assessment: unitOn(cat, "甲局", code, 2017, na(1), na(2), na(3), na(4))}),
		Summarize(Unit{Assessment: unitOn(cat, "乙局", other, 2019, sc(1, 20))}),
		Summarize(Unit{Assessment: unitOn(cat, "甲局", code, 2021, sc(1, 20))}),
	}
	got := fmt.Sprint(History(all, code, 2020))
	if want := "[{2019 0.50 true} {2018 90.00 true} {2017 0.00 false}]"; got != want {
		t.Errorf("history %s, want %s", got, want)
	}
	if h := History(all, code, 2017); len(h) != 0 {
		t.Errorf("no earlier year: %v", h)
	}
	// FillHistory (indexed by credit code) gives every ranked unit exactly History, [] for none;
	// a second 2019 of 甲局 (another catalog) is not taken: the first in all is
	all = append(all, Summarize(Unit{Assessment: unitOn(cat, "甲局", code, 2019, sc(1, 20))}))
	groups := Rank(all)
	FillHistory(groups, all)
	n := 0
	for _, g := range groups {
		for _, u := range g.Units {
			n++
			want := History(all, u.Unit.CreditCode, u.Year)
			if want == nil {
				want = []HistoryPoint{}
			}
			if !reflect.DeepEqual(u.History, want) {
				t.Errorf("%s %d: FillHistory %v, History %v", u.Unit.Name, u.Year, u.History, want)
			}
		}
	}
	if n != len(all) {
		t.Errorf("%d ranked units of %d", n, len(all))
	}
	if got := fmt.Sprint(History(all, code, 2020)); got != "[{2019 0.50 true} {2018 90.00 true} {2017 0.00 false}]" {
		t.Errorf("with a second 2019: %s", got)
	}
}

func TestUnmarkedNote(t *testing.T) {
	for _, c := range []struct {
		u    Unmarked
		any  bool
		want string
	}{
		{Unmarked{}, false, ""},
		{Unmarked{Unit: true}, true, "已取消其示范单位推荐，复核完成后可重新推荐"},
		{Unmarked{Person: true}, true, "已取消其执法标兵推荐，复核完成后可重新推荐"},
		{Unmarked{Unit: true, Person: true}, true, "已取消其示范单位和执法标兵推荐，复核完成后可重新推荐"},
	} {
		if got := c.u.Note(); got != c.want || c.u.Any() != c.any {
			t.Errorf("%+v: Note %q Any %v, want %q %v", c.u, got, c.u.Any(), c.want, c.any)
		}
	}
}
