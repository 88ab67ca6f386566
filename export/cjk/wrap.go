// Package cjk breaks mixed Chinese/Latin text into lines by measuring every rune, because the PDF
// library's own SplitText/MultiCell drop one Chinese character at each automatic line break.
package cjk

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// noStart holds closing punctuation that must not begin a line (kinsoku): it stays with the
// character before it.
const noStart = "，。、；：？！）」』》〉】〕〗］｝’”…—～·・％‰℃°,.;:?!)]}%>ー々〆ゝゞヽヾ"

// noEnd holds opening punctuation that must not end a line: it moves down with what it opens.
const noEnd = "（「『《〈【〔〖［｛‘“([{<￥$"

// wordJoin holds ASCII punctuation that binds the letters or digits on both sides into one
// word ("3.14", "a/b", "2020-07-01", "x@y"), so that no break falls inside it.
const wordJoin = ".,:/-_@#&+=~'"

// NoStart reports whether r may not begin a line.
func NoStart(r rune) bool { return strings.ContainsRune(noStart, r) }

// NoEnd reports whether r may not end a line.
func NoEnd(r rune) bool { return strings.ContainsRune(noEnd, r) }

// isWord reports whether r belongs to a Latin-like word that should not be split: letters and
// digits that are not ideographic (a Chinese text may break between any two Han characters).
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	if Wide(r) {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// Wide reports whether r is an East Asian wide or full-width character (Han, kana, hangul,
// full-width forms and CJK punctuation), which takes two columns in a monospaced CJK font.
func Wide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115F, // Hangul Jamo
		r >= 0x2E80 && r <= 0x303E, // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33FF, // kana, bopomofo, CJK compatibility
		r >= 0x3400 && r <= 0x4DBF, // CJK Ext A
		r >= 0x4E00 && r <= 0x9FFF, // CJK Unified
		r >= 0xA000 && r <= 0xA4CF, // Yi
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // full-width forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x1F300 && r <= 0x1F64F, // pictographs, emoticons
		r >= 0x1F900 && r <= 0x1F9FF,
		r >= 0x20000 && r <= 0x3FFFD: // CJK Ext B and beyond
		return true
	}
	// "…" and "—" are full width in Chinese text.
	return r == '…' || r == '—' || r == '“' || r == '”' || r == '‘' || r == '’' || r == '·'
}

// Wrap breaks text into lines at most width wide, measuring each rune with measure. A newline
// in text always ends a line (an empty paragraph yields an empty line). No rune is dropped or
// duplicated: joining the lines gives text without its newlines. Lines break between any two
// Chinese characters, between words of Latin text (after spaces), never inside a word that fits
// on a line, and never before closing punctuation (，。、；：）」》…) or after opening
// punctuation. Spaces at a break stay at the end of the line (hanging, not measured), and when a
// line has no allowed break the closing punctuation hangs past the width rather than start a line.
// A width too small for one rune yields one rune per line.
func Wrap(text string, width float64, measure func(rune) float64) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		lines = wrapPara(lines, para, width, measure)
	}
	return lines
}

func wrapPara(lines []string, para string, width float64, measure func(rune) float64) []string {
	if para == "" {
		return append(lines, "")
	}
	rs := []rune(para)
	ws := make([]float64, len(rs))
	for i, r := range rs {
		ws[i] = measure(r)
	}
	for i := 0; i < len(rs); {
		// j: the end of the longest prefix of rs[i:] that fits (at least one rune).
		j, w := i, 0.0
		for j < len(rs) && (j == i || w+ws[j] <= width+1e-9) {
			w += ws[j]
			j++
		}
		// Spaces hang at the end of a line.
		for j < len(rs) && rs[j] == ' ' {
			j++
		}
		if j >= len(rs) {
			lines = append(lines, string(rs[i:]))
			break
		}
		b := breakBefore(rs, i, j)
		lines = append(lines, string(rs[i:b]))
		i = b
	}
	return lines
}

// breakBefore chooses where the line starting at i ends, given that rs[i:j] fits and j < len(rs).
// It returns b with i < b, the start of the next line.
func breakBefore(rs []rune, i, j int) int {
	// Best: the last break in (i, j] that respects words and punctuation; failing that, one
	// inside a compound word ("www.example.gov.cn" after a dot); failing that, inside a word
	// longer than the line. Every level still keeps closing punctuation off the line start.
	for level := keepAll; level <= keepPunct; level++ {
		for b := j; b > i; b-- {
			if canBreak(rs, b, level) {
				return b
			}
		}
	}
	// Nothing allowed (e.g. a one-character line before "。"): let closing punctuation hang.
	b := j
	for b < len(rs) && NoStart(rs[b]) {
		b++
	}
	return b
}

// What a break must respect, from strictest to loosest.
const (
	keepAll   = iota // words, compound words and punctuation
	keepWords        // words and punctuation: may break after "." or "/" inside a compound
	keepPunct        // punctuation only
)

// canBreak reports whether a line may end before rs[b] (rs[b-1] ends the previous line).
func canBreak(rs []rune, b int, level int) bool {
	prev, next := rs[b-1], rs[b]
	if NoStart(next) || NoEnd(prev) {
		return false
	}
	if next == ' ' || next == '\u00a0' || prev == '\u00a0' {
		return false // spaces hang after the line; a no-break space binds
	}
	// A combining mark belongs to the character before it.
	if unicode.Is(unicode.Mn, next) {
		return false
	}
	if level >= keepPunct {
		return true
	}
	if isWord(prev) && isWord(next) {
		return false
	}
	// "3.14", "2020-07-01", "a/b": punctuation between two word characters binds them, on
	// both of its sides ("shaanxi" | "-2020" started a line with the hyphen).
	if level == keepAll && isWord(next) && strings.ContainsRune(wordJoin, prev) && b >= 2 && isWord(rs[b-2]) {
		return false
	}
	if level == keepAll && isWord(prev) && strings.ContainsRune(wordJoin, next) && b+1 < len(rs) && isWord(rs[b+1]) {
		return false
	}
	return true
}
