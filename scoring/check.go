package scoring

import (
	"fmt"
	"strings"
)

// ProblemKind names a kind of problem in the exchange format and the CLI's JSON.
type ProblemKind string

// The problems a user is asked to fix before finalizing.
const (
	ProblemUnanswered      ProblemKind = "unanswered"               // 未评
	ProblemNoDeduction     ProblemKind = "missing_deduction_reason" // 扣分但未写扣分原因
	ProblemNoNAReason      ProblemKind = "missing_na_reason"        // 不适用但未写理由
	ProblemNoEvidence      ProblemKind = "no_evidence"              // 已评但无佐证材料
	ProblemMissingEvidence ProblemKind = "missing_evidence"         // 佐证文件已不存在
)

// Label is the short Chinese name of the kind, used for filters and grouping.
func (k ProblemKind) Label() string {
	switch k {
	case ProblemUnanswered:
		return "未评"
	case ProblemNoDeduction:
		return "缺扣分原因"
	case ProblemNoNAReason:
		return "缺不适用理由"
	case ProblemNoEvidence:
		return "无佐证"
	case ProblemMissingEvidence:
		return "文件缺失"
	}
	return string(k)
}

// Problem is one thing a user should act on, tied to its criterion.
type Problem struct {
	No      int
	Kind    ProblemKind
	Message string
	Path    string // the missing file, for ProblemMissingEvidence
}

// LacksEvidence is the rule behind the problem 无佐证 and the checklist filter of the same name:
// a scored criterion without any evidence file (unanswered and 不适用 ones need none yet).
func LacksEvidence(a Answer) bool {
	return a.Status == Scored && len(a.Evidence) == 0
}

// IsDeducted is the rule behind 扣分 (the checklist filter and the missing-reason problem): a
// scored criterion counted below its points.
func IsDeducted(a Answer, points Tenths) bool {
	return a.Status == Scored && Clamp(a.Score, points) < points
}

// Check lists the problems of an assessment in catalog order. exists reports whether an
// evidence file is still there; nil skips that check (scoring itself does no I/O).
func Check(c *Catalog, answers map[int]Answer, exists func(path string) bool) []Problem {
	var out []Problem
	for _, no := range c.orderd {
		ref := c.byNo[no]
		a := answers[no]
		add := func(k ProblemKind, format string, args ...any) {
			out = append(out, Problem{No: no, Kind: k, Message: fmt.Sprintf("评分要点(%d)", no) + fmt.Sprintf(format, args...)})
		}
		switch a.Status {
		case Unanswered:
			add(ProblemUnanswered, "尚未评分")
		case Scored:
			if IsDeducted(a, ref.Criterion.Points) && strings.TrimSpace(a.DeductionReason) == "" {
				add(ProblemNoDeduction, "得分 %s 低于分值 %s，未填写扣分原因", a.Score, ref.Criterion.Points)
			}
			if LacksEvidence(a) {
				add(ProblemNoEvidence, "已评分，但没有佐证材料")
			}
		case NA:
			if strings.TrimSpace(a.NAReason) == "" {
				add(ProblemNoNAReason, "标为不适用，未填写理由")
			}
		}
		if exists != nil {
			for _, e := range a.Evidence {
				if !exists(e.Path) {
					out = append(out, Problem{No: no, Kind: ProblemMissingEvidence, Path: e.Path,
						Message: fmt.Sprintf("评分要点(%d)的佐证文件已不存在：%s", no, e.Path)})
				}
			}
		}
	}
	return out
}
