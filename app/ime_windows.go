//go:build windows

package app

import (
	"fmt"
	"os"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"golang.org/x/sys/windows"

	"sanxiang/internal/caret"
)

// Win32 messages and IMM32 styles (winuser.h, imm.h).
const (
	wmImeStartComposition = 0x010D
	wmImeComposition      = 0x010F
	wmImeRequest          = 0x0288
	imrQueryCharPosition  = 0x0006
	cfsPoint              = 0x0002
	cfsCandidatePos       = 0x0040
	cfsExclude            = 0x0080
	gwlpWndProc           = ^uintptr(3) // GWLP_WNDPROC = -4
)

type point struct{ X, Y int32 }

// compositionForm is COMPOSITIONFORM; candidateForm is CANDIDATEFORM; charPosition is
// IMECHARPOSITION (caret.Rect has RECT's layout).
type compositionForm struct {
	Style uint32
	Pos   point
	Area  caret.Rect
}

type candidateForm struct {
	Index, Style uint32
	Pos          point
	Area         caret.Rect
}

type charPosition struct {
	Size, CharPos uint32
	Pt            point
	LineHeight    uint32
	Document      caret.Rect
}

// win32 holds the user32 and imm32 functions the IME support calls.
type win32 struct {
	setWindowLongPtr, callWindowProc, clientToScreen, sendMessage, getClientRect           *windows.LazyProc
	getContext, releaseContext, setComposition, setCandidate, getComposition, getCandidate *windows.LazyProc
}

func loadWin32() *win32 {
	u, i := windows.NewLazySystemDLL("user32.dll"), windows.NewLazySystemDLL("imm32.dll")
	return &win32{
		setWindowLongPtr: u.NewProc("SetWindowLongPtrW"), callWindowProc: u.NewProc("CallWindowProcW"),
		clientToScreen: u.NewProc("ClientToScreen"), sendMessage: u.NewProc("SendMessageW"),
		getClientRect: u.NewProc("GetClientRect"),
		getContext:    i.NewProc("ImmGetContext"), releaseContext: i.NewProc("ImmReleaseContext"),
		setComposition: i.NewProc("ImmSetCompositionWindow"), setCandidate: i.NewProc("ImmSetCandidateWindow"),
		getComposition: i.NewProc("ImmGetCompositionWindow"), getCandidate: i.NewProc("ImmGetCandidateWindow"),
	}
}

// imm tells the Windows input method where the caret of the focused field is. It subclasses
// GLFW's window procedure: when a composition starts or changes it sets the composition window
// (CFS_POINT) and the candidate window (CFS_CANDIDATEPOS, CFS_EXCLUDE) of the window's input
// context, and it answers WM_IME_REQUEST/IMR_QUERYCHARPOSITION (asked by Windows 11's Microsoft
// Pinyin, which ignores the older calls). Positions are computed when the IME asks, so they
// follow typing, scrolling, resizing and moving the window. All of it runs on the UI thread:
// GLFW calls the window procedure from the event loop, where Fyne also runs its callbacks.
type imm struct {
	api    *win32
	canvas fyne.Canvas
	hwnd   uintptr
	prev   uintptr // GLFW's window procedure
}

// attachIME installs the IME support on the main window (once it exists); a failure is only
// logged: typing still works, the IME boxes then stay where Windows puts them.
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
		m := &imm{api: loadWin32(), canvas: u.win.Canvas(), hwnd: wc.HWND}
		if err := m.subclass(); err != nil {
			fyne.LogError("输入法候选框定位不可用", err)
			return
		}
		if dir := os.Getenv(imeProbeEnv); dir != "" {
			m.probe(u, dir)
		}
	})
}

// subclass puts wndProc in front of GLFW's window procedure.
func (m *imm) subclass() error {
	if err := m.api.setWindowLongPtr.Find(); err != nil {
		return fmt.Errorf("user32：%w", err)
	}
	if err := m.api.getContext.Find(); err != nil {
		return fmt.Errorf("imm32：%w", err)
	}
	cb := windows.NewCallback(m.wndProc)
	prev, _, err := m.api.setWindowLongPtr.Call(m.hwnd, gwlpWndProc, cb)
	if prev == 0 {
		return fmt.Errorf("SetWindowLongPtrW：%w", err)
	}
	m.prev = prev
	return nil
}

func (m *imm) wndProc(hwnd, msg, wp, lp uintptr) uintptr {
	switch msg {
	case wmImeStartComposition, wmImeComposition:
		m.place()
	case wmImeRequest:
		if wp == imrQueryCharPosition && lp != 0 && m.answer(*(**charPosition)(unsafe.Pointer(&lp))) {
			return 1
		}
	}
	r, _, _ := m.api.callWindowProc.Call(m.prev, hwnd, msg, wp, lp)
	return r
}

// place sets the composition and candidate windows at the caret of the focused field.
func (m *imm) place() {
	c, _, ok := imeCaret(m.canvas)
	if !ok {
		return
	}
	f := caret.IMEForm(c)
	himc, _, _ := m.api.getContext.Call(m.hwnd)
	if himc == 0 {
		return
	}
	defer m.api.releaseContext.Call(m.hwnd, himc)
	comp := compositionForm{Style: cfsPoint, Pos: point{f.Composition[0], f.Composition[1]}}
	m.api.setComposition.Call(himc, uintptr(unsafe.Pointer(&comp)))
	cand := candidateForm{Style: cfsCandidatePos, Pos: point{f.Candidate[0], f.Candidate[1]}}
	m.api.setCandidate.Call(himc, uintptr(unsafe.Pointer(&cand)))
	excl := candidateForm{Style: cfsExclude, Pos: point{f.Candidate[0], f.Candidate[1]}, Area: f.Exclude}
	m.api.setCandidate.Call(himc, uintptr(unsafe.Pointer(&excl)))
}

// answer fills IMR_QUERYCHARPOSITION's IMECHARPOSITION (screen coordinates); false when no
// field of ours has the focus, and Windows answers instead.
func (m *imm) answer(q *charPosition) bool {
	if q.Size < uint32(unsafe.Sizeof(*q)) {
		return false
	}
	c, a, ok := imeCaret(m.canvas)
	if !ok {
		return false
	}
	o, ok := m.origin()
	if !ok {
		return false
	}
	p := caret.QueryCharPosition(c.Offset(o.X, o.Y), a.Offset(o.X, o.Y))
	q.Pt, q.LineHeight, q.Document = point{p.Point[0], p.Point[1]}, p.LineHeight, p.Document
	return true
}

// origin is the screen position of the window's client area.
func (m *imm) origin() (point, bool) {
	var p point
	r, _, _ := m.api.clientToScreen.Call(m.hwnd, uintptr(unsafe.Pointer(&p)))
	return p, r != 0
}
