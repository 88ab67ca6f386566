package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sanxiang/exchange"
	"sanxiang/export/pack"
	"sanxiang/scoring"
	"sanxiang/storage"
)

// withSample starts the window on the sample assessment of testdata (evidence included).
func withSample(t *testing.T) (*env, *scoring.Assessment) {
	t.Helper()
	e := newEnv(t)
	a, err := exchange.ReadFile(filepath.Join("..", "testdata", "sample-assessment.json"), testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	id, err := e.db.Import(a, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.db.SetLastOpened(id); err != nil {
		t.Fatal(err)
	}
	e.u.Start()
	e.settle()
	if e.u.ws.ID() != id {
		t.Fatalf("opened %d, want %d", e.u.ws.ID(), id)
	}
	return e, a
}

// waitDialog pumps until the top dialog shows text.
func (e *env) waitDialog(text string) {
	e.t.Helper()
	e.pump(func() bool { return strings.Contains(e.texts(), text) })
}

func TestExportPackageVerifyImport(t *testing.T) {
	e, sample := withSample(t)
	want := scoring.Score(e.u.ws.Catalog(), sample.Answers)
	if e.u.ws.Result().Overall.Score != want.Overall.Score {
		t.Fatalf("window total %s, sample %s", e.u.ws.Result().Overall.Score, want.Overall.Score)
	}

	out := filepath.Join(e.dir, "导出 文件")
	os.MkdirAll(out, 0o755)
	e.u.cmds.exportTo(out)
	e.waitDialog("导出完成")
	for _, n := range []string{"自评表.xlsx", "评分表.pdf", "自评报告.pdf"} {
		if st, err := os.Stat(filepath.Join(out, n)); err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", n, err)
		}
	}
	test.Tap(e.button("确定"))

	usb := filepath.Join(e.dir, "U盘")
	os.MkdirAll(usb, 0o755)
	e.u.cmds.preflight(usb, false)
	e.pump(func() bool {
		txt := e.texts()
		return strings.Contains(txt, "报送包已生成") || strings.Contains(txt, "仍然生成")
	})
	if strings.Contains(e.texts(), "仍然生成") {
		test.Tap(e.button("仍然生成"))
		e.waitDialog("报送包已生成")
	}
	if !strings.Contains(e.texts(), "报送包校验码") {
		t.Errorf("result dialog: %s", e.texts())
	}
	e.snap("package-done")
	test.Tap(e.button("确定"))
	// the status bar says where the package went, not still where the tables were exported
	if got := e.u.status.saving.Text; !strings.Contains(got, "报送包已生成到 "+usb) {
		t.Errorf("status bar after the package: %q", got)
	}
	pkgs, _ := filepath.Glob(filepath.Join(usb, "*_三项制度自评"))
	if len(pkgs) != 1 {
		t.Fatalf("packages in target: %v", pkgs)
	}
	pkg := pkgs[0]

	e.u.cmds.verifyAt(pkg)
	e.waitDialog("校验通过")
	test.Tap(e.button("确定"))

	// import into a fresh database on "another PC"
	other := newEnv(t)
	other.u.cmds.importFrom(pkg)
	other.waitDialog("导入完成")
	if other.u.ws.Info().Year != sample.Year || other.u.ws.Unit().Name != sample.Unit.Name {
		t.Errorf("imported %s %d", other.u.ws.Unit().Name, other.u.ws.Info().Year)
	}
	got := scoring.Score(other.u.ws.Catalog(), other.u.ws.Answers())
	if got.Overall != want.Overall {
		t.Errorf("imported totals %+v, want %+v", got.Overall, want.Overall)
	}
	evDir := storage.EvidenceDir(other.db.Path())
	for _, a := range other.u.ws.Answers() {
		for _, ev := range a.Evidence {
			if !strings.HasPrefix(ev.Path, evDir) {
				t.Errorf("evidence %s not copied beside the database", ev.Path)
			}
		}
	}
	// importing the same package again asks before replacing; "不导入" leaves things as they are
	test.Tap(other.button("确定"))
	other.u.cmds.importFrom(pkg)
	other.waitDialog("已在本机数据库中")
	test.Tap(other.button("不导入"))
	if list, _ := other.db.Assessments(); len(list) != 1 {
		t.Errorf("assessments after declining: %d", len(list))
	}

	// a changed file makes verification fail and names it
	manifest := filepath.Join(pkg, "assessment.json")
	data, _ := os.ReadFile(manifest)
	os.WriteFile(manifest, append(data, ' '), 0o644)
	e.u.cmds.verifyAt(pkg)
	e.waitDialog("校验未通过")
	if !strings.Contains(e.texts(), "assessment.json") {
		t.Errorf("altered file not named: %s", e.texts())
	}
}

// TestMakeDemoDatabase builds the database used for the screenshots and the user guide:
// SANXIANG_DEMO_DB=/path/sanxiang.db go test -tags ci -run MakeDemo ./app/
func TestMakeDemoDatabase(t *testing.T) {
	path := os.Getenv("SANXIANG_DEMO_DB")
	if path == "" {
		t.Skip("SANXIANG_DEMO_DB not set")
	}
	os.MkdirAll(filepath.Dir(path), 0o755)
	db, err := storage.Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a, err := exchange.ReadFile(filepath.Join("..", "testdata", "sample-assessment.json"), testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	// leave criterion 5 open, so the window starts on indicator 1.1.2: a page with evidence,
	// a deduction without its reason, and an unscored criterion
	delete(a.Answers, 5)
	id, err := db.Import(a, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetLastOpened(id); err != nil {
		t.Fatal(err)
	}
}

// TestPackageDialogs: the 文件夹/zip choice cannot be cleared by clicking the chosen option; the
// replace question names the package already there (name, date, score); 校验 names what it
// checked and, for a folder holding both the package folder and its zip, asks which.
func TestPackageDialogs(t *testing.T) {
	e, sample := withSample(t)
	e.u.cmds.buildPackage()
	radio := find(e.u.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) bool {
		_, ok := o.(*widget.RadioGroup)
		return ok
	}).(*widget.RadioGroup)
	chosen := radio.Selected
	// click the chosen option's item, as the user did
	item := find(radio, func(o fyne.CanvasObject) bool {
		_, ok := o.(fyne.Tappable)
		return ok && o != fyne.CanvasObject(radio)
	}).(fyne.Tappable)
	test.Tap(item)
	if radio.Selected != chosen || chosen == "" {
		t.Fatalf("after clicking the chosen option: %q (was %q)", radio.Selected, chosen)
	}
	test.Tap(e.button("取消"))

	usb := filepath.Join(e.dir, "U盘")
	os.MkdirAll(usb, 0o755)
	a, err := e.u.cmds.savedAssessment(e.u.ws.ID())
	if err != nil {
		t.Fatal(err)
	}
	for _, zip := range []bool{false, true} {
		e.u.cmds.runBuild(a, usb, zip, false)
		e.waitDialog("报送包已生成")
		test.Tap(e.button("确定"))
	}
	e.u.cmds.runBuild(a, usb, false, false)
	e.waitDialog("报送包已存在")
	txt := e.texts()
	name := pack.PackageName(sample.Unit.Name, sample.Year)
	score := scoring.Score(e.u.ws.Catalog(), sample.Answers).Overall.Score.String()
	if !strings.Contains(txt, "“"+name+"”") || !strings.Contains(txt, "生成于 20") || !strings.Contains(txt, "得分 "+score+" 分") {
		t.Errorf("replace question does not name the package:\n%s", txt)
	}
	test.Tap(e.button("取消"))

	// the USB root holds the folder and the zip: 校验 asks which, then names it
	e.u.cmds.whichPackage(usb, "校验", e.u.cmds.verifyAt)
	e.waitDialog("请选择要校验的一个")
	choice := find(e.u.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) bool {
		_, ok := o.(*widget.RadioGroup)
		return ok
	}).(*widget.RadioGroup)
	if opts := strings.Join(choice.Options, " "); !strings.Contains(opts, name+"（文件夹）") || !strings.Contains(opts, name+".zip（.zip 压缩文件）") {
		t.Fatalf("choice does not list both: %s", opts)
	}
	choice.SetSelected(choice.Options[0])
	test.Tap(e.button("校验"))
	e.waitDialog("校验通过")
	if txt := e.texts(); !strings.Contains(txt, "已校验的报送包文件夹：") || !strings.Contains(txt, filepath.Join(usb, name)) {
		t.Errorf("report does not name the folder:\n%s", txt)
	}
	test.Tap(e.button("确定"))
	// the zip itself, chosen directly
	e.u.cmds.whichPackage(filepath.Join(usb, name+".zip"), "校验", e.u.cmds.verifyAt)
	e.waitDialog("校验通过")
	if txt := e.texts(); !strings.Contains(txt, "已校验的.zip 报送包：") {
		t.Errorf("report does not name the zip:\n%s", txt)
	}
}
