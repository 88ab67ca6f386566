package review

import (
	"fmt"
	"sort"
	"strings"

	"sanxiang/scoring"
)

// Ranked is a unit's Summary with its place in its group.
type Ranked struct {
	Summary
	Rank int // 1, 1, 3 …; 0 when the 复核折算得分 is undefined (no applicable points): no rank, listed last
	// History is the unit's 复核折算得分 of earlier years, latest first, once FillHistory has run
	// (Rank leaves it nil: it needs every year's units, not only the group's).
	History []HistoryPoint
}

// FillHistory sets every ranked unit's History from all imported units (any year, any catalog).
// The units are indexed by credit code first: looking through all of them for each of hundreds
// of units was a tenth of the bureau's list.
func FillHistory(groups []Group, all []Summary) {
	byCode := map[string][]int{}
	for i := range all {
		byCode[all[i].Unit.CreditCode] = append(byCode[all[i].Unit.CreditCode], i)
	}
	for gi := range groups {
		for ui := range groups[gi].Units {
			u := &groups[gi].Units[ui]
			u.History = history(all, byCode[u.Unit.CreditCode], u.Unit.CreditCode, u.Year)
			if u.History == nil {
				u.History = []HistoryPoint{}
			}
		}
	}
}

// Group is the units that are compared with one another: the same year and the same catalog.
type Group struct {
	Year      int
	CatalogID string
	Units     []Ranked // in rank order
}

// Rank splits units into groups of one year and one catalog (units on different catalogs or
// years are never ranked together) and ranks each by the 复核折算得分 as printed (to 0.01),
// highest first. Equal scores share a rank and the next rank skips (1, 1, 3); units without a
// converted score come last without a rank. Within equal scores, and among the unranked, units
// are listed by name and then credit code, so the order is the same every time. Groups come by
// year, latest first, then by catalog id.
func Rank(units []Summary) []Group {
	idx := map[[2]string]int{}
	var groups []Group
	for _, u := range units {
		k := [2]string{fmt.Sprint(u.Year), u.CatalogID}
		i, ok := idx[k]
		if !ok {
			i = len(groups)
			idx[k] = i
			groups = append(groups, Group{Year: u.Year, CatalogID: u.CatalogID})
		}
		groups[i].Units = append(groups[i].Units, Ranked{Summary: u})
	}
	for gi := range groups {
		rankGroup(groups[gi].Units)
	}
	sort.SliceStable(groups, func(i, j int) bool {
		if groups[i].Year != groups[j].Year {
			return groups[i].Year > groups[j].Year
		}
		return groups[i].CatalogID < groups[j].CatalogID
	})
	return groups
}

func rankGroup(us []Ranked) {
	sort.SliceStable(us, func(i, j int) bool {
		ci, oki := us[i].Converted()
		cj, okj := us[j].Converted()
		switch {
		case oki != okj:
			return oki
		case oki && ci != cj:
			return ci > cj
		case us[i].Unit.Name != us[j].Unit.Name:
			return us[i].Unit.Name < us[j].Unit.Name
		}
		return us[i].Unit.CreditCode < us[j].Unit.CreditCode
	})
	for i := range us {
		c, ok := us[i].Converted()
		switch {
		case !ok:
			us[i].Rank = 0
		case i > 0:
			if p, _ := us[i-1].Converted(); p == c {
				us[i].Rank = us[i-1].Rank
				continue
			}
			us[i].Rank = i + 1
		default:
			us[i].Rank = 1
		}
	}
}

// Places is how many units and persons the bureau recommends (a setting; one each by default,
// as the plan gives Yanta one 示范单位 and one 执法标兵).
type Places struct {
	Units   int // 全省行政执法示范单位
	Persons int // 全省行政执法标兵
}

// DefaultPlaces is one of each.
func DefaultPlaces() Places { return Places{Units: 1, Persons: 1} }

// Check says in Chinese why the places cannot be used (negative, or absurdly many).
func (p Places) Check() error {
	for _, v := range []struct {
		n    int
		what string
	}{{p.Units, "推荐示范单位名额"}, {p.Persons, "推荐执法标兵名额"}} {
		if v.n < 0 || v.n > 99 {
			return fmt.Errorf("%s %d 无效（应为 0 至 99）", v.what, v.n)
		}
	}
	return nil
}

// Marks are the bureau's recommendations within one group, by credit code.
type Marks struct {
	Units   map[string]bool // recommended as 示范单位
	Persons map[string]bool // the unit's 执法标兵 recommended
}

// CheckMarks says in Chinese why the marks cannot stand for group g: a mark on a unit not in the
// group, more marks than places, a 示范单位 without a 复核折算得分 or whose review is not done, a
// 执法标兵 whose unit named nobody (nominees says, by credit code, whether the unit named one).
func CheckMarks(g Group, m Marks, p Places, nominees map[string]bool) error {
	if err := p.Check(); err != nil {
		return err
	}
	byCode := map[string]Ranked{}
	for _, u := range g.Units {
		byCode[u.Unit.CreditCode] = u
	}
	name := func(code string) string {
		if u, ok := byCode[code]; ok && strings.TrimSpace(u.Unit.Name) != "" {
			return "“" + u.Unit.Name + "”"
		}
		return "信用代码为 " + code + " 的单位"
	}
	units, persons := 0, 0
	for _, code := range sortedKeys(m.Units) {
		if !m.Units[code] {
			continue
		}
		u, ok := byCode[code]
		if !ok {
			return fmt.Errorf("%s不在 %d 年度本指标体系的单位中，不能推荐", name(code), g.Year)
		}
		if u.Rank == 0 {
			return fmt.Errorf("%s没有复核折算得分（无适用分值），不能推荐为示范单位", name(code))
		}
		if u.Status != Done {
			return fmt.Errorf("%s尚未复核完成（%s），不能推荐为示范单位", name(code), u.Status)
		}
		units++
	}
	for _, code := range sortedKeys(m.Persons) {
		if !m.Persons[code] {
			continue
		}
		if _, ok := byCode[code]; !ok {
			return fmt.Errorf("%s不在 %d 年度本指标体系的单位中，不能推荐其执法标兵", name(code), g.Year)
		}
		if !nominees[code] {
			return fmt.Errorf("%s的执法标兵申报材料没有填写姓名，不能推荐", name(code))
		}
		persons++
	}
	if units > p.Units {
		return fmt.Errorf("推荐示范单位 %d 个，超过名额 %d 个", units, p.Units)
	}
	if persons > p.Persons {
		return fmt.Errorf("推荐执法标兵 %d 名，超过名额 %d 名", persons, p.Persons)
	}
	return nil
}

func sortedKeys(m map[string]bool) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// HistoryPoint is a unit's 复核折算得分 of an earlier year (OK false: undefined).
type HistoryPoint struct {
	Year      int
	Converted scoring.Hundredths
	OK        bool
}

// History lists the earlier years of the unit with creditCode before year, latest first, from
// all imported units (any catalog): the 标兵's three-year record. One point per year; should a
// year hold the unit twice (two catalogs), the first in all is taken.
func History(all []Summary, creditCode string, year int) []HistoryPoint {
	idx := make([]int, len(all))
	for i := range idx {
		idx[i] = i
	}
	return history(all, idx, creditCode, year)
}

// history is History over the units all[i] for i in idx (in increasing order).
func history(all []Summary, idx []int, creditCode string, year int) []HistoryPoint {
	seen := map[int]bool{}
	var out []HistoryPoint
	for _, i := range idx {
		s := &all[i]
		if s.Unit.CreditCode != creditCode || s.Year >= year || seen[s.Year] {
			continue
		}
		seen[s.Year] = true
		c, ok := s.Converted()
		out = append(out, HistoryPoint{Year: s.Year, Converted: c, OK: ok})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Year > out[j].Year })
	return out
}

// Unmarked says which recommendation marks of one unit were removed because its review left
// 已复核 (取消已复核, or a replaced package sending it back to 复核中): a 示范单位 must be
// 已复核 (CheckMarks), so storage removes the marks in the same transaction and the caller tells
// the user with Note.
type Unmarked struct {
	Unit   bool // its 示范单位 mark was removed
	Person bool // its 执法标兵 mark was removed
}

// Any is whether a mark was removed at all.
func (u Unmarked) Any() bool { return u.Unit || u.Person }

// Note is the sentence that tells the user what was removed ("" when nothing was), e.g.
// "已取消其示范单位推荐，复核完成后可重新推荐".
func (u Unmarked) Note() string {
	what := u.What()
	if what == "" {
		return ""
	}
	return "已取消其" + what + "推荐，复核完成后可重新推荐"
}

// What names the marks ("示范单位和执法标兵", "示范单位", "执法标兵"; "" for none), for Note and
// for the window's question before 取消已复核.
func (u Unmarked) What() string {
	switch {
	case u.Unit && u.Person:
		return "示范单位和执法标兵"
	case u.Unit:
		return "示范单位"
	case u.Person:
		return "执法标兵"
	}
	return ""
}
