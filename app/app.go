// Package app is the desktop program (Fyne): the first-run wizard, the checklist of all
// criteria with autosave, the dashboard, the application materials and the backup page. It is
// the only package that imports Fyne; all data goes through storage and scoring, and every
// text a user sees is Simplified Chinese.
package app

import (
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"sanxiang/app/workspace"
	"sanxiang/assets"
	"sanxiang/export"
	"sanxiang/internal/drives"
	"sanxiang/internal/evidencefile"
	"sanxiang/scoring"
	"sanxiang/storage"
)

// ID is the application ID (preferences, Windows taskbar grouping).
const ID = "cn.gov.sanxiang.selfassess"

// Title is the window title.
const Title = "三项制度示范创建自评工具"

// Save timing: edits are written at most saveDelay after the last keystroke; failed writes
// are retried every saveRetry while the edit stays on screen.
const (
	saveDelay = 300 * time.Millisecond
	saveRetry = 5 * time.Second
)

// UI is the main window of one open database: the shell that holds the window, the
// navigation between pages and the wiring. The open assessment itself is the Fyne-free
// workspace; the views are built with what they need and follow its notifications.
type UI struct {
	closed bool        // shutdown or finish has run: the saver is stopped and the database closed
	ended  atomic.Bool // the run loop has returned: the saver's reports have no UI to go to
	fa     fyne.App
	win    fyne.Window
	db     *storage.DB
	cats   *scoring.Set // the program's catalogs (built in and stored)
	post   func(func()) // runs UI work from goroutines (fyne.Do)

	ws         *workspace.Workspace // the open assessment, its scores and its autosaver
	widths     *runeWidths          // character widths for the Chinese line breaking, kept for the window's life
	saveFailed bool                 // a failure dialog is showing or was shown for the current failure streak
	selfing    bool                 // the bureau's 本单位自评 is reading the own assessment: a second click waits for it

	evidence *evidencefile.Checker // what is known about the evidence files (asked off the UI goroutine)

	jobs jobs          // work off the UI goroutine behind the status bar and dialogs
	pick *pickers      // the file and folder pickers
	ev   *evidenceCmds // the cards' evidence commands, the relocation offer, the folder opener
	cmds *commands     // export and the submission package
	sw   *switcher     // 切换/新建自评

	// views of the main screen (nil while the wizard shows) and their subscriptions
	check   *checklist
	dash    *dashboard
	mats    *materials
	unitPg  *unitPage
	backups *backupPage
	status  *statusBar
	tabs    *container.AppTabs
	top     *topBar
	wiz     *wizard  // the first-run wizard while it shows
	unwatch []func() // stops the shown views' workspace subscriptions
}

// New prepares the window for db (theme, icon, Chinese texts, autosave); Start shows it.
// Tests pass test.NewApp(); the program passes app.NewWithID(ID).
func New(fa fyne.App, db *storage.DB, cats *scoring.Set) *UI {
	return newUI(fa, db, cats, db, workspace.Options{Delay: saveDelay, Retry: saveRetry})
}

// newUI is New writing the assessment through st (db, or a failing store in tests).
func newUI(fa fyne.App, db *storage.DB, cats *scoring.Set, st workspace.Store, opt workspace.Options) *UI {
	Setup(fa)
	cat, err := cats.Default()
	if err != nil {
		cat = &scoring.Catalog{} // a damaged build: no built-in catalog; the wizard cannot create one
		fyne.LogError("读取内置指标体系失败", err)
	}
	u := &UI{fa: fa, db: db, cats: cats, post: fyne.Do, widths: &runeWidths{}}
	u.win = fa.NewWindow(Title)
	u.win.SetMaster()
	u.win.Resize(u.savedSize())
	u.win.SetCloseIntercept(u.requestClose)
	opt.After = u.backupIfDue
	u.ws = workspace.New(st, cat, func(f func()) {
		if !u.ended.Load() {
			u.post(f)
		}
	}, opt)
	u.ws.Watch(u.changed) // for the window's life: the main screen, the failure dialog
	u.jobs = jobs{win: u.win, post: func(f func()) { u.post(f) }, note: u.note}
	u.pick = &pickers{win: u.win, post: func(f func()) { u.post(f) }}
	u.ev = u.newEvidenceCmds()
	u.cmds, u.sw = u.newCommands(), u.newSwitcher()
	u.watchEvidence(evidencefile.Options{})
	fa.Lifecycle().SetOnEnteredForeground(u.recheckShown)
	for _, sc := range shortcuts {
		sc := sc
		u.win.Canvas().AddShortcut(sc, func(fyne.Shortcut) { u.shortcut(sc) })
	}
	return u
}

// Setup gives an app the Chinese theme, texts and icon; idempotent.
func Setup(fa fyne.App) {
	// once: a new theme while the faces are parsed ahead (parseFacesAhead) would be read by
	// both goroutines at once
	if _, ours := fa.Settings().Theme().(*chineseTheme); !ours {
		fa.Settings().SetTheme(newTheme())
	}
	fa.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	if err := installChinese(); err != nil {
		fyne.LogError("加载界面中文文本失败", err)
	}
}

// noteCleanup says in the status bar what opening the database removed that interrupted imports
// and replaced assessments had left behind (storage.Cleanup), once the main view is shown.
func (u *UI) noteCleanup() {
	if note := u.db.Cleaned().Note(export.SizeText); note != "" && u.status != nil {
		u.note(note)
	}
}

// Start shows the first-run wizard when there is no unit yet, else opens the last assessment.
func (u *UI) Start() {
	go u.backup(u.db.BackupIfChanged) // at every start when the data changed since the last backup
	defer u.noteCleanup()
	units, err := u.db.Units()
	if err != nil {
		u.win.SetContent(widget.NewLabel("读取数据库失败：" + err.Error()))
		return
	}
	if u.startsInBureau() {
		u.showBureau()
		return
	}
	if len(units) == 0 {
		u.showWizard(nil)
		return
	}
	if id, ok, err := u.db.LastOpened(); err == nil && ok {
		if err := u.open(id); err == nil {
			return
		}
	}
	list, err := u.db.Assessments()
	if err == nil {
		list, err = u.ownAssessments(list) // never an imported unit's package as if it were ours
	}
	if err == nil {
		for _, a := range list {
			if u.open(a.ID) == nil {
				return
			}
		}
	}
	u.showWizard(&units[0])
}

// open loads an assessment and shows the main screen for it (reading on the UI goroutine: at
// the start; the commands read off it and call show).
func (u *UI) open(id int64) error {
	s, err := u.ws.Read(id) // with the catalog stored for it
	if err != nil {
		return err
	}
	u.show(s)
	return nil
}

// show makes s the open assessment; the main screen is built for it (changed: Switched).
func (u *UI) show(s workspace.Snapshot) {
	u.ws.Show(s)
	id := s.ID
	go func() {
		if err := u.db.SetLastOpened(id); err != nil {
			fyne.LogError("记录最近打开的自评失败", err)
		}
	}()
	u.offerRelocation(drives.List, u.awaitEvidence())
}

// changed follows the workspace for the shell: another assessment shown (or the same one read
// again) gets a new main screen; a failed save gets a dialog.
func (u *UI) changed(c workspace.Change) {
	switch c.Kind {
	case workspace.Switched:
		u.buildMain()
	case workspace.Saved:
		u.saved(c.Report)
	}
}

// buildMain lays out the main screen for the open assessment.
func (u *UI) buildMain() {
	u.retireMain()
	u.status = newStatusBar(u.ws)
	u.check = newChecklist(u.ws, u.checklistDeps())
	u.dash = newDashboard(u.ws, u.jump, u.shortcut, u.evidenceExists)
	u.mats = newMaterials(u.ws, u.shortcut)
	u.unitPg = newUnitPage(u.ws, u.unitPageDeps())
	u.backups = newBackupPage(u.backupDeps())
	u.top = newTopBar(u.ws, u.win, u.bureauButton(), u.sw.showSwitcher, u.setFinal, u.evidenceExists, u.cmds.actionButtons())
	u.unwatch = []func(){u.ws.Watch(u.status.changed), u.ws.Watch(u.check.changed),
		u.ws.Watch(u.dash.changed), u.ws.Watch(u.top.changed)}
	unitContent := u.unitPg.content
	if u.ws.ReadOnly() { // 已定稿: the disabled texts in the normal colour, to be read
		unitContent = readable(unitContent)
	}
	// A hidden page joins the window only when its tab is first selected: Fyne lays out and
	// shapes the text of every tab's page when the tabs are built, and the four hidden pages
	// cost the first screen more time and memory than the page the user sees.
	lazy := map[*container.TabItem]fyne.CanvasObject{}
	tab := func(title string, page fyne.CanvasObject) *container.TabItem {
		t := container.NewTabItem(title, container.NewStack())
		lazy[t] = page
		return t
	}
	dash, mats := tab("总览与问题", u.dash.content), tab("申报材料", u.mats.content)
	unitPg, backups := tab("单位信息", unitContent), tab("备份与恢复", u.backups.content)
	u.tabs = container.NewAppTabs(container.NewTabItem("自评打分", u.check.content), dash, mats, unitPg, backups)
	u.tabs.OnSelected = func(t *container.TabItem) {
		u.ws.Trigger()
		if page, ok := lazy[t]; ok {
			delete(lazy, t)
			box := t.Content.(*fyne.Container)
			box.Objects = []fyne.CanvasObject{page}
			box.Refresh()
		}
		switch t {
		case dash:
			u.recheckEvidence(nil) // the problem list follows the answers
			u.dash.refresh()
		case backups:
			u.backups.reload()
		case u.tabs.Items[0]:
			u.check.refreshEvidence()
		}
		// the focus follows the page: into the criteria on 自评打分, out of them elsewhere
		u.check.focusPage(0)
	}
	u.dash.shown = func() bool { return u.tabs.Selected() == dash }
	u.check.onScreen = func() bool { return u.tabs.Selected() == nil || u.tabs.Selected() == u.tabs.Items[0] }
	u.win.SetContent(container.NewBorder(u.top.content, u.status.content, nil, nil, u.tabs))
	u.check.show(u.ws.Page(), 0)
	u.status.update()
}

// retireMain disconnects the views of the screen being replaced: they hear no more changes,
// and the checklist's cards edit nothing any more.
func (u *UI) retireMain() {
	for _, stop := range u.unwatch {
		stop()
	}
	u.unwatch = nil
	if u.check != nil {
		u.check.leave()
	}
}

// saved shows a failed round of writes on a removable drive in a dialog once, because the
// user may have pulled the USB stick (the status bar shows every round itself).
func (u *UI) saved(r workspace.SaveReport) {
	if r.Err == nil {
		u.saveFailed = false
		return
	}
	if u.saveFailed {
		return
	}
	u.saveFailed = true
	msg := fmt.Sprintf("%s 保存失败：%v", r.What, r.Err)
	switch {
	case r.Dropped:
		msg += "\n\n该修改无法保存，已放弃。"
	case storage.IsPortable(u.db.Path()):
		msg += "\n\n数据库在可移动磁盘（U盘）上，磁盘可能已被拔出。请重新插入该U盘；修改仍保留在屏幕上，程序每隔几秒自动重试保存。"
	case errors.Is(r.Err, storage.ErrIO):
		msg += "\n\n可能是磁盘已满或数据库所在的磁盘暂时不可用。修改仍保留在屏幕上，程序每隔几秒自动重试保存。"
	default:
		msg += "\n\n修改仍保留在屏幕上，程序每隔几秒自动重试保存。"
	}
	showInfo(u.win, "保存失败", msg)
}

// backupIfDue makes the hourly automatic backup while editing (runs on a goroutine).
func (u *UI) backupIfDue() { u.backup(u.db.BackupIfDue) }

// backup runs one of storage's automatic backups and reports a failure in the status bar.
func (u *UI) backup(how func() (string, bool, error)) {
	if _, _, err := how(); err != nil {
		u.post(func() {
			if u.status != nil {
				u.note("自动备份失败：" + err.Error())
			}
		})
	}
}

// requestClose writes everything before the window closes; if that fails the user decides.
func (u *UI) requestClose() {
	err := u.ws.Flush(5 * time.Second)
	if err == nil {
		u.shutdown()
		return
	}
	showConfirm(u.win, "有修改尚未保存",
		fmt.Sprintf("以下原因导致部分修改未能写入数据库：\n%v\n\n如果现在退出，这些修改将丢失。可以先检查U盘或磁盘后点“取消”继续等待自动重试。", err),
		"仍然退出", u.shutdown)
}

// finish writes what is pending and closes the database once the run loop has returned,
// because Fyne quits on SIGTERM/SIGINT (logout, shutdown, kill) without the window's close
// intercept; after a normal close it does nothing.
func (u *UI) finish() {
	if u.closed {
		return
	}
	u.closed = true
	u.ended.Store(true)
	if err := u.ws.Flush(5 * time.Second); err != nil {
		fyne.LogError("退出时部分修改未能写入数据库", err)
	}
	u.closeData()
}

// shutdown closes the database and the window.
func (u *UI) shutdown() {
	u.closed = true
	u.saveSize()
	u.closeData()
	u.win.Close()
}

// closeData stops the autosaver and closes the database, at the end of both ways out.
func (u *UI) closeData() {
	u.ws.Stop()
	if err := u.db.Close(); err != nil && !errors.Is(err, storage.ErrNotFound) {
		fyne.LogError("关闭数据库失败", err)
	}
}

// shortcuts are the keyboard commands; they also work while typing in a field.
var shortcuts = []*desktop.CustomShortcut{
	{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault},
	{KeyName: fyne.KeyPageUp, Modifier: fyne.KeyModifierShortcutDefault},
	{KeyName: fyne.KeyPageDown, Modifier: fyne.KeyModifierShortcutDefault},
	{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt},
	{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt},
	{KeyName: fyne.KeyM, Modifier: fyne.KeyModifierAlt},
	{KeyName: fyne.Key0, Modifier: fyne.KeyModifierAlt},
	{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierAlt},
}

// shortcut runs a keyboard command; false when it is not one of ours.
func (u *UI) shortcut(s *desktop.CustomShortcut) bool {
	if u.check == nil {
		return false
	}
	switch {
	case s.KeyName == fyne.KeyF && s.Modifier == fyne.KeyModifierShortcutDefault:
		u.tabs.Select(u.tabs.Items[0])
		u.check.focusSearch()
	case (s.KeyName == fyne.KeyPageUp && s.Modifier == fyne.KeyModifierShortcutDefault) ||
		(s.KeyName == fyne.KeyLeft && s.Modifier == fyne.KeyModifierAlt):
		u.tabs.Select(u.tabs.Items[0])
		u.check.step(-1)
	case (s.KeyName == fyne.KeyPageDown && s.Modifier == fyne.KeyModifierShortcutDefault) ||
		(s.KeyName == fyne.KeyRight && s.Modifier == fyne.KeyModifierAlt):
		u.tabs.Select(u.tabs.Items[0])
		u.check.step(+1)
	case s.Modifier == fyne.KeyModifierAlt && (s.KeyName == fyne.KeyM || s.KeyName == fyne.Key0 || s.KeyName == fyne.KeyN):
		return u.check.quickKey(s.KeyName)
	default:
		return false
	}
	return true
}
