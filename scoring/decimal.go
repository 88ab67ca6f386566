package scoring

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Tenths is a score or point value counted in units of 0.1, so that sums are exact.
type Tenths int64

// String formats t the way the indicator system writes points: "0.5", "2", "24", "-0.3".
func (t Tenths) String() string {
	sign := ""
	v := int64(t)
	if v < 0 {
		sign, v = "-", -v
	}
	if v%10 == 0 {
		return fmt.Sprintf("%s%d", sign, v/10)
	}
	return fmt.Sprintf("%s%d.%d", sign, v/10, v%10)
}

// Fixed formats t always with one decimal ("2.0"), for columns that must line up.
func (t Tenths) Fixed() string {
	sign := ""
	v := int64(t)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%d", sign, v/10, v%10)
}

// Float returns t as a float64 for writers (JSON numbers, spreadsheet cells) that need one; never sum these.
func (t Tenths) Float() float64 { return float64(t) / 10 }

// ErrNotTenths reports a number that is not a whole multiple of 0.1.
var ErrNotTenths = errors.New("不是 0.1 的整数倍")

// ParseTenths reads a decimal such as "0.5", "1", "1.0", "２.５" (full-width, as a Chinese IME
// may type it) exactly; it refuses more than one significant decimal, signs, exponents and junk.
func ParseTenths(s string) (Tenths, error) {
	s = normalizeDigits(strings.TrimSpace(s))
	if s == "" {
		return 0, errors.New("未填写分数")
	}
	neg := false
	if s[0] == '-' {
		neg, s = true, s[1:]
	} else if s[0] == '+' {
		s = s[1:]
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" && (!hasDot || frac == "") {
		return 0, fmt.Errorf("%q 不是数字", s)
	}
	if !allDigits(intPart) || !allDigits(frac) {
		return 0, fmt.Errorf("%q 不是数字", s)
	}
	if hasDot && frac == "" && intPart == "" {
		return 0, fmt.Errorf("%q 不是数字", s)
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > 1 {
		return 0, ErrNotTenths
	}
	if len(intPart) > 15 {
		return 0, errors.New("数值过大")
	}
	var whole int64
	if intPart != "" {
		var err error
		whole, err = strconv.ParseInt(intPart, 10, 64)
		if err != nil {
			return 0, errors.New("数值过大")
		}
	}
	v := whole * 10
	if frac != "" {
		v += int64(frac[0] - '0')
	}
	if neg {
		v = -v
	}
	return Tenths(v), nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// normalizeDigits maps full-width digits, point and signs to ASCII, and the ideographic
// full stop "。" to ".", because users type scores with a Chinese IME switched on.
func normalizeDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '０' && r <= '９':
			b.WriteRune('0' + (r - '０'))
		case r == '．' || r == '。':
			b.WriteByte('.')
		case r == '－':
			b.WriteByte('-')
		case r == '＋':
			b.WriteByte('+')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Hundredths is a value counted in units of 0.01; the converted (百分制) score uses it.
type Hundredths int64

// String formats h with exactly two decimals, e.g. "87.35", "100.00".
func (h Hundredths) String() string {
	sign := ""
	v := int64(h)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// Float returns h as a float64 for writers that need one.
func (h Hundredths) Float() float64 { return float64(h) / 100 }

// Rescale returns score/max×100 rounded half-up to 0.01, and false when max is not positive
// (no applicable points: the converted score is undefined, not zero and not NaN).
func Rescale(score, max Tenths) (Hundredths, bool) {
	if max <= 0 {
		return 0, false
	}
	num := int64(score) * 10000
	den := int64(max)
	if num >= 0 {
		return Hundredths((2*num + den) / (2 * den)), true
	}
	return -Hundredths((-2*num + den) / (2 * den)), true
}

// Percent returns part/whole as a percentage rounded half-up to 0.01 (a 得分率), false when whole ≤ 0.
func Percent(part, whole Tenths) (Hundredths, bool) { return Rescale(part, whole) }
