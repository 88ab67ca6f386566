package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestWizardUnitFormStillWhileTyping: the messages under 单位名称 (请填写单位名称), the credit
// code (its reason) and the phone came and went, or took another line, while the user typed;
// the wizard's page is centred, so every field (联系人 too) jumped up or down. The 联系人 field
// stays where it was through typing and clearing the name, a wrong and a right code and a
// wrong phone.
func TestWizardUnitFormStillWhileTyping(t *testing.T) {
	e := newEnv(t)
	e.u.Start()
	e.settle()
	test.Tap(e.button("本单位自评"))
	w := e.u.wiz
	if w == nil || w.form == nil {
		t.Fatal("first run did not show the unit step of the wizard")
	}
	f := w.form
	d := fyne.CurrentApp().Driver()
	layout := func() {
		e.settle()
		s := e.u.win.Canvas().Size()
		e.u.win.Resize(s.AddWidthHeight(1, 0))
		e.u.win.Resize(s)
	}
	layout()
	start := d.AbsolutePositionForObject(f.contact)
	steps := []struct {
		what string
		do   func()
	}{
		{"name typed", func() { test.Type(f.name, "测试市喆玥堃执法局") }},
		{"name cleared (请填写单位名称)", func() { f.name.SetText("") }},
		{"name typed again", func() { test.Type(f.name, "测试局") }},
		{"wrong character in the code", func() { test.Type(f.code, "1161O") }},
		{"code cleared", func() { f.code.SetText("") }},
		{"wrong check character", func() { test.Type(f.code, "11610113MB12345670") }},
		{"right code", func() { f.code.SetText(validCode) }},
		{"phone with letters", func() { test.Type(f.phone, "abc") }},
		{"phone cleared", func() { f.phone.SetText("") }},
		{"everything cleared", func() { f.name.SetText(""); f.code.SetText("") }},
	}
	shown := 0
	for _, s := range steps {
		s.do()
		layout()
		if f.nameMsg.Text() != "" || f.phoneMsg.Text() != "" {
			shown++
		}
		if got := d.AbsolutePositionForObject(f.contact); got != start {
			t.Fatalf("%s: the 联系人 field moved from %v to %v (name message %q, code message %q)",
				s.what, start, got, f.nameMsg.Text(), f.codeMsg.Text())
		}
	}
	if shown == 0 {
		t.Fatal("no message appeared: the test does not reach the case it is for")
	}
}
