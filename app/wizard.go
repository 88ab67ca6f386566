package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/app/workspace"
	"sanxiang/scoring"
	"sanxiang/storage"
)

// wizard is the first-run screen: step 1 the unit, step 2 the assessment year.
type wizard struct {
	d    wizardDeps
	form *unitForm
	next *widget.Button
	year *yearPicker
	cat  *catalogChooser
	unit *storage.UnitRecord // set once step 1 is saved (or given)
}

// wizardDeps is what the wizard needs from the window (wiring.go).
type wizardDeps struct {
	win       fyne.Window
	db        *storage.DB          // stores the unit and creates the assessment (off the UI goroutine)
	ws        *workspace.Workspace // reads the new assessment (Read, off the UI goroutine)
	post      func(func())         // runs work on the UI goroutine
	shortcut  func(*desktop.CustomShortcut) bool
	exclusive func(what string, work func() error, done func()) // a job behind a modal wait dialog
	catalogs  func() *catalogChooser                            // the indicator system's chooser
	bureau    func()                                            // the first step's other way: 区司法局复核
	show      func(s workspace.Snapshot)                        // shows the new assessment; the wizard ends
}

// showWizard shows step 1 (no unit yet) or, when unit is given, step 2.
func (u *UI) showWizard(unit *storage.UnitRecord) {
	w := &wizard{d: u.wizardDeps(), unit: unit}
	u.retireMain()
	u.ws.Close()
	u.check, u.wiz = nil, w
	if unit == nil {
		w.stepChoice()
	} else {
		w.stepYear()
	}
}

// page frames a wizard step: a welcome title, a step line, the content and the buttons.
func (w *wizard) page(step, intro string, content fyne.CanvasObject, buttons ...fyne.CanvasObject) {
	title := widget.NewLabelWithStyle("欢迎使用三项制度示范创建自评工具", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	body := container.NewVBox(
		title,
		bold(step),
		wrapped(intro),
		widget.NewSeparator(),
		content,
		container.NewHBox(append([]fyne.CanvasObject{layout.NewSpacer()}, buttons...)...),
	)
	w.d.win.SetContent(container.NewCenter(atLeast(container.NewPadded(body), 640, 0)))
}

func (w *wizard) stepUnit() {
	var v scoring.Unit
	if w.unit != nil { // back from step 2: the unit saved then, to correct
		v = w.unit.Unit
	}
	w.form = newUnitForm(w.d.shortcut, v)
	w.next = widget.NewButtonWithIcon("下一步", theme.NavigateNextIcon(), w.saveUnit)
	w.next.Importance = widget.HighImportance
	w.next.IconPlacement = widget.ButtonIconTrailingText
	w.form.changed = func() { enable(w.next, w.form.check() == nil) }
	enable(w.next, w.form.check() == nil)
	w.page("第 1 步（共 2 步）：填写本单位信息",
		"这些信息会出现在自评表、评分表和报送包上，以后可在“单位信息”页修改。统一社会信用代码可在单位的法人证书或营业执照上找到。",
		w.form.content, w.next)
}

// saveUnit stores the unit off the UI goroutine, then goes to step 2.
func (w *wizard) saveUnit() {
	if err := w.form.check(); err != nil {
		showError(w.d.win, "单位信息有误", err)
		return
	}
	v := w.form.value()
	w.next.Disable()
	go func() {
		var id int64
		var err error
		if w.unit != nil { // back from step 2: correct the unit saved then, never a second one
			id = w.unit.ID
			err = w.d.db.UpdateUnit(id, v)
		} else {
			id, err = w.d.db.CreateUnit(v)
		}
		var rec storage.UnitRecord
		if err == nil {
			rec, err = w.d.db.Unit(id)
		}
		w.d.post(func() {
			w.next.Enable()
			if err != nil {
				showError(w.d.win, "保存单位信息失败", err)
				return
			}
			w.unit = &rec
			w.stepYear()
		})
	}()
}

func (w *wizard) stepYear() {
	w.year = newYearPicker(w.d.shortcut, time.Now().Year(), nil)
	start := widget.NewButtonWithIcon("开始自评", theme.ConfirmIcon(), w.create)
	start.Importance = widget.HighImportance
	w.year.changed = func() {
		_, err := w.year.value()
		enable(start, err == nil)
	}
	w.year.check()
	back := widget.NewButtonWithIcon("上一步", theme.NavigateBackIcon(), w.stepUnit)
	w.cat = w.d.catalogs()
	content := container.New(layout.NewFormLayout(),
		widget.NewLabel("单位"), bold(w.unit.Name),
		widget.NewLabel("自评年度"), w.year.content,
		widget.NewLabel("指标体系"), w.cat.content,
	)
	w.page("第 2 步（共 2 步）：选择自评年度和指标体系",
		fmt.Sprintf("年度可以直接输入（%d～%d），也可以用“−”“+”按钮调整。指标体系默认为本程序内置的；要按其他年度或其他地方的指标体系自评，点“导入指标体系…”选择指标体系文件（.json），或从正式文件中复制出的指标体系文本（.txt），确认预览后即可使用。每项修改都会自动保存，可以随时关闭程序，下次打开时从上次的位置继续。", minYear, maxYear),
		content, back, start)
}

// create makes the assessment and opens it: the database is written and the new assessment read
// off the UI goroutine, behind a wait dialog that keeps a second click from starting another.
func (w *wizard) create() {
	year, err := w.year.value()
	if err != nil {
		showError(w.d.win, "年度有误", err)
		return
	}
	cat := w.cat.selected()
	if cat == nil {
		showInfo(w.d.win, "请选择指标体系", "请先选择或导入一个指标体系。")
		return
	}
	unitID := w.unit.ID
	var s workspace.Snapshot
	w.d.exclusive("正在创建自评…", func() error {
		id, err := w.d.db.CreateAssessment(unitID, year, cat)
		if err != nil {
			return fmt.Errorf("创建自评失败：%w", err)
		}
		if s, err = w.d.ws.Read(id); err != nil {
			return fmt.Errorf("打开自评失败：%w", err)
		}
		return nil
	}, func() { w.d.show(s) })
}
