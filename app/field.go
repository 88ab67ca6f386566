package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// field is a text entry that passes the program's navigation shortcuts (Ctrl+F, Ctrl+PageUp …)
// on to the window: Fyne gives shortcuts only to the focused widget. It never acts on Enter:
// a Chinese IME sends Enter while composing, so OnSubmitted stays unset.
type field struct {
	widget.Entry
	shortcut func(*desktop.CustomShortcut) bool
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

// TypedShortcut offers custom shortcuts to the window first, then to the entry.
func (f *field) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && f.shortcut != nil && f.shortcut(cs) {
		return
	}
	f.Entry.TypedShortcut(s)
}
