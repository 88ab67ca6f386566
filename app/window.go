package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"

	"sanxiang/internal/desktop"
)

// The main window's default and smallest useful sizes, in Fyne's logical pixels.
var (
	defaultWindow = fyne.NewSize(1280, 700)
	minWindow     = fyne.NewSize(900, 560)
)

// windowFrame is what the title bar and borders add to the content around it (logical pixels).
var windowFrame = fyne.NewSize(16, 40)

// screen is the monitor a window is on: its work area (without the taskbar) in logical pixels
// and a key that tells monitors apart ("1920x1080"); the zero screen means unknown.
type screen struct {
	work fyne.Size
	key  string
}

// windowPlan is how the main window opens.
type windowPlan struct {
	size     fyne.Size
	maximise bool
}

// fitWindow is the window-size rule: the size left on this monitor last time (else 1280×700),
// never larger than the monitor's work area; maximised when it was left maximised, or when
// the work area is smaller than the default (a 1366×768 laptop, or 1920×1080 at 150 %).
// With an unknown screen the remembered or default size is used as it is.
func fitWindow(saved *desktop.WindowState, s screen) windowPlan {
	want := defaultWindow
	if saved != nil && saved.Width >= minWindow.Width && saved.Height >= minWindow.Height {
		want = fyne.NewSize(saved.Width, saved.Height)
	}
	if s.work.Width <= 0 || s.work.Height <= 0 {
		return windowPlan{size: want}
	}
	avail := fyne.NewSize(s.work.Width-windowFrame.Width, s.work.Height-windowFrame.Height)
	plan := windowPlan{size: fyne.NewSize(min(want.Width, avail.Width), min(want.Height, avail.Height))}
	small := avail.Width < defaultWindow.Width || avail.Height < defaultWindow.Height
	plan.maximise = (saved != nil && saved.Maximised) || (saved == nil && small) ||
		plan.size.Width < minWindow.Width || plan.size.Height < minWindow.Height
	return plan
}

// nativeWindow returns the system's handle of a window (0 when there is none, e.g. in tests).
func nativeWindow(w fyne.Window) uintptr {
	var h uintptr
	if nw, ok := w.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) {
			if c, ok := ctx.(driver.WindowsWindowContext); ok {
				h = c.HWND
			}
		})
	}
	return h
}

// screenOf is the monitor of the window hwnd with its work area in Fyne's logical pixels
// (the window's scale); the zero screen when unknown (not Windows, no window).
func screenOf(hwnd uintptr, scale float32) screen {
	w, h, key, ok := desktop.Monitor(hwnd)
	if !ok || scale <= 0 {
		return screen{}
	}
	return screen{work: fyne.NewSize(float32(w)/scale, float32(h)/scale), key: key}
}

// fitToScreen applies the window-size rule once the window exists (its monitor and scale
// are known then).
func (u *UI) fitToScreen() {
	hwnd := nativeWindow(u.win)
	s := screenOf(hwnd, u.win.Canvas().Scale())
	states := desktop.LoadWindowStates(desktop.WindowFile(u.db.Path()))
	var saved *desktop.WindowState
	if st, ok := states[s.key]; ok {
		saved = &st
	}
	plan := fitWindow(saved, s)
	u.win.Resize(plan.size)
	if plan.maximise {
		desktop.Maximise(hwnd)
	} else if s.key != "" {
		u.win.CenterOnScreen()
	}
}

// savedSize is the window size before the window exists: the one left last time on an
// unknown screen (other systems than Windows), else 1280×700; fitToScreen corrects it.
func (u *UI) savedSize() fyne.Size {
	st, ok := desktop.LoadWindowStates(desktop.WindowFile(u.db.Path()))[""]
	if !ok {
		return fitWindow(nil, screen{}).size
	}
	return fitWindow(&st, screen{}).size
}

// saveSize remembers the window's size (and whether it is maximised) for its monitor.
func (u *UI) saveSize() {
	hwnd := nativeWindow(u.win)
	s := screenOf(hwnd, u.win.Canvas().Scale())
	size := u.win.Canvas().Size()
	st := desktop.WindowState{Width: size.Width, Height: size.Height, Maximised: desktop.IsMaximised(hwnd)}
	if !st.Maximised && (st.Width < minWindow.Width || st.Height < minWindow.Height) {
		return
	}
	if err := desktop.SaveWindowState(desktop.WindowFile(u.db.Path()), s.key, st); err != nil {
		fyne.LogError("无法保存窗口大小", err)
	}
}
