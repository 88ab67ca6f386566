package review

import (
	"fmt"
	"strings"
	"testing"

	"sanxiang/scoring"
)

// tableRows ranks a small group: 甲局 100, 乙局 50 (in progress), 丙局 16.67, 丁局 undefined,
// and 戊局 of 2019 (done).
func tableRows(t *testing.T) []Ranked {
	t.Helper()
	cat := smallCatalog(t)
	mk := func(name, body string, year int, st Status, answers ...scoring.Answer) Summary {
		s := Summarize(Unit{Assessment: unitOn(cat, name, creditCode(body), year, answers...),
			Review: &Review{Status: st}, Digest: "ABCDEF0123456789" + body, Verified: name != "丙局"})
		return s
	}
	groups := Rank([]Summary{
		mk("乙局", "11610113MB0000002", 2020, InProgress, sc(1, 20), sc(2, 30)),
		mk("丁局", "11610113MB0000004", 2020, Pending, na(1), na(2), na(3), na(4)),
		mk("甲局", "11610113MB0000001", 2020, Pending, sc(1, 20), sc(2, 40), sc(3, 15), sc(4, 25)),
		mk("丙局", "11610113MB0000003", 2020, Pending, sc(1, 10), na(2)),
		mk("戊局", "11610113MB0000005", 2019, Done, sc(1, 20)),
	})
	return Rows(groups, Filter{Status: AnyStatus})
}

func names(rows []Ranked) string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Unit.Name)
	}
	return strings.Join(out, " ")
}

func TestSortRowsByEveryColumn(t *testing.T) {
	rows := tableRows(t)
	if got, want := names(rows), "甲局 乙局 丙局 丁局 戊局"; got != want {
		t.Fatalf("ranking order %q, want %q", got, want)
	}
	tests := []struct {
		col  Column
		desc bool
		want string
	}{
		{ColRank, false, "甲局 戊局 乙局 丙局 丁局"}, // rank 1,1,2,3 then the unranked
		{ColRank, true, "丙局 乙局 甲局 戊局 丁局"},  // 3, 2, 1, 1; the unranked still last
		{ColUnit, false, "丁局 丙局 乙局 戊局 甲局"}, // by code point: 丁 4E01 丙 4E19 乙 4E59 戊 620A 甲 7532
		{ColCode, true, "戊局 丁局 丙局 乙局 甲局"},
		{ColYear, false, "戊局 甲局 乙局 丙局 丁局"},
		{ColDigest, false, "丙局 甲局 乙局 丁局 戊局"},   // the one that failed verification first
		{ColSelfConv, true, "甲局 乙局 戊局 丙局 丁局"},  // 100, 50, 20, 16.67
		{ColSelfConv, false, "丙局 戊局 乙局 甲局 丁局"}, // undefined last both ways
		{ColReviewConv, true, "甲局 乙局 戊局 丙局 丁局"},
		{ColSelf, true, "甲局 乙局 戊局 丙局 丁局"},
		{ColReview, false, "丁局 丙局 戊局 乙局 甲局"},
		{ColCounts, true, "戊局 乙局 丙局 甲局 丁局"}, // most 未评 first: 戊 3, 乙 2, 丙 2
		{ColStatus, true, "戊局 乙局 甲局 丙局 丁局"},
		{ColMaterials, false, "甲局 乙局 丙局 丁局 戊局"},
	}
	for _, tt := range tests {
		rs := append([]Ranked(nil), rows...)
		SortRows(rs, tt.col, tt.desc)
		if got := names(rs); got != tt.want {
			t.Errorf("%s desc=%v: %q, want %q", tt.col.Title(), tt.desc, got, tt.want)
		}
	}
}

func TestFilterRows(t *testing.T) {
	rows := tableRows(t)
	var groups []Group
	for _, r := range rows {
		groups = append(groups, Group{Year: r.Year, CatalogID: r.CatalogID, Units: []Ranked{r}})
	}
	tests := []struct {
		f    Filter
		want string
	}{
		{Filter{Status: AnyStatus}, "甲局 乙局 丙局 丁局 戊局"},
		{Filter{Text: "乙", Status: AnyStatus}, "乙局"},
		{Filter{Text: " mb0000003 ", Status: AnyStatus}, "丙局"}, // credit code, any case, trimmed
		{Filter{Status: Pending}, "甲局 丙局 丁局"},
		{Filter{Status: AnyStatus, Year: 2019}, "戊局"},
		{Filter{Text: "局", Status: Done, Year: 2020}, ""},
	}
	for _, tt := range tests {
		if got := names(Rows(groups, tt.f)); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.f, got, tt.want)
		}
	}
	if got := Years(groups); len(got) != 2 || got[0] != 2020 || got[1] != 2019 {
		t.Errorf("Years = %v", got)
	}
}

func TestCells(t *testing.T) {
	rows := tableRows(t)
	jia, ding := rows[0], rows[3]
	tests := []struct {
		r    Ranked
		col  Column
		want string
	}{
		{jia, ColRank, "1"}, {ding, ColRank, "—"},
		{jia, ColSelf, "10"}, {jia, ColSelfConv, "100.00"}, {ding, ColReviewConv, "—"},
		{jia, ColCounts, "4/0/0"}, {ding, ColCounts, "0/4/0"},
		{jia, ColDigest, "ABCDEF01 通过"}, {rows[2], ColDigest, "ABCDEF01 未通过"},
		{jia, ColMaterials, "0× 0×"}, {rows[1], ColStatus, "复核中"},
	}
	for _, tt := range tests {
		if got := Cell(tt.r, tt.col); got != tt.want {
			t.Errorf("%s %s: %q, want %q", tt.r.Unit.Name, tt.col.Title(), got, tt.want)
		}
	}
	if got, want := MaterialsLegend(rows), "申报材料字数依次为：示范单位申报材料最少 10 字、执法标兵申报材料最少 5 字；✓ 够数，× 不足"; got != want {
		t.Errorf("legend %q, want %q", got, want)
	}
	noMin := Ranked{Summary: Summary{Materials: []MaterialLength{{Title: "示范单位申报材料", Chars: 12, Min: 10, OK: true}, {Title: "工作总结", Chars: 3, OK: true}}}}
	if got := Cell(noMin, ColMaterials); got != "12✓" {
		t.Errorf("a material without a minimum is shown: %q", got)
	}
	if got := MaterialsLegend([]Ranked{noMin}); strings.Contains(got, "工作总结") {
		t.Errorf("legend names a material without a minimum: %q", got)
	}
	if MaterialsLegend(nil) != "" {
		t.Error("a legend without rows")
	}
	for c := Column(0); c < NumColumns; c++ {
		if c.Title() == "" {
			t.Errorf("column %d has no title", c)
		}
	}
}

// BenchmarkTableRows500 is what the 汇总 table does on a header click or a keystroke in the
// filter with 500 units: filter the ranked groups, sort by a column, and make one screen of cell
// texts (the table draws only the visible rows). Target: well under a frame (16 ms).
func BenchmarkTableRows500(b *testing.B) {
	cat := builtin(b)
	var all []Summary
	for i := 0; i < 500; i++ {
		a := unitOn(cat, fmt.Sprintf("第%03d执法单位", i), creditCode(fmt.Sprintf("11610113MB%07d", i)), 2018+i%3)
		for k, no := range cat.Numbers() {
			ref, _ := cat.Criterion(no)
			s := ref.Criterion.Points - scoring.Tenths((i+k)%3)
			if s < 0 {
				s = 0
			}
			a.Answers[no] = sc(no, s)
		}
		all = append(all, Summarize(Unit{Assessment: a, Digest: "ABCDEF0123456789", Verified: true}))
	}
	groups := Rank(all)
	b.ResetTimer()
	cpu0, n := cpuTime(), 0
	for b.Loop() {
		n++
		rows := Rows(groups, Filter{Text: "执法", Status: AnyStatus})
		SortRows(rows, Column(n%int(NumColumns)), n%2 == 0)
		for _, r := range rows[:20] {
			for c := Column(0); c < NumColumns; c++ {
				_ = Cell(r, c)
			}
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(max(n, 1)), "cpu-ns/op")
}

// The two-line headers say what the titles say, in two lines, one line being at most six characters.
func TestHeadersAreTitlesInTwoLines(t *testing.T) {
	for c := Column(0); c < NumColumns; c++ {
		h := c.Header()
		lines := strings.Split(h, "\n")
		if len(lines) != 2 || strings.Join(lines, "") != c.Title() {
			t.Errorf("column %d: header %q, title %q", c, h, c.Title())
		}
		for _, l := range lines {
			if n := len([]rune(l)); n > 6 {
				t.Errorf("column %d: header line %q has %d characters", c, l, n)
			}
		}
	}
}
