package scoring

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// creditCodeChars is the GB 32100-2015 alphabet (no I, O, S, V, Z); a character's index is its value.
const creditCodeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditCodeWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// NormalizeCreditCode upper-cases and trims a typed code and maps full-width characters,
// because codes are often pasted from Word documents or typed with a Chinese IME.
func NormalizeCreditCode(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		if r >= '！' && r <= '～' { // full-width ASCII block
			r = r - '！' + '!'
		}
		if r == ' ' || r == '\u3000' || r == '-' {
			continue
		}
		b.WriteRune(r)
	}
	return strings.ToUpper(b.String())
}

// ValidateCreditCode checks a 统一社会信用代码 (GB 32100-2015) including its check character,
// so that a mistyped code is caught when the unit is created rather than by the bureau.
func ValidateCreditCode(code string) error {
	code = NormalizeCreditCode(code)
	if code == "" {
		return fmt.Errorf("请填写统一社会信用代码")
	}
	if n := utf8.RuneCountInString(code); n != 18 {
		return fmt.Errorf("统一社会信用代码应为 18 位，现为 %d 位", n)
	}
	runes := []rune(code)
	sum := 0
	for i, r := range runes {
		v := strings.IndexRune(creditCodeChars, r)
		if v < 0 {
			return fmt.Errorf("统一社会信用代码第 %d 位“%c”无效（不能含 I、O、S、V、Z 或其他符号）", i+1, r)
		}
		if i >= 2 && i < 8 && v > 9 {
			return fmt.Errorf("统一社会信用代码第 3–8 位应为行政区划代码（数字）")
		}
		if i < 17 {
			sum += v * creditCodeWeights[i]
		}
	}
	want := (31 - sum%31) % 31
	if rune(creditCodeChars[want]) != runes[17] {
		return fmt.Errorf("统一社会信用代码校验位不正确（最后一位应为 %c），请核对是否输错", creditCodeChars[want])
	}
	return nil
}
