package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/app/workspace"
	"sanxiang/internal/evidencefile"
	"sanxiang/storage"
)

// startsInBureau is true when the window should open on the bureau's side (区司法局复核): the
// database holds imported units but no assessment of its own. A database with the bureau's own
// self-assessment opens on it (the 区司法局复核 button is one click away); an empty one asks.
// Nothing else is remembered: the portable program has no preferences (no app ID).
func (u *UI) startsInBureau() bool {
	all, err := u.db.Assessments()
	if err != nil || len(all) == 0 {
		return false
	}
	own, err := u.ownAssessments(all)
	return err == nil && len(own) == 0
}

// ownAssessments are the assessments of all that were not imported from a submission package
// (the bureau's own self-assessments, when the bureau is itself a unit).
func (u *UI) ownAssessments(all []storage.AssessmentInfo) ([]storage.AssessmentInfo, error) {
	var out []storage.AssessmentInfo
	for _, a := range all {
		_, imported, err := u.db.Package(a.ID)
		if err != nil {
			return nil, err
		}
		if !imported {
			out = append(out, a)
		}
	}
	return out, nil
}

// showBureau replaces the window's content by the bureau's 汇总 table (区司法局复核).
func (u *UI) showBureau() {
	if u.check != nil {
		u.ws.Trigger()
		u.retireMain() // the self-assessment screen edits nothing any more
		u.ws.Close()
		u.check = nil
	}
	u.wiz = nil
	newBureau(u.bureauDeps()).show()
}

// bureauDeps hands the bureau's screens what they use of the window; the evidence check's
// memory (copies) lives as long as the bureau's screens, so a page or list shown again reads
// no unchanged file again.
func (u *UI) bureauDeps() bureauDeps {
	copies := evidencefile.NewCopies()
	return bureauDeps{
		win: u.win, store: dbBureau{db: u.db, copies: copies}, post: u.post, saver: u.ws,
		openFile:   u.ev.openFile,
		copies:     copies, // off the UI goroutine, on the imported copies beside the database
		widths:     u.widths,
		pickFolder: u.pick.pickFolder,
		self:       u.showSelf,
	}
}

// showSelf goes from the bureau's side to the unit's own self-assessment: the one opened last,
// else the first of the bureau's own, else the wizard's unit form. Which one it is and the
// assessment itself are read off the UI goroutine (readSelf), like every other command that
// opens an assessment; a second click meanwhile does nothing. The bureau's pending review writes
// start first.
func (u *UI) showSelf() {
	if u.selfing {
		return
	}
	u.selfing = true
	u.ws.Trigger()
	go func() {
		s, found, err := u.readSelf()
		u.post(func() {
			u.selfing = false
			switch {
			case err != nil: // the bureau's table stays: a unit form would make a second unit
				showError(u.win, "打开本单位自评失败", err)
			case found:
				u.show(s)
			default:
				w := &wizard{d: u.wizardDeps()}
				u.retireMain()
				u.ws.Close()
				u.check, u.wiz = nil, w
				w.stepUnit()
			}
		})
	}()
}

// readSelf reads the bureau's own assessment to show (any goroutine): the one opened last if it
// is the bureau's own, else the first of the bureau's own that can be read; found is false when
// there is none (the wizard asks for the unit). err is why the list of assessments could not be
// read.
func (u *UI) readSelf() (s workspace.Snapshot, found bool, err error) {
	if id, ok, err := u.db.LastOpened(); err == nil && ok {
		if _, imported, err := u.db.Package(id); err == nil && !imported {
			if s, err := u.ws.Read(id); err == nil {
				return s, true, nil
			}
		}
	}
	all, err := u.db.Assessments()
	if err != nil {
		return s, false, fmt.Errorf("读取自评列表失败：%w", err)
	}
	own, err := u.ownAssessments(all)
	if err != nil {
		return s, false, fmt.Errorf("读取自评列表失败：%w", err)
	}
	for _, a := range own {
		if s, err := u.ws.Read(a.ID); err == nil {
			return s, true, nil
		}
	}
	return s, false, nil
}

// bureauButton is the main window's way to the bureau's side.
func (u *UI) bureauButton() fyne.CanvasObject {
	return widget.NewButtonWithIcon("区司法局复核", theme.GridIcon(), u.showBureau)
}

// stepChoice is the wizard's first question: which side of the program this database is for.
func (w *wizard) stepChoice() {
	self := widget.NewButtonWithIcon("本单位自评", theme.DocumentCreateIcon(), w.stepUnit)
	self.Importance = widget.HighImportance
	bureau := widget.NewButtonWithIcon("区司法局复核", theme.GridIcon(), w.d.bureau)
	bureau.Importance = widget.HighImportance
	content := container.NewVBox(
		self, hintText("行政执法单位：填写本单位信息，对照指标体系逐项自评，上传佐证材料，生成报送包。"),
		widget.NewSeparator(),
		bureau, hintText("区司法局：导入各单位的报送包（可一次导入整个U盘），汇总比较、复核打分、排名并推荐示范单位和执法标兵。无需填写单位信息。"),
	)
	w.page("请选择使用方式", "本单位自评和区司法局复核可以在同一个数据库中同时使用：区司法局本身也是执法单位时，两者都可以做，随时在窗口右上角切换。", content)
}
