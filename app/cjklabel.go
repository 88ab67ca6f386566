package app

import (
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/export/cjk"
	"sanxiang/scoring"
)

// cjkLabel shows long Chinese text wrapped by Chinese line-breaking rules: Fyne's TextWrapWord
// breaks only at spaces and otherwise at any character, so a line could begin with "，" or "。".
// It breaks the text itself (cjk.Wrap) for its current width and shows the lines unwrapped.
type cjkLabel struct {
	widget.BaseWidget
	text   string
	style  fyne.TextStyle
	lines  *widget.Label    // the pre-broken lines; Fyne never wraps them again
	rich   *widget.RichText // nil, or the same lines drawn in a theme colour (hintText); lines then only measures
	width  float32          // the wrap width the lines were broken for, 0 before the first layout
	widths *runeWidths      // the window's remembered character widths (nil: measured per call)
	// spare, when set (keepRoomFor), holds the broken lines of the longest text the label is
	// to show, never drawn: the label is at least as tall, so text that grows while the user
	// types does not move what is below it
	spare   *widget.Label
	reserve string
}

// newCJKLabel is a wrapping label for catalog text (indicator titles, criterion texts).
func newCJKLabel(text string, style fyne.TextStyle) *cjkLabel {
	l := &cjkLabel{text: text, style: style}
	l.lines = widget.NewLabelWithStyle(text, fyne.TextAlignLeading, style)
	l.ExtendBaseWidget(l)
	return l
}

// Text is the whole text as set, without the line breaks the label adds.
func (l *cjkLabel) Text() string { return l.text }

// SetText replaces the text and breaks it for the current width.
func (l *cjkLabel) SetText(text string) {
	if text == l.text {
		return // a message set again on every keystroke breaks nothing anew
	}
	l.text = text
	l.rewrap()
}

// keepRoomFor makes the label as tall as text needs at its width, whatever it shows: text is
// the longest it will show (figures at their widest) until keepRoomFor is called again.
func (l *cjkLabel) keepRoomFor(text string) {
	if l.spare == nil {
		l.spare = widget.NewLabelWithStyle("", fyne.TextAlignLeading, l.style)
		l.spare.Hide()
	}
	if text == l.reserve {
		return
	}
	l.reserve = text
	l.rewrap()
	l.Refresh() // a taller minimum makes the parent lay out again
}

// setImportance draws the text in another of the theme's signal colours (a field's message
// that turns from a refusal to a √); not for hintText's grey.
func (l *cjkLabel) setImportance(imp widget.Importance) {
	if l.lines.Importance != imp {
		l.lines.Importance = imp
		l.lines.Refresh()
	}
}

// Resize breaks the text again for the new width; a changed line count changes MinSize, which
// makes the canvas lay out the parent again.
func (l *cjkLabel) Resize(size fyne.Size) {
	l.BaseWidget.Resize(size)
	l.rewrap()
}

// MinSize is as tall as the current lines but only one character wide, so that the label never
// keeps a window or split from shrinking (it wraps to whatever width it gets).
func (l *cjkLabel) MinSize() fyne.Size {
	l.ExtendBaseWidget(l)
	pad := l.Theme().Size(theme.SizeNameInnerPadding)
	one := fyne.MeasureText("字", l.textSize(), l.style).Width
	h := l.lines.MinSize().Height
	if l.spare != nil && l.reserve != "" {
		h = max(h, l.spare.MinSize().Height)
	}
	return fyne.NewSize(one+2*pad, h)
}

// CreateRenderer shows the inner label over the whole area.
func (l *cjkLabel) CreateRenderer() fyne.WidgetRenderer {
	l.ExtendBaseWidget(l)
	shown := fyne.CanvasObject(l.lines)
	if l.rich != nil {
		shown = l.rich
	}
	if l.spare != nil { // hidden, in the tree only to be measured in the label's theme
		return widget.NewSimpleRenderer(container.NewStack(shown, l.spare))
	}
	return widget.NewSimpleRenderer(shown)
}

func (l *cjkLabel) textSize() float32 { return l.Theme().Size(theme.SizeNameText) }

// rewrap breaks the text for the width the label has now (the inner label's text area).
func (l *cjkLabel) rewrap() {
	pad := l.Theme().Size(theme.SizeNameInnerPadding)
	l.width = l.Size().Width - 2*pad
	text := l.text
	if l.width > 0 { // before the first layout the text stays on one line per paragraph, as in Fyne
		text = strings.Join(cjkLinesWith(l.widths, l.text, l.width, l.textSize(), l.style), "\n")
	}
	if l.spare != nil {
		spare := l.reserve
		if l.width > 0 {
			spare = strings.Join(cjkLinesWith(l.widths, l.reserve, l.width, l.textSize(), l.style), "\n")
		}
		if spare != l.spare.Text {
			l.spare.SetText(spare)
			if l.lines.Text == text {
				l.Refresh() // only the room changed: the parent lays out again
			}
		}
	}
	if text != l.lines.Text {
		l.lines.SetText(text)
		if l.rich != nil {
			l.rich.Segments[0].(*widget.TextSegment).Text = text
			l.rich.Refresh()
		}
	}
}

// cjkLines breaks text into lines that fit width when drawn at size in style. Rune widths are
// measured one by one; one unit is kept spare so that rounding never makes a line overflow.
func cjkLines(text string, width, size float32, style fyne.TextStyle) []string {
	return cjkLinesWith(nil, text, width, size, style)
}

// cjkLinesWith is cjkLines with the widths kept in ws (nil: for this call only).
func cjkLinesWith(ws *runeWidths, text string, width, size float32, style fyne.TextStyle) []string {
	if ws == nil {
		ws = &runeWidths{}
	}
	return cjk.Wrap(text, float64(width)-1, func(r rune) float64 { return ws.width(r, size, style) })
}

// runeWidths remembers the drawn width of single characters for the life of the window.
// Fyne's own cache forgets a measurement after a minute unused, and measuring a character it
// has forgotten means shaping it with a new HarfBuzz font: milliseconds for the CJK face.
type runeWidths struct {
	mu sync.Mutex
	m  map[runeKey]float64
}

type runeKey struct {
	r    rune
	size float32
	bold bool
}

func (w *runeWidths) width(r rune, size float32, style fyne.TextStyle) float64 {
	if sharesIdeographWidth(r) {
		r = '字' // one measurement for all of them: a new character costs a HarfBuzz font
	}
	k := runeKey{r, size, style.Bold}
	w.mu.Lock()
	v, ok := w.m[k]
	w.mu.Unlock()
	if ok {
		return v
	}
	v = float64(fyne.MeasureText(string(r), size, style).Width)
	w.mu.Lock()
	if w.m == nil {
		w.m = map[runeKey]float64{}
	}
	w.m[k] = v
	w.mu.Unlock()
	return v
}

// sharesIdeographWidth: every CJK Unified Ideograph the embedded faces have (U+4E00–U+9FEF;
// U+9FF0–U+9FFF are missing and drawn with another font) is one em wide in both, so the
// characters of a Chinese text need one measurement, not one each — the first screen measured
// ~370 characters one by one (~40 ms). TestIdeographsShareOneWidth checks every one of them
// against the pinned faces (scripts/fetch-fonts.sh).
func sharesIdeographWidth(r rune) bool { return r >= 0x4E00 && r <= 0x9FEF }

// warmText measures every character of the catalog once, in the regular and bold face, into
// ws, on the goroutine it is called on. A criterion text is broken into lines character by
// character, and the first measurement of a character costs milliseconds on the UI goroutine
// (a new HarfBuzz font for the large CJK face); run at start on the other core, it leaves the
// pages only their whole lines to measure.
func warmText(ws *runeWidths, cat *scoring.Catalog) {
	size := theme.TextSize()
	add := func(s string) {
		for _, r := range s {
			ws.width(r, size, fyne.TextStyle{})
			ws.width(r, size, fyne.TextStyle{Bold: true})
		}
	}
	for _, a := range cat.Areas {
		add(a.Title)
		for _, c := range a.Categories {
			add(c.Title)
			for _, ind := range c.Indicators {
				add(ind.Title)
				for _, cr := range ind.Criteria {
					add(cr.Text)
				}
			}
		}
	}
}
