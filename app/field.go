package app

import (
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// field is a text entry that passes the program's navigation shortcuts (Ctrl+F, Ctrl+PageUp …)
// on to the window: Fyne gives shortcuts only to the focused widget. It never acts on Enter:
// a Chinese IME sends Enter while composing, so OnSubmitted stays unset.
type field struct {
	widget.Entry
	shortcut func(*desktop.CustomShortcut) bool
	grow     [2]int // for growing multi-line fields: the fewest and most rows shown
	rows     int
}

// newField makes a single-line (multi=false) or wrapping multi-line entry.
func newField(multi bool, shortcut func(*desktop.CustomShortcut) bool) *field {
	f := &field{shortcut: shortcut}
	f.MultiLine = multi
	if multi {
		f.Wrapping = fyne.TextWrapWord
	}
	f.ExtendBaseWidget(f)
	return f
}

// growing makes a multi-line field show between min and max rows, as many as its text needs,
// so a long 自评说明 can be read without scrolling inside a two-line box.
func (f *field) growing(min, max int) {
	f.grow = [2]int{min, max}
	f.fit()
}

// fit sets the number of rows the text needs at the field's current width (estimated from
// the measured width of each paragraph).
func (f *field) fit() {
	if f.grow[0] == 0 {
		return
	}
	n := 0
	avail := f.Size().Width - 4*theme.InnerPadding()
	size := f.Theme().Size(theme.SizeNameText)
	for _, para := range strings.Split(f.Text, "\n") {
		rows := 1
		if avail > 0 && para != "" {
			w := fyne.MeasureText(para, size, f.TextStyle).Width
			rows = int(math.Ceil(float64(w / avail)))
		}
		n += max(rows, 1)
	}
	n = min(max(n, f.grow[0]), f.grow[1])
	if n != f.rows {
		f.rows = n
		f.SetMinRowsVisible(n)
	}
}

// Resize re-fits a growing field to its new width.
func (f *field) Resize(s fyne.Size) {
	widthChanged := s.Width != f.Size().Width
	f.Entry.Resize(s)
	if widthChanged {
		f.fit()
	}
}

// TypedShortcut offers custom shortcuts to the window first, then to the entry.
func (f *field) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && f.shortcut != nil && f.shortcut(cs) {
		return
	}
	if f.Disabled() {
		// Fyne's Entry pastes, undoes and redoes into a disabled entry: a read-only (已定稿)
		// field would show text that is never saved
		switch s.(type) {
		case *fyne.ShortcutPaste, *fyne.ShortcutUndo, *fyne.ShortcutRedo, *fyne.ShortcutCut:
			return
		}
	}
	f.Entry.TypedShortcut(s)
}
