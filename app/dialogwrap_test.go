package app

import (
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"sanxiang/export/pack/packtest"
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

// Esc closes a message or a confirmation as 确定/取消 would — never running the confirmed
// action — and the window's keys are its own again afterwards; a choice whose both answers act
// (showChoice) ignores Esc.
func TestEscClosesMessagesAndConfirmations(t *testing.T) {
	e := withAssessment(t)
	c := e.u.win.Canvas()
	esc := func() {
		if k := c.OnTypedKey(); k != nil {
			k(&fyne.KeyEvent{Name: fyne.KeyEscape})
		}
	}
	showInfo(e.u.win, "提示", "已保存")
	esc()
	if c.Overlays().Top() != nil {
		t.Fatal("Esc left the message open")
	}
	ran := false
	showConfirm(e.u.win, "定稿", "定稿后不能再修改，确定吗？", "定稿", func() { ran = true })
	esc()
	if c.Overlays().Top() != nil || ran {
		t.Fatalf("Esc on a confirmation: open %v, action ran %v", c.Overlays().Top() != nil, ran)
	}
	if c.OnTypedKey() != nil {
		t.Error("the window's key handler was not given back")
	}
	answered := false
	showChoice(e.u.win, "替换", messageBody("用报送包替换？"), "替换", "保留", func(bool) { answered = true })
	esc()
	if c.Overlays().Top() == nil || answered {
		t.Errorf("Esc answered a choice whose both answers act")
	}
}

// TestDialogTextsWrapChinese: the multi-line texts of dialogs and pages — the 校验 result, the
// 生成报送包 question, the backup page, the wizard — are broken by Chinese rules: between any two
// Chinese characters, never only at the spaces as Fyne's word wrap did.
func TestDialogTextsWrapChinese(t *testing.T) {
	e := withAssessment(t)
	e.u.win.Resize(fyne.NewSize(1280, 700))
	work := t.TempDir()
	pkg := packtest.Package(t, work, work, packtest.Spec{Unit: "测试市喆玥堃执法局", Code: validCode, Year: 2024, Files: 1, Size: 10}, false).Path
	top := func() fyne.CanvasObject { return e.u.win.Canvas().Overlays().Top() }
	for _, tc := range []struct {
		name, text string
		open       func() fyne.CanvasObject // shows the text, returns what holds it
	}{
		{"校验结果", "已校验的报送包文件夹", func() fyne.CanvasObject {
			e.u.cmds.verifyAt(pkg)
			e.waitDialog("校验通过")
			return top()
		}},
		{"生成报送包", "报送包包含自评表", func() fyne.CanvasObject { e.u.cmds.buildPackage(); return top() }},
		{"备份与恢复", "程序每次启动时", func() fyne.CanvasObject { return e.u.backups.content }},
		{"向导", "本单位自评和区司法局复核", func() fyne.CanvasObject { e.u.showWizard(nil); return e.u.win.Content() }},
		{"向导的说明", "行政执法单位：", func() fyne.CanvasObject { return e.u.win.Content() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for o := top(); o != nil; o = top() {
				e.u.win.Canvas().Overlays().Remove(o)
			}
			root := tc.open()
			var l *cjkLabel
			find(root, func(o fyne.CanvasObject) bool {
				x, ok := o.(*cjkLabel)
				if ok && strings.Contains(x.Text(), tc.text) {
					l = x
				}
				return ok && l != nil
			})
			if l == nil {
				t.Fatalf("%q is not shown in a Chinese-wrapped label:\n%s", tc.text, textsIn(root))
			}
			const width = 300
			l.Resize(fyne.NewSize(width, l.MinSize().Height))
			pad := l.Theme().Size(theme.SizeNameInnerPadding)
			want := cjkLines(l.Text(), width-2*pad, l.textSize(), l.style)
			got := strings.Split(l.lines.Text, "\n")
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("lines %q, want %q", got, want)
			}
			between := false // a break between two Chinese characters: not at a space
			for i := 0; i+1 < len(got); i++ {
				a, b := []rune(got[i]), []rune(got[i+1])
				if len(a) > 0 && len(b) > 0 && unicode.Is(unicode.Han, a[len(a)-1]) && unicode.Is(unicode.Han, b[0]) {
					between = true
				}
			}
			if !between {
				t.Errorf("no line breaks between two Chinese characters: %q", got)
			}
		})
	}
}

// TestEscClosesDoneAndResultDialogs: the 导出完成 / 报送包已生成 message (showDone) and the 校验
// result are messages whose 确定 does nothing, so Esc closes them as it closes every other message
// (user guide 五: "Esc 关闭提示框"); found using the real window, where Esc left them open.
func TestEscClosesDoneAndResultDialogs(t *testing.T) {
	e := withAssessment(t)
	c := e.u.win.Canvas()
	esc := func() {
		if k := c.OnTypedKey(); k != nil {
			k(&fyne.KeyEvent{Name: fyne.KeyEscape})
		}
	}
	work := t.TempDir()
	pkg := packtest.Package(t, work, work, packtest.Spec{Unit: "测试市执法局", Code: validCode, Year: 2024, Files: 1, Size: 10}, false).Path
	for _, tc := range []struct {
		name string
		open func()
	}{
		{"导出完成", func() { e.u.cmds.showDone("导出完成", "已在“D:\\导出”中写入：自评表.xlsx", work) }},
		{"校验结果", func() { e.u.cmds.verifyAt(pkg); e.waitDialog("校验通过") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.open()
			if c.Overlays().Top() == nil {
				t.Fatal("no dialog")
			}
			esc()
			if c.Overlays().Top() != nil {
				t.Fatalf("Esc left %s open", tc.name)
			}
			if c.OnTypedKey() != nil {
				t.Error("the window's key handler was not given back")
			}
		})
	}
}

// TestEscClosesMessageOpenedByConfirmation: a confirmation whose action shows a message (新建年度
// 自评 → "年度有误", 恢复 → "恢复完成") — Fyne runs the action before the confirmation's own close,
// which gave the window's keys back to what they were before the confirmation and so took Esc
// away from the message just opened; found using the real window.
func TestEscClosesMessageOpenedByConfirmation(t *testing.T) {
	e := withAssessment(t)
	c := e.u.win.Canvas()
	esc := func() {
		if k := c.OnTypedKey(); k != nil {
			k(&fyne.KeyEvent{Name: fyne.KeyEscape})
		}
	}
	showConfirm(e.u.win, "新建年度自评", "新建 2025 年度的自评？", "创建", func() {
		showInfo(e.u.win, "年度有误", "2025 年度已有自评，请选择其他年度")
	})
	test.Tap(e.button("创建"))
	if !strings.Contains(e.texts(), "年度有误") {
		t.Fatal("the message is not shown")
	}
	esc()
	if c.Overlays().Top() != nil {
		t.Fatal("Esc left the message opened by the confirmation open")
	}
	// the keys are the window's again: another message still closes with Esc
	showInfo(e.u.win, "提示", "已保存")
	esc()
	if c.Overlays().Top() != nil {
		t.Fatal("Esc left a later message open")
	}
}

// TestEscClosesListDialogs: the dialogs whose only way out is a 关闭 that does nothing else —
// 导入结果, 切换或新建自评, the 执法标兵 view — close with Esc too, and the keys go back to the
// 汇总 table (found using the real window, where Esc left them open).
func TestEscClosesListDialogs(t *testing.T) {
	e, b, _ := bureauEnv(t, 2)
	c := e.u.win.Canvas()
	esc := func() {
		if k := c.OnTypedKey(); k != nil {
			k(&fyne.KeyEvent{Name: fyne.KeyEscape})
		}
	}
	b.showRanking()
	e.pump(func() bool { return b.rank != nil && b.rank.ready })
	for _, tc := range []struct {
		name string
		open func()
	}{
		{"执法标兵", func() {
			for _, u := range b.rank.group().Units {
				if _, ok := b.rank.nominees[u.Unit.CreditCode]; ok {
					b.rank.showNominee(u)
					break
				}
			}
			if !strings.Contains(e.texts(), "执法证号") {
				t.Fatal("no 执法标兵 view")
			}
		}},
		{"导入结果", func() {
			b.show()
			s := &stickImport{b: b}
			s.showResults([]stickResult{{Status: stickImported, Unit: "甲区市场监督管理局", Year: 2025}}, false)
		}},
		{"切换或新建自评", func() { e.u.sw.showSwitcher(); e.waitDialog("切换或新建自评") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.open()
			if c.Overlays().Top() == nil {
				t.Fatal("no dialog")
			}
			esc()
			if c.Overlays().Top() != nil {
				t.Fatalf("Esc left %s open", tc.name)
			}
			// the page's keys work again: on the ranking page Esc goes back to the 汇总 table
			if tc.name == "执法标兵" {
				esc()
				if e.u.win.Content() != b.content {
					t.Error("Esc after closing the 执法标兵 view does not go back to the 汇总 table")
				}
			}
		})
	}
}

// TestEnterPressesTheOnlyButton: in a message with one button (确定/关闭: showInfo, so 恢复完成
// and every error; showDone's 确定; the 校验 result) Enter — either key — presses it, as in
// Windows dialogs, and the window's keys are its own again. In a confirmation or a choice Enter
// runs nothing — the action, the other answer, or the page's own Enter under the dialog — and
// the dialog stays open (Esc still closes a confirmation). A button focused with Tab takes
// Enter (and Space) as in Windows: a focused 恢复 runs the action, a focused 取消 cancels.
func TestEnterPressesTheOnlyButton(t *testing.T) {
	e := withAssessment(t)
	c := e.u.win.Canvas()
	var under []fyne.KeyName // keys that reached the page under the dialogs
	c.SetOnTypedKey(func(k *fyne.KeyEvent) { under = append(under, k.Name) })
	key := func(name fyne.KeyName) {
		t.Helper()
		if k := c.OnTypedKey(); k != nil {
			k(&fyne.KeyEvent{Name: name})
		}
	}
	work := t.TempDir()
	for _, enter := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter} {
		for _, tc := range []struct {
			name string
			open func()
		}{
			{"恢复完成", func() { showInfo(e.u.win, "恢复完成", "已从 2026-05-01 08:00 的备份恢复。") }},
			{"导出完成", func() { e.u.cmds.showDone("导出完成", "已在“D:\\导出”中写入：自评表.xlsx", work) }},
		} {
			tc.open()
			if c.Overlays().Top() == nil {
				t.Fatalf("%s: no dialog", tc.name)
			}
			key(enter)
			if c.Overlays().Top() != nil {
				t.Fatalf("%s: %s left the message open", tc.name, enter)
			}
		}
	}
	if len(under) != 0 {
		t.Errorf("Enter reached the page under a message: %v", under)
	}
	key(fyne.KeyReturn) // the keys are the page's again
	if len(under) != 1 {
		t.Fatalf("the window's key handler was not given back: %v", under)
	}
	under = nil

	ran := false
	showConfirm(e.u.win, "从备份恢复", "当前数据将被替换，确定吗？", "恢复", func() { ran = true })
	key(fyne.KeyReturn)
	key(fyne.KeyEnter)
	if ran || c.Overlays().Top() == nil || len(under) != 0 {
		t.Fatalf("Enter on a confirmation: action ran %v, open %v, page got %v", ran, c.Overlays().Top() != nil, under)
	}
	key(fyne.KeyEscape)
	if ran || c.Overlays().Top() != nil {
		t.Fatalf("Esc on the confirmation: action ran %v, open %v", ran, c.Overlays().Top() != nil)
	}
	// a button the user focused (Tab) takes Enter as in Windows: 取消 closes, 恢复 runs the
	// action, 确定 closes; Space presses them too
	focused := func(label string, key fyne.KeyName) {
		t.Helper()
		top := c.Overlays().Top()
		b, _ := find(top, func(o fyne.CanvasObject) bool { x, ok := o.(*dialogButton); return ok && x.Text == label }).(*dialogButton)
		if b == nil {
			t.Fatalf("no dialog button %q", label)
		}
		c.Focus(b)
		pressKey(c, key)
	}
	for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace} {
		showConfirm(e.u.win, "从备份恢复", "当前数据将被替换，确定吗？", "恢复", func() { ran = true })
		focused("取消", k)
		if ran || c.Overlays().Top() != nil {
			t.Fatalf("%s on the focused 取消: action ran %v, open %v", k, ran, c.Overlays().Top() != nil)
		}
		showConfirm(e.u.win, "从备份恢复", "当前数据将被替换，确定吗？", "恢复", func() { ran = true })
		focused("恢复", k)
		if !ran || c.Overlays().Top() != nil {
			t.Fatalf("%s on the focused 恢复: action ran %v, open %v", k, ran, c.Overlays().Top() != nil)
		}
		ran = false
		showInfo(e.u.win, "恢复完成", "已恢复。")
		focused("确定", k)
		if c.Overlays().Top() != nil {
			t.Fatalf("%s on the focused 确定 left the message open", k)
		}
	}
	if len(under) != 0 {
		t.Fatalf("keys reached the page under the dialogs: %v", under)
	}

	answered := false
	showChoice(e.u.win, "替换", messageBody("用报送包替换？"), "替换", "保留", func(bool) { answered = true })
	key(fyne.KeyReturn)
	if answered || c.Overlays().Top() == nil || len(under) != 0 {
		t.Errorf("Enter on a choice: answered %v, open %v, page got %v", answered, c.Overlays().Top() != nil, under)
	}
}
