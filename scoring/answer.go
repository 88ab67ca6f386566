package scoring

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Status is where a criterion stands in the self-assessment.
type Status int

const (
	// Unanswered (未评) counts 0 and is reported as a problem.
	Unanswered Status = iota
	// Scored (已评) carries a score from 0 to the criterion's points.
	Scored
	// NA (不适用) needs a reason and counts by the catalog's NAPolicy.
	NA
)

// String gives the Chinese label a user sees.
func (s Status) String() string {
	switch s {
	case Scored:
		return "已评"
	case NA:
		return "不适用"
	}
	return "未评"
}

// Evidence is one 台账资料 file attached to a criterion.
type Evidence struct {
	Path   string    // where the file is (absolute in the database, relative in an exchange file)
	Name   string    // display name, by default the file name
	Size   int64     // bytes when attached
	SHA256 string    // lowercase hex digest when attached
	Added  time.Time // when attached
}

// DisplayName is how an evidence file is named everywhere (lists, workbook, report, package):
// its display name, else the last element of its path written with either separator.
func (e Evidence) DisplayName() string {
	if n := strings.TrimSpace(e.Name); n != "" {
		return n
	}
	p := e.Path
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		p = p[i+1:]
	}
	return p
}

// Answer is a unit's self-assessment of one criterion.
type Answer struct {
	No              int
	Status          Status
	Score           Tenths // meaningful only when Status == Scored
	Note            string // 自评说明
	DeductionReason string // 扣分原因, required when Score < points
	Rectification   string // 整改措施
	NAReason        string // 不适用理由, required when Status == NA
	Evidence        []Evidence
}

// IsEmpty reports whether the answer holds nothing a user typed, so it need not be stored.
func (a Answer) IsEmpty() bool {
	return a.Status == Unanswered && strings.TrimSpace(a.Note) == "" && strings.TrimSpace(a.DeductionReason) == "" &&
		strings.TrimSpace(a.Rectification) == "" && strings.TrimSpace(a.NAReason) == "" && len(a.Evidence) == 0
}

// Unit is the administrative-enforcement unit doing the self-assessment.
type Unit struct {
	Name       string
	CreditCode string // 统一社会信用代码
	Contact    string
	Phone      string
}

// Assessment is one unit's self-assessment for one year against one catalog.
type Assessment struct {
	Catalog    *Catalog
	Unit       Unit
	Year       int
	Answers    map[int]Answer    // by criterion number; absent means unanswered
	Narratives map[string]string // application materials and work summary, by key
	// Finalized is when the unit marked the assessment 已定稿 (zero: 草稿). Files and packages
	// carry it, so that an import keeps the status the unit handed in.
	Finalized time.Time
}

// CountChars counts what the plan's "字" means: Chinese characters, letters and digits, not
// whitespace or punctuation.
func CountChars(s string) int {
	n := 0
	for i := 0; i < len(s); {
		// fast path: U+5000–U+9FFF (lead bytes E5–E9) and U+4E00–U+4FFF (E4 B8–BF), all Han,
		// decoded by hand (the bureau's list counts hundreds of applications of thousands of 字)
		if c := s[i]; c >= 0xE4 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 &&
			(c != 0xE4 || s[i+1] >= 0xB8) {
			n++
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if countsAsChar(r) {
			n++
		}
		i += size
	}
	return n
}

// countsAsChar is CountChars' rule for one rune, with fast answers for ASCII, the main CJK
// block and the common Chinese punctuation (the bureau's list measures hundreds of
// applications; the Unicode tables are slow).
func countsAsChar(r rune) bool {
	switch {
	case r < 0x80:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	case 0x4E00 <= r && r <= 0x9FFF: // CJK Unified Ideographs: all Han
		return true
	case 0x3001 <= r && r <= 0x3003, 0x3008 <= r && r <= 0x3011, // 、。〃 〈〉《》「」『』【】
		0xFF01 <= r && r <= 0xFF0F, 0xFF1A <= r && r <= 0xFF20, // ！…／ ：…＠ (full-width punctuation)
		0x2010 <= r && r <= 0x2027: // dashes, “”‘’, …
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Han, r)
}

// The years an assessment may be for.
const (
	MinYear = 2000
	MaxYear = 2100
)

// CheckYear refuses, in Chinese, a year outside MinYear…MaxYear: the one year rule for files,
// the database and the forms.
func CheckYear(year int) error {
	if year < MinYear || year > MaxYear {
		return fmt.Errorf("年度 %d 无效（应为 %d–%d）", year, MinYear, MaxYear)
	}
	return nil
}

// ValidateScore says, in Chinese, why score cannot be given to a criterion worth points.
func ValidateScore(score, points Tenths) error {
	if score < 0 {
		return fmt.Errorf("得分不能为负数")
	}
	if score > points {
		return fmt.Errorf("得分 %s 超过该要点分值 %s", score, points)
	}
	return nil
}

// ParseScore reads what a user typed into a score field for a criterion worth points.
func ParseScore(s string, points Tenths) (Tenths, error) {
	t, err := ParseTenths(s)
	if err != nil {
		if err == ErrNotTenths {
			return 0, fmt.Errorf("得分须为 0.1 的整数倍")
		}
		return 0, fmt.Errorf("请输入 0 至 %s 之间的数字", points)
	}
	if err := ValidateScore(t, points); err != nil {
		return 0, err
	}
	return t, nil
}
