package app

import (
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/internal/caret"
)

// field is a text entry that passes the program's navigation shortcuts (Ctrl+F, Ctrl+PageUp …)
// on to the window: Fyne gives shortcuts only to the focused widget. It never submits on Enter
// by itself (a Chinese IME sends Enter while composing, so OnSubmitted stays unset); a card's
// score box sets onEnter, which checks that the text is a valid score before it moves on.
type field struct {
	widget.Entry
	shortcut func(*desktop.CustomShortcut) bool
	grow     [2]int // for growing multi-line fields: the fewest and most rows shown
	rows     int
	need     int // rows the text needs at the current width (may exceed grow[1])

	onTab   func(back bool)   // set: Tab and Shift+Tab move the focus through the card's order
	onEnter func()            // set: Enter (single-line fields) runs it instead of nothing
	onBlur  func()            // set: runs after the field lost the focus
	onEsc   func()            // set: Esc runs it (the review page goes back to its table) instead of nothing
	wheel   *wheelPass        // set by wheelThrough: hands the mouse wheel to the page
	view    *container.Scroll // the entry's scroller: its offset places the caret for the IME
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

// preset gives a new field its first text and placeholder without laying them out:
// SetText and SetPlaceHolder make the field's renderer and break and measure the text at once,
// for a width the field does not have yet — for the long texts of 申报材料, a page the first
// screen does not show, most of that page's cost at start, and a tenth of a criterion card's
// (docs/build.md, 界面启动速度). The field lays the text out when it is first shown. Only for
// a field that has not been refreshed or shown yet: after that only SetText updates the drawing.
func (f *field) preset(text, placeholder string) { f.Text, f.PlaceHolder = text, placeholder }

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
	f.need = n
	if f.wheel != nil {
		f.wheel.sync()
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

// AcceptsTab keeps Tab for the field when it moves the focus itself (a card's fields: score →
// the text fields shown → the next criterion's score), so a multi-line field never gets a tab
// character; otherwise as Fyne's Entry (multi-line fields take it as text).
func (f *field) AcceptsTab() bool { return f.onTab != nil || f.Entry.AcceptsTab() }

// TypedKey handles Tab, Enter and Esc for fields that set onTab/onEnter/onEsc, the rest as
// Fyne's Entry.
func (f *field) TypedKey(k *fyne.KeyEvent) {
	switch {
	case k.Name == fyne.KeyTab && f.onTab != nil:
		back := false
		if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
			back = d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
		}
		f.onTab(back)
		return
	case (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && f.onEnter != nil && !f.MultiLine:
		f.onEnter()
		return
	case k.Name == fyne.KeyEscape && f.onEsc != nil:
		f.onEsc()
		return
	}
	f.Entry.TypedKey(k)
}

// FocusLost lets the owner tidy the text once the user leaves the field (e.g. the score box
// shows a full-width "０．５" as 0.5).
func (f *field) FocusLost() {
	f.Entry.FocusLost()
	if f.onBlur != nil {
		f.onBlur()
	}
}

// CreateRenderer keeps the entry's scroller, whose offset the input method needs (ime.go).
func (f *field) CreateRenderer() fyne.WidgetRenderer {
	r := f.Entry.CreateRenderer()
	for _, o := range r.Objects() {
		if s, ok := o.(*container.Scroll); ok {
			f.view = s
		}
	}
	return r
}

// caret is where the field's caret is drawn, in the canvas' logical units, for the Windows
// input method; false when the field is not on screen.
func (f *field) caret() (caret.Field, bool) {
	d := fyne.CurrentApp().Driver()
	if d.CanvasForObject(f) == nil || !f.Visible() {
		return caret.Field{}, false
	}
	th := f.Theme()
	border := th.Size(theme.SizeNameInputBorder)
	// without a scroller the text content sits one input border below the field's top
	view := d.AbsolutePositionForObject(f).AddXY(0, border)
	size := f.Size().SubtractWidthHeight(0, 2*border)
	var scroll fyne.Position
	if f.view != nil && f.view.Visible() {
		view, size, scroll = d.AbsolutePositionForObject(f.view), f.view.Size(), f.view.Offset
	}
	cur := f.CursorPosition()
	line := fyne.MeasureText("中", th.Size(theme.SizeNameText), f.TextStyle).Height // a line, as high as Entry's caret
	return caret.Field{
		View:     caret.Point{X: view.X, Y: view.Y},
		ViewSize: caret.Size{W: size.Width, H: size.Height},
		Caret:    caret.Point{X: cur.X, Y: cur.Y},
		Scroll:   caret.Point{X: scroll.X, Y: scroll.Y},
		Width:    border,
		Height:   line,
	}, true
}
