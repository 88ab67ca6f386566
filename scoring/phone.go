package scoring

import (
	"errors"
	"strings"
	"unicode"
)

// phoneHint is the example every phone error ends with.
const phoneHint = "例如 029-85550123、（029）8555 0123 转 8012 或 13912345678"

// ValidatePhone checks a unit's 联系电话 as Chinese offices write it: digits (half- or
// full-width), "-", spaces, brackets round the area code, "+86", and "转" (or "-") before an
// extension, e.g. "029-85550123 转 8012"; several numbers may be separated by "、" "，" or "/".
// Empty is allowed (the field is optional). It refuses letters such as "abc" and numbers too
// short to dial, so that the printed 评分表 carries a usable number.
func ValidatePhone(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '、' || r == '，' || r == ',' || r == '/' || r == '；' || r == ';' }) {
		if err := validateOnePhone(strings.TrimSpace(part)); err != nil {
			return err
		}
	}
	return nil
}

func validateOnePhone(p string) error {
	if p == "" {
		return errors.New("联系电话中有多余的分隔符；" + phoneHint)
	}
	main, ext, hasExt := strings.Cut(p, "转")
	if hasExt {
		if strings.Contains(ext, "转") {
			return errors.New("联系电话中“转”只能出现一次；" + phoneHint)
		}
		if n := countDigits(ext); n == 0 || n > 6 || strings.TrimFunc(ext, func(r rune) bool { return isPhoneDigit(r) || unicode.IsSpace(r) }) != "" {
			return errors.New("“转”后面应是 1 至 6 位分机号；" + phoneHint)
		}
	}
	depth := 0
	for i, r := range main {
		switch {
		case isPhoneDigit(r), unicode.IsSpace(r), r == '-', r == '－', r == '—':
		case r == '+' && i == 0:
		case r == '(' || r == '（':
			depth++
			if depth > 1 {
				return errors.New("联系电话的括号不配对；" + phoneHint)
			}
		case r == ')' || r == '）':
			depth--
			if depth < 0 {
				return errors.New("联系电话的括号不配对；" + phoneHint)
			}
		default:
			return errors.New("联系电话只能包含数字、-、空格、括号和“转”（分机号）；" + phoneHint)
		}
	}
	if depth != 0 {
		return errors.New("联系电话的括号不配对；" + phoneHint)
	}
	if n := countDigits(main); n < 7 || n > 20 {
		return errors.New("联系电话的位数不对（应有 7 至 20 位数字）；" + phoneHint)
	}
	return nil
}

// isPhoneDigit is an ASCII or full-width (IME) digit.
func isPhoneDigit(r rune) bool { return (r >= '0' && r <= '9') || (r >= '０' && r <= '９') }

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if isPhoneDigit(r) {
			n++
		}
	}
	return n
}
