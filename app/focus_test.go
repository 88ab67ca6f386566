package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"sanxiang/scoring"
	"sanxiang/storage"
)

// typeOnCanvas types as the real driver does (glfw processCharInput): into whatever object has
// the window's focus, nowhere when nothing has it.
func (e *env) typeOnCanvas(s string) {
	if f := e.u.win.Canvas().Focused(); f != nil {
		for _, r := range s {
			f.TypedRune(r)
		}
	}
}

// clickInto focuses a field as a click into it does, then types.
func (e *env) clickInto(f fyne.Focusable, s string) {
	e.u.win.Canvas().Focus(f)
	e.typeOnCanvas(s)
}

// pageFirst is the first criterion of the page shown.
func (e *env) pageFirst() *card {
	return e.u.check.cards[e.u.ws.Indicators()[e.u.ws.Page()].Criteria[0].No]
}

// TestPageChangeMovesFocusIntoNewPage is issue 9's data bug: after typing into a criterion's
// 自评说明 and changing page in any way, the next keystrokes went into the hidden old field and
// were saved there. Each way of changing page: type, change page, type again; the second text
// must be in the new page's field and the old criterion unchanged in the database.
func TestPageChangeMovesFocusIntoNewPage(t *testing.T) {
	alt := func(k fyne.KeyName) *desktop.CustomShortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}
	}
	ctrl := func(k fyne.KeyName) *desktop.CustomShortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
	}
	cases := []struct {
		name  string
		start int // indicator shown when typing starts
		// change changes page while the focus is in the old page's 自评说明 (old)
		change func(e *env, old *field)
		want   int // the criterion whose score box must have the focus afterwards (0: page's first)
	}{
		// the real driver does not take the focus away when a (focusable) button is clicked,
		// so the button's action runs with the focus still in the field (test.Tap would unfocus)
		{"下一项按钮", 3, func(e *env, _ *field) { e.u.check.next.OnTapped() }, 0},
		{"上一项按钮", 3, func(e *env, _ *field) { e.u.check.prev.OnTapped() }, 0},
		{"Alt+→", 3, func(e *env, old *field) { old.TypedShortcut(alt(fyne.KeyRight)) }, 0},
		{"Alt+←", 3, func(e *env, old *field) { old.TypedShortcut(alt(fyne.KeyLeft)) }, 0},
		{"Ctrl+PageDown", 3, func(e *env, old *field) { old.TypedShortcut(ctrl(fyne.KeyPageDown)) }, 0},
		{"Ctrl+PageUp", 3, func(e *env, old *field) { old.TypedShortcut(ctrl(fyne.KeyPageUp)) }, 0},
		{"目录单击", 3, func(e *env, _ *field) {
			e.u.check.tree.Select("2.1.1")
			e.u.win.Canvas().Focus(e.u.check.tree) // a click on a row focuses the tree afterwards
			e.settle()
		}, 0},
		{"问题跳转", 3, func(e *env, _ *field) {
			e.u.tabs.Select(e.u.tabs.Items[1])
			e.u.jump(40)
		}, 40},
		{"筛选", 3, func(e *env, _ *field) {
			e.u.ws.EditAnswer(60, func(a *scoring.Answer) { a.Status, a.Score = scoring.Scored, 0 })
			e.u.check.filter.SetSelected("扣分")
		}, 60},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := withAssessment(t)
			c := e.u.check
			c.show(tc.start, 0)
			old := e.pageFirst()
			e.clickInto(old.note, "第一段")
			tc.change(e, old.note)
			if e.u.ws.Page() == tc.start {
				t.Fatal("the page did not change")
			}
			want := e.pageFirst()
			if tc.want != 0 {
				want = c.cards[tc.want]
			}
			if got := e.u.win.Canvas().Focused(); got != fyne.Focusable(want.score) {
				t.Fatalf("focus after the page change is on %T %p, want the score box of (%d)", got, got, want.cr.No)
			}
			e.typeOnCanvas("0")
			e.flush()
			a := e.load()
			if got := a.Answers[old.cr.No].Note; got != "第一段" {
				t.Errorf("old criterion (%d) note %q, want only the text typed before the page change", old.cr.No, got)
			}
			if got := a.Answers[want.cr.No]; got.Status != scoring.Scored || got.Score != 0 {
				t.Errorf("text typed after the page change did not reach (%d): %+v", want.cr.No, got)
			}
			if old.note.Text != "第一段" {
				t.Errorf("hidden old field took keystrokes: %q", old.note.Text)
			}
		})
	}
}

// TestSearchThatLeavesThePageKeepsTypingInTheSearchBox: typing a search that moves to another
// page keeps the focus in the (visible) search box; nothing reaches the old criterion.
func TestSearchThatLeavesThePageKeepsTypingInTheSearchBox(t *testing.T) {
	e := withAssessment(t)
	c := e.u.check
	c.show(0, 0)
	old := e.pageFirst()
	e.clickInto(old.note, "说明")
	e.u.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault})
	e.typeOnCanvas("(40)")
	ref, _ := e.u.ws.Catalog().Criterion(40)
	if e.u.ws.Indicators()[e.u.ws.Page()].Code != ref.Indicator.Code {
		t.Fatalf("search for (40) stayed on %s", e.u.ws.Indicators()[e.u.ws.Page()].Code)
	}
	if e.u.win.Canvas().Focused() != fyne.Focusable(c.search) || c.search.Text != "(40)" {
		t.Fatalf("focus %T, search text %q", e.u.win.Canvas().Focused(), c.search.Text)
	}
	e.flush()
	if got := e.load().Answers[old.cr.No].Note; got != "说明" {
		t.Errorf("old criterion note %q", got)
	}
}

// TestFinalizeAndSwitchMoveFocus: after 定稿 the focus is nowhere (typing changes nothing), after
// 解除定稿 and after switching assessment it is in the first score box of the page shown.
func TestFinalizeAndSwitchMoveFocus(t *testing.T) {
	e := withAssessment(t)
	old := e.pageFirst()
	e.clickInto(old.note, "甲")
	e.u.setFinal(true)
	e.pump(func() bool { return e.u.ws.ReadOnly() })
	e.settle()
	if f := e.u.win.Canvas().Focused(); f != nil {
		t.Fatalf("focus on %T after 定稿", f)
	}
	e.typeOnCanvas("乙")
	e.u.setFinal(false)
	e.pump(func() bool { return !e.u.ws.ReadOnly() })
	e.settle()
	if f := e.u.win.Canvas().Focused(); f != fyne.Focusable(e.pageFirst().score) {
		t.Fatalf("focus on %T after 解除定稿", f)
	}
	e.clickInto(e.pageFirst().note, "丙")

	// a second assessment of the same unit: switching moves the focus into its page
	info, _ := e.db.AssessmentInfo(e.u.ws.ID())
	id2, err := e.db.CreateAssessment(info.UnitID, 2024, e.u.ws.Catalog())
	if err != nil {
		t.Fatal(err)
	}
	first := e.u.ws.ID()
	e.u.sw.switchTo(id2)
	e.pump(func() bool { return e.u.ws.ID() == id2 })
	e.settle()
	if f := e.u.win.Canvas().Focused(); f != fyne.Focusable(e.pageFirst().score) {
		t.Fatalf("focus on %T after switching", f)
	}
	e.typeOnCanvas("0")
	e.flush()
	a1, err := e.db.Load(first)
	if err != nil {
		t.Fatal(err)
	}
	// (focusing a field without a click leaves its caret at the start)
	if got := a1.Answers[old.cr.No].Note; got != "丙甲" {
		t.Errorf("first assessment's note %q, want 丙甲 (nothing typed while finalized, nothing after switching)", got)
	}
	a2 := e.load()
	if got := a2.Answers[e.pageFirst().cr.No]; got.Status != scoring.Scored || got.Score != 0 {
		t.Errorf("score typed after switching: %+v", got)
	}
	if info, _ := e.db.AssessmentInfo(first); info.Status != storage.StatusDraft {
		t.Errorf("status %v", info.Status)
	}
}

// TestBackupAtStartWhenDataChanged: each start backs up when the data changed since the last
// backup (not only when that one is an hour old), and makes no identical copy otherwise.
func TestBackupAtStartWhenDataChanged(t *testing.T) {
	e := withAssessment(t)
	count := func() int {
		list, err := storage.ListBackups(e.db.Path(), testCats(t))
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}
	e.pump(func() bool { return count() == 1 }) // the first start
	e.u.ws.EditAnswer(1, func(a *scoring.Answer) { a.Status, a.Score = scoring.Scored, 5 })
	if err := e.u.ws.Flush(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	e.settle()
	// the hourly backup after the save did nothing (the first is seconds old)
	if n := count(); n != 1 {
		t.Fatalf("%d backups before the restart", n)
	}
	time.Sleep(1100 * time.Millisecond) // backups are named by the second
	e.u.Start()                         // a restart on the same database
	e.pump(func() bool { return count() == 2 })
	time.Sleep(1100 * time.Millisecond)
	e.u.Start()
	e.settle()
	time.Sleep(300 * time.Millisecond)
	if n := count(); n != 2 {
		t.Errorf("a start without changes made a backup: %d", n)
	}
}

// TestFinalizedPagesAreReadable: an 已定稿 assessment's disabled fields draw their text in the
// normal colour (not Fyne's light disabled grey), and the status bar says 已定稿.
func TestFinalizedPagesAreReadable(t *testing.T) {
	e := withAssessment(t)
	k := e.card(1)
	test.Type(k.note, "已在门户网站公开")
	e.u.setFinal(true)
	e.pump(func() bool { return e.u.ws.ReadOnly() })
	e.settle()
	k = e.card(1)
	if !k.note.Disabled() {
		t.Fatal("note editable while finalized")
	}
	v := fyne.CurrentApp().Settings().ThemeVariant()
	e.u.tabs.SelectIndex(2) // the override reaches a page's widgets once the page is shown
	e.u.mats.tabs.SelectIndex(2)
	e.u.tabs.SelectIndex(3)
	for name, th := range map[string]fyne.Theme{
		"自评说明": k.note.Theme(), "申报材料": e.u.mats.editors[scoring.NarrativeWorkSummary].Theme(),
		"单位名称": e.u.unitPg.form.name.Theme(),
	} {
		if th.Color(theme.ColorNameDisabled, v) != th.Color(theme.ColorNameForeground, v) {
			t.Errorf("%s: disabled text is drawn in the faint grey", name)
		}
	}
	// the inactive buttons would look active in those colours, the placeholders like answers
	if k.full.Visible() || k.na.Visible() || k.addFiles.Visible() || k.deduct.PlaceHolder != "" || k.score.PlaceHolder != "" {
		t.Errorf("read-only card: buttons visible %v, placeholders %q %q", k.full.Visible(), k.deduct.PlaceHolder, k.score.PlaceHolder)
	}
	for name, f := range map[string]*field{"申报材料": e.u.mats.editors[scoring.NarrativeUnitApplication],
		"姓名": e.u.mats.editors[scoring.NarrativeModelName], "联系电话": e.u.unitPg.form.phone} {
		if f.PlaceHolder != "" {
			t.Errorf("%s keeps its placeholder %q while 已定稿", name, f.PlaceHolder)
		}
	}
	if got := e.u.status.saving.Text; !strings.Contains(got, "已定稿") || strings.Contains(got, "自动保存") {
		t.Errorf("status bar while finalized: %q", got)
	}
	e.snap("finalized-readable")
	e.u.setFinal(false)
	e.pump(func() bool { return !e.u.ws.ReadOnly() })
	e.settle()
	if k := e.card(1); !k.full.Visible() || k.note.PlaceHolder == "" {
		t.Error("after 解除定稿 the buttons or placeholders are still gone")
	}
	th := e.card(1).note.Theme()
	if th.Color(theme.ColorNameDisabled, v) == th.Color(theme.ColorNameForeground, v) {
		t.Error("after 解除定稿 the fields still use the read-only colours")
	}
	if got := e.u.status.saving.Text; strings.Contains(got, "已定稿") {
		t.Errorf("status bar after 解除定稿: %q", got)
	}
}

// A score typed on arrival at a page (or at the next criterion) replaces the score shown: the
// focus lands in the score box with its text selected. Seen as a user: the caret sat at the
// start of a filled box and 0.1 typed into 0.5 became "0.10.5".
func TestArrivingScoreIsReplacedByTyping(t *testing.T) {
	e := withAssessment(t)
	e.u.check.show(3, 0)
	e.settle()
	next := e.u.ws.Indicators()[4].Criteria
	first := next[0]
	e.u.ws.EditAnswer(first.No, func(a *scoring.Answer) { a.Status, a.Score = scoring.Scored, first.Points })
	e.u.check.next.OnTapped()
	e.settle()
	e.typeOnCanvas("0.1")
	if got := e.pageFirst().score.Text; got != "0.1" {
		t.Fatalf("score box after typing 0.1 on arrival: %q", got)
	}
	e.u.ws.Flush(10 * time.Second)
	if a, _ := e.db.Load(e.u.ws.ID()); a.Answers[first.No].Score != 1 {
		t.Errorf("saved score of (%d) = %v, want 0.1", first.No, a.Answers[first.No].Score)
	}
}
