//go:build windows

package imm

import (
	"fmt"
	"unsafe"

	"golang.org/x/sys/windows"

	"sanxiang/internal/caret"
)

// Win32 messages and IMM32 styles (winuser.h, imm.h).
const (
	wmImeStartComposition = 0x010D
	wmImeEndComposition   = 0x010E
	wmImeComposition      = 0x010F
	wmImeRequest          = 0x0288
	imrQueryCharPosition  = 0x0006
	cfsPoint              = 0x0002
	cfsCandidatePos       = 0x0040
	cfsExclude            = 0x0080
	gwlpWndProc           = ^uintptr(3) // GWLP_WNDPROC = -4
)

type point struct{ X, Y int32 }

// compositionForm is COMPOSITIONFORM, candidateForm CANDIDATEFORM and charPosition
// IMECHARPOSITION; caret.Rect has RECT's layout.
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

// api holds the user32 and imm32 functions used here.
type api struct {
	setWindowLongPtr, callWindowProc, clientToScreen, sendMessage                          *windows.LazyProc
	getContext, releaseContext, setComposition, setCandidate, getComposition, getCandidate *windows.LazyProc
}

func load() *api {
	u, i := windows.NewLazySystemDLL("user32.dll"), windows.NewLazySystemDLL("imm32.dll")
	return &api{
		setWindowLongPtr: u.NewProc("SetWindowLongPtrW"), callWindowProc: u.NewProc("CallWindowProcW"),
		clientToScreen: u.NewProc("ClientToScreen"), sendMessage: u.NewProc("SendMessageW"),
		getContext: i.NewProc("ImmGetContext"), releaseContext: i.NewProc("ImmReleaseContext"),
		setComposition: i.NewProc("ImmSetCompositionWindow"), setCandidate: i.NewProc("ImmSetCandidateWindow"),
		getComposition: i.NewProc("ImmGetCompositionWindow"), getCandidate: i.NewProc("ImmGetCandidateWindow"),
	}
}

// Locate is the program's caret: where the focused field's caret is and its visible text area,
// in physical pixels of the window's client area; false when no field of the program has the
// focus (then Windows places the IME as it would).
type Locate func() (caretRect, area caret.Rect, ok bool)

// Window is a window whose input method follows the caret. When a composition starts or
// changes it sets the composition window (CFS_POINT) and the candidate window (CFS_CANDIDATEPOS,
// CFS_EXCLUDE) of the window's input context, and it answers WM_IME_REQUEST/IMR_QUERYCHARPOSITION
// (asked by Windows 11's Microsoft Pinyin, which ignores the older calls). The caret is asked
// for when the IME needs it, so it follows typing, scrolling, resizing and moving the window.
// Everything runs on the UI thread: GLFW calls the window procedure from the event loop, where
// Fyne runs its callbacks too.
type Window struct {
	api    *api
	hwnd   uintptr
	prev   uintptr // GLFW's window procedure
	locate Locate
}

// Attach subclasses hwnd's window procedure; call it on the UI thread once the window exists.
func Attach(hwnd uintptr, locate Locate) (*Window, error) {
	w := &Window{api: load(), hwnd: hwnd, locate: locate}
	if err := w.api.setWindowLongPtr.Find(); err != nil {
		return nil, fmt.Errorf("找不到 user32 中的函数：%w", err)
	}
	if err := w.api.getContext.Find(); err != nil {
		return nil, fmt.Errorf("找不到输入法函数库 imm32：%w", err)
	}
	prev, _, err := w.api.setWindowLongPtr.Call(hwnd, gwlpWndProc, windows.NewCallback(w.wndProc))
	if prev == 0 {
		return nil, fmt.Errorf("无法接管窗口消息：%w", err)
	}
	w.prev = prev
	return w, nil
}

func (w *Window) wndProc(hwnd, msg, wp, lp uintptr) uintptr {
	switch msg {
	case wmImeStartComposition, wmImeComposition:
		w.place()
	case wmImeRequest:
		if wp == imrQueryCharPosition && lp != 0 && w.answer(*(**charPosition)(unsafe.Pointer(&lp))) {
			return 1
		}
	}
	r, _, _ := w.api.callWindowProc.Call(w.prev, hwnd, msg, wp, lp)
	return r
}

// place sets the composition and candidate windows at the caret.
func (w *Window) place() {
	c, _, ok := w.locate()
	if !ok {
		return
	}
	f := caret.IMEForm(c)
	himc, _, _ := w.api.getContext.Call(w.hwnd)
	if himc == 0 {
		return
	}
	defer w.api.releaseContext.Call(w.hwnd, himc)
	comp := compositionForm{Style: cfsPoint, Pos: point{f.Composition[0], f.Composition[1]}}
	w.api.setComposition.Call(himc, uintptr(unsafe.Pointer(&comp)))
	cand := candidateForm{Style: cfsCandidatePos, Pos: point{f.Candidate[0], f.Candidate[1]}}
	w.api.setCandidate.Call(himc, uintptr(unsafe.Pointer(&cand)))
	excl := candidateForm{Style: cfsExclude, Pos: point{f.Candidate[0], f.Candidate[1]}, Area: f.Exclude}
	w.api.setCandidate.Call(himc, uintptr(unsafe.Pointer(&excl)))
}

// answer fills IMECHARPOSITION (screen coordinates); false lets Windows answer instead.
func (w *Window) answer(q *charPosition) bool {
	if q.Size < uint32(unsafe.Sizeof(*q)) {
		return false
	}
	c, a, ok := w.locate()
	if !ok {
		return false
	}
	o, ok := w.origin()
	if !ok {
		return false
	}
	p := caret.QueryCharPosition(c.Offset(o.X, o.Y), a.Offset(o.X, o.Y))
	q.Pt, q.LineHeight, q.Document = point{p.Point[0], p.Point[1]}, p.LineHeight, p.Document
	return true
}

// origin is the screen position of the window's client area.
func (w *Window) origin() (point, bool) {
	var p point
	r, _, _ := w.api.clientToScreen.Call(w.hwnd, uintptr(unsafe.Pointer(&p)))
	return p, r != 0
}
