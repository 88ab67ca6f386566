//go:build windows

package app

import (
	"math"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"

	"sanxiang/internal/caret"
	"sanxiang/internal/imm"
)

// attachIME makes the Windows input method open at the caret of the focused field (see
// internal/imm); call it once the main window is shown. A failure is only logged: typing
// still works, the IME boxes then stay where Windows puts them.
func (u *UI) attachIME() {
	nw, ok := u.win.(driver.NativeWindow)
	if !ok {
		return
	}
	nw.RunNative(func(ctx any) {
		wc, ok := ctx.(driver.WindowsWindowContext)
		if !ok || wc.HWND == 0 {
			return
		}
		c := u.win.Canvas()
		w, err := imm.Attach(wc.HWND, func() (caret.Rect, caret.Rect, bool) { return imeCaret(c) })
		if err != nil {
			fyne.LogError("输入法候选框无法跟随光标", err)
			return
		}
		if dir := os.Getenv(imm.ProbeEnv); dir != "" {
			w.Probe(dir, u.probeHooks())
		}
	})
}

// probeHooks let the Wine smoke test's IME probe use a text field at a known place: the unit
// name on the first-run screen, else the checklist's search field. The first-run screen asks
// 本单位自评 or 区司法局复核 first; the probe answers 本单位自评, as a unit's user would.
func (u *UI) probeHooks() imm.ProbeHooks {
	target := func() *field {
		switch {
		case u.check != nil:
			return u.check.search
		case u.wiz != nil && u.wiz.form == nil:
			u.wiz.stepUnit()
			return nil // asked again after the new page's first frame: its place is known then
		case u.wiz != nil:
			return u.wiz.form.name
		}
		return nil
	}
	c := u.win.Canvas()
	return imm.ProbeHooks{
		Do: fyne.DoAndWait,
		Target: func() (caret.Rect, bool) {
			f := target()
			if f == nil || f.Size().Width == 0 {
				return caret.Rect{}, false
			}
			p, s, sc := fyne.CurrentApp().Driver().AbsolutePositionForObject(f), f.Size(), float64(c.Scale())
			return caret.Rect{Left: int32(math.Floor(float64(p.X) * sc)), Top: int32(math.Floor(float64(p.Y) * sc)),
				Right: int32(math.Ceil(float64(p.X+s.Width) * sc)), Bottom: int32(math.Ceil(float64(p.Y+s.Height) * sc))}, true
		},
		Typed: func() bool {
			f := target()
			return f != nil && c.Focused() == f && len([]rune(f.Text)) >= 8
		},
		Type: func() {
			if f := target(); f != nil {
				c.Focus(f)
				for _, r := range "三项制度示范创建自评" {
					f.TypedRune(r)
				}
			}
		},
		Text: func() string {
			if f := target(); f != nil {
				return f.Text
			}
			return ""
		},
	}
}
