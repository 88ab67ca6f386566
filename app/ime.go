package app

import (
	"fyne.io/fyne/v2"

	"sanxiang/internal/caret"
)

// imeCaret is where the caret of the canvas' focused field is, in physical pixels of the
// window's client area, with the field's visible text area: what the Windows input method is
// told (ime_windows.go). false when no field of ours has the focus or it is read-only.
func imeCaret(c fyne.Canvas) (caretRect, area caret.Rect, ok bool) {
	f, isField := c.Focused().(*field)
	if !isField || f.Disabled() {
		return caret.Rect{}, caret.Rect{}, false
	}
	cf, ok := f.caret()
	if !ok {
		return caret.Rect{}, caret.Rect{}, false
	}
	caretRect, area = caret.Locate(cf, c.Scale())
	return caretRect, area, true
}
