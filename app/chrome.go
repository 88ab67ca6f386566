package app

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/app/workspace"
	"sanxiang/scoring"
)

// statusBar is the line at the bottom: progress, totals, and when the last edit was saved.
type statusBar struct {
	ws                            *workspace.Workspace
	answered, total, conv, saving *widget.Label
	content                       fyne.CanvasObject
	lastText                      string // the last save result, shown again after a note
	lastImp                       widget.Importance
}

func newStatusBar(ws *workspace.Workspace) *statusBar {
	s := &statusBar{ws: ws, answered: widget.NewLabel(""), total: widget.NewLabel(""), conv: widget.NewLabel(""),
		saving: widget.NewLabel("修改会自动保存"), lastText: "修改会自动保存"}
	s.saving.Truncation = fyne.TextTruncateEllipsis
	if ws.ReadOnly() { // nothing is saved while 已定稿: say what the page is
		s.lastText, s.lastImp = "已定稿（只读）：如需修改，请点右上角“解除定稿”", widget.WarningImportance
		s.note("")
	}
	s.content = container.NewBorder(widget.NewSeparator(), nil,
		container.NewHBox(s.answered, widget.NewSeparator(), s.total, widget.NewSeparator(), s.conv, widget.NewSeparator()),
		nil, s.saving)
	return s
}

// convertedText is the converted score, or "—" when it is undefined (nothing applicable).
func convertedText(r scoring.Result) string {
	if !r.ConvertedOK {
		return "—"
	}
	return r.Converted.String()
}

// changed follows the workspace: new totals, the outcome of a round of writes.
func (s *statusBar) changed(c workspace.Change) {
	switch c.Kind {
	case workspace.ResultChanged:
		s.update()
	case workspace.Saved:
		s.saved(c.Report)
	}
}

// update shows the current totals.
func (s *statusBar) update() {
	r := s.ws.Result()
	s.answered.SetText(fmt.Sprintf("已评 %d/%d", r.Overall.Answered(), r.Overall.Total()))
	s.total.SetText(fmt.Sprintf("当前得分 %s/%s", r.Overall.Score, r.Overall.Points))
	s.conv.SetText("折算得分 " + convertedText(r))
	s.content.Refresh()
}

// saved shows the result of the last save round.
func (s *statusBar) saved(r workspace.SaveReport) {
	switch {
	case r.Err != nil && r.Dropped:
		s.lastImp, s.lastText = widget.DangerImportance, fmt.Sprintf("%s 未保存：%v", r.What, r.Err)
	case r.Err != nil:
		s.lastImp, s.lastText = widget.DangerImportance,
			fmt.Sprintf("保存失败，%d 处修改保留在屏幕上，稍后自动重试：%v", r.Pending, r.Err)
	default:
		s.lastImp, s.lastText = widget.MediumImportance, "已保存 "+r.At.Format("15:04:05")
	}
	s.note("")
}

// note shows a one-off message (e.g. a failed backup) in the save slot; "" shows the last
// save result again.
func (s *statusBar) note(text string) {
	if text == "" {
		s.saving.Importance = s.lastImp
		s.saving.SetText(s.lastText)
		return
	}
	s.saving.Importance = widget.WarningImportance
	s.saving.SetText(text)
}

// topBar names the open assessment and holds the commands that act on it as a whole.
type topBar struct {
	ws       *workspace.Workspace
	win      fyne.Window
	setFinal func(final bool)       // 定稿 or 解除定稿, once confirmed
	exists   func(path string) bool // whether an evidence file is there (the problem check)
	title    *widget.Label
	state    *widget.Label
	banner   fyne.CanvasObject
	finalize *widget.Button
	content  fyne.CanvasObject
}

// newTopBar builds the bar for ws in win: switcher opens 切换/新建自评, setFinal does 定稿 and
// 解除定稿 once confirmed (after listing the problems, with exists for the evidence files),
// actions are the export and package commands.
func newTopBar(ws *workspace.Workspace, win fyne.Window, bureau fyne.CanvasObject, switcher func(), setFinal func(bool), exists func(string) bool, actions []fyne.CanvasObject) *topBar {
	t := &topBar{ws: ws, win: win, setFinal: setFinal, exists: exists, title: bold(""), state: widget.NewLabel("")}
	t.title.Truncation = fyne.TextTruncateEllipsis
	switchBtn := widget.NewButtonWithIcon("切换/新建自评", theme.FolderOpenIcon(), switcher)
	t.finalize = widget.NewButtonWithIcon("定稿", theme.ConfirmIcon(), t.toggleFinal)
	right := container.NewHBox(bureau, switchBtn)
	for _, b := range actions {
		right.Add(b)
	}
	right.Add(t.finalize)
	banner := colored("本自评已定稿，处于只读状态。如需修改，请点击右上角的“解除定稿”。", widget.WarningImportance)
	t.banner = banner
	t.content = container.NewVBox(
		container.NewBorder(nil, nil, nil, right, container.NewBorder(nil, nil, nil, t.state, t.title)),
		banner,
	)
	t.update()
	return t
}

// changed follows the workspace: the unit's name.
func (t *topBar) changed(c workspace.Change) {
	if c.Kind == workspace.UnitChanged {
		t.update()
	}
}

// update shows the unit, year and status.
func (t *topBar) update() {
	info := t.ws.Info()
	t.title.SetText(fmt.Sprintf("%s · %d 年度", t.ws.Unit().Name, info.Year))
	t.state.SetText(info.Status.String())
	if t.ws.ReadOnly() {
		t.state.Importance = widget.WarningImportance
		t.finalize.SetText("解除定稿")
		t.finalize.SetIcon(theme.CancelIcon())
		t.banner.Show()
	} else {
		t.state.Importance = widget.SuccessImportance
		t.finalize.SetText("定稿")
		t.finalize.SetIcon(theme.ConfirmIcon())
		t.banner.Hide()
	}
	t.state.Refresh()
}

// toggleFinal finalizes (after listing the remaining problems) or unlocks (after a confirmation).
func (t *topBar) toggleFinal() {
	if t.ws.ReadOnly() {
		showConfirm(t.win, "解除定稿",
			"解除定稿后可以继续修改评分和材料，已打印或已报送的材料可能与修改后的内容不一致。确定解除定稿吗？",
			"解除定稿", func() { t.setFinal(false) })
		return
	}
	problems := t.ws.Problems(t.exists)
	var body fyne.CanvasObject
	if len(problems) == 0 {
		body = messageBody("检查未发现问题。定稿后本自评变为只读，直到“解除定稿”。确定定稿吗？")
	} else {
		// the errors first, then the work still to do, as on the 总览与问题 page
		rank := map[scoring.ProblemKind]int{}
		for i, k := range problemOrder {
			rank[k] = i
		}
		sort.SliceStable(problems, func(i, j int) bool { return rank[problems[i].Kind] < rank[problems[j].Kind] })
		lines := make([]string, 0, len(problems))
		for _, p := range problems {
			lines = append(lines, fmt.Sprintf("· [%s] %s", p.Kind.Label(), p.Message))
		}
		list := wrapped(strings.Join(lines, "\n"))
		scroll := container.NewVScroll(list)
		scroll.SetMinSize(fyne.NewSize(dialogWidth+120, 260))
		// short unwrapped lines: a wrapped label above a scroll is laid out too narrow in a dialog
		head := container.NewVBox(
			widget.NewLabel(fmt.Sprintf("还有 %d 个问题尚未处理：%s。", len(problems), problemSummary(problems))),
			widget.NewLabel("仍可定稿。定稿后本自评变为只读，直到“解除定稿”。"))
		body = container.NewBorder(head, nil, nil, nil, scroll)
	}
	showConfirmContent(t.win, "定稿", body, "定稿", func() { t.setFinal(true) })
}

// problemSummary counts problems by kind, e.g. "未评 3 项、无佐证 2 项".
func problemSummary(ps []scoring.Problem) string {
	var order []scoring.ProblemKind
	n := map[scoring.ProblemKind]int{}
	for _, p := range ps {
		if n[p.Kind] == 0 {
			order = append(order, p.Kind)
		}
		n[p.Kind]++
	}
	parts := make([]string, 0, len(order))
	for _, k := range order {
		parts = append(parts, fmt.Sprintf("%s %d 项", k.Label(), n[k]))
	}
	return strings.Join(parts, "、")
}

// setFinal writes pending edits, finalizes or unlocks and reads the assessment again off the
// UI goroutine, then shows it on the same page.
func (u *UI) setFinal(final bool) {
	job, id := u.ws.StatusJob(final), u.ws.ID()
	var s workspace.Snapshot
	u.jobs.exclusive("正在保存…", func() error {
		if err := job(); err != nil {
			return err
		}
		var err error
		s, err = u.ws.Read(id)
		return err
	}, func() {
		u.ws.Refresh(s) // a new main screen for it (UI.changed)
	})
}

// jobs run work off the UI goroutine with a note in the status bar (and a modal wait dialog
// for exclusive ones), then done on it, or an error dialog.
type jobs struct {
	win  fyne.Window
	post func(func())
	note func(string)
}

// background runs work off the UI goroutine, then done (or an error dialog) on it.
func (u jobs) background(what string, work func() error, done func()) {
	u.runJob(what, false, work, done)
}

// exclusive is background behind a modal dialog, for commands that write the pending edits and
// then change or replace the open assessment (定稿, 解除定稿, 恢复, 切换, 新建, 导入替换): an edit
// typed between that write and the change would be refused as 已定稿, land in the replaced data
// or miss the copy, so nothing can be typed until the command is done.
func (u jobs) exclusive(what string, work func() error, done func()) {
	u.runJob(what, true, work, done)
}

func (u jobs) runJob(what string, modal bool, work func() error, done func()) {
	u.note(what)
	var wait dialog.Dialog
	if modal {
		bar := widget.NewProgressBarInfinite()
		wait = dialog.NewCustomWithoutButtons("请稍候", atLeast(container.NewVBox(widget.NewLabel(what), bar), dialogWidth, 0), u.win)
		wait.Show()
	}
	go func() {
		err := work()
		u.post(func() {
			if wait != nil {
				wait.Hide()
			}
			u.note("")
			if err != nil {
				showError(u.win, "操作失败", err)
				return
			}
			if done != nil {
				done()
			}
		})
	}()
}

// note shows a one-off message in the status bar ("" shows the last save result again); it
// does nothing while the wizard shows.
func (u *UI) note(text string) {
	if u.status != nil {
		u.status.note(text)
	}
}

// spacer is an expanding gap for toolbars.
func spacer() fyne.CanvasObject { return layout.NewSpacer() }
