//go:build windows

package imm

import (
	"encoding/json"
	"path/filepath"
	"time"
	"unsafe"

	"sanxiang/internal/atomicfile"
	"sanxiang/internal/caret"
)

// ProbeHooks is what the probe needs from the program; every hook runs on the UI thread (Do).
type ProbeHooks struct {
	Do     func(func())                       // runs f on the UI thread and waits
	Target func() (field caret.Rect, ok bool) // a text field's client rectangle once it is on screen
	Typed  func() bool                        // the test has clicked into the field and typed
	Type   func()                             // focuses the field and types, when the test could not
	Text   func() string                      // the field's text
}

// Report is what the probe writes to result.json; rectangles are [left, top, right, bottom].
type Report struct {
	FocusedBy string   `json:"focused_by"` // "user": the test clicked and typed; "program": it could not
	Text      string   `json:"text"`
	Origin    [2]int32 `json:"origin"` // the client area on the screen
	Field     [4]int32 `json:"field"`  // the field, client pixels
	Caret     [4]int32 `json:"caret"`  // the caret as the program computes it, client pixels
	Located   bool     `json:"located"`
	Request   uint64   `json:"request"` // what SendMessage(WM_IME_REQUEST, IMR_QUERYCHARPOSITION) returned
	CharPos   struct {
		Pt         [2]int32 `json:"pt"`
		LineHeight uint32   `json:"line_height"`
		Document   [4]int32 `json:"document"`
	} `json:"charpos"` // its IMECHARPOSITION, screen pixels
	Before      Form `json:"composition_before"` // ImmGetCompositionWindow before the composition
	Composition Form `json:"composition"`        // … after WM_IME_STARTCOMPOSITION
	Candidate   Form `json:"candidate"`          // ImmGetCandidateWindow(0) after it
}

// Form is a COMPOSITIONFORM or CANDIDATEFORM as read back from the input context.
type Form struct {
	OK    bool     `json:"ok"`
	Style uint32   `json:"style"`
	Pt    [2]int32 `json:"pt"`
	Area  [4]int32 `json:"area"`
}

// Probe is the Wine smoke test's check: once the field is on screen it writes the field's
// screen rectangle to dir/ready.json, waits up to 30 s for the test to click into it and type
// (else types itself), then sends the window WM_IME_REQUEST(IMR_QUERYCHARPOSITION) and
// WM_IME_STARTCOMPOSITION as an input method would, reads the input context back and writes
// everything to dir/result.json. It runs on its own goroutine.
func (w *Window) Probe(dir string, h ProbeHooks) {
	go func() {
		found := false
		for i := 0; i < 240 && !found; i++ {
			time.Sleep(250 * time.Millisecond)
			h.Do(func() {
				r, ok := h.Target()
				o, ok2 := w.origin()
				if !ok || !ok2 {
					return
				}
				b, _ := json.Marshal(map[string][4]int32{"field": rectOf(r.Offset(o.X, o.Y))})
				found = atomicfile.WriteFile(filepath.Join(dir, "ready.json"), b) == nil
			})
		}
		if !found {
			return
		}
		by := "program"
		for i := 0; i < 120 && by == "program"; i++ {
			time.Sleep(250 * time.Millisecond)
			h.Do(func() {
				if h.Typed() {
					by = "user"
				}
			})
		}
		if by == "program" {
			h.Do(h.Type)
		}
		time.Sleep(time.Second) // the caret and the scroll offset settle in the next frames
		var rep Report
		h.Do(func() { rep = w.measure(h, by) })
		b, _ := json.MarshalIndent(rep, "", "  ")
		atomicfile.WriteFile(filepath.Join(dir, "result.json"), b)
	}()
}

func (w *Window) measure(h ProbeHooks, by string) Report {
	rep := Report{FocusedBy: by, Text: h.Text()}
	if r, ok := h.Target(); ok {
		rep.Field = rectOf(r)
	}
	if o, ok := w.origin(); ok {
		rep.Origin = [2]int32{o.X, o.Y}
	}
	c, _, ok := w.locate()
	rep.Caret, rep.Located = rectOf(c), ok

	q := charPosition{Size: uint32(unsafe.Sizeof(charPosition{}))}
	r, _, _ := w.api.sendMessage.Call(w.hwnd, wmImeRequest, imrQueryCharPosition, uintptr(unsafe.Pointer(&q)))
	rep.Request = uint64(r)
	rep.CharPos.Pt, rep.CharPos.LineHeight, rep.CharPos.Document = [2]int32{q.Pt.X, q.Pt.Y}, q.LineHeight, rectOf(q.Document)

	himc, _, _ := w.api.getContext.Call(w.hwnd)
	if himc == 0 {
		return rep
	}
	defer w.api.releaseContext.Call(w.hwnd, himc)
	rep.Before = w.composition(himc)
	w.api.sendMessage.Call(w.hwnd, wmImeStartComposition, 0, 0)
	rep.Composition = w.composition(himc)
	var cand candidateForm
	ok2, _, _ := w.api.getCandidate.Call(himc, 0, uintptr(unsafe.Pointer(&cand)))
	rep.Candidate = Form{OK: ok2 != 0, Style: cand.Style, Pt: [2]int32{cand.Pos.X, cand.Pos.Y}, Area: rectOf(cand.Area)}
	w.api.sendMessage.Call(w.hwnd, wmImeEndComposition, 0, 0)
	return rep
}

func (w *Window) composition(himc uintptr) Form {
	var cf compositionForm
	ok, _, _ := w.api.getComposition.Call(himc, uintptr(unsafe.Pointer(&cf)))
	return Form{OK: ok != 0, Style: cf.Style, Pt: [2]int32{cf.Pos.X, cf.Pos.Y}, Area: rectOf(cf.Area)}
}

func rectOf(r caret.Rect) [4]int32 { return [4]int32{r.Left, r.Top, r.Right, r.Bottom} }
