package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/app/workspace"
	"sanxiang/scoring"
	"sanxiang/storage"
	"sanxiang/workflow"
)

// switcher is the 切换/新建自评 dialog and what it starts: opening another assessment, a new
// year, a new unit. It is built once with what it needs (wiring.go); the receiver is still
// called u, as when these were the window's methods.
type switcher struct {
	win            fyne.Window
	db             *storage.DB
	ws             *workspace.Workspace
	post           func(func())                                      // runs work on the UI goroutine
	exclusive      func(what string, work func() error, done func()) // a job behind a modal dialog
	show           func(s workspace.Snapshot)                        // shows an assessment read with ws.Read
	yearPicker     func(start int, taken map[int]bool) *yearPicker
	catalogChooser func(initial *scoring.Catalog) *catalogChooser
	unitForm       func(v scoring.Unit) *unitForm
	// ownAssessments keeps the assessments made here (not the units' packages the bureau imported)
	ownAssessments func([]storage.AssessmentInfo) ([]storage.AssessmentInfo, error)
	listing        bool // the list is being read for the dialog: a second click waits for it
}

// showSwitcher reads the list of assessments off the UI goroutine, then shows it to open one,
// with a new year (optionally copied from an earlier one) or a new unit.
func (u *switcher) showSwitcher() {
	if u.listing {
		return
	}
	u.listing = true
	go func() {
		list, err := u.db.Assessments()
		if err == nil { // the units' packages the bureau imported are reviewed, never edited here
			list, err = u.ownAssessments(list)
		}
		u.post(func() {
			u.listing = false
			if err != nil {
				showError(u.win, "读取自评列表失败", err)
				return
			}
			u.showList(list)
		})
	}()
}

// showList is the 切换或新建自评 dialog for the assessments in list.
func (u *switcher) showList(list []storage.AssessmentInfo) {
	var d *dialog.CustomDialog
	rows := widget.NewList(func() int { return len(list) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, widget.NewLabel("草稿"), l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			a := list[i]
			c := o.(*fyne.Container)
			text := fmt.Sprintf("%s · %d 年度　（最后修改 %s）", a.UnitName, a.Year, a.Updated.Local().Format("2006-01-02 15:04"))
			if a.ID == u.ws.ID() {
				text = "【当前】" + text
			}
			c.Objects[0].(*widget.Label).SetText(text)
			c.Objects[1].(*widget.Label).SetText(a.Status.String())
		})
	rows.OnSelected = func(i widget.ListItemID) {
		rows.UnselectAll()
		a := list[i]
		d.Hide()
		if a.ID == u.ws.ID() {
			return
		}
		u.switchTo(a.ID)
	}
	newYear := newDialogButton("新建年度自评…", theme.ContentAddIcon(), widget.MediumImportance, func() {
		d.Hide()
		u.showNewYear(list)
	})
	newUnit := newDialogButton("新建单位…", theme.AccountIcon(), widget.MediumImportance, func() {
		d.Hide()
		u.showNewUnit()
	})
	closeBtn := newDialogButton("关闭", nil, widget.MediumImportance, func() { d.Hide() })
	body := container.NewBorder(
		hint("单击一项即可打开。"),
		container.NewHBox(newYear, newUnit, layout.NewSpacer(), closeBtn), nil, nil, rows)
	d = dialog.NewCustomWithoutButtons("切换或新建自评", body, u.win)
	d.Resize(fyne.NewSize(720, 420))
	okCloses(u.win, d) // Esc and Enter are 关闭; the other buttons take Enter only when focused (Tab)
	d.Show()
}

// switchTo saves pending edits and reads another assessment off the UI goroutine, then shows it.
func (u *switcher) switchTo(id int64) {
	var s workspace.Snapshot
	u.exclusive("正在保存…", func() error {
		if err := u.ws.Flush(10 * time.Second); err != nil {
			return err
		}
		var err error
		if s, err = u.ws.Read(id); err != nil {
			return fmt.Errorf("打开自评失败：%w", err)
		}
		return nil
	}, func() { u.show(s) })
}

// showNewYear creates the current unit's assessment for another year, by default as a copy of
// its latest one (scores, notes and evidence kept, status back to 草稿) when it is on the same
// indicator system. It returns the dialog's catalog chooser (for tests; nil when no year is free).
func (u *switcher) showNewYear(all []storage.AssessmentInfo) *catalogChooser {
	have := map[int]bool{}
	var sources []storage.AssessmentInfo
	for _, a := range all {
		if a.UnitID == u.ws.Unit().ID {
			have[a.Year] = true
			sources = append(sources, a)
		}
	}
	start := time.Now().Year()
	for have[start] && start > minYear {
		start--
	}
	year := u.yearPicker(start, have)
	from := widget.NewSelect(nil, nil)
	fromIDs := map[string]int64{}
	for _, a := range sources {
		k := fmt.Sprintf("%d 年度（%s）", a.Year, a.Status)
		from.Options = append(from.Options, k)
		fromIDs[k] = a.ID
	}
	srcHash := map[string]string{}
	for _, a := range sources {
		srcHash[fmt.Sprintf("%d 年度（%s）", a.Year, a.Status)] = a.CatalogHash
	}
	chooser := u.catalogChooser(u.ws.Catalog())
	// copying needs the same indicator system: across two, nothing would correspond
	crossHint := wrappedIn("", widget.WarningImportance)
	copyCheck := widget.NewCheck("以下列年度的自评为基础（保留评分、说明和佐证材料，状态重置为草稿）", nil)
	updateHint := func() {
		cat := chooser.selected()
		text := ""
		if copyCheck.Checked && from.Selected != "" && cat != nil && srcHash[from.Selected] != cat.Hash {
			text = "所选年度的自评使用的指标体系与上面选的不同，评分要点不对应：将新建空白自评，不复制任何内容。"
		}
		crossHint.SetText(text)
	}
	copyCheck.OnChanged = func(on bool) { enable(from, on); updateHint() }
	from.OnChanged = func(string) { updateHint() }
	chooser.changed = updateHint
	if len(sources) > 0 {
		from.SetSelectedIndex(0)
		copyCheck.SetChecked(true)
	} else {
		copyCheck.Disable()
		from.Disable()
	}
	form := container.NewVBox(
		container.New(layout.NewFormLayout(), widget.NewLabel("单位"), bold(u.ws.Unit().Name), widget.NewLabel("新自评年度"), year.content,
			widget.NewLabel("指标体系"), chooser.content),
		copyCheck, from, crossHint,
	)
	unitID := u.ws.Unit().ID
	// ask shows the form; a refused 创建 shows it again, with what was typed, under the reason
	var ask func()
	ask = func() {
		showConfirmContent(u.win, "新建年度自评", atLeast(form, dialogWidth+80, 0), "创建", func() {
			y, err := year.value()
			if err != nil {
				ask()
				showError(u.win, "年度有误", err)
				return
			}
			var src int64
			if copyCheck.Checked && from.Selected != "" {
				src = fromIDs[from.Selected]
			}
			cat := chooser.selected()
			if cat == nil {
				ask()
				showInfo(u.win, "请选择指标体系", "请先选择或导入一个指标体系。")
				return
			}
			var id int64
			var note string
			var s workspace.Snapshot
			u.exclusive("正在创建…", func() error {
				if err := u.ws.Flush(10 * time.Second); err != nil {
					return err
				}
				var err error
				if id, _, note, err = workflow.NewYear(u.db, unitID, y, cat, src); err != nil {
					return err
				}
				if s, err = u.ws.Read(id); err != nil {
					return fmt.Errorf("打开自评失败：%w", err)
				}
				return nil
			}, func() {
				u.show(s)
				if note != "" {
					showInfo(u.win, "未复制上一年度", note)
				}
			})
		})
	}
	ask()
	return chooser
}

// showNewUnit creates another unit (e.g. a legal office that assesses several units) and
// its first assessment.
func (u *switcher) showNewUnit() {
	form := u.unitForm(scoring.Unit{})
	year := u.yearPicker(time.Now().Year(), nil)
	chooser := u.catalogChooser(u.ws.Catalog())
	body := container.NewVBox(form.content,
		container.New(layout.NewFormLayout(), widget.NewLabel("自评年度"), year.content,
			widget.NewLabel("指标体系"), chooser.content))
	// ask shows the form; a refused 创建 shows it again, with what was typed, under the reason
	var ask func()
	ask = func() {
		showConfirmContent(u.win, "新建单位", atLeast(body, dialogWidth+120, 0), "创建", func() {
			if err := form.check(); err != nil {
				ask()
				showError(u.win, "单位信息有误", err)
				return
			}
			y, err := year.value()
			if err != nil {
				ask()
				showError(u.win, "年度有误", err)
				return
			}
			v := form.value()
			cat := chooser.selected()
			if cat == nil {
				ask()
				showInfo(u.win, "请选择指标体系", "请先选择或导入一个指标体系。")
				return
			}
			var s workspace.Snapshot
			u.exclusive("正在创建…", func() error {
				if err := u.ws.Flush(10 * time.Second); err != nil {
					return err
				}
				unitID, err := u.db.CreateUnit(v)
				if err != nil {
					return err
				}
				id, err := u.db.CreateAssessment(unitID, y, cat)
				if err != nil {
					return err
				}
				if s, err = u.ws.Read(id); err != nil {
					return fmt.Errorf("打开自评失败：%w", err)
				}
				return nil
			}, func() { u.show(s) })
		})
	}
	ask()
}
