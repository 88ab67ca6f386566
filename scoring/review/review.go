// Package review holds the district bureau's side of the self-assessment without any I/O: a
// unit's review (per-criterion 复核得分 or 不适用, 复核意见, 复核结论, status), the review totals at
// every level (through scoring.Score, in exact tenths), the criteria the reviewer changed, the
// row of the bureau's 汇总 table, the ranking of units and the recommendation marks, the
// `review list --json` shape, and the review file (docs/review-format.md). Databases, screens and
// documents call it; it never touches the disk.
package review

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"sanxiang/scoring"
)

// Status is how far the bureau's review of one unit has got.
type Status int

const (
	// Pending (未复核): nobody has touched the unit's review yet.
	Pending Status = iota
	// InProgress (复核中): some scores or comments are entered, not yet marked done.
	InProgress
	// Done (已复核): the reviewer marked the review finished.
	Done
)

// String is the Chinese label a user sees.
func (s Status) String() string {
	switch s {
	case InProgress:
		return "复核中"
	case Done:
		return "已复核"
	}
	return "未复核"
}

// Code is the spelling in JSON ("pending", "in_progress", "done"), a contract of `review list --json`.
func (s Status) Code() string {
	switch s {
	case InProgress:
		return "in_progress"
	case Done:
		return "done"
	}
	return "pending"
}

// ParseStatus reads a Code back, for storage and files that keep the status as text.
func ParseStatus(code string) (Status, error) {
	switch code {
	case "pending":
		return Pending, nil
	case "in_progress":
		return InProgress, nil
	case "done":
		return Done, nil
	}
	return Pending, fmt.Errorf("复核状态 %q 无效（应为 pending、in_progress 或 done）", code)
}

// Item is the reviewer's decision on one criterion: a 复核得分 or 不适用, with a 复核意见.
// A criterion without an Item keeps the unit's own answer (the review defaults to the self-score).
type Item struct {
	No      int
	NA      bool           // 复核认定不适用
	Score   scoring.Tenths // 复核得分, meaningful when !NA
	Comment string         // 复核意见
}

// Review is the bureau's review of one unit's assessment. The unit's own answers are never part
// of it: they stay as the unit handed them in, and the review is laid over them.
type Review struct {
	Reviewer   string
	Conclusion string // 复核结论
	Status     Status
	Items      map[int]Item // by criterion number
}

// CheckItem says in Chinese why an item cannot stand against cat: unknown criterion, a comment
// over MaxComment or with a control character, score outside 0..points, N/A without a comment. The same rules as a
// unit's own scores and texts.
func CheckItem(cat *scoring.Catalog, it Item) error {
	ref, ok := cat.Criterion(it.No)
	if !ok {
		return fmt.Errorf("评分要点(%d)不在指标体系“%s”中", it.No, cat.Title)
	}
	if n := utf8.RuneCountInString(it.Comment); n > MaxComment {
		return fmt.Errorf("评分要点(%d)的复核意见有 %d 个字，超过上限 %d 个字", it.No, n, MaxComment)
	}
	if err := scoring.CheckText(fmt.Sprintf("评分要点(%d)的复核意见", it.No), it.Comment, true); err != nil {
		return err
	}
	if it.NA {
		if strings.TrimSpace(it.Comment) == "" {
			return fmt.Errorf("评分要点(%d)复核认定不适用，须填写复核意见（理由）", it.No)
		}
		return nil
	}
	if err := scoring.ValidateScore(it.Score, ref.Criterion.Points); err != nil {
		return fmt.Errorf("评分要点(%d)的复核得分无效：%v", it.No, err)
	}
	return nil
}

// Limits of the review's texts, as generous as a unit's own.
const (
	MaxReviewer   = 100   // characters of the 复核人's name
	MaxConclusion = 20000 // characters of the 复核结论
	// MaxComment is the 复核意见 of one criterion: as long as a unit's own reason or note
	// (scoring.MaxAnswerText), which the exports print in one cell or paragraph.
	MaxComment = scoring.MaxAnswerText
)

// MaxBureauName bounds the 区司法局's name, printed in the titles, page footers and signature
// block of the review documents (a unit name's limit is of the same order).
const MaxBureauName = 100

// CheckBureauName is the one rule for the 区司法局's name (the stored setting and the name given
// for one export, `review export --bureau`): at most MaxBureauName characters, one line, no
// control characters (scoring.CheckText).
func CheckBureauName(name string) error {
	if n := utf8.RuneCountInString(name); n > MaxBureauName {
		return fmt.Errorf("区司法局名称过长（%d 字，最多 %d 字）", n, MaxBureauName)
	}
	return scoring.CheckText("区司法局名称", name, false)
}

// CheckMeta is the one rule for the 复核人 and 复核结论 (storage, review files, the GUI as it is
// typed): within their lengths and without control characters (scoring.CheckText).
func CheckMeta(reviewer, conclusion string) error {
	if n := utf8.RuneCountInString(reviewer); n > MaxReviewer {
		return fmt.Errorf("复核人姓名过长（%d 字，最多 %d 字）", n, MaxReviewer)
	}
	if n := utf8.RuneCountInString(conclusion); n > MaxConclusion {
		return fmt.Errorf("复核结论过长（%d 字，最多 %d 字）", n, MaxConclusion)
	}
	if err := scoring.CheckText("复核人", reviewer, false); err != nil {
		return err
	}
	return scoring.CheckText("复核结论", conclusion, true)
}

// Check checks the reviewer and the conclusion (CheckMeta), then every item of r
// against cat, in catalog order, and returns the first problem.
func (r *Review) Check(cat *scoring.Catalog) error {
	if r == nil {
		return nil
	}
	if err := CheckMeta(r.Reviewer, r.Conclusion); err != nil {
		return err
	}
	for _, no := range sortedNos(r.Items) {
		it := r.Items[no]
		if it.No != no {
			return fmt.Errorf("内部错误：评分要点(%d)的复核记录编号为 %d", no, it.No)
		}
		if err := CheckItem(cat, it); err != nil {
			return err
		}
	}
	return nil
}

// Answers lays the review over the unit's answers: a criterion the reviewer decided on gets the
// review's status and score (the unit's texts and evidence stay), every other criterion keeps the
// unit's answer. The self answers are copied, never changed.
func Answers(self map[int]scoring.Answer, r *Review) map[int]scoring.Answer {
	out := make(map[int]scoring.Answer, len(self))
	for no, a := range self {
		out[no] = a
	}
	if r == nil {
		return out
	}
	for no, it := range r.Items {
		out[no] = overlaid(out[no], no, it)
	}
	return out
}

// Overlay is Answers as a function of the criterion number (for scoring.ScoreBy): the same
// answers without copying the unit's map, which the bureau's list would do for hundreds of units.
func Overlay(self map[int]scoring.Answer, r *Review) func(no int) scoring.Answer {
	return func(no int) scoring.Answer {
		if r != nil {
			if it, ok := r.Items[no]; ok {
				return overlaid(self[no], no, it)
			}
		}
		return self[no]
	}
}

// overlaid is the unit's answer a to criterion no with the review's decision it laid over it.
func overlaid(a scoring.Answer, no int, it Item) scoring.Answer {
	a.No = no
	if it.NA {
		a.Status, a.Score = scoring.NA, 0
	} else {
		a.Status, a.Score = scoring.Scored, it.Score
	}
	return a
}

// Outcome is what one criterion counts for: 已评 with a score, 不适用, or 未评.
type Outcome struct {
	Status scoring.Status
	Score  scoring.Tenths // when Status == scoring.Scored, clamped to 0..points as scoring counts it
}

// String is "0.5", "不适用" or "未评", as the exports print an outcome.
func (o Outcome) String() string {
	if o.Status == scoring.Scored {
		return o.Score.String()
	}
	return o.Status.String()
}

func outcome(a scoring.Answer, points scoring.Tenths) Outcome {
	if a.Status != scoring.Scored {
		return Outcome{Status: a.Status}
	}
	s := a.Score
	if s < 0 {
		s = 0
	}
	if s > points {
		s = points
	}
	return Outcome{Status: scoring.Scored, Score: s}
}

// Change is one criterion the reviewer decided on: the self and review outcomes and the comment.
type Change struct {
	No      int
	Text    string         // the criterion's text
	Points  scoring.Tenths // its points
	Self    Outcome
	Review  Outcome
	Comment string
	Changed bool // the review outcome differs from the self outcome (a re-scored criterion)
}

// Changes lists, in catalog order, every criterion the review has an item for whose outcome
// differs from the unit's or that carries a comment; Changed tells the two apart. Items for
// criteria the catalog does not know are left out (Check refuses them).
func Changes(cat *scoring.Catalog, self map[int]scoring.Answer, r *Review) []Change {
	if r == nil {
		return nil
	}
	var out []Change
	for _, no := range cat.Numbers() {
		it, ok := r.Items[no]
		if !ok {
			continue
		}
		ref, _ := cat.Criterion(no)
		pts := ref.Criterion.Points
		c := Change{No: no, Text: ref.Criterion.Text, Points: pts, Comment: strings.TrimSpace(it.Comment),
			Self: outcome(self[no], pts)}
		if it.NA {
			c.Review = Outcome{Status: scoring.NA}
		} else {
			c.Review = outcome(scoring.Answer{Status: scoring.Scored, Score: it.Score}, pts)
		}
		c.Changed = c.Review != c.Self
		if c.Changed || c.Comment != "" {
			out = append(out, c)
		}
	}
	return out
}

// ChangedCount is the number of re-scored criteria (Changes with Changed set).
func ChangedCount(cs []Change) int {
	n := 0
	for _, c := range cs {
		if c.Changed {
			n++
		}
	}
	return n
}

func sortedNos(items map[int]Item) []int {
	nos := make([]int, 0, len(items))
	for no := range items {
		nos = append(nos, no)
	}
	sort.Ints(nos)
	return nos
}
