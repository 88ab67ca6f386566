package app

import (
	"sanxiang/app/workspace"
	"sanxiang/internal/evidencefile"
	"sanxiang/scoring"
)

// checklistDeps wires the 自评打分 page to the window: the focus, the posted work, the
// keyboard commands, the status bar's notes and the evidence commands of the cards.
func (u *UI) checklistDeps() checklistDeps {
	return checklistDeps{canvas: u.win.Canvas(), post: func(f func()) { u.post(f) }, shortcut: u.shortcut, widths: u.widths, note: u.note,
		exists: u.evidenceExists, state: u.evidenceState, recheck: u.recheckEvidence,
		cards: cardActions{
			addFiles: func(no int) { u.pick.pickFiles(func(paths []string) { u.ev.attach(no, paths) }) },
			addFolder: func(no int) {
				u.pick.pickFolder("选择文件夹（添加其中全部文件）", "添加该文件夹中的文件", func(dir string) { u.ev.attachFolder(no, dir) })
			},
			remove: u.ev.removeEvidence,
			open:   u.ev.openFile,
		}}
}

// unitPageDeps wires the 单位信息 page to the window: its form, the database's units for the
// credit-code check, and where the data is kept.
func (u *UI) unitPageDeps() unitPageDeps {
	return unitPageDeps{
		form:    func(v scoring.Unit) *unitForm { return newUnitForm(u.shortcut, v) },
		units:   u.db.Units,
		post:    func(f func()) { u.post(f) },
		dataBox: u.dataBox(),
	}
}

// newCommands wires the export and package commands to the window.
func (u *UI) newCommands() *commands {
	return &commands{win: u.win, db: u.db, cats: u.cats, ws: u.ws, post: func(f func()) { u.post(f) }, note: u.note,
		background: u.jobs.background, exclusive: u.jobs.exclusive,
		pickFolder: u.pick.pickFolder, pickPackage: u.pick.pickPackage, openPath: u.ev.openPath, show: u.show}
}

// newEvidenceCmds wires the cards' evidence commands and the relocation offer to the window:
// the workspace, the window's evidence cache and the checklist shown.
func (u *UI) newEvidenceCmds() *evidenceCmds {
	return &evidenceCmds{win: u.win, ws: u.ws, post: func(f func()) { u.post(f) }, note: u.note, shell: systemShell,
		evidence: func() *evidencefile.Checker { return u.evidence },
		adding: func(no int, busy bool) {
			if u.check != nil {
				u.check.adding(no, busy)
			}
		}}
}

// newSwitcher wires the 切换/新建自评 dialog to the window.
func (u *UI) newSwitcher() *switcher {
	return &switcher{win: u.win, db: u.db, ws: u.ws, post: func(f func()) { u.post(f) }, exclusive: u.jobs.exclusive, show: u.show, ownAssessments: u.ownAssessments,
		yearPicker:     func(start int, taken map[int]bool) *yearPicker { return newYearPicker(u.shortcut, start, taken) },
		catalogChooser: func(initial *scoring.Catalog) *catalogChooser { return newCatalogChooser(u.catalogDeps(), initial) },
		unitForm:       func(v scoring.Unit) *unitForm { return newUnitForm(u.shortcut, v) }}
}

// catalogDeps wires the catalog chooser (wizard, 新建年度自评, 新建单位) to the window.
func (u *UI) catalogDeps() catalogDeps {
	return catalogDeps{win: u.win, cats: u.cats, post: func(f func()) { u.post(f) }, pick: u.pick.showPicker, store: u.db.StoreCatalog}
}

// wizardDeps wires the first-run wizard to the window: it ends by showing the new assessment.
func (u *UI) wizardDeps() wizardDeps {
	return wizardDeps{win: u.win, db: u.db, ws: u.ws, post: func(f func()) { u.post(f) }, shortcut: u.shortcut,
		exclusive: u.jobs.exclusive,
		catalogs:  func() *catalogChooser { return newCatalogChooser(u.catalogDeps(), nil) },
		bureau:    u.showBureau,
		show: func(s workspace.Snapshot) {
			u.wiz = nil
			u.show(s)
		}}
}
