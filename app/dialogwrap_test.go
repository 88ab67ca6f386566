package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// TestMessageWrapsChinese: a message dialog breaks its text by Chinese rules (cjk.Wrap), not
// at the first space as Fyne's word wrap did — "“单位”2025" then ended a half-empty line.
func TestMessageWrapsChinese(t *testing.T) {
	e := withAssessment(t)
	e.u.win.Resize(fyne.NewSize(1280, 700))
	msg := "“西安市雁塔区市场监督管理局”2025 年度的自评已在本机数据库中。是否用报送包中的内容替换它？（替换前会自动备份数据库）"
	showInfo(e.u.win, "该年度自评已存在", msg)
	top := e.u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog")
	}
	var l *cjkLabel
	find(top, func(o fyne.CanvasObject) bool {
		if x, ok := o.(*cjkLabel); ok && x.Text() == msg {
			l = x
			return true
		}
		return false
	})
	if l == nil {
		t.Fatal("the message is not a Chinese-wrapped label")
	}
	l.Resize(fyne.NewSize(dialogWidth, l.MinSize().Height))
	pad := l.Theme().Size(theme.SizeNameInnerPadding)
	want := cjkLines(msg, dialogWidth-2*pad, l.textSize(), fyne.TextStyle{})
	if len(want) < 2 {
		t.Fatalf("message fits one line (%q): the test needs a longer one", want)
	}
	if got := strings.Split(l.lines.Text, "\n"); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("lines %q, want %q", got, want)
	}
	if first := strings.Split(l.lines.Text, "\n")[0]; strings.HasSuffix(first, "2025") {
		t.Errorf("first line ends before 年度: %q", first)
	}
}
