// Package app is the desktop program (Fyne): the first-run wizard, the checklist of all
// criteria with autosave, the dashboard, the application materials and the backup page. It is
// the only package that imports Fyne; all data goes through storage and scoring, and every
// text a user sees is Simplified Chinese.
package app

import (
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

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

// UI is the main window of one open database.
type UI struct {
	fa   fyne.App
	win  fyne.Window
	db   *storage.DB
	cats *scoring.Set     // the program's catalogs (built in and stored)
	cat  *scoring.Catalog // the open assessment's catalog (the default one while none is open)
	post func(func())     // runs UI work from goroutines (fyne.Do)

	saver      *saver
	widths     *runeWidths // character widths for the Chinese line breaking, kept for the window's life
	lastDir    string      // where the file picker opens next
	shell      shell       // hands files to the system's programs (shellopen; a fake in tests)
	saveFailed bool        // a failure dialog is showing or was shown for the current failure streak

	relocAsked map[int64]bool        // assessments whose evidence relocation was offered this session
	evidence   *evidencefile.Checker // what is known about the evidence files (asked off the UI goroutine)

	// the open assessment; owned by the UI goroutine
	id      int64
	info    storage.AssessmentInfo
	unit    storage.UnitRecord
	answers map[int]scoring.Answer
	narr    map[string]string
	result  scoring.Result

	indicators []*scoring.Indicator
	cur        int // index into indicators of the page shown

	// views of the main screen (nil while the wizard shows)
	check   *checklist
	dash    *dashboard
	mats    *materials
	unitPg  *unitPage
	backups *backupPage
	status  *statusBar
	tabs    *container.AppTabs
	top     *topBar
	wiz     *wizard // the first-run wizard while it shows
}

// New prepares the window for db (theme, icon, Chinese texts, autosave); Start shows it.
// Tests pass test.NewApp(); the program passes app.NewWithID(ID).
func New(fa fyne.App, db *storage.DB, cats *scoring.Set) *UI {
	Setup(fa)
	cat, err := cats.Default()
	if err != nil {
		cat = &scoring.Catalog{} // a damaged build: no built-in catalog; the wizard cannot create one
		fyne.LogError("读取内置指标体系失败", err)
	}
	u := &UI{fa: fa, db: db, cats: cats, cat: cat, post: fyne.Do, shell: systemShell, indicators: cat.Indicators(), widths: &runeWidths{}}
	u.win = fa.NewWindow(Title)
	u.win.SetMaster()
	u.win.Resize(u.savedSize())
	u.win.SetCloseIntercept(u.requestClose)
	u.saver = newSaver(saveDelay, saveRetry, func(r saveReport) { u.post(func() { u.saved(r) }) }, u.backupIfDue)
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
	fa.Settings().SetTheme(newTheme())
	fa.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	if err := installChinese(); err != nil {
		fyne.LogError("加载界面中文文本失败", err)
	}
}

// noteCleanup says in the status bar what opening the database removed that interrupted imports
// and replaced assessments had left behind (storage.Cleanup), once the main view is shown.
func (u *UI) noteCleanup() {
	if note := u.db.Cleaned().Note(export.SizeText); note != "" && u.status != nil {
		u.status.note(note)
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

// open loads an assessment and shows the main screen for it.
func (u *UI) open(id int64) error {
	info, err := u.db.AssessmentInfo(id)
	if err != nil {
		return err
	}
	a, err := u.db.Load(id) // with the catalog stored for it
	if err != nil {
		return err
	}
	unit, err := u.db.Unit(info.UnitID)
	if err != nil {
		return err
	}
	u.id, u.info, u.unit = id, info, unit
	u.cat, u.indicators = a.Catalog, a.Catalog.Indicators()
	u.answers = map[int]scoring.Answer{}
	for no, ans := range a.Answers {
		u.answers[no] = ans
	}
	u.narr = map[string]string{}
	for k, v := range a.Narratives {
		u.narr[k] = v
	}
	u.cur = u.firstOpenIndicator()
	go func() {
		if err := u.db.SetLastOpened(id); err != nil {
			fyne.LogError("记录最近打开的自评失败", err)
		}
	}()
	u.buildMain()
	u.offerRelocation(drives.List, u.awaitEvidence())
	return nil
}

// firstOpenIndicator is where a returning user continues: the first page with an unscored criterion.
func (u *UI) firstOpenIndicator() int {
	for i, ind := range u.indicators {
		for _, c := range ind.Criteria {
			if u.answers[c.No].Status == scoring.Unanswered {
				return i
			}
		}
	}
	return 0
}

// readOnly is true while the assessment is 已定稿.
func (u *UI) readOnly() bool { return u.info.Status == storage.StatusFinal }

// buildMain lays out the main screen for the open assessment.
func (u *UI) buildMain() {
	if u.check != nil {
		u.check.retire() // the screen being replaced edits nothing any more
	}
	u.result = scoring.Score(u.cat, u.answers)
	u.status = newStatusBar(u)
	u.check = newChecklist(u)
	u.dash = newDashboard(u)
	u.mats = newMaterials(u)
	u.unitPg = newUnitPage(u)
	u.backups = newBackupPage(u)
	u.top = newTopBar(u)
	unitContent := u.unitPg.content
	if u.readOnly() { // 已定稿: the disabled texts in the normal colour, to be read
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
		u.saver.trigger()
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
	u.win.SetContent(container.NewBorder(u.top.content, u.status.content, nil, nil, u.tabs))
	u.check.show(u.cur, 0)
	u.status.update()
}

// rescore recomputes the totals after an edit and updates every view that shows them.
func (u *UI) rescore() {
	u.result = scoring.Score(u.cat, u.answers)
	u.check.refreshCounts()
	u.status.update()
	if u.tabs.Selected() != nil && u.tabs.SelectedIndex() == 1 { // 总览与问题
		u.dash.refresh()
	}
}

// answerKey is the saver key of one criterion's answer in one assessment.
func answerKey(id int64, no int) string { return fmt.Sprintf("a/%d/%d", id, no) }

// edit changes one criterion's answer on screen and queues its save. rescore=false for text
// edits that cannot change any total.
func (u *UI) edit(no int, rescore bool, change func(a *scoring.Answer)) {
	if u.readOnly() {
		return
	}
	a := u.answers[no]
	a.No = no
	a.Evidence = append([]scoring.Evidence(nil), a.Evidence...)
	change(&a)
	if a.IsEmpty() {
		delete(u.answers, no)
	} else {
		u.answers[no] = a
	}
	id := u.id
	u.saver.put(saveJob{key: answerKey(id, no), what: fmt.Sprintf("评分要点(%d)", no),
		write: func() error { return u.db.SaveAnswer(id, a) }})
	if rescore {
		u.rescore()
	}
	u.check.answerChanged(no)
}

// editNarrative changes one application-material text and queues its save.
func (u *UI) editNarrative(key, text string) {
	if u.readOnly() {
		return
	}
	u.narr[key] = text
	id := u.id
	u.saver.put(saveJob{key: fmt.Sprintf("n/%d/%s", id, key), what: u.cat.NarrativeTitle(key),
		write: func() error { return u.db.SaveNarrative(id, key, text) }})
}

// saved shows the outcome of a round of writes in the status bar; a failure on a removable
// drive also gets a dialog once, because the user may have pulled the USB stick.
func (u *UI) saved(r saveReport) {
	if u.status != nil {
		u.status.saved(r)
	}
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
				u.status.note("自动备份失败：" + err.Error())
			}
		})
	}
}

// flushSoon writes pending edits now (navigation, tab change) without waiting.
func (u *UI) flushSoon() { u.saver.trigger() }

// requestClose writes everything before the window closes; if that fails the user decides.
func (u *UI) requestClose() {
	err := u.saver.flush(5 * time.Second)
	if err == nil {
		u.shutdown()
		return
	}
	showConfirm(u.win, "有修改尚未保存",
		fmt.Sprintf("以下原因导致部分修改未能写入数据库：\n%v\n\n如果现在退出，这些修改将丢失。可以先检查U盘或磁盘后点“取消”继续等待自动重试。", err),
		"仍然退出", u.shutdown)
}

// shutdown closes the database and the window.
func (u *UI) shutdown() {
	u.saveSize()
	u.saver.close()
	if err := u.db.Close(); err != nil && !errors.Is(err, storage.ErrNotFound) {
		fyne.LogError("关闭数据库失败", err)
	}
	u.win.Close()
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
		u.win.Canvas().Focus(u.check.search)
	case (s.KeyName == fyne.KeyPageUp && s.Modifier == fyne.KeyModifierShortcutDefault) ||
		(s.KeyName == fyne.KeyLeft && s.Modifier == fyne.KeyModifierAlt):
		u.tabs.Select(u.tabs.Items[0])
		u.check.step(-1)
	case (s.KeyName == fyne.KeyPageDown && s.Modifier == fyne.KeyModifierShortcutDefault) ||
		(s.KeyName == fyne.KeyRight && s.Modifier == fyne.KeyModifierAlt):
		u.tabs.Select(u.tabs.Items[0])
		u.check.step(+1)
	case s.Modifier == fyne.KeyModifierAlt && (s.KeyName == fyne.KeyM || s.KeyName == fyne.Key0 || s.KeyName == fyne.KeyN):
		// the quick buttons of the criterion being typed in (Tab skips the buttons)
		k := u.check.focusedCard()
		if k == nil || u.readOnly() {
			return false
		}
		switch s.KeyName {
		case fyne.KeyM:
			k.quick(k.cr.Points)
		case fyne.Key0:
			k.zero.OnTapped()
		default:
			k.markNA()
		}
	default:
		return false
	}
	return true
}

// reload re-reads the open assessment after a status change or a restore.
func (u *UI) reload() {
	cur := u.cur
	id := u.id
	if err := u.open(id); err != nil {
		u.Start()
		return
	}
	u.check.show(cur, 0)
}
