package app

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func pickerFixture(t *testing.T, e *env) string {
	t.Helper()
	dir := filepath.Join(e.dir, "台账 2025")
	os.MkdirAll(filepath.Join(dir, "子文件夹"), 0o755)
	for _, f := range []string{"甲.pdf", "乙.png", ".隐藏", "~$临时.docx", "报送包.zip", filepath.Join("子文件夹", "丙.docx")} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e.u.pick.lastDir = dir
	return dir
}

func names(p *picker) string {
	var out []string
	for _, en := range p.entries {
		out = append(out, en.name)
	}
	return fmt.Sprint(out)
}

func (p *picker) index(name string) int {
	for i, en := range p.entries {
		if en.name == name {
			return i
		}
	}
	return -1
}

func TestPickerTicksFilesAcrossFolders(t *testing.T) {
	e := withAssessment(t)
	dir := pickerFixture(t, e)
	var got []string
	p := e.u.pick.showPicker(pickFiles, "选择佐证文件（可勾选多个）", "添加所选文件", func(ps []string) { got = ps })
	e.settle()
	if names(p) != "[子文件夹 报送包.zip 甲.pdf 乙.png]" { // folders first, then by pinyin
		t.Fatalf("listing %s", names(p))
	}
	if !p.ok.Disabled() {
		t.Error("添加 enabled with nothing ticked")
	}
	p.tap(p.index("甲.pdf"))
	p.tap(p.index("子文件夹"))
	if p.dir != filepath.Join(dir, "子文件夹") {
		t.Fatalf("did not enter the folder: %s", p.dir)
	}
	p.tap(p.index("丙.docx"))
	if p.count.Text != "已勾选 2 个文件" {
		t.Errorf("count %q", p.count.Text)
	}
	e.snap("picker")
	p.up()
	if p.dir != dir {
		t.Errorf("上一级 → %s", p.dir)
	}
	p.tap(p.index("乙.png"))
	p.tap(p.index("乙.png")) // untick
	p.finish()
	want := fmt.Sprint([]string{filepath.Join(dir, "甲.pdf"), filepath.Join(dir, "子文件夹", "丙.docx")})
	if fmt.Sprint(got) != want {
		t.Errorf("picked %v, want %v", got, want)
	}
	// the places are probed on a goroutine (drive letters can stall): wait for them, however
	// long a loaded machine takes, rather than for settle's quiet moment
	e.pump(func() bool { return len(p.spots) > 0 })
	if p.spots[0].name != "主目录" {
		t.Errorf("places %v", p.spots)
	}
}

func TestPickerFolderAndPackageModes(t *testing.T) {
	e := withAssessment(t)
	dir := pickerFixture(t, e)
	var got []string
	p := e.u.pick.showPicker(pickFolder, "选择文件夹", "选择此文件夹", func(ps []string) { got = ps })
	// the files show, greyed, so the user sees what the folder holds
	if names(p) != "[子文件夹 报送包.zip 甲.pdf 乙.png]" {
		t.Errorf("folder mode lists %s", names(p))
	}
	for _, en := range p.entries {
		if en.grey == en.dir {
			t.Errorf("%s: grey %v", en.name, en.grey)
		}
	}
	e.snap("picker-folder")
	p.tap(p.index("甲.pdf")) // a greyed file does nothing
	if p.dir != dir || p.count.Text != "将选择："+dir {
		t.Errorf("tapping a greyed file: dir %s, %q", p.dir, p.count.Text)
	}
	p.tap(0)
	p.finish()
	if len(got) != 1 || got[0] != filepath.Join(dir, "子文件夹") {
		t.Errorf("folder picked %v", got)
	}
	if e.u.pick.lastDir != filepath.Join(dir, "子文件夹") {
		t.Errorf("next picker would open at %s", e.u.pick.lastDir)
	}
	e.u.pick.lastDir = dir
	p = e.u.pick.showPicker(pickPackage, "选择报送包", "选择", func(ps []string) { got = ps })
	if names(p) != "[子文件夹 报送包.zip 甲.pdf 乙.png]" || p.entries[p.index("报送包.zip")].grey || !p.entries[p.index("甲.pdf")].grey {
		t.Errorf("package mode lists %s", names(p))
	}
	p.open(t.TempDir())
	if p.empty.Hidden {
		t.Error("an empty folder shows no hint")
	}
	p.open(dir)
	if !p.empty.Hidden {
		t.Error("empty-folder hint over a listing")
	}
	p.tap(p.index("报送包.zip"))
	p.finish()
	if len(got) != 1 || got[0] != filepath.Join(dir, "报送包.zip") {
		t.Errorf("package picked %v", got)
	}
}

func TestSortEntriesLikeExplorer(t *testing.T) {
	es := []pickEntry{{name: "10.png"}, {name: "乙.pdf"}, {name: "2.png"}, {name: "Zeta.doc"}, {name: "alpha.doc"}, {name: "甲", dir: true}, {name: "安全.pdf"}}
	sortEntries(es)
	if got := names(&picker{entries: es}); got != "[甲 2.png 10.png alpha.doc Zeta.doc 安全.pdf 乙.pdf]" {
		t.Errorf("sorted %s", got)
	}
}
