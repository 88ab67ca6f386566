package app

import (
	"bytes"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sanxiang/app/workspace"
	"sanxiang/export/pack/packtest"
	"sanxiang/scoring"
	"sanxiang/storage"
)

// goid is the id of the calling goroutine (from its stack header "goroutine 7 [running]:"),
// to tell the test's goroutine — the UI goroutine of these tests — from the workers.
func goid() int64 {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	buf = bytes.TrimPrefix(buf, []byte("goroutine "))
	n, _ := strconv.ParseInt(string(buf[:bytes.IndexByte(buf, ' ')]), 10, 64)
	return n
}

// gatedStore holds every Load until the test opens the gate, and notes a Load made on the UI
// goroutine (which would have frozen the window for as long as the disk takes).
type gatedStore struct {
	workspace.Store
	ui    int64         // the UI goroutine
	gate  chan struct{} // closed: the loads go on
	loads atomic.Int32
	onUI  atomic.Bool
}

func (g *gatedStore) Load(id int64) (*scoring.Assessment, error) {
	g.loads.Add(1)
	if goid() == g.ui {
		g.onUI.Store(true) // waiting here would hang the test: the gate is opened by this goroutine
	} else {
		<-g.gate
	}
	return g.Store.Load(id)
}

func newGatedEnv(t *testing.T) (*env, *gatedStore) {
	g := &gatedStore{ui: goid(), gate: make(chan struct{})}
	e := newEnvWith(t, func(st workspace.Store) workspace.Store { g.Store = st; return g },
		workspace.Options{Delay: saveDelay, Retry: saveRetry})
	return e, g
}

// The wizard's 开始自评 reads the new assessment off the UI goroutine (a hung USB drive cost the
// window seconds there), and a wait dialog keeps a second click from starting another one.
func TestWizardFinishReadsOffTheUIGoroutine(t *testing.T) {
	e, g := newGatedEnv(t)
	uid, err := e.db.CreateUnit(scoring.Unit{Name: "测试市喆玥堃执法局", CreditCode: validCode})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := e.db.Unit(uid)
	if err != nil {
		t.Fatal(err)
	}
	e.u.showWizard(&rec)
	e.u.wiz.year.box.SetText("2024")
	test.Tap(e.button("开始自评"))
	e.pump(func() bool { return g.loads.Load() > 0 })
	if g.onUI.Load() {
		t.Fatal("the wizard read the new assessment on the UI goroutine")
	}
	top := e.u.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(textsIn(top), "正在创建") {
		t.Fatalf("no wait dialog keeps a second click out while the assessment is read: %v", top)
	}
	close(g.gate)
	e.pump(func() bool { return e.u.check != nil && e.u.wiz == nil })
	if list, _ := e.db.Assessments(); len(list) != 1 || list[0].Year != 2024 {
		t.Fatalf("assessments %+v", list)
	}
	if e.u.win.Canvas().Overlays().Top() != nil {
		t.Error("the wait dialog stayed")
	}
}

// A package's import opens the imported assessment off the UI goroutine too.
func TestImportDoneReadsOffTheUIGoroutine(t *testing.T) {
	work := t.TempDir()
	pkg := packtest.Package(t, work, work, packtest.Spec{Unit: "测试市喆玥堃执法局", Code: validCode, Year: 2024, Files: 2, Size: 100}, false).Path
	e, g := newGatedEnv(t)
	e.u.cmds.importFrom(pkg)
	e.pump(func() bool { return g.loads.Load() > 0 })
	if g.onUI.Load() {
		t.Fatal("the import read the assessment on the UI goroutine")
	}
	close(g.gate)
	e.pump(func() bool { return strings.Contains(e.texts(), "导入完成") })
	if e.u.ws.Unit().Name != "测试市喆玥堃执法局" || e.u.ws.Info().Year != 2024 {
		t.Errorf("shown after the import: %q", e.u.ws.Unit().Name)
	}
}

// The unit page checks a typed credit code against the units read when the page was built:
// no database read per keystroke, and another unit's code is still refused.
func TestUnitPageReadsUnitsOnce(t *testing.T) {
	e := newEnv(t)
	code := otherCode(t)
	if _, err := e.db.CreateUnit(scoring.Unit{Name: "另一单位", CreditCode: code}); err != nil {
		t.Fatal(err)
	}
	startAssessment(e)
	var reads atomic.Int32
	p := newUnitPage(e.u.ws, unitPageDeps{
		form:    func(v scoring.Unit) *unitForm { return newUnitForm(e.u.shortcut, v) },
		units:   func() ([]storage.UnitRecord, error) { reads.Add(1); return e.db.Units() },
		post:    e.u.post,
		dataBox: widget.NewLabel(""),
	})
	e.settle()
	p.form.code.SetText("")
	test.Type(p.form.code, strings.ToLower(code))
	e.settle()
	if !strings.Contains(p.form.codeMsg.Text(), "另一单位") {
		t.Errorf("another unit's code not refused: %q", p.form.codeMsg.Text())
	}
	p.form.code.SetText("")
	test.Type(p.form.code, validCode)
	p.form.contact.SetText("")
	test.Type(p.form.contact, "李玥")
	e.flush()
	if n := reads.Load(); n != 1 {
		t.Errorf("the units were read %d times while the code and contact were typed, want once", n)
	}
	if u, _ := e.db.Unit(e.u.ws.Unit().ID); u.Contact != "李玥" || u.CreditCode != validCode {
		t.Errorf("stored %+v", u.Unit)
	}
}

// 切换/新建自评 reads the list of assessments off the UI goroutine: the click returns before the
// database is asked, the dialog comes when the list has arrived, and a second click meanwhile
// opens no second dialog.
func TestSwitcherListsOffTheUIGoroutine(t *testing.T) {
	e := withAssessment(t)
	c := e.u.win.Canvas()
	e.u.sw.showSwitcher()
	if c.Overlays().Top() != nil {
		t.Fatal("the list was read on the UI goroutine: the dialog shows before anything was posted")
	}
	e.u.sw.showSwitcher()
	e.waitDialog("切换或新建自评")
	e.settle()
	if n := len(c.Overlays().List()); n != 1 {
		t.Errorf("%d dialogs after two clicks", n)
	}
}

// The bureau's 本单位自评 reads the own assessment off the UI goroutine: the click returns
// before the assessment is read, the bureau's table stays until it has arrived, and a second
// click meanwhile reads nothing again.
func TestBureauShowSelfReadsOffTheUIGoroutine(t *testing.T) {
	e, g := newGatedEnv(t)
	uid, err := e.db.CreateUnit(scoring.Unit{Name: "测试市喆玥堃执法局", CreditCode: validCode})
	if err != nil {
		t.Fatal(err)
	}
	own, err := e.db.CreateAssessment(uid, 2025, e.u.ws.Catalog())
	if err != nil {
		t.Fatal(err)
	}
	seedBureau(t, e.db, e.u.ws.Catalog(), "", 2, 2025)
	e.u.showBureau()
	e.pump(func() bool { return strings.Contains(e.texts(), "共 2 个单位") })
	table := e.u.win.Content()
	self := e.button("本单位自评")
	test.Tap(self)
	e.pump(func() bool { return g.loads.Load() > 0 })
	if g.onUI.Load() {
		t.Fatal("本单位自评 read the assessment on the UI goroutine")
	}
	if e.u.win.Content() != table || e.u.check != nil {
		t.Fatal("the bureau's table was replaced before the assessment was read")
	}
	test.Tap(self) // while the first read waits
	close(g.gate)
	e.pump(func() bool { return e.u.check != nil })
	e.settle()
	if e.u.ws.ID() != own {
		t.Fatalf("本单位自评 opened %d, want the own assessment %d", e.u.ws.ID(), own)
	}
	if n := g.loads.Load(); n != 1 || g.onUI.Load() {
		t.Errorf("two clicks read the assessment %d times (on the UI goroutine: %v), want once", n, g.onUI.Load())
	}
}

// When the list of assessments cannot be read, 本单位自评 says so over the bureau's table and
// does not show the unit form (which would make a second unit of the bureau).
func TestBureauShowSelfUnreadableList(t *testing.T) {
	e := newEnv(t)
	seedBureau(t, e.db, e.u.ws.Catalog(), "", 1, 2025)
	e.u.showBureau()
	e.pump(func() bool { return strings.Contains(e.texts(), "共 1 个单位") })
	table := e.u.win.Content()
	if err := e.db.Close(); err != nil { // every read fails from now on
		t.Fatal(err)
	}
	test.Tap(e.button("本单位自评"))
	e.waitDialog("打开本单位自评失败")
	if e.u.win.Content() != table || e.u.wiz != nil || e.u.check != nil {
		t.Fatalf("an unreadable list left the table: wizard %v, main screen %v", e.u.wiz != nil, e.u.check != nil)
	}
}
