package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// focusButton focuses the top dialog's button label, as Tab would.
func focusButton(t *testing.T, c fyne.Canvas, label string) {
	t.Helper()
	b, _ := find(c.Overlays().Top(), func(o fyne.CanvasObject) bool {
		x, ok := o.(*dialogButton)
		return ok && x.Text == label
	}).(*dialogButton)
	if b == nil {
		t.Fatalf("no dialog button %q", label)
	}
	c.Focus(b)
}

// TestChoiceTakesEnterOnFocusedButton: a choice whose both answers act (该年度自评已存在) used
// Fyne's stock buttons, which ignore Enter also when focused with Tab. Now a focused button
// takes Enter (either key) as in Windows; unfocused, Enter and Esc answer nothing and never
// reach the page under the choice.
func TestChoiceTakesEnterOnFocusedButton(t *testing.T) {
	e := withAssessment(t)
	c := e.u.win.Canvas()
	var under []fyne.KeyName
	c.SetOnTypedKey(func(k *fyne.KeyEvent) { under = append(under, k.Name) })
	for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter} {
		for _, tc := range []struct {
			button string
			want   bool
		}{{"打开已有的", true}, {"取消", false}} {
			answers := []bool{}
			showChoice(e.u.win, "该年度自评已存在", messageBody("打开已有的？"), "打开已有的", "取消",
				func(yes bool) { answers = append(answers, yes) })
			pressKey(c, k)
			pressKey(c, fyne.KeyEscape)
			if len(answers) != 0 || c.Overlays().Top() == nil {
				t.Fatalf("unfocused %s/Esc: answers %v, open %v", k, answers, c.Overlays().Top() != nil)
			}
			focusButton(t, c, tc.button)
			pressKey(c, k)
			if len(answers) != 1 || answers[0] != tc.want || c.Overlays().Top() != nil {
				t.Fatalf("%s on the focused %s: answers %v, open %v", k, tc.button, answers, c.Overlays().Top() != nil)
			}
		}
	}
	if len(under) != 0 {
		t.Fatalf("keys reached the page under the choice: %v", under)
	}
}

// TestListsCloseOnEnter: 导入结果 and 切换或新建自评 closed with Esc only; their only answer is
// 关闭, so Enter closes them too, but never runs a 替换 or 新建年度自评… nobody focused; a
// focused one takes Enter.
func TestListsCloseOnEnter(t *testing.T) {
	t.Run("导入结果", func(t *testing.T) {
		e, b, _ := bureauEnv(t, 1)
		c := e.u.win.Canvas()
		b.show()
		open := func() {
			s := &stickImport{b: b}
			s.showResults([]stickResult{
				{Status: stickImported, Unit: "甲区市场监督管理局", Year: 2025},
				{Status: stickDuplicate, Unit: "乙区市场监督管理局", Year: 2025, Path: "乙.zip", Replaceable: true},
			}, false)
		}
		for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter} {
			open()
			pressKey(c, k)
			if top := c.Overlays().Top(); top != nil {
				t.Fatalf("%s left 导入结果 open: %s", k, textsIn(top))
			}
		}
		open()
		focusButton(t, c, "替换")
		pressKey(c, fyne.KeyReturn)
		e.waitDialog("用“乙.zip”替换") // the confirmation before replacing
	})
	t.Run("切换或新建自评", func(t *testing.T) {
		e := withAssessment(t)
		c := e.u.win.Canvas()
		for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter} {
			e.u.sw.showSwitcher()
			e.waitDialog("切换或新建自评")
			pressKey(c, k)
			if top := c.Overlays().Top(); top != nil {
				t.Fatalf("%s left 切换或新建自评 open: %s", k, textsIn(top))
			}
		}
		e.u.sw.showSwitcher()
		e.waitDialog("切换或新建自评")
		focusButton(t, c, "新建年度自评…")
		pressKey(c, fyne.KeyReturn)
		e.pump(func() bool { top := c.Overlays().Top(); return top != nil && strings.Contains(textsIn(top), "创建") })
	})
}
