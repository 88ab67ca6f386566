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

// choosable is the picker's rule for what can be chosen; in the catalog picker it is
// workflow.IsCatalogFile, the rule PreviewCatalogFile applies.
func TestPickerChoosable(t *testing.T) {
	for _, tc := range []struct {
		mode pickMode
		name string
		want bool
	}{
		{pickCatalogFile, "某省指标体系.json", true},
		{pickCatalogFile, "正式文件.TXT", true},
		{pickCatalogFile, "指标体系.xlsx", false},
		{pickCatalogFile, "说明.docx", false},
		{pickCatalogFile, "报送包.zip", false},
		{pickCatalogFile, "指标体系.json.bak", false},
		{pickCatalogFile, "无扩展名", false},
		{pickPackage, "报送包.ZIP", true},
		{pickPackage, "甲.pdf", false},
		{pickFolder, "甲.pdf", false},
		{pickFiles, "甲.pdf", true},
		{pickFiles, "指标体系.json", true},
	} {
		if got := choosable(tc.mode, tc.name); got != tc.want {
			t.Errorf("choosable(%d, %q) = %v, want %v", tc.mode, tc.name, got, tc.want)
		}
	}
}

// 导入指标体系… offers only .json and .txt files: the others are listed grey and cannot be
// chosen, folders can be entered, one file is chosen at a time and 预览所选文件 waits for it.
func TestCatalogPickerOffersOnlyCatalogFiles(t *testing.T) {
	e := wizardAtYear(t)
	c := e.u.wiz.cat
	dir := filepath.Join(t.TempDir(), "指标体系资料")
	os.MkdirAll(filepath.Join(dir, "子文件夹"), 0o755)
	data, err := os.ReadFile(filepath.Join("..", "testdata", "catalog-other.json"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"某省指标体系.json": data, "正式文件.TXT": []byte("某市指标体系\n"), "指标体系.xlsx": []byte("PK"),
		"说明.docx": []byte("PK"), filepath.Join("子文件夹", "体系.txt"): []byte("某市指标体系\n")}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e.u.pick.lastDir = dir
	p := c.importFile()
	e.settle()
	if names(p) != "[子文件夹 某省指标体系.json 说明.docx 正式文件.TXT 指标体系.xlsx]" {
		t.Fatalf("listing %s", names(p))
	}
	for _, en := range p.entries {
		want := en.name == "说明.docx" || en.name == "指标体系.xlsx"
		if en.grey != want {
			t.Errorf("%s: grey %v, want %v", en.name, en.grey, want)
		}
	}
	if !p.ok.Disabled() {
		t.Error("预览所选文件 enabled with no file chosen")
	}
	e.snap("catalog-picker")
	p.tap(p.index("指标体系.xlsx")) // grey: nothing happens
	if p.pending != "" || !p.ok.Disabled() {
		t.Errorf("a grey file was chosen: %q", p.pending)
	}
	p.finish() // nothing chosen: the picker stays
	if !strings.Contains(e.texts(), "未选择文件") {
		t.Error("the picker closed with nothing chosen")
	}
	p.tap(p.index("子文件夹"))
	if p.dir != filepath.Join(dir, "子文件夹") || names(p) != "[体系.txt]" {
		t.Fatalf("entering the folder: %s %s", p.dir, names(p))
	}
	p.tap(p.index("体系.txt"))
	if p.pending != filepath.Join(dir, "子文件夹", "体系.txt") || p.ok.Disabled() {
		t.Errorf("the .txt was not chosen: %q", p.pending)
	}
	p.up()
	if p.pending != "" || !p.ok.Disabled() {
		t.Errorf("a choice survived leaving its folder: %q", p.pending)
	}
	p.tap(p.index("正式文件.TXT"))
	p.tap(p.index("某省指标体系.json")) // the second choice replaces the first
	if p.pending != filepath.Join(dir, "某省指标体系.json") || p.count.Text != "将选择："+p.pending {
		t.Errorf("chosen %q, %q", p.pending, p.count.Text)
	}
	p.finish()
	e.waitDialog("导入指标体系：预览")
	if e.u.pick.lastDir != dir {
		t.Errorf("next picker would open at %s", e.u.pick.lastDir)
	}
}
