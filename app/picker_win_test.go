package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sanxiang/export/pack"
)

// TestPickerLeavesOutSystemFiles: hidden entries and OS/Office by-products are neither listed
// nor added by 添加整个文件夹.
func TestPickerLeavesOutSystemFiles(t *testing.T) {
	e := withAssessment(t)
	dir := filepath.Join(e.dir, "佐证材料")
	for _, d := range []string{"$RECYCLE.BIN", "System Volume Information", "__MACOSX", "检查记录"} {
		os.MkdirAll(filepath.Join(dir, d), 0o755)
	}
	for _, f := range []string{"desktop.ini", "Thumbs.db", ".DS_Store", "~$会议纪要.docx", "会议纪要.docx",
		filepath.Join("检查记录", "desktop.ini"), filepath.Join("检查记录", "记录一.pdf"), filepath.Join("__MACOSX", "._会议纪要.docx")} {
		os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644)
	}
	e.u.pick.lastDir = dir
	p := e.u.pick.showPicker(pickFiles, "选择", "添加", func([]string) {})
	if names(p) != "[检查记录 会议纪要.docx]" {
		t.Errorf("listed %s", names(p))
	}
	files, err := listFolder(dir, 100)
	want := []string{filepath.Join(dir, "会议纪要.docx"), filepath.Join(dir, "检查记录", "记录一.pdf")}
	if err != nil || strings.Join(files, "|") != strings.Join(want, "|") {
		t.Errorf("添加整个文件夹 takes %v (%v), want %v", files, err, want)
	}
}

// TestPickerPathBox: a typed or pasted path (with Explorer's quotes) opens that folder; a file
// path opens its folder with the file ticked; a wrong path says so and stays.
func TestPickerPathBox(t *testing.T) {
	e := withAssessment(t)
	dir := pickerFixture(t, e)
	p := e.u.pick.showPicker(pickFiles, "选择", "添加", func([]string) {})
	p.open(e.dir)
	p.path.SetText(`"` + filepath.Join(dir, "子文件夹") + `"`)
	p.path.OnSubmitted(p.path.Text)
	if p.dir != filepath.Join(dir, "子文件夹") || names(p) != "[丙.docx]" {
		t.Errorf("typed folder: %s %s", p.dir, names(p))
	}
	p.goTo(filepath.Join(dir, "甲.pdf"))
	if p.dir != dir || !p.ticked[filepath.Join(dir, "甲.pdf")] {
		t.Errorf("typed file: dir %s ticked %v", p.dir, p.ticked)
	}
	p.goTo(filepath.Join(dir, "没有这个文件夹"))
	if p.dir != dir || p.path.Text != dir || !strings.Contains(e.texts(), "没有这个文件夹") {
		t.Errorf("wrong path: dir %s box %q\n%s", p.dir, p.path.Text, e.texts())
	}
}

// TestPickerNewFolder: 新建文件夹 creates the folder inside the one shown and enters it; names
// Windows refuses are explained and nothing is created.
func TestPickerNewFolder(t *testing.T) {
	e := withAssessment(t)
	dir := pickerFixture(t, e)
	var got []string
	p := e.u.pick.showPicker(pickFolder, "选择报送包保存到哪里", "保存到此文件夹", func(ps []string) { got = ps })
	p.askNewFolder()
	entry := func() *widget.Entry {
		o := find(e.u.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) bool { _, ok := o.(*widget.Entry); return ok })
		if o == nil {
			t.Fatal("no name box")
		}
		return o.(*widget.Entry)
	}
	entry().SetText("报送:2025")
	e.button("新建").OnTapped()
	if !strings.Contains(e.texts(), "不能包含下列字符") {
		t.Errorf("bad name not explained:\n%s", e.texts())
	}
	entry().SetText("2025 报送")
	e.button("新建").OnTapped()
	want := filepath.Join(dir, "2025 报送")
	e.pump(func() bool { return p.dir == want })
	if st, err := os.Stat(want); err != nil || !st.IsDir() {
		t.Fatalf("folder not created: %v", err)
	}
	p.finish()
	if len(got) != 1 || got[0] != want {
		t.Errorf("picked %v", got)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 7 { // the fixture's six entries and the new folder
		t.Errorf("%d entries in %s", len(ents), dir)
	}
	for _, c := range []struct{ name, msg string }{
		{"", "请输入"}, {"a/b", "不能包含"}, {`a\b`, "不能包含"}, {"CON", "保留"}, {"lpt1.txt", "保留"},
		{"结尾.", "句点"}, {strings.Repeat("长", 121), "太长"}, {"2025 报送（终稿）", ""},
	} {
		err := checkFolderName(c.name)
		if (c.msg == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.msg)) {
			t.Errorf("checkFolderName(%q) = %v", c.name, err)
		}
	}
}

// TestSavePickerNotInsidePackage: after 校验 the last folder is a package; the save-location
// picker starts beside it, the package picker may start inside it.
func TestSavePickerNotInsidePackage(t *testing.T) {
	e := withAssessment(t)
	pkg := filepath.Join(e.dir, "U盘", "某局_2025_三项制度自评")
	os.MkdirAll(filepath.Join(pkg, "佐证材料"), 0o755)
	os.WriteFile(filepath.Join(pkg, pack.ManifestName), []byte("x"), 0o644)
	e.u.pick.lastDir = filepath.Join(pkg, "佐证材料")
	p := e.u.pick.showPicker(pickFolder, "选择报送包保存到哪里", "保存到此文件夹", func([]string) {})
	if p.dir != filepath.Join(e.dir, "U盘") {
		t.Errorf("save picker starts in %s", p.dir)
	}
	p = e.u.pick.showPicker(pickPackage, "选择要校验的报送包", "选择", func([]string) {})
	if p.dir != filepath.Join(pkg, "佐证材料") {
		t.Errorf("package picker starts in %s", p.dir)
	}
}
