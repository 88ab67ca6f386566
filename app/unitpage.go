package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sanxiang/app/workspace"
	"sanxiang/scoring"
	"sanxiang/storage"
)

// unitPage is the 单位信息 page: the unit's details (saved as typed, once valid) and where the
// data is kept.
type unitPage struct {
	ws      *workspace.Workspace
	d       unitPageDeps
	form    *unitForm
	content fyne.CanvasObject

	// others are the database's units, read once off the UI goroutine when the page is built
	// (another unit only comes into being by 新建单位, an import or a restore, and each shows an
	// assessment, which builds a new page): the credit-code check asks them, never the disk.
	others  []storage.UnitRecord
	loaded  bool // others has been read (or could not be: storage then refuses a taken code itself)
	waiting bool // an edit was typed before others arrived: it is checked and saved when they do
}

// unitPageDeps is what the 单位信息 page needs from the window besides the workspace.
type unitPageDeps struct {
	form    func(scoring.Unit) *unitForm         // the unit form with the window's shortcuts
	units   func() ([]storage.UnitRecord, error) // every unit, for the credit-code check (called off the UI goroutine)
	post    func(func())                         // runs work on the UI goroutine
	dataBox fyne.CanvasObject                    // where the data is kept (portable copy)
}

func newUnitPage(ws *workspace.Workspace, d unitPageDeps) *unitPage {
	unit := ws.Unit()
	p := &unitPage{ws: ws, d: d, form: d.form(unit.Unit)}
	unitID := unit.ID
	p.form.changed = func() {
		if p.form.check() != nil {
			return
		}
		if !p.loaded {
			p.waiting = true
			return
		}
		v := p.form.value()
		if err := p.codeTaken(v.CreditCode, unitID); err != nil {
			// storage refuses it too, and retrying would never cure that: show it, save nothing
			p.form.codeMsg.setImportance(widget.DangerImportance)
			p.form.codeMsg.SetText(err.Error())
			return
		}
		_ = ws.EditUnit(v) // the top bar follows (UnitChanged); refused while 已定稿 (disabled then)
	}
	cat := ws.Catalog()
	catalog := wrapped(fmt.Sprintf("指标体系：%s（%d 个评分要点，满分 %s 分）", cat.Title, cat.Len(), cat.Total))
	note := hintText("修改后自动保存；信用代码校验不通过时不会保存。单位信息对本单位所有年度的自评都有效。")
	if ws.ReadOnly() {
		// the finalized sheet prints these details: changing them would change what was signed
		for _, f := range []*field{p.form.name, p.form.code, p.form.contact, p.form.phone} {
			enable(f, false)
			f.SetPlaceHolder("") // drawn in the readable text colour it would read as the unit's data
		}
		note = hintText("本年度自评已定稿，单位信息不能修改；如需修改，请先“解除定稿”。")
	}
	body := container.NewVBox(bold("本单位信息"), p.form.content, note, widget.NewSeparator(), catalog, d.dataBox)
	p.content = container.NewVScroll(container.NewPadded(body))
	p.loadUnits()
	return p
}

// loadUnits reads the database's units for the credit-code check off the UI goroutine; an
// edit typed meanwhile is checked and saved when they arrive.
func (p *unitPage) loadUnits() {
	go func() {
		units, err := p.d.units()
		p.d.post(func() {
			if err == nil {
				p.others = units
			}
			p.loaded = true
			if p.waiting {
				p.waiting = false
				p.form.changed()
			}
		})
	}()
}

// codeTaken says which other unit already has the credit code (nil when none, or when the
// units could not be read: the save then reports that). It asks the units read when the page
// was built, never the database: it runs on every keystroke.
func (p *unitPage) codeTaken(code string, self int64) error {
	code = scoring.NormalizeCreditCode(code)
	for _, r := range p.others {
		if r.ID != self && r.CreditCode == code {
			return fmt.Errorf("统一社会信用代码 %s 已被单位“%s”使用，未保存", code, r.Name)
		}
	}
	return nil
}
