package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sanxiang/scoring"
)

// wizardAtYear shows the first-run wizard's second step for a new unit in a 1366×768 window.
func wizardAtYear(t *testing.T) *env {
	t.Helper()
	e := newEnv(t)
	e.u.win.Resize(fyne.NewSize(1366, 768))
	uid, err := e.db.CreateUnit(scoring.Unit{Name: "某县市场监督管理局", CreditCode: validCode})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := e.db.Unit(uid)
	if err != nil {
		t.Fatal(err)
	}
	e.u.showWizard(&rec)
	e.settle()
	if e.u.wiz == nil || e.u.wiz.cat == nil {
		t.Fatal("the wizard's year step with its catalog chooser is not shown")
	}
	return e
}

// pickCatalog chooses file in the chooser's 导入指标体系… picker and waits for the preview.
func pickCatalog(e *env, c *catalogChooser, file, title string) {
	e.t.Helper()
	p := c.importFile()
	e.settle()
	p.open(filepath.Dir(file))
	e.settle()
	p.tap(p.index(filepath.Base(file)))
	p.finish()
	e.waitDialog(title)
}

// Creating an assessment on an imported catalog: the wizard offers the built-in, 导入指标体系…
// previews a .json file (title, counts, total, materials) before anything is stored, 使用 stores
// it and selects it, and 开始自评 creates and opens the assessment on it.
func TestWizardCreatesOnImportedCatalog(t *testing.T) {
	e := wizardAtYear(t)
	c := e.u.wiz.cat
	if got := c.selected(); got == nil || !e.u.cats.IsBuiltin(got) {
		t.Fatalf("the wizard does not start on the built-in: %v", got)
	}
	if !strings.Contains(c.info.Text(), "评分要点 170 项，共 100 分") {
		t.Errorf("built-in summary %q", c.info.Text())
	}
	e.snap("wizard-catalog")
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "catalog-other.json"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "某省指标体系.json")
	os.WriteFile(file, data, 0o644)
	pickCatalog(e, c, file, "导入指标体系：预览")
	texts := e.texts()
	for _, want := range []string{"一级指标 2 个、二级指标 3 个、三级指标 5 个、评分要点 8 项，共 20 分", "年度工作总结（不少于 300 字）", "不适用项按满分计"} {
		if !strings.Contains(texts, want) {
			t.Errorf("preview lacks %q", want)
		}
	}
	e.snap("catalog-preview")
	if all := e.db.Catalogs().All(); len(all) != 1 {
		t.Fatalf("a catalog was registered before 使用: %d", len(all))
	}
	test.Tap(e.button("使用此指标体系"))
	e.pump(func() bool { s := c.selected(); return s != nil && s.ID == "test-province-2025" })
	test.Tap(e.button("开始自评"))
	e.pump(func() bool { return e.u.ws.ID() != 0 && e.u.wiz == nil })
	if e.u.ws.Catalog().ID != "test-province-2025" || len(e.u.ws.Indicators()) != 5 {
		t.Errorf("opened on %q with %d indicators", e.u.ws.Catalog().ID, len(e.u.ws.Indicators()))
	}
	a := e.load()
	if a.Catalog.ID != "test-province-2025" || a.Year == 0 {
		t.Errorf("stored on %q", a.Catalog.ID)
	}
}

// A .txt that does not add up is previewed with its problems and line numbers; nothing is
// stored and the choice stays.
func TestWizardRefusesBrokenCatalogText(t *testing.T) {
	e := wizardAtYear(t)
	c := e.u.wiz.cat
	file := filepath.Join(t.TempDir(), "某市指标体系.txt")
	os.WriteFile(file, []byte("某市指标体系\n一、执法公示(2分)\n(一)事前公开\n1.主体公开(1分)\n(1)公开主体(1分)\n(3)公开依据(1分)\n"), 0o644)
	pickCatalog(e, c, file, "指标体系有问题，未导入")
	texts := e.texts()
	for _, want := range []string{"不能使用：有", "第 2 行", "第 6 行"} {
		if !strings.Contains(texts, want) {
			t.Errorf("problem list lacks %q:\n%s", want, texts)
		}
	}
	e.snap("catalog-problems")
	if len(e.db.Catalogs().All()) != 1 || !e.u.cats.IsBuiltin(c.selected()) {
		t.Error("a refused text changed the catalogs or the choice")
	}
}

// 复制上一年度 across two catalogs copies nothing and says so; on the same catalog it copies.
func TestNewYearAcrossCatalogsSaysNothingCopied(t *testing.T) {
	e := withAssessment(t)
	test.Tap(e.card(1).full)
	e.flush()
	data, _ := os.ReadFile(filepath.Join("..", "testdata", "catalog-other.json"))
	other, err := scoring.ParseCatalog(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.db.StoreCatalog(other); err != nil {
		t.Fatal(err)
	}
	list, err := e.db.Assessments()
	if err != nil {
		t.Fatal(err)
	}
	c := e.u.sw.showNewYear(list)
	e.settle()
	for i, cat := range c.list {
		if cat.Hash == other.Hash {
			c.sel.SetSelectedIndex(i)
		}
	}
	if !strings.Contains(e.texts(), "将新建空白自评，不复制任何内容") {
		t.Errorf("no warning before creating across catalogs:\n%s", e.texts())
	}
	e.snap("new-year-other-catalog")
	first := e.u.ws.ID()
	test.Tap(e.button("创建"))
	e.pump(func() bool { return e.u.ws.ID() != first })
	e.waitDialog("未复制任何内容")
	if e.u.ws.Catalog().Hash != other.Hash || len(e.u.ws.Answers()) != 0 {
		t.Errorf("new year on %q with %d answers", e.u.ws.Catalog().ID, len(e.u.ws.Answers()))
	}
}
