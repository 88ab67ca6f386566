package scoring

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Limits of one assessment (docs/assessment-format.md, "Limits"). They are far above anything a
// real self-assessment needs and below what breaks an export: an xlsx sheet holds at most 65 530
// links and a cell 32 767 characters, a print footer 255 characters; beyond a few thousand
// evidence files the exports take minutes and gigabytes. Every reader and writer (assessment
// file, database, GUI) applies them through CheckLimits, CheckAnswerLimits and CheckUnitLimits.
const (
	MaxUnitName             = 50    // characters of the unit name (Chinese unit names run to about 30)
	MaxUnitField            = 50    // characters of contact person and phone
	MaxEvidencePerCriterion = 50    // evidence files on one criterion
	MaxEvidenceTotal        = 2000  // evidence files in one assessment
	MaxAnswerText           = 5000  // characters of a note, deduction reason, rectification or N/A reason
	MaxNarrativeText        = 30000 // characters of one narrative (申报材料, 工作总结)
	MaxNarratives           = 50    // narrative blocks in one assessment
	MaxNarrativeKey         = 100   // characters of a narrative key
	MaxEvidenceName         = 255   // characters of an evidence display name
	MaxEvidencePath         = 4096  // characters of an evidence path
)

// CheckText refuses a character in s that no name or text of ours may hold: NUL and the other C0
// and C1 control characters and DEL (invisible, they cut or garble exports and terminals) and the
// bidi controls (U+202E makes "照片gpj.exe" read "照片exe.jpg"). A multi-line text (note, reason,
// narrative) keeps tab, newline and carriage return. label names the field in the message.
func CheckText(label, s string, multiLine bool) error {
	i := 0
	for _, r := range s {
		i++
		if multiLine && (r == '\t' || r == '\n' || r == '\r') {
			continue
		}
		if kind := forbiddenKind(r); kind != "" {
			return fmt.Errorf("%s的第 %d 个字符是%s（U+%04X），这种字符看不见或会打乱文字的显示，不能使用；请删除后重新输入", label, i, kind, r)
		}
	}
	return nil
}

// forbiddenKind names the kind of a character CheckText refuses, "" for any other.
func forbiddenKind(r rune) string {
	switch {
	case r == 0:
		return "空字符"
	case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f:
		return "控制字符"
	case r == 0x061c || r == 0x200e || r == 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
		return "文字方向控制符" // ALM, LRM, RLM, LRE…RLO, LRI…PDI
	}
	return ""
}

// CheckUnitLimits refuses unit details too long for the exports (the name is printed in the
// workbook's print footer, which holds 255 characters) or holding a control character.
func CheckUnitLimits(u Unit) error {
	for _, f := range []struct {
		label, text string
		max         int
	}{{"单位名称", u.Name, MaxUnitName}, {"联系人", u.Contact, MaxUnitField}, {"联系电话", u.Phone, MaxUnitField}} {
		text := strings.TrimSpace(f.text)
		if n := utf8.RuneCountInString(text); n > f.max {
			return fmt.Errorf("%s有 %d 个字，超过上限 %d 个字", f.label, n, f.max)
		}
		if err := CheckText(f.label, text, false); err != nil {
			return err
		}
	}
	return nil
}

// CheckAnswerLimits refuses one answer with too many evidence files or too long texts; the
// message names the criterion.
func CheckAnswerLimits(ans Answer) error {
	if n := len(ans.Evidence); n > MaxEvidencePerCriterion {
		return fmt.Errorf("评分要点(%d)：有 %d 个佐证材料，超过每个评分要点 %d 个的上限", ans.No, n, MaxEvidencePerCriterion)
	}
	for _, f := range []struct{ label, text string }{
		{"自评说明", ans.Note}, {"扣分原因", ans.DeductionReason}, {"整改措施", ans.Rectification}, {"不适用理由", ans.NAReason},
	} {
		if n := utf8.RuneCountInString(f.text); n > MaxAnswerText {
			return fmt.Errorf("评分要点(%d)：%s有 %d 个字，超过上限 %d 个字", ans.No, f.label, n, MaxAnswerText)
		}
		if err := CheckText(fmt.Sprintf("评分要点(%d)：%s", ans.No, f.label), f.text, true); err != nil {
			return err
		}
	}
	for i, e := range ans.Evidence {
		if n := utf8.RuneCountInString(e.Name); n > MaxEvidenceName {
			return fmt.Errorf("评分要点(%d)：第 %d 个佐证材料的名称有 %d 个字，超过上限 %d 个字", ans.No, i+1, n, MaxEvidenceName)
		}
		if n := utf8.RuneCountInString(e.Path); n > MaxEvidencePath {
			return fmt.Errorf("评分要点(%d)：第 %d 个佐证材料的路径过长（%d 个字符，上限 %d）", ans.No, i+1, n, MaxEvidencePath)
		}
		if err := CheckText(fmt.Sprintf("评分要点(%d)：第 %d 个佐证材料的名称", ans.No, i+1), e.Name, false); err != nil {
			return err
		}
		if err := CheckText(fmt.Sprintf("评分要点(%d)：第 %d 个佐证材料的路径", ans.No, i+1), e.Path, false); err != nil {
			return err
		}
	}
	return nil
}

// CheckLimits applies every limit to a whole assessment.
func CheckLimits(a *Assessment) error {
	if err := CheckUnitLimits(a.Unit); err != nil {
		return err
	}
	total := 0
	for _, no := range sortedNos(a.Answers) {
		ans := a.Answers[no]
		if err := CheckAnswerLimits(ans); err != nil {
			return err
		}
		total += len(ans.Evidence)
	}
	if total > MaxEvidenceTotal {
		return fmt.Errorf("共有 %d 个佐证材料，超过每份自评 %d 个的上限", total, MaxEvidenceTotal)
	}
	if len(a.Narratives) > MaxNarratives {
		return fmt.Errorf("申报材料有 %d 项，超过上限 %d 项", len(a.Narratives), MaxNarratives)
	}
	for k, v := range a.Narratives {
		if err := CheckNarrative(k, v); err != nil {
			return err
		}
	}
	return nil
}

// CheckNarrative refuses one narrative (申报材料, 工作总结) whose key or text is too long or holds
// a control character; the message names it.
func CheckNarrative(key, text string) error {
	if err := CheckNarrativeKey(key); err != nil {
		return err
	}
	return CheckNarrativeText(key, text)
}

// CheckNarrativeKey is CheckNarrative's rule for the key alone.
func CheckNarrativeKey(key string) error {
	if n := utf8.RuneCountInString(key); n > MaxNarrativeKey {
		return fmt.Errorf("申报材料的名称有 %d 个字，超过上限 %d 个字", n, MaxNarrativeKey)
	}
	return CheckText("申报材料名称", key, false)
}

// CheckNarrativeText is CheckNarrative's rule for the text alone; name is what the message calls
// the material (its key, or the catalog's title where one is known, as in the GUI).
func CheckNarrativeText(name, text string) error {
	if n := utf8.RuneCountInString(text); n > MaxNarrativeText {
		return fmt.Errorf("申报材料“%s”有 %d 个字，超过上限 %d 个字", shorten(name, 20), n, MaxNarrativeText)
	}
	return CheckText(fmt.Sprintf("申报材料“%s”", shorten(name, 20)), text, true)
}

// CheckSubmittable is what a submission package requires beyond a readable assessment file, in
// every command that makes, checks or takes one in (package, verify, import of a package, the
// GUI's 报送包): the limits, a unit name and a valid 统一社会信用代码 — the bureau's database
// files units by it, so a package without one could be built and verified but never imported.
func CheckSubmittable(a *Assessment) error {
	if strings.TrimSpace(a.Unit.Name) == "" {
		return fmt.Errorf("缺少单位名称")
	}
	code := NormalizeCreditCode(a.Unit.CreditCode)
	if code == "" {
		return fmt.Errorf("缺少单位的统一社会信用代码（报送和导入都需要它）；请在“单位信息”中填写后重新导出")
	}
	if err := ValidateCreditCode(code); err != nil {
		return fmt.Errorf("单位%v", err)
	}
	return CheckLimits(a)
}

func sortedNos(m map[int]Answer) []int {
	nos := make([]int, 0, len(m))
	for no := range m {
		nos = append(nos, no)
	}
	sort.Ints(nos)
	return nos
}
