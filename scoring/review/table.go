package review

import (
	"fmt"
	"sort"
	"strings"

	"sanxiang/scoring"
)

// Column is one column of the bureau's 汇总 table; the screen shows them in this order and
// sorts by any of them (SortRows).
type Column int

const (
	ColRank       Column = iota // 名次
	ColUnit                     // 单位
	ColCode                     // 信用代码
	ColYear                     // 年度
	ColDigest                   // 报送包校验码（校验通过）
	ColSelf                     // 自评得分
	ColSelfConv                 // 自评折算
	ColReview                   // 复核得分
	ColReviewConv               // 复核折算
	ColCounts                   // 已评/不适用/未评
	ColEvidence                 // 佐证/缺失
	ColMaterials                // 申报材料字数/最少
	ColStatus                   // 复核状态
	NumColumns                  // the number of columns
)

// Title is the column's header as the screen prints it.
func (c Column) Title() string {
	switch c {
	case ColRank:
		return "名次"
	case ColUnit:
		return "单位"
	case ColCode:
		return "信用代码"
	case ColYear:
		return "年度"
	case ColDigest:
		return "报送包校验码"
	case ColSelf:
		return "自评得分"
	case ColSelfConv:
		return "自评折算"
	case ColReview:
		return "复核得分"
	case ColReviewConv:
		return "复核折算"
	case ColCounts:
		return "已评/不适用/未评"
	case ColEvidence:
		return "佐证/缺失"
	case ColMaterials:
		return "申报材料字数"
	case ColStatus:
		return "复核状态"
	}
	return ""
}

// Header is the column's title in two lines, as the 汇总 table's header prints it: the long titles
// broken where they read naturally, so the columns can be as narrow as their numbers; the short
// ones keep the second line for the sort arrow. The words are Title's.
func (c Column) Header() string {
	switch c {
	case ColDigest:
		return "报送包\n校验码"
	case ColSelf:
		return "自评\n得分"
	case ColSelfConv:
		return "自评\n折算"
	case ColReview:
		return "复核\n得分"
	case ColReviewConv:
		return "复核\n折算"
	case ColCounts:
		return "已评/\n不适用/未评"
	case ColEvidence:
		return "佐证/\n缺失"
	case ColMaterials:
		return "申报材料\n字数"
	case ColStatus:
		return "复核\n状态"
	}
	return c.Title() + "\n"
}

// Numeric reports whether the column holds numbers (the table aligns them right).
func (c Column) Numeric() bool {
	switch c {
	case ColRank, ColYear, ColSelf, ColSelfConv, ColReview, ColReviewConv, ColCounts, ColEvidence:
		return true
	}
	return false
}

// Cell is the text of one cell of row r: scores in tenths and hundredths as printed elsewhere,
// "—" for an undefined converted score or rank, the digest shortened to its first 8 characters
// (enough to tell packages apart on screen; the exports print it whole) with 通过 or 未通过.
func Cell(r Ranked, c Column) string {
	conv := func(h scoring.Hundredths, ok bool) string {
		if !ok {
			return "—"
		}
		return h.String()
	}
	switch c {
	case ColRank:
		if r.Rank == 0 {
			return "—"
		}
		return fmt.Sprint(r.Rank)
	case ColUnit:
		return r.Unit.Name
	case ColCode:
		return r.Unit.CreditCode
	case ColYear:
		return fmt.Sprint(r.Year)
	case ColDigest:
		d := r.Digest
		if len(d) > 8 {
			d = d[:8]
		}
		if d == "" {
			d = "—"
		}
		if r.Verified {
			return d + " 通过"
		}
		return d + " 未通过"
	case ColSelf:
		return r.Self.Overall.Score.String()
	case ColSelfConv:
		return conv(r.Self.Converted, r.Self.ConvertedOK)
	case ColReview:
		if r.Changed > 0 {
			return fmt.Sprintf("%s 改%d", r.Review.Overall.Score, r.Changed)
		}
		return r.Review.Overall.Score.String()
	case ColReviewConv:
		return conv(r.Review.Converted, r.Review.ConvertedOK)
	case ColCounts:
		return fmt.Sprintf("%d/%d/%d", r.Scored, r.NA, r.Unanswered)
	case ColEvidence:
		return fmt.Sprintf("%d/%d", r.EvidenceFiles, r.MissingEvidence)
	case ColMaterials:
		parts := make([]string, 0, len(r.Materials))
		for _, m := range r.Materials {
			if m.Min == 0 { // nothing to measure against (e.g. a 工作总结 without a minimum)
				continue
			}
			mark := "✓"
			if !m.OK {
				mark = "×" // the embedded font has no ✗
			}
			parts = append(parts, fmt.Sprintf("%d%s", m.Chars, mark))
		}
		return strings.Join(parts, " ")
	case ColStatus:
		return r.Status.String()
	}
	return ""
}

// MaterialsLegend explains the 申报材料字数 column for the rows: each material's title and
// minimum, in catalog order, from the first row that has materials ("" when none has).
// Materials without a minimum are left out here and in the column.
func MaterialsLegend(rows []Ranked) string {
	for _, r := range rows {
		if len(r.Materials) == 0 {
			continue
		}
		parts := make([]string, 0, len(r.Materials))
		for _, m := range r.Materials {
			if m.Min > 0 {
				parts = append(parts, fmt.Sprintf("%s最少 %d 字", m.Title, m.Min))
			}
		}
		if len(parts) == 0 {
			return ""
		}
		return "申报材料字数依次为：" + strings.Join(parts, "、") + "；✓ 够数，× 不足"
	}
	return ""
}

// short counts the materials below their minimum.
func short(ms []MaterialLength) int {
	n := 0
	for _, m := range ms {
		if !m.OK {
			n++
		}
	}
	return n
}

// less compares two rows by column c ascending; ok is false when they are equal in c.
func less(a, b Ranked, c Column) (less, ok bool) {
	num := func(x, y int64) (bool, bool) { return x < y, x != y }
	// undefined scores and ranks sort after every defined one (ascending)
	opt := func(x int64, xok bool, y int64, yok bool) (bool, bool) {
		if xok != yok {
			return xok, true
		}
		return num(x, y)
	}
	str := func(x, y string) (bool, bool) { return x < y, x != y }
	switch c {
	case ColRank:
		return opt(int64(a.Rank), a.Rank > 0, int64(b.Rank), b.Rank > 0)
	case ColUnit:
		return str(a.Unit.Name, b.Unit.Name)
	case ColCode:
		return str(a.Unit.CreditCode, b.Unit.CreditCode)
	case ColYear:
		return num(int64(a.Year), int64(b.Year))
	case ColDigest:
		if a.Verified != b.Verified {
			return !a.Verified, true // the ones that failed first: they need looking at
		}
		return str(a.Digest, b.Digest)
	case ColSelf:
		return num(int64(a.Self.Overall.Score), int64(b.Self.Overall.Score))
	case ColSelfConv:
		return opt(int64(a.Self.Converted), a.Self.ConvertedOK, int64(b.Self.Converted), b.Self.ConvertedOK)
	case ColReview:
		return num(int64(a.Review.Overall.Score), int64(b.Review.Overall.Score))
	case ColReviewConv:
		return opt(int64(a.Review.Converted), a.Review.ConvertedOK, int64(b.Review.Converted), b.Review.ConvertedOK)
	case ColCounts:
		return num(int64(a.Unanswered), int64(b.Unanswered))
	case ColEvidence:
		if a.MissingEvidence != b.MissingEvidence {
			return num(int64(a.MissingEvidence), int64(b.MissingEvidence))
		}
		return num(int64(a.EvidenceFiles), int64(b.EvidenceFiles))
	case ColMaterials:
		return num(int64(short(a.Materials)), int64(short(b.Materials)))
	case ColStatus:
		return num(int64(a.Status), int64(b.Status))
	}
	return false, false
}

// SortRows sorts rows in place by column c (desc: largest first). Undefined ranks and converted
// scores ("—") come last in both directions; rows equal in c keep the ranking's order: year
// (latest first), rank, name, credit code — the same order every time.
func SortRows(rows []Ranked, c Column, desc bool) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if undefA, undefB := undefined(a, c), undefined(b, c); undefA != undefB {
			return undefB
		}
		if l, ok := less(a, b, c); ok {
			return l != desc
		}
		return defaultLess(a, b)
	})
}

// undefined is true when the row shows "—" in column c.
func undefined(r Ranked, c Column) bool {
	switch c {
	case ColRank:
		return r.Rank == 0
	case ColSelfConv:
		return !r.Self.ConvertedOK
	case ColReviewConv:
		return !r.Review.ConvertedOK
	}
	return false
}

func defaultLess(a, b Ranked) bool {
	if a.Year != b.Year {
		return a.Year > b.Year
	}
	if a.CatalogID != b.CatalogID {
		return a.CatalogID < b.CatalogID
	}
	if (a.Rank > 0) != (b.Rank > 0) {
		return a.Rank > 0
	}
	if a.Rank != b.Rank {
		return a.Rank < b.Rank
	}
	if a.Unit.Name != b.Unit.Name {
		return a.Unit.Name < b.Unit.Name
	}
	return a.Unit.CreditCode < b.Unit.CreditCode
}

// AnyStatus in a Filter shows rows of every 复核状态.
const AnyStatus Status = -1

// Filter selects the rows of the 汇总 table: Text (trimmed, case-insensitive) must occur in
// the unit's name or credit code, Status is one status or AnyStatus, Year 0 is every year.
type Filter struct {
	Text   string
	Status Status
	Year   int
}

// Match reports whether row r passes the filter.
func (f Filter) Match(r Ranked) bool {
	if f.Year != 0 && r.Year != f.Year {
		return false
	}
	if f.Status != AnyStatus && r.Status != f.Status {
		return false
	}
	t := strings.ToUpper(strings.TrimSpace(f.Text))
	if t == "" {
		return true
	}
	return strings.Contains(strings.ToUpper(r.Unit.Name), t) || strings.Contains(strings.ToUpper(r.Unit.CreditCode), t)
}

// Rows flattens ranked groups into the rows of the 汇总 table that pass f, in ranking order.
func Rows(groups []Group, f Filter) []Ranked {
	var out []Ranked
	for _, g := range groups {
		for _, u := range g.Units {
			if f.Match(u) {
				out = append(out, u)
			}
		}
	}
	return out
}

// Years lists the years of the groups, latest first, once each (for the year filter).
func Years(groups []Group) []int {
	seen := map[int]bool{}
	var out []int
	for _, g := range groups {
		if !seen[g.Year] {
			seen[g.Year] = true
			out = append(out, g.Year)
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(out)))
	return out
}
