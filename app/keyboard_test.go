package app

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"sanxiang/scoring"
)

// press sends a key to the focused object, as the real driver does for keys that are neither
// text nor a shortcut (Tab reaches a field only when it AcceptsTab, as in glfw).
func (e *env) press(k fyne.KeyName) {
	e.t.Helper()
	f := e.u.win.Canvas().Focused()
	if f == nil {
		e.t.Fatalf("key %s pressed with nothing focused", k)
	}
	if tb, ok := f.(fyne.Tabbable); k == fyne.KeyTab && (!ok || !tb.AcceptsTab()) {
		e.u.win.Canvas().FocusNext()
		return
	}
	f.TypedKey(&fyne.KeyEvent{Name: k})
}

// alt sends Alt+key the way the driver does: to the focused widget's shortcut handler.
func (e *env) alt(k fyne.KeyName) {
	sc := &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}
	if f, ok := e.u.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	e.u.shortcut(sc)
}

func (e *env) focused() fyne.Focusable { return e.u.win.Canvas().Focused() }

func TestScoringAnIndicatorFromTheKeyboard(t *testing.T) {
	e := withAssessment(t)
	c := e.u.check
	c.show(1, 0) // 1.1.2: criteria (3)…(10)
	crs := e.u.ws.Indicators()[1].Criteria
	k0, k1, k2 := c.cards[crs[0].No], c.cards[crs[1].No], c.cards[crs[2].No]
	if e.focused() != fyne.Focusable(k0.score) {
		t.Fatal("caret not in the first score box")
	}
	// Enter confirms and moves to the next criterion's score box
	e.typeOnCanvas(k0.cr.Points.String())
	e.press(fyne.KeyReturn)
	if e.focused() != fyne.Focusable(k1.score) {
		t.Fatalf("Enter moved the caret to %T", e.focused())
	}
	// Tab: score → 自评说明 → next score (the buttons are skipped)
	e.press(fyne.KeyTab)
	if e.focused() != fyne.Focusable(k1.note) {
		t.Fatalf("Tab from the score went to %T", e.focused())
	}
	e.typeOnCanvas("说明")
	e.press(fyne.KeyTab)
	if e.focused() != fyne.Focusable(k2.score) || strings.Contains(k1.note.Text, "\t") {
		t.Fatalf("Tab from 自评说明 went to %T; note %q", e.focused(), k1.note.Text)
	}
	// a deduction shows 扣分原因 and 整改措施, which join the order: score → 扣分原因 → 自评说明 → 整改措施
	e.typeOnCanvas("0")
	want := []*field{k2.deduct, k2.note, k2.rect}
	for i, f := range want {
		e.press(fyne.KeyTab)
		if e.focused() != fyne.Focusable(f) {
			t.Fatalf("Tab %d after a deduction went to %p, want %p", i+1, e.focused(), f)
		}
	}
	// Shift+Tab goes back the same way, and from a score box to the previous criterion's last field
	k2.rect.onTab(true)
	if e.focused() != fyne.Focusable(k2.note) {
		t.Errorf("Shift+Tab from 整改措施 went to %T", e.focused())
	}
	k2.score.onTab(true)
	if e.focused() != fyne.Focusable(k1.note) {
		t.Errorf("Shift+Tab from a score box went to %T", e.focused())
	}
	// a refused score keeps the caret (this also stops an IME's Enter that commits letters)
	e.u.win.Canvas().Focus(k1.score)
	k1.score.SetText("abc")
	e.press(fyne.KeyEnter)
	if e.focused() != fyne.Focusable(k1.score) {
		t.Error("Enter on a refused score moved on")
	}
	k1.score.SetText("")
	// Enter in the last score box goes to 下一项
	last := c.cards[crs[len(crs)-1].No]
	e.u.win.Canvas().Focus(last.score)
	e.press(fyne.KeyReturn)
	if e.focused() != fyne.Focusable(c.next) {
		t.Errorf("Enter in the last score box went to %T", e.focused())
	}
	e.flush()
	a := e.load()
	if got := a.Answers[k0.cr.No]; got.Status != scoring.Scored || got.Score != k0.cr.Points {
		t.Errorf("(%d) %+v", k0.cr.No, got)
	}
	if got := a.Answers[k1.cr.No]; got.Note != "说明" || got.Status != scoring.Unanswered {
		t.Errorf("(%d) %+v", k1.cr.No, got)
	}
	if got := a.Answers[k2.cr.No]; got.Status != scoring.Scored || got.Score != 0 {
		t.Errorf("(%d) %+v", k2.cr.No, got)
	}
}

func TestQuickButtonShortcutsAndNAToggle(t *testing.T) {
	e := withAssessment(t)
	c := e.u.check
	c.show(1, 0)
	k := c.cards[e.u.ws.Indicators()[1].Criteria[0].No]
	e.u.win.Canvas().Focus(k.note)
	e.alt(fyne.KeyM)
	if a := e.u.ws.Answer(k.cr.No); a.Status != scoring.Scored || a.Score != k.cr.Points || k.score.Text != k.cr.Points.String() {
		t.Fatalf("Alt+M: %+v, box %q", a, k.score.Text)
	}
	e.alt(fyne.Key0)
	if a := e.u.ws.Answer(k.cr.No); a.Score != 0 || e.focused() != fyne.Focusable(k.deduct) {
		t.Fatalf("Alt+0: %+v, focus %T", a, e.focused())
	}
	e.alt(fyne.KeyN)
	if a := e.u.ws.Answer(k.cr.No); a.Status != scoring.NA || e.focused() != fyne.Focusable(k.naReason) {
		t.Fatalf("Alt+N: %+v", a)
	}
	e.typeOnCanvas("本单位无此职责")
	// 不适用 again: back to 未评, the reason text kept
	test.Tap(k.na)
	e.flush()
	if a := e.load().Answers[k.cr.No]; a.Status != scoring.Unanswered || a.NAReason != "本单位无此职责" {
		t.Fatalf("second 不适用: %+v", a)
	}
	if k.state.Text != "未评" || k.score.PlaceHolder == "不适用" {
		t.Errorf("card after the toggle: state %q placeholder %q", k.state.Text, k.score.PlaceHolder)
	}
	test.Tap(k.na)
	if e.u.ws.Answer(k.cr.No).Status != scoring.NA {
		t.Error("third 不适用 did not mark it again")
	}
	// with nothing focused the Alt shortcuts do nothing (no card is meant)
	e.u.win.Canvas().Unfocus()
	e.u.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyM, Modifier: fyne.KeyModifierAlt})
	if e.u.ws.Answer(k.cr.No).Status != scoring.NA {
		t.Error("Alt+M without a focused card changed a criterion")
	}
}

func TestFullWidthScoreShownNormalized(t *testing.T) {
	e := withAssessment(t)
	c := e.u.check
	c.show(1, 0)
	crs := e.u.ws.Indicators()[1].Criteria
	cases := []struct{ typed, shown string }{
		{"０．２", "0.2"},
		{"０", "0"},
		{" 0.10 ", "0.1"},
	}
	for i, tc := range cases {
		k := c.cards[crs[i].No]
		e.u.win.Canvas().Focus(k.score)
		e.typeOnCanvas(tc.typed)
		if i%2 == 0 {
			e.press(fyne.KeyReturn) // confirmed with Enter
		} else {
			e.u.win.Canvas().Focus(c.cards[crs[i+1].No].note) // or by leaving the box
		}
		if k.score.Text != tc.shown {
			t.Errorf("typed %q, box shows %q, want %q", tc.typed, k.score.Text, tc.shown)
		}
	}
	// a refused text stays as typed
	k := c.cards[crs[4].No]
	e.u.win.Canvas().Focus(k.score)
	e.typeOnCanvas("０．０５")
	e.press(fyne.KeyReturn)
	if k.score.Text != "０．０５" || k.invalid == "" {
		t.Errorf("refused text changed to %q", k.score.Text)
	}
}

// TestWheelOverAFieldScrollsThePage: the wheel over a field that shows all its text scrolls the
// page; over a field with more text than it shows, the field.
func TestWheelOverAFieldScrollsThePage(t *testing.T) {
	e := withAssessment(t)
	e.u.win.Resize(fyne.NewSize(1280, 700))
	c := e.u.check
	c.show(1, 0)
	e.u.win.Content().Refresh()
	k := c.cards[e.u.ws.Indicators()[1].Criteria[0].No]
	d := fyne.CurrentApp().Driver()
	over := func(o fyne.CanvasObject) fyne.Position {
		return d.AbsolutePositionForObject(o).Add(fyne.NewPos(20, o.Size().Height/2))
	}
	for _, f := range []fyne.CanvasObject{k.note, k.score} {
		c.scroll.Offset.Y = 0
		c.scroll.Refresh()
		test.Scroll(e.u.win.Canvas(), over(f), 0, -60)
		if c.scroll.Offset.Y <= 0 {
			t.Errorf("wheel over %T did not scroll the page", f)
		}
	}
	k.note.SetText(strings.Repeat("很长的自评说明，超过输入框能显示的行数。\n", 40))
	e.u.win.Content().Refresh()
	if !k.note.overflows() {
		t.Fatal("40 lines do not overflow the field")
	}
	c.scroll.Offset.Y = 0
	c.scroll.Refresh()
	test.Scroll(e.u.win.Canvas(), over(k.note), 0, -60)
	if c.scroll.Offset.Y != 0 {
		t.Error("wheel over an overflowing field scrolled the page instead of the field")
	}
}

// TestThreeCriteriaFitAt1366x768: in the window a 1366×768 screen gets (1280×700, the first-run
// size), an untouched indicator shows at least three whole criteria, and nothing overlaps.
func TestThreeCriteriaFitAt1366x768(t *testing.T) {
	e := withAssessment(t)
	e.u.win.Resize(fyne.NewSize(1280, 700))
	c := e.u.check
	short, tried := 0, 0
	for i, ind := range e.u.ws.Indicators() {
		if len(ind.Criteria) < 3 || i%2 == 1 { // every other indicator: building pages is slow in the test driver
			continue
		}
		tried++
		c.show(i, 0)
		e.u.win.Content().Refresh()
		view := c.scroll.Size().Height
		whole, prevEnd := 0, float32(-1)
		for _, cr := range ind.Criteria {
			k := c.cards[cr.No]
			y, h := k.content.Position().Y, k.content.Size().Height
			if y < prevEnd {
				t.Errorf("%s: card (%d) at %.0f overlaps the one before (ends %.0f)", ind.Code, cr.No, y, prevEnd)
			}
			prevEnd = y + h
			if y+h <= view {
				whole++
			}
			if h < k.content.MinSize().Height {
				t.Errorf("%s: card (%d) cut: %.0f < %.0f", ind.Code, cr.No, h, k.content.MinSize().Height)
			}
		}
		if whole < 3 {
			short++
			t.Logf("%s shows %d whole criteria (view %.0f px)", ind.Code, whole, view)
		}
	}
	t.Logf("indicators with fewer than 3 whole criteria on screen: %d of %d", short, tried)
	if short > 0 { // all 22 such indicators fit when last checked one by one
		t.Errorf("%d indicators show fewer than three whole criteria", short)
	}
}

// BenchmarkShowIndicator is the page build of 下一项 and of a tree click: every card of the
// next indicator made, laid out in a 1280×700 window and the focus placed (the test driver does
// not draw; the real driver adds the drawing of one frame). Measured numbers: docs/build.md.
func BenchmarkShowIndicator(b *testing.B) {
	e := withAssessment(b)
	e.u.win.Resize(fyne.NewSize(1280, 700))
	c := e.u.check
	n := len(e.u.ws.Indicators())
	warmText(e.u.widths, e.u.ws.Catalog()) // as the program does at start, on the other core
	cpu := startCPU(b)
	for i := 0; i < b.N; i++ {
		c.show(i%n, 0)
		frame(e.u)
	}
	cpu.report()
}

// frame is the layout pass of the frame that shows a changed page, as the real driver's
// EnsureMinSize does before it draws: the minimum size of every visible object of the window
// asked for, and the page's scroller laid out for its new content. The drawing itself is not
// measured (the test driver does not draw). Every text measurement Fyne forgot is paid here.
func frame(u *UI) {
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		o.MinSize()
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(u.win.Content())
	if u.tabs.Selected() == u.tabs.Items[0] {
		test.WidgetRenderer(u.check.scroll).Layout(u.check.scroll.Size())
	}
}

// cpuMeter reports the process CPU time per operation next to the wall time: on this shared
// machine (load 15–20 on 2 cores) the wall time says more about the neighbours than the code.
type cpuMeter struct {
	b     *testing.B
	start time.Duration
}

func startCPU(b *testing.B) *cpuMeter {
	b.ResetTimer()
	return &cpuMeter{b: b, start: cpuTime()}
}

func (m *cpuMeter) report() {
	m.b.StopTimer()
	used := cpuTime() - m.start
	m.b.ReportMetric(float64(used.Milliseconds())/float64(m.b.N), "cpu-ms/op")
}

// BenchmarkProblemJump is a click on a problem in the dashboard's list: the checklist tab
// selected, the criterion's indicator built, scrolled to the criterion and focused, and the
// layout pass of the frame that shows it.
func BenchmarkProblemJump(b *testing.B) {
	e := withAssessment(b)
	e.u.win.Resize(fyne.NewSize(1280, 700))
	nos := e.u.ws.Catalog().Numbers()
	warmText(e.u.widths, e.u.ws.Catalog())
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		e.u.tabs.Select(e.u.tabs.Items[1]) // the dashboard, where the problem is clicked
		frame(e.u)
		no := nos[(i*37)%len(nos)]
		uid := ""
		for j, p := range e.u.dash.problems { // every criterion is 未评: each has its problem
			if p.No == no {
				uid = fmt.Sprintf("p:%d", j)
				break
			}
		}
		if uid == "" {
			b.Fatalf("no problem listed for (%d)", no)
		}
		b.StartTimer()
		t0 := cpuTime()
		e.u.dash.tree.Select(uid) // what a click on the row does
		frame(e.u)
		cpu += cpuTime() - t0
		b.StopTimer()
		if got := e.u.win.Canvas().Focused(); got == nil || got != fyne.Focusable(e.u.check.cards[no].score) {
			b.Fatalf("after the jump to (%d) the focus is on %v", no, got)
		}
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}

// TestClickDuringSwitchNeverActsOnTheOldPage: a click that reaches a card of the page being
// replaced (queued while the new page was built) changes nothing.
func TestClickDuringSwitchNeverActsOnTheOldPage(t *testing.T) {
	e := withAssessment(t)
	c := e.u.check
	c.show(1, 0)
	old := c.cards[e.u.ws.Indicators()[1].Criteria[0].No]
	c.step(+1)
	test.Tap(old.full)
	test.Tap(old.zero)
	test.Tap(old.na)
	test.Type(old.note, "不应保存")
	test.Tap(old.addFiles)
	if top := e.u.win.Canvas().Overlays().Top(); top != nil {
		t.Error("a retired card's 添加文件 opened the picker")
	}
	e.flush()
	if a := e.load().Answers[old.cr.No]; !a.IsEmpty() {
		t.Errorf("retired card changed (%d): %+v", old.cr.No, a)
	}
}
