package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sanxiang/scoring"

	"sanxiang/storage"
)

// typeKeys types as the driver does: into whatever has the keyboard focus (nothing while a
// modal dialog shows); it returns false when nothing took the keys.
func (e *env) typeKeys(s string) bool {
	f := e.u.win.Canvas().Focused()
	if f == nil {
		return false
	}
	test.Type(f, s)
	return true
}

// waitFor polls cond without running UI work (the window has not yet heard of the change).
func (e *env) waitFor(cond func() bool) {
	e.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			e.t.Fatal("timed out")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// 定稿 writes the pending edits, then finalizes; an edit typed in between used to be accepted
// on screen and then refused by the database as 已定稿 (dropped). Nothing may be typed until
// the command is done, so what the field shows is what is stored.
func TestNothingTypedWhileFinalizingIsLost(t *testing.T) {
	e := withAssessment(t)
	k := e.card(1)
	e.u.win.Canvas().Focus(k.note)
	test.Type(k.note, "定稿前")
	e.u.setFinal(true)
	e.waitFor(func() bool {
		info, err := e.db.AssessmentInfo(e.u.ws.ID())
		return err == nil && info.Status == storage.StatusFinal
	})
	e.typeKeys("，定稿时还在输入")
	shown := k.note.Text
	e.pump(func() bool { return e.u.ws.ReadOnly() })
	e.settle()
	if got := e.load().Answers[1].Note; got != shown {
		t.Errorf("the field showed %q but the database has %q: text typed while finalizing was dropped", shown, got)
	}
	if got := e.load().Answers[1].Note; got != "定稿前" {
		t.Errorf("the edit made before 定稿 was not saved: %q", got)
	}
}

// Every command that writes the pending edits and then changes or replaces the open
// assessment keeps the keyboard away from the editors until it is done.
func TestCommandsThatReplaceTheOpenAssessmentAreModal(t *testing.T) {
	e := withAssessment(t)
	if _, err := e.db.Backup(); err != nil {
		t.Fatal(err)
	}
	backups, err := storage.ListBackups(e.db.Path(), testCats(t))
	if err != nil || len(backups) == 0 {
		t.Fatal(err)
	}
	other, err := e.db.CreateAssessment(e.u.ws.Unit().ID, 2024, e.u.ws.Catalog())
	if err != nil {
		t.Fatal(err)
	}
	first := e.u.ws.ID()
	for _, c := range []struct {
		name string
		run  func()
	}{
		{"定稿", func() { e.u.setFinal(true) }},
		{"解除定稿", func() { e.u.setFinal(false) }},
		{"切换", func() { e.u.sw.switchTo(other) }},
		{"切换回来", func() { e.u.sw.switchTo(first) }},
		{"恢复", func() {
			e.u.backups.restore(backups[0])
			test.Tap(e.button("恢复"))
		}},
	} {
		k := e.card(3)
		e.u.win.Canvas().Focus(k.note)
		c.run()
		if !strings.Contains(e.texts(), "请稍候") {
			t.Errorf("%s: no wait dialog while the command runs", c.name)
		}
		if e.typeKeys("x") {
			t.Errorf("%s: the keyboard still reaches the editors while the command runs", c.name)
		}
		e.pump(func() bool { return !strings.Contains(e.texts(), "请稍候") })
		e.settle()
		for e.u.win.Canvas().Overlays().Top() != nil { // the restore's 恢复完成
			e.u.win.Canvas().Overlays().Top().Hide()
		}
	}
	if e.load().Answers[3].Note != "" || e.u.ws.Answer(3).Note != "" {
		t.Error("typed text went somewhere")
	}
}

// otherCode is a valid 统一社会信用代码 other than validCode.
func otherCode(t *testing.T) string {
	for _, c := range "0123456789ABCDEFGHJKLMNPQRTUWXY" {
		code := "11610113MB1234568" + string(c)
		if scoring.ValidateCreditCode(code) == nil {
			return code
		}
	}
	t.Fatal("no check character")
	return ""
}

// A credit code another unit already has is refused by storage on every retry: it used to be
// queued anyway, retried every few seconds with "修改仍保留在屏幕上，自动重试", and block
// closing, exports and 定稿 until the user guessed what was wrong. It is shown next to the
// field and never queued, like any other invalid input.
// The other unit exists before the page is built: the page reads the units once, when it is
// built (another unit only comes into being by 新建单位, an import or a restore, which all show
// an assessment and so build a new page).
func TestUnitPageRefusesAnotherUnitsCreditCode(t *testing.T) {
	e := newEnv(t)
	code := otherCode(t)
	if _, err := e.db.CreateUnit(scoring.Unit{Name: "另一单位", CreditCode: code}); err != nil {
		t.Fatal(err)
	}
	startAssessment(e)
	p := e.u.unitPg
	p.form.code.SetText(strings.ToLower(code))
	if err := e.u.ws.Flush(2 * time.Second); err != nil {
		t.Fatalf("a refused credit code is pending: %v", err)
	}
	e.settle()
	if !strings.Contains(p.form.codeMsg.Text(), "另一单位") {
		t.Errorf("message next to the field: %q", p.form.codeMsg.Text())
	}
	if u, _ := e.db.Unit(e.u.ws.Unit().ID); u.CreditCode != validCode {
		t.Errorf("stored code %q", u.CreditCode)
	}
	p.form.code.SetText(validCode)
	p.form.contact.SetText("李玥")
	e.flush()
	if u, _ := e.db.Unit(e.u.ws.Unit().ID); u.Contact != "李玥" {
		t.Errorf("valid edit after the refused one: %+v", u)
	}
}

// A read-only (已定稿) field takes no paste, undo or redo either: Fyne's Entry would change
// its text, which edit() then refuses to save.
func TestDisabledFieldTakesNoPasteOrUndo(t *testing.T) {
	e := newEnv(t)
	f := newField(true, e.u.shortcut)
	f.SetText("已保存的说明")
	test.Type(f, "x") // something to undo
	before := f.Text
	f.Disable()
	changed := false
	f.OnChanged = func(string) { changed = true }
	cb := e.u.win.Clipboard()
	cb.SetContent("粘贴的文字")
	for _, s := range []fyne.Shortcut{&fyne.ShortcutPaste{Clipboard: cb}, &fyne.ShortcutUndo{}, &fyne.ShortcutRedo{}, &fyne.ShortcutCut{Clipboard: cb}} {
		f.TypedShortcut(s)
	}
	if changed || f.Text != before {
		t.Errorf("disabled field changed to %q", f.Text)
	}
}
