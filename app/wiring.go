package app

import (
	"sanxiang/scoring"
)

// checklistDeps wires the 自评打分 page to the window: the focus, the posted work, the
// keyboard commands, the status bar's notes and the evidence commands of the cards.
func (u *UI) checklistDeps() checklistDeps {
	return checklistDeps{canvas: u.win.Canvas(), post: func(f func()) { u.post(f) }, shortcut: u.shortcut, widths: u.widths, note: u.note,
		exists: u.evidenceExists, state: u.evidenceState, recheck: u.recheckEvidence,
		cards: cardActions{
			addFiles: func(no int) { u.pickFiles(func(paths []string) { u.attach(no, paths) }) },
			addFolder: func(no int) {
				u.pickFolder("选择文件夹（添加其中全部文件）", "添加该文件夹中的文件", func(dir string) { u.attachFolder(no, dir) })
			},
			remove: u.removeEvidence,
			open:   u.openFile,
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
		pickFolder: u.pickFolder, pickPackage: u.pickPackage, openPath: u.openPath, show: u.show}
}

// newSwitcher wires the 切换/新建自评 dialog to the window.
func (u *UI) newSwitcher() *switcher {
	return &switcher{win: u.win, db: u.db, ws: u.ws, exclusive: u.jobs.exclusive, show: u.show, ownAssessments: u.ownAssessments,
		yearPicker:     func(start int, taken map[int]bool) *yearPicker { return newYearPicker(u.shortcut, start, taken) },
		catalogChooser: func(initial *scoring.Catalog) *catalogChooser { return newCatalogChooser(u, initial) },
		unitForm:       func(v scoring.Unit) *unitForm { return newUnitForm(u.shortcut, v) }}
}
