//go:build windows

package app

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"time"
	"unsafe"

	"fyne.io/fyne/v2"

	"sanxiang/internal/atomicfile"
	"sanxiang/internal/caret"
)

// imeProbeEnv names a folder through which the Wine smoke test (scripts/wine-smoke.sh) checks
// the IME support; it is never set in normal use.
const imeProbeEnv = "SANXIANG_IME_PROBE"

// Messages the probe sends to the window as an input method would.
const (
	wmImeEndComposition = 0x010E
)

// probeReport is what the probe writes to result.json; rectangles are [left, top, right, bottom].
type probeReport struct {
	FocusedBy string   `json:"focused_by"` // "user": the test clicked and typed; "program": it did not
	Text      string   `json:"text"`       // the focused field's text
	Scale     float32  `json:"scale"`
	Origin    [2]int32 `json:"origin"` // the client area on the screen
	Field     [4]int32 `json:"field"`  // the field, client pixels
	Caret     [4]int32 `json:"caret"`  // the caret as the program computes it, client pixels
	Request   uint64   `json:"request"`
	CharPos   struct {
		Pt         [2]int32 `json:"pt"`
		LineHeight uint32   `json:"line_height"`
		Document   [4]int32 `json:"document"`
	} `json:"charpos"` // the IMECHARPOSITION answer, screen pixels
	Before      form     `json:"composition_before"` // ImmGetCompositionWindow before the composition
	Composition form     `json:"composition"`        // … after WM_IME_STARTCOMPOSITION
	Candidate   form     `json:"candidate"`          // ImmGetCandidateWindow(0) after it
	Errors      []string `json:"errors"`
}

type form struct {
	OK    bool     `json:"ok"`
	Style uint32   `json:"style"`
	Pt    [2]int32 `json:"pt"`
	Area  [4]int32 `json:"area"`
}

// probe waits for the window to show a text field, writes its screen rectangle to ready.json
// (the test clicks into it and types), then asks the window as an input method would and
// writes the answers to result.json.
func (m *imm) probe(u *UI, dir string) {
	go func() {
		var target *field
		for i := 0; i < 240 && target == nil; i++ {
			time.Sleep(250 * time.Millisecond)
			fyne.DoAndWait(func() {
				f := probeTarget(u)
				if f == nil || f.Size().Width == 0 {
					return
				}
				o, ok := m.origin()
				if !ok {
					return
				}
				r := m.rect(f)
				ready, _ := json.Marshal(map[string][4]int32{"field": {r[0] + o.X, r[1] + o.Y, r[2] + o.X, r[3] + o.Y}})
				if err := atomicfile.WriteFile(filepath.Join(dir, "ready.json"), ready); err != nil {
					fyne.LogError("IME probe", err)
				}
				target = f
			})
		}
		if target == nil {
			return
		}
		by := "program"
		for i := 0; i < 120; i++ {
			time.Sleep(250 * time.Millisecond)
			done := false
			fyne.DoAndWait(func() { done = m.canvas.Focused() == target && len([]rune(target.Text)) >= 8 })
			if done {
				by = "user"
				break
			}
		}
		if by == "program" {
			fyne.DoAndWait(func() {
				m.canvas.Focus(target)
				for _, r := range "probe ime caret" {
					target.TypedRune(r)
				}
			})
		}
		time.Sleep(time.Second) // the caret and scroll offset settle in the next frames
		fyne.DoAndWait(func() {
			rep := m.measure(target, by)
			b, _ := json.MarshalIndent(rep, "", "  ")
			if err := atomicfile.WriteFile(filepath.Join(dir, "result.json"), b); err != nil {
				fyne.LogError("IME probe", err)
			}
		})
	}()
}

// probeTarget is a text field at a known place: the unit name on the first-run screen, else
// the checklist's search field.
func probeTarget(u *UI) *field {
	switch {
	case u.check != nil:
		return u.check.search
	case u.wiz != nil && u.wiz.form != nil:
		return u.wiz.form.name
	}
	return nil
}

// rect is an object's rectangle in client pixels.
func (m *imm) rect(o fyne.CanvasObject) [4]int32 {
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	s, sc := o.Size(), float64(m.canvas.Scale())
	return [4]int32{int32(math.Floor(float64(p.X) * sc)), int32(math.Floor(float64(p.Y) * sc)),
		int32(math.Ceil(float64(p.X+s.Width) * sc)), int32(math.Ceil(float64(p.Y+s.Height) * sc))}
}

func (m *imm) measure(f *field, by string) probeReport {
	rep := probeReport{FocusedBy: by, Text: f.Text, Scale: m.canvas.Scale(), Field: m.rect(f)}
	fail := func(format string, a ...any) { rep.Errors = append(rep.Errors, fmt.Sprintf(format, a...)) }
	if o, ok := m.origin(); ok {
		rep.Origin = [2]int32{o.X, o.Y}
	} else {
		fail("ClientToScreen failed")
	}
	c, _, ok := imeCaret(m.canvas)
	if !ok {
		fail("no focused field")
	}
	rep.Caret = rectOf(c)

	q := charPosition{Size: uint32(unsafe.Sizeof(charPosition{}))}
	r, _, _ := m.api.sendMessage.Call(m.hwnd, wmImeRequest, imrQueryCharPosition, uintptr(unsafe.Pointer(&q)))
	rep.Request = uint64(r)
	rep.CharPos.Pt, rep.CharPos.LineHeight, rep.CharPos.Document = [2]int32{q.Pt.X, q.Pt.Y}, q.LineHeight, rectOf(q.Document)

	himc, _, _ := m.api.getContext.Call(m.hwnd)
	if himc == 0 {
		fail("ImmGetContext returned no input context")
		return rep
	}
	defer m.api.releaseContext.Call(m.hwnd, himc)
	rep.Before = m.composition(himc)
	m.api.sendMessage.Call(m.hwnd, wmImeStartComposition, 0, 0)
	rep.Composition = m.composition(himc)
	var cand candidateForm
	ok2, _, _ := m.api.getCandidate.Call(himc, 0, uintptr(unsafe.Pointer(&cand)))
	rep.Candidate = form{OK: ok2 != 0, Style: cand.Style, Pt: [2]int32{cand.Pos.X, cand.Pos.Y}, Area: rectOf(cand.Area)}
	m.api.sendMessage.Call(m.hwnd, wmImeEndComposition, 0, 0)
	return rep
}

func (m *imm) composition(himc uintptr) form {
	var cf compositionForm
	ok, _, _ := m.api.getComposition.Call(himc, uintptr(unsafe.Pointer(&cf)))
	return form{OK: ok != 0, Style: cf.Style, Pt: [2]int32{cf.Pos.X, cf.Pos.Y}, Area: rectOf(cf.Area)}
}

func rectOf(r caret.Rect) [4]int32 { return [4]int32{r.Left, r.Top, r.Right, r.Bottom} }
