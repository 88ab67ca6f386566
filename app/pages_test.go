package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sanxiang/app/workspace"
	"sanxiang/scoring"
	"sanxiang/storage"
)

func TestFinalizeListsProblemsAndLocksUntilUnlocked(t *testing.T) {
	e := withAssessment(t)
	k := e.card(1)
	test.Tap(k.full)
	test.Tap(e.u.top.finalize)
	txt := e.texts()
	if !strings.Contains(txt, "还有 ") || !strings.Contains(txt, "未评 169 项") || !strings.Contains(txt, "无佐证 1 项") {
		t.Fatalf("finalize confirmation does not list the problems:\n%s", txt)
	}
	e.snap("finalize-confirm")
	test.Tap(e.button("定稿"))
	e.pump(func() bool { return e.u.ws.ReadOnly() })
	info, _ := e.db.AssessmentInfo(e.u.ws.ID())
	if info.Status != storage.StatusFinal {
		t.Fatalf("stored status %v", info.Status)
	}
	if e.u.top.finalize.Text != "解除定稿" || !e.u.top.banner.Visible() || e.u.top.state.Text != "已定稿" {
		t.Errorf("top bar after finalize: %q banner %v", e.u.top.finalize.Text, e.u.top.banner.Visible())
	}
	k = e.card(1)
	if !k.score.Disabled() || !k.note.Disabled() || !k.zero.Disabled() || !k.addFiles.Disabled() {
		t.Error("criterion editable while finalized")
	}
	if !e.u.mats.editors[scoring.NarrativeWorkSummary].Disabled() {
		t.Error("narrative editable while finalized")
	}
	if f := e.u.unitPg.form; !f.name.Disabled() || !f.code.Disabled() || !f.contact.Disabled() || !f.phone.Disabled() {
		t.Error("unit details editable while finalized (they are printed on the signed sheet)")
	}
	e.u.ws.EditAnswer(2, func(a *scoring.Answer) { a.Status, a.Score = scoring.Scored, 5 })
	e.u.ws.EditNarrative(scoring.NarrativeWorkSummary, "不应保存")
	e.flush()
	a := e.load()
	if a.Answers[2].Status != scoring.Unanswered || a.Narratives[scoring.NarrativeWorkSummary] != "" {
		t.Error("an edit went through while finalized")
	}
	e.snap("finalized")

	test.Tap(e.u.top.finalize)
	if !strings.Contains(e.texts(), "确定解除定稿") {
		t.Fatalf("unlock without confirmation: %s", e.texts())
	}
	test.Tap(e.button("解除定稿"))
	e.pump(func() bool { return !e.u.ws.ReadOnly() })
	k = e.card(2)
	if k.score.Disabled() || e.u.unitPg.form.name.Disabled() {
		t.Error("still read-only after 解除定稿")
	}
	test.Tap(k.full)
	e.flush()
	if e.load().Answers[2].Status != scoring.Scored {
		t.Error("edit after unlocking not saved")
	}
}

func TestNarrativesCountCharactersAndSave(t *testing.T) {
	e := withAssessment(t)
	m := e.u.mats
	ed := m.editors[scoring.NarrativeUnitApplication]
	test.Type(ed, "我单位 2024 年推行三项制度，ABC。\n 成效明显！")
	want := scoring.CountChars(ed.Text)
	if want != 21 {
		t.Fatalf("CountChars = %d", want)
	}
	got := m.counts[scoring.NarrativeUnitApplication]
	if !strings.Contains(got.Text, fmt.Sprintf("已写 %d 字", want)) || !strings.Contains(got.Text, "还差 1179 字") {
		t.Errorf("count label %q", got.Text)
	}
	if got.Importance != widget.DangerImportance {
		t.Error("count below the minimum not shown as a warning")
	}
	long := strings.Repeat("严格规范公正文明执法", 80) // 800 字
	m.editors[scoring.NarrativeModelApplication].SetText(long)
	if l := m.counts[scoring.NarrativeModelApplication]; !strings.Contains(l.Text, "达到不少于 800 字") {
		t.Errorf("model application at 800: %q", l.Text)
	}
	test.Type(m.editors[scoring.NarrativeModelName], "李玥")
	test.Type(m.editors[scoring.NarrativeModelPost], "执法大队队长")
	test.Type(m.editors[scoring.NarrativeModelCertificate], "61010012345")
	test.Type(m.editors[scoring.NarrativeWorkSummary], "总结")
	if l := m.counts[scoring.NarrativeWorkSummary]; !strings.Contains(l.Text, "已写 2 字") {
		t.Errorf("summary count %q", l.Text)
	}
	e.u.tabs.SelectIndex(2)
	e.snap("materials")
	e.flush()
	n := e.load().Narratives
	for k, v := range map[string]string{
		scoring.NarrativeUnitApplication:  ed.Text,
		scoring.NarrativeModelApplication: long,
		scoring.NarrativeModelName:        "李玥",
		scoring.NarrativeModelPost:        "执法大队队长",
		scoring.NarrativeModelCertificate: "61010012345",
		scoring.NarrativeWorkSummary:      "总结",
	} {
		if n[k] != v {
			t.Errorf("narrative %s saved as %q", k, n[k])
		}
	}
}

func TestDashboardShowsTotalsAndJumpsToProblems(t *testing.T) {
	e := withAssessment(t)
	test.Tap(e.card(1).full)
	test.Tap(e.card(2).zero)
	e.u.tabs.SelectIndex(1)
	d := e.u.dash
	if d.total.Text != "0.5 / 100 分" {
		t.Errorf("dashboard total %q", d.total.Text)
	}
	if d.done.Text != "已评 2 / 170 项" {
		t.Errorf("completion %q", d.done.Text)
	}
	if !strings.Contains(d.bars[0].figures.Text, "0.5 / 24 分") || d.bars[0].bar.frac <= 0 {
		t.Errorf("area bar %q %v", d.bars[0].figures.Text, d.bars[0].bar.frac)
	}
	kinds := map[scoring.ProblemKind]int{}
	for _, p := range d.problems {
		kinds[p.Kind]++
	}
	if kinds[scoring.ProblemUnanswered] != 168 || kinds[scoring.ProblemNoDeduction] != 1 || kinds[scoring.ProblemNoEvidence] != 2 {
		t.Errorf("problems %v", kinds)
	}
	e.snap("dashboard")
	// a problem deep in the catalog: clicking it opens its indicator and focuses its score
	idx := -1
	for i, p := range d.problems {
		if p.No == 120 {
			idx = i
		}
	}
	d.tree.OpenBranch("k:" + string(scoring.ProblemUnanswered))
	d.tree.Select(fmt.Sprintf("p:%d", idx))
	ref, _ := e.u.ws.Catalog().Criterion(120)
	if e.u.tabs.SelectedIndex() != 0 || e.u.ws.Indicators()[e.u.ws.Page()] != ref.Indicator {
		t.Errorf("jump went to tab %d indicator %s", e.u.tabs.SelectedIndex(), e.u.ws.Indicators()[e.u.ws.Page()].Code)
	}
	if e.u.win.Canvas().Focused() != e.u.check.cards[120].score {
		t.Error("jump did not focus the criterion's score")
	}
	// totals follow edits while the dashboard shows
	e.u.tabs.SelectIndex(1)
	test.Tap(e.card(3).full)
	e.u.tabs.SelectIndex(1)
	if d.total.Text != "0.8 / 100 分" {
		t.Errorf("dashboard after edit %q", d.total.Text)
	}
}

func TestAutosaveIsDebouncedAndFlushedOnClose(t *testing.T) {
	e := withAssessment(t)
	k := e.card(7)
	test.Type(k.note, "依据已公开到具体条款")
	time.Sleep(saveDelay + 200*time.Millisecond) // the debounce alone saves it
	e.settle()
	if got := e.load().Answers[7].Note; got != "依据已公开到具体条款" {
		t.Fatalf("debounced save: %q", got)
	}
	test.Type(k.note, "。")
	e.u.requestClose() // writes the pending edit before closing
	db, err := storage.Open(e.db.Path(), testCats(t))
	if err != nil {
		t.Fatalf("database not released on close: %v", err)
	}
	defer db.Close()
	a, _ := db.Load(e.u.ws.ID())
	if got := a.Answers[7].Note; got != "依据已公开到具体条款。" {
		t.Errorf("after close: %q", got)
	}
}

// brokenStore fails every answer write while broken is set ("the USB stick is out").
type brokenStore struct {
	workspace.Store
	broken *atomic.Bool
}

func (b brokenStore) SaveAnswer(id int64, a scoring.Answer) error {
	if b.broken.Load() {
		return errors.New("磁盘不可用")
	}
	return b.Store.SaveAnswer(id, a)
}

func TestSaveFailureKeepsEditAndSaysSo(t *testing.T) {
	var broken atomic.Bool
	e := startAssessment(newEnvWith(t, func(st workspace.Store) workspace.Store { return brokenStore{st, &broken} },
		workspace.Options{Delay: saveDelay, Retry: 100 * time.Millisecond}))
	k := e.card(1)
	broken.Store(true)
	test.Type(k.note, "拔出U盘时输入的文字")
	err := e.u.ws.Flush(2 * time.Second)
	if err == nil || !strings.Contains(err.Error(), "磁盘不可用") {
		t.Fatalf("flush error %v", err)
	}
	e.settle()
	if !strings.Contains(e.u.status.saving.Text, "保存失败") {
		t.Errorf("status %q", e.u.status.saving.Text)
	}
	if !strings.Contains(e.texts(), "保存失败") || !strings.Contains(e.texts(), "自动重试") {
		t.Errorf("no failure dialog: %s", e.texts())
	}
	if k.note.Text != "拔出U盘时输入的文字" || e.u.ws.Answer(1).Note != "拔出U盘时输入的文字" {
		t.Error("the unsaved edit left the screen")
	}
	if got := e.load().Answers[1].Note; got != "" {
		t.Errorf("saved despite the failure: %q", got)
	}
	broken.Store(false)
	e.pump(func() bool { return strings.HasPrefix(e.u.status.saving.Text, "已保存") })
	if got := e.load().Answers[1].Note; got != "拔出U盘时输入的文字" {
		t.Errorf("after retry: %q", got)
	}
}

func TestBackupsListAndRestore(t *testing.T) {
	e := withAssessment(t)
	test.Tap(e.card(1).full)
	e.flush()
	if _, err := e.db.Backup(); err != nil {
		t.Fatal(err)
	}
	test.Tap(e.card(2).full)
	e.flush()
	e.u.tabs.SelectIndex(4)
	b := e.u.backups
	e.pump(func() bool { return len(b.items) > 0 })
	if !strings.Contains(backupSummary(b.items[0]), "测试市喆玥堃执法局 2025 年度 得分 0.5") {
		t.Errorf("newest backup: %q", backupSummary(b.items[0]))
	}
	e.snap("backups")
	b.restore(b.items[0])
	if !strings.Contains(e.texts(), "确定恢复吗") {
		t.Fatalf("restore without confirmation: %s", e.texts())
	}
	test.Tap(e.button("恢复"))
	e.pump(func() bool { return e.u.check != nil && e.u.ws.Answer(2).Status == scoring.Unanswered })
	if e.u.ws.Answer(1).Status != scoring.Scored {
		t.Error("restored data lost criterion 1")
	}
	if a := e.load(); a.Answers[2].Status != scoring.Unanswered {
		t.Error("database not restored")
	}
}

func TestNewYearAsCopyOfPrevious(t *testing.T) {
	e := withAssessment(t)
	test.Tap(e.card(1).full)
	e.flush()
	list, _ := e.db.Assessments()
	e.u.sw.showNewYear(list)
	if !strings.Contains(e.texts(), "新自评年度") {
		t.Fatalf("dialog: %s", e.texts())
	}
	test.Tap(e.button("创建"))
	e.pump(func() bool { return e.u.ws.Info().Year != 2025 })
	if e.u.ws.Answer(1).Status != scoring.Scored || e.u.ws.Info().Status != storage.StatusDraft {
		t.Errorf("copied year: %+v %v", e.u.ws.Answer(1), e.u.ws.Info().Status)
	}
	all, _ := e.db.Assessments()
	if len(all) != 2 {
		t.Errorf("assessments %d", len(all))
	}
	e.u.sw.showSwitcher()
	e.waitDialog("切换或新建自评") // the list is read off the UI goroutine
	e.snap("switcher")
}

func TestUnitPageSavesOnlyValidUnits(t *testing.T) {
	e := withAssessment(t)
	p := e.u.unitPg
	p.form.code.SetText("123")
	e.flush()
	if u, _ := e.db.Unit(e.u.ws.Unit().ID); u.CreditCode != validCode {
		t.Errorf("invalid code saved: %q", u.CreditCode)
	}
	p.form.code.SetText(validCode)
	p.form.phone.SetText("13800000000")
	e.flush()
	if u, _ := e.db.Unit(e.u.ws.Unit().ID); u.Phone != "13800000000" {
		t.Errorf("phone %q", u.Phone)
	}
	e.u.tabs.SelectIndex(3)
	e.snap("unit")
}

func TestDamagedDatabaseOffersLatestBackup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sanxiang.db")
	db, err := storage.Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateUnit(scoring.Unit{Name: "备份里的单位", CreditCode: validCode}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Backup(); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := os.WriteFile(path, []byte("这不是数据库"), 0o644); err != nil {
		t.Fatal(err)
	}
	fa := test.NewApp()
	defer fa.Quit()
	Setup(fa)
	got := make(chan *storage.DB, 1)
	OpenDatabase(fa, path, testCats(t), func(db *storage.DB) { got <- db })
	w := lastWindow(fa)
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog for a damaged database")
	}
	txt := textsIn(top)
	if !strings.Contains(txt, "损坏") || !strings.Contains(txt, "从备份恢复") {
		t.Fatalf("dialog says: %s", txt)
	}
	test.Tap(buttonIn(t, top, "从备份恢复"))
	select {
	case db := <-got:
		defer db.Close()
		units, _ := db.Units()
		if len(units) != 1 || units[0].Name != "备份里的单位" {
			t.Errorf("restored units %+v", units)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("restore did not finish")
	}
	aside, _ := filepath.Glob(path + ".bad-*")
	if len(aside) != 1 {
		t.Errorf("damaged file not kept aside: %v", aside)
	}
}

func TestDamagedDatabaseWithoutBackupIsKeptAside(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sanxiang.db")
	junk := []byte("SQLite format 3\x00 but truncated")
	if err := os.WriteFile(path, junk, 0o644); err != nil {
		t.Fatal(err)
	}
	fa := test.NewApp()
	defer fa.Quit()
	Setup(fa)
	got := make(chan *storage.DB, 1)
	OpenDatabase(fa, path, testCats(t), func(db *storage.DB) { got <- db })
	top := lastWindow(fa).Canvas().Overlays().Top()
	if top == nil || !strings.Contains(textsIn(top), "没有找到自动备份") {
		t.Fatalf("dialog: %v", top)
	}
	if txt := textsIn(top); strings.Contains(txt, "可从最近的自动备份恢复") {
		t.Errorf("the dialog advises the backup it says there is none of:\n%s", txt)
	}
	test.Tap(buttonIn(t, top, "改名保留并新建"))
	select {
	case db := <-got:
		db.Close()
	case <-time.After(10 * time.Second):
		t.Fatal("no new database")
	}
	aside, _ := filepath.Glob(path + ".bad-*")
	if len(aside) != 1 {
		t.Fatalf("kept aside: %v", aside)
	}
	if data, _ := os.ReadFile(aside[0]); string(data) != string(junk) {
		t.Error("the damaged file was changed")
	}
}

func TestLockedDatabaseExplainsAndStops(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sanxiang.db")
	db, err := storage.Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fa := test.NewApp()
	defer fa.Quit()
	Setup(fa)
	called := false
	OpenDatabase(fa, path, testCats(t), func(*storage.DB) { called = true })
	if called {
		t.Fatal("a locked database was handed out")
	}
	top := lastWindow(fa).Canvas().Overlays().Top()
	if top == nil || !strings.Contains(textsIn(top), "另一个程序") || !strings.Contains(textsIn(top), "退出") {
		t.Fatalf("locked dialog: %v", top)
	}
}

func lastWindow(fa fyne.App) fyne.Window {
	ws := fa.Driver().AllWindows()
	return ws[len(ws)-1]
}

// The character minimums come from the catalog's materials, not from Shaanxi constants.
func TestNarrativeMinimumsComeFromTheCatalog(t *testing.T) {
	e := newEnv(t)
	e.u.ws.Catalog().Materials[0].MinChars = 0  // 示范单位申报材料 without a minimum
	e.u.ws.Catalog().Materials[1].MinChars = 50 // 执法标兵申报材料 at least 50 字
	uid, err := e.db.CreateUnit(scoring.Unit{Name: "测试市执法局", CreditCode: validCode})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.CreateAssessment(uid, 2025, e.u.ws.Catalog()); err != nil {
		t.Fatal(err)
	}
	e.u.Start()
	e.settle()
	m := e.u.mats
	m.editors[scoring.NarrativeUnitApplication].SetText("十个字的示范单位材料")
	if l := m.counts[scoring.NarrativeUnitApplication]; l.Text != "已写 10 字（统计汉字、字母和数字，不含空格和标点）" {
		t.Errorf("material without a minimum: %q", l.Text)
	}
	m.editors[scoring.NarrativeModelApplication].SetText(strings.Repeat("严格规范公正文明执法", 4))
	if l := m.counts[scoring.NarrativeModelApplication]; !strings.Contains(l.Text, "要求不少于 50 字，还差 10 字") {
		t.Errorf("model application at 40 of 50: %q", l.Text)
	}
	e.u.tabs.SelectIndex(2)
	m.tabs.SelectIndex(1)
	e.snap("materials-catalog-minimum")
	m.editors[scoring.NarrativeModelApplication].SetText(strings.Repeat("严格规范公正文明执法", 5))
	if l := m.counts[scoring.NarrativeModelApplication]; !strings.Contains(l.Text, "达到不少于 50 字") {
		t.Errorf("model application at 50: %q", l.Text)
	}
}

// TestProblemsGroupedByKind: the dashboard's problems sit in one collapsible group per kind,
// real errors before 未评, each with its count; the kind choice and the filter text narrow them.
func TestProblemsGroupedByKind(t *testing.T) {
	e := withAssessment(t)
	test.Tap(e.card(1).full) // scored, no evidence
	test.Tap(e.card(2).zero) // no deduction reason, no evidence
	test.Tap(e.card(3).na)   // no N/A reason
	e.u.tabs.SelectIndex(1)
	d := e.u.dash
	groups := d.children("")
	want := []string{"k:missing_deduction_reason", "k:missing_na_reason", "k:no_evidence", "k:unanswered"}
	if strings.Join(groups, " ") != strings.Join(want, " ") {
		t.Fatalf("groups %v, want %v", groups, want)
	}
	label := func(uid string) string {
		o := d.tree.CreateNode(true)
		d.updateNode(uid, true, o)
		return o.(*widget.Label).Text
	}
	for uid, text := range map[string]string{
		"k:missing_deduction_reason": "（1 项）", "k:no_evidence": "（2 项）", "k:unanswered": "未评（167 项）",
	} {
		if got := label(uid); !strings.Contains(got, text) {
			t.Errorf("group %s shows %q, want …%s", uid, got, text)
		}
	}
	// and the tree really shows them (its root must be a branch)
	e.u.win.Resize(fyne.NewSize(1280, 700))
	e.u.win.Content().Refresh()
	if shown := textsIn(d.tree); !strings.Contains(shown, "缺扣分原因（1 项）") || !strings.Contains(shown, "评分要点(2)") {
		t.Errorf("the problem tree shows:\n%s", shown)
	}
	// the errors open, 未评 closed; a click on a group toggles it
	if !d.tree.IsBranchOpen("k:missing_deduction_reason") || d.tree.IsBranchOpen("k:unanswered") {
		t.Error("initial opening: errors should be open, 未评 closed")
	}
	d.tree.Select("k:unanswered")
	if !d.tree.IsBranchOpen("k:unanswered") {
		t.Error("a click on 未评 did not open it")
	}
	d.tree.Select("k:unanswered")
	if d.tree.IsBranchOpen("k:unanswered") {
		t.Error("a second click did not close it")
	}
	// filters: a kind, then a criterion number typed with full-width brackets
	d.kind.SetSelected(scoring.ProblemNoEvidence.Label())
	if g := d.children(""); len(g) != 1 || g[0] != "k:no_evidence" || len(d.children(g[0])) != 2 {
		t.Errorf("kind filter: %v", g)
	}
	d.kind.SetSelectedIndex(0)
	d.search.SetText("（120）")
	if g := d.children(""); len(g) != 1 || g[0] != "k:unanswered" || len(d.children(g[0])) != 1 {
		t.Fatalf("text filter: %v", g)
	}
	if !d.tree.IsBranchOpen("k:unanswered") {
		t.Error("the group holding the filtered problem is closed")
	}
	e.snap("problems-grouped")
	// a click on the problem jumps to its criterion, focused
	d.tree.Select(d.children("k:unanswered")[0])
	if e.u.tabs.SelectedIndex() != 0 || e.u.win.Canvas().Focused() != fyne.Focusable(e.u.check.cards[120].score) {
		t.Error("jump from a grouped problem did not focus (120)")
	}
	d.search.SetText("")
	e.u.tabs.SelectIndex(1)
	if len(d.children("")) != 4 {
		t.Error("clearing the filter did not bring the groups back")
	}
}

// TestPopUpsStayInsideTheWindow: every dialog and menu of the main screen fits in the smallest
// window the program keeps (900×560) and in the first-run 1280×700.
func TestPopUpsStayInsideTheWindow(t *testing.T) {
	e := withAssessment(t)
	list, _ := e.db.Assessments()
	opens := map[string]func(){
		"切换/新建自评":     func() { e.u.sw.showSwitcher(); e.waitDialog("切换或新建自评") },
		"新建年度自评":      func() { e.u.sw.showNewYear(list) },
		"新建单位":        e.u.sw.showNewUnit,
		"定稿（170 个问题）": e.u.top.toggleFinal,
		"生成报送包":       e.u.cmds.buildPackage,
		"报送包菜单":       func() { test.Tap(e.button("报送包")) },
		"筛选":          func() { test.Tap(e.u.check.filter) },
	}
	for _, size := range []fyne.Size{fyne.NewSize(900, 560), fyne.NewSize(1280, 700)} {
		e.u.win.Resize(size)
		for name, open := range opens {
			open()
			c := e.u.win.Canvas()
			top := c.Overlays().Top()
			if top == nil {
				t.Fatalf("%s: nothing shown", name)
			}
			top.Refresh()
			// the visible box: a dialog's content, or the menu
			var box fyne.CanvasObject
			if p, ok := top.(*widget.PopUp); ok {
				box = p.Content
			} else if m := find(top, func(o fyne.CanvasObject) bool {
				switch o.(type) {
				case *widget.Menu, *widget.PopUpMenu:
					return true
				}
				return false
			}); m != nil {
				box = m
			}
			if box == nil {
				t.Fatalf("%s: no box in %T", name, top)
			}
			pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(box)
			end := pos.Add(box.Size())
			if pos.X < 0 || pos.Y < 0 || end.X > size.Width+0.5 || end.Y > size.Height+0.5 {
				t.Errorf("%v %s: box %v–%v runs past the window", size, name, pos, end)
			}
			c.Overlays().Remove(top)
		}
	}
}

// TestNewUnitRefusalKeepsTheForm: 创建 with a wrong credit code (or a year that has an
// assessment) explains why and leaves the 新建单位 / 新建年度自评 form open with what was typed —
// the refusal closed the form, and the user typed everything again (found using the real window).
func TestNewUnitRefusalKeepsTheForm(t *testing.T) {
	e := withAssessment(t)
	c := e.u.win.Canvas()
	e.u.sw.showNewUnit()
	var name, code *field
	find(c.Overlays().Top(), func(o fyne.CanvasObject) bool {
		if f, ok := o.(*field); ok {
			switch f.PlaceHolder {
			case "例如：西安市某某区市场监督管理局":
				name = f
			case "18 位，如 11610113MB1234567X":
				code = f
			}
		}
		return false
	})
	if name == nil || code == nil {
		t.Fatal("no unit form")
	}
	name.SetText("西安市碑林区城市管理执法局")
	code.SetText("11610103MB00000110") // check digit wrong
	test.Tap(e.button("创建"))
	if !strings.Contains(e.texts(), "单位信息有误") {
		t.Fatalf("no reason shown:\n%s", e.texts())
	}
	c.Overlays().Top().Hide() // the reason
	if top := c.Overlays().Top(); top == nil || !strings.Contains(textsIn(top), "新建单位") || name.Text != "西安市碑林区城市管理执法局" {
		t.Fatalf("the form is gone after the refusal (name %q)", name.Text)
	}
	code.SetText("11610103MB00000112")
	test.Tap(e.button("创建"))
	e.pump(func() bool { return e.u.ws.Unit().Name == "西安市碑林区城市管理执法局" })

	list, _ := e.db.Assessments()
	e.u.sw.showNewYear(list)
	var year *field
	find(c.Overlays().Top(), func(o fyne.CanvasObject) bool {
		if x, ok := o.(*field); ok && year == nil && x.Text == fmt.Sprint(time.Now().Year()-1) {
			year = x
		}
		return false
	})
	if year == nil {
		t.Fatalf("no year field showing %d", time.Now().Year()-1)
	}
	year.SetText(fmt.Sprint(e.u.ws.Info().Year)) // the year just created
	test.Tap(e.button("创建"))
	c.Overlays().Top().Hide() // 年度有误
	if top := c.Overlays().Top(); top == nil || !strings.Contains(textsIn(top), "新自评年度") {
		t.Error("the 新建年度自评 form is gone after the refusal")
	}
}
