package cjk

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// unit measures a Chinese character as 1 and everything else as 0.5, like a CJK font.
func unit(r rune) float64 {
	if Wide(r) {
		return 1
	}
	return 0.5
}

func width(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += unit(r)
	}
	return w
}

func TestWrapExamples(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width float64
		want  []string
	}{
		{"empty", "", 5, []string{""}},
		{"fits", "一二三", 5, []string{"一二三"}},
		{"exact", "一二三四五", 5, []string{"一二三四五"}},
		{"plain break", "一二三四五六七", 5, []string{"一二三四五", "六七"}},
		{"comma pulls previous char down", "一二三四五，六七", 5, []string{"一二三四", "五，六七"}},
		{"full stop and closing quote", "一二三四五。」六", 5, []string{"一二三四", "五。」六"}},
		{"opening bracket moves down", "一二三四（五）六", 5, []string{"一二三四", "（五）六"}},
		{"latin word kept whole", "一二三 abcd 四", 5, []string{"一二三 ", "abcd 四"}},
		{"long word split", "abcdefghijklmn", 3, []string{"abcdef", "ghijkl", "mn"}},
		{"number kept whole", "共计3.14分值", 3.5, []string{"共计", "3.14分", "值"}},
		{"no break before a joiner inside a word", "编号 shaanxi-2020）", 7, []string{"编号 ", "shaanxi-2020）"}},
		{"hard newline", "一二\n\n三", 5, []string{"一二", "", "三"}},
		{"spaces hang", "ab  cd", 1.5, []string{"ab  ", "cd"}},
		{"too narrow", "一二", 0.1, []string{"一", "二"}},
		{"punctuation hangs when nothing else fits", "一。二", 1, []string{"一。", "二"}},
		{"ellipsis pair stays", "一二三四……五", 5, []string{"一二三", "四……五"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Wrap(tt.text, tt.width, unit)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Wrap(%q, %v) = %q, want %q", tt.text, tt.width, got, tt.want)
			}
		})
	}
}

// base mixes Chinese, Latin words, digits, dates and punctuation as users write them.
const base = "根据《中华人民共和国行政处罚法》第39条规定，本单位于2020年7月1日在门户网站（www.example.gov.cn）" +
	"公开了执法主体、人员、职责、权限等信息；共公示执法人员128名，执法证号如61010012345。" +
	"Lorem ipsum dolor sit amet，consectetur adipiscing elit；“双随机、一公开”抽查比例为5.5%……" +
	"整改措施：一是加强培训，二是完善制度！三是落实责任？"

// checkWrap asserts the invariants every wrap must keep.
func checkWrap(t *testing.T, text string, w float64, lines []string) {
	t.Helper()
	if got, want := strings.Join(lines, ""), strings.ReplaceAll(text, "\n", ""); got != want {
		t.Fatalf("width %v: characters lost or duplicated:\n got %q\nwant %q", w, got, want)
	}
	if n := strings.Count(text, "\n") + 1; len(lines) < n {
		t.Fatalf("width %v: %d lines for %d paragraphs", w, len(lines), n)
	}
	for i, l := range lines {
		if !utf8.ValidString(l) {
			t.Fatalf("line %d is not valid UTF-8: %q", i, l)
		}
	}
}

func TestWrapPunctuationAtEveryPosition(t *testing.T) {
	puncts := []rune("，。、；：）」》…！？,.;:!?)%")
	baseRunes := []rune(base)
	for _, w := range []float64{3, 4.5, 7, 10, 16, 23.5} {
		for _, p := range puncts {
			for pos := 0; pos <= len(baseRunes); pos++ {
				rs := append(append(append([]rune{}, baseRunes[:pos]...), p), baseRunes[pos:]...)
				text := string(rs)
				lines := Wrap(text, w, unit)
				checkWrap(t, text, w, lines)
				for i, l := range lines {
					first, _ := utf8.DecodeRuneInString(l)
					if i > 0 && NoStart(first) {
						t.Fatalf("width %v, %q at %d: line %d starts with %q: %q", w, string(p), pos, i, first, lines)
					}
					last, _ := utf8.DecodeLastRuneInString(l)
					if i < len(lines)-1 && NoEnd(last) {
						t.Fatalf("width %v: line %d ends with opening %q: %q", w, i, last, lines)
					}
					// Only a run of closing punctuation wider than the line may hang past it.
					if got := width(strings.TrimRight(l, " ")); got > w && utf8.RuneCountInString(strings.TrimRightFunc(l, func(r rune) bool { return r == ' ' || NoStart(r) })) > 1 {
						t.Fatalf("width %v: line %d is %v wide: %q", w, i, got, l)
					}
				}
				// A Latin word or number that fits on a line, with room for the punctuation
				// attached to both of its ends, is never split.
				for i := 1; i < len(lines); i++ {
					prev, _ := utf8.DecodeLastRuneInString(lines[i-1])
					next, _ := utf8.DecodeRuneInString(lines[i])
					if isWord(prev) && isWord(next) {
						word := wordAround(text, lines, i)
						if width(word)+2 <= w {
							t.Fatalf("width %v: word %q split between lines %q and %q", w, word, lines[i-1], lines[i])
						}
					}
				}
			}
		}
	}
}

// wordAround returns the whole run of word characters that spans the break before lines[i].
func wordAround(text string, lines []string, i int) string {
	all := []rune(strings.Join(lines, ""))
	at := utf8.RuneCountInString(strings.Join(lines[:i], ""))
	a, b := at, at
	for a > 0 && isWord(all[a-1]) {
		a--
	}
	for b < len(all) && isWord(all[b]) {
		b++
	}
	return string(all[a:b])
}

func TestWrapLongMixedText(t *testing.T) {
	text := strings.Repeat(base+"\n", 20) + strings.Repeat("x", 300) + "。"
	for _, w := range []float64{0.3, 1, 2, 5.5, 40, 1000} {
		checkWrap(t, text, w, Wrap(text, w, unit))
	}
}

func FuzzWrap(f *testing.F) {
	f.Add(base, 7.0)
	f.Add("一。\n\n（（（abc", 1.0)
	f.Add("\x00\xff𠀀 ，", 0.0)
	f.Fuzz(func(t *testing.T, text string, w float64) {
		if w != w || w > 1e6 || w < -1e6 { // NaN and absurd widths are the caller's bug
			return
		}
		text = strings.ToValidUTF8(text, "?")
		lines := Wrap(text, w, unit)
		checkWrap(t, text, w, lines)
		for i, l := range lines {
			if l == "" {
				// only an empty paragraph may give an empty line
				if !strings.Contains(text, "\n\n") && text != "" && !strings.HasPrefix(text, "\n") && !strings.HasSuffix(text, "\n") {
					t.Fatalf("empty line %d for %q", i, text)
				}
			}
		}
	})
}

func TestSanitize(t *testing.T) {
	cov, err := ParseCoverage(testFont(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"中文 ABC 123，。", "中文 ABC 123，。"},
		{"a\r\nb\rc\nd", "a\nb\nc\nd"},
		{"制\x00度\x07\x1b\x7f\u0085", "制度"},
		{"甲\t乙", "甲 乙"},
		{"零\u200b宽\ufeff", "零宽"},
		{"𠀀𠮷", "□□"},         // outside the BMP: the PDF library cannot embed them
		{"a\xffb", "a□b"},    // invalid UTF-8
		{"\ue000", "□"},      // private use, no glyph
		{"行\u2028段", "行\n段"}, // line separator
		{"葛\U000E0100", "葛"}, // ideographic variation selector
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in, cov.Has); got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Sanitize("𠀀", func(r rune) bool { return r < 128 }); got != "?" {
		t.Errorf("without □ in the font: %q", got)
	}
}

func TestStripControls(t *testing.T) {
	tests := []struct{ in, want string }{
		{"中\x00文\x1b", "中文"},
		{"a\r\nb\tc", "a\nb c"},
		{"𠀀\u200b", "𠀀\u200b"},
		{"x\xff", "x\ufffd"},
	}
	for _, tt := range tests {
		if got := StripControls(tt.in); got != tt.want {
			t.Errorf("StripControls(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
