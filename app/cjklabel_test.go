package app

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"sanxiang/export/cjk"
	"sanxiang/scoring"
)

// checkLines asserts that lines are text broken by Chinese rules at width: nothing lost or
// duplicated, no closing punctuation starting a line, no opening punctuation ending one.
func checkLines(t *testing.T, text string, width float32, lines []string) {
	t.Helper()
	if got, want := strings.Join(lines, ""), strings.ReplaceAll(text, "\n", ""); got != want {
		t.Fatalf("width %v: text changed by wrapping:\n got %q\nwant %q", width, got, want)
	}
	for i, line := range lines {
		if line == "" {
			continue
		}
		first, _ := utf8.DecodeRuneInString(line)
		last, _ := utf8.DecodeLastRuneInString(line)
		if i > 0 && cjk.NoStart(first) {
			t.Errorf("width %v: line %d starts with %q: %q", width, i, first, line)
		}
		if i < len(lines)-1 && cjk.NoEnd(last) {
			t.Errorf("width %v: line %d ends with %q: %q", width, i, last, line)
		}
	}
}

func TestCatalogTextWrapsByChineseRules(t *testing.T) {
	fa := test.NewApp()
	defer fa.Quit()
	cat, err := scoring.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	size := theme.TextSize()
	type item struct {
		text  string
		style fyne.TextStyle
	}
	var items []item
	for _, ind := range cat.Indicators() {
		items = append(items, item{ind.Label + ind.Title, fyne.TextStyle{Bold: true}})
		for _, cr := range ind.Criteria {
			items = append(items, item{cr.Text, fyne.TextStyle{}})
		}
	}
	multi := 0
	for _, width := range []float32{120, 233, 380, 517, 760} {
		for _, it := range items {
			lines := cjkLines(it.text, width, size, it.style)
			checkLines(t, it.text, width, lines)
			if len(lines) > 1 {
				multi++
			}
			for i, line := range lines {
				// A line may pass the width only by closing punctuation hanging at its end.
				trimmed := strings.TrimRightFunc(line, cjk.NoStart)
				if w := fyne.MeasureText(trimmed, size, it.style).Width; w > width && utf8.RuneCountInString(trimmed) > 1 {
					t.Errorf("width %v: line %d is %v wide: %q", width, i, w, line)
				}
			}
		}
	}
	if multi == 0 {
		t.Fatal("no catalog text needed more than one line: the widths test nothing")
	}
}

func TestIndicatorTitleAndCriteriaUseChineseLineBreaks(t *testing.T) {
	e := withAssessment(t)
	ind := e.u.ws.Catalog().Indicators()[len(e.u.ws.Catalog().Indicators())-1]
	e.u.check.show(len(e.u.ws.Catalog().Indicators())-1, 0)
	title := e.u.check.title
	if got, want := title.Text(), ind.Label+ind.Title; got != want {
		t.Fatalf("title = %q, want %q", got, want)
	}
	minW := title.MinSize().Width
	var heights []float32
	for _, width := range []float32{900, 400, 200} {
		title.Resize(fyne.NewSize(width, title.Size().Height))
		lines := strings.Split(title.lines.Text, "\n")
		checkLines(t, title.Text(), width, lines)
		if w := title.MinSize().Width; w != minW {
			t.Errorf("width %v: MinSize width %v, was %v: the label would keep the window from shrinking", width, w, minW)
		}
		heights = append(heights, title.MinSize().Height)
	}
	if !(heights[0] < heights[1] && heights[1] < heights[2]) {
		t.Errorf("MinSize heights %v do not grow as the title wraps onto more lines", heights)
	}
	for _, cr := range ind.Criteria {
		k := e.card(cr.No)
		text := findCJKLabel(k.content)
		if text == nil || text.Text() != cr.Text {
			t.Fatalf("criterion %d: no Chinese-wrapping label with its text", cr.No)
		}
		text.Resize(fyne.NewSize(180, 100))
		checkLines(t, cr.Text, 180, strings.Split(text.lines.Text, "\n"))
	}
}

// findCJKLabel is the first cjkLabel in obj's tree.
func findCJKLabel(obj fyne.CanvasObject) *cjkLabel {
	switch o := obj.(type) {
	case *cjkLabel:
		return o
	case *container.ThemeOverride:
		return findCJKLabel(o.Content)
	case *denseCard:
		return findCJKLabel(o.over)
	case *quietBox:
		return findCJKLabel(o.obj)
	case *fyne.Container:
		for _, c := range o.Objects {
			if l := findCJKLabel(c); l != nil {
				return l
			}
		}
	}
	return nil
}

// TestIdeographsShareOneWidth: every character sharesIdeographWidth names measures exactly as
// wide as 字 in the embedded faces, regular and bold — what lets runeWidths measure one for
// all. Fails when the faces change (scripts/fetch-fonts.sh pins them).
func TestIdeographsShareOneWidth(t *testing.T) {
	fa := test.NewApp()
	defer fa.Quit()
	Setup(fa)
	size := theme.TextSize()
	for _, st := range []fyne.TextStyle{{}, {Bold: true}} {
		want := fyne.MeasureText("字", size, st).Width
		n := 0
		for r := rune(0x4E00); r <= 0x9FFF; r++ {
			if !sharesIdeographWidth(r) {
				continue
			}
			n++
			if got := fyne.MeasureText(string(r), size, st).Width; got != want {
				t.Errorf("%+v: %c (U+%04X) is %v wide, 字 %v", st, r, r, got, want)
			}
		}
		if n != 0x9FEF-0x4E00+1 {
			t.Errorf("%d ideographs share the width", n)
		}
	}
	if sharesIdeographWidth('a') || sharesIdeographWidth('，') || sharesIdeographWidth(0x9FF0) {
		t.Error("a Latin letter, a punctuation mark or a character the faces lack shares the width")
	}
}
