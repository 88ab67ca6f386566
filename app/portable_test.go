package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sanxiang/storage"
)

// TestDataBox: the 单位信息 page shows the database path in a box that can be selected and
// copied but not changed, with 复制路径 and 打开所在文件夹 (which selects sanxiang.db).
func TestDataBox(t *testing.T) {
	e := withAssessment(t)
	var revealed []string
	e.u.ev.shell.reveal = func(p string) error { revealed = append(revealed, p); return nil }
	box := e.u.dataBox()
	o := find(box, func(o fyne.CanvasObject) bool { _, ok := o.(*widget.Entry); return ok })
	if o == nil {
		t.Fatal("no path box")
	}
	entry := o.(*widget.Entry)
	path := e.u.db.Path()
	if entry.Text != path {
		t.Errorf("box shows %q, want %q", entry.Text, path)
	}
	entry.SetText("改掉")
	if entry.Text != path {
		t.Errorf("the path box was changed to %q", entry.Text)
	}
	buttonIn(t, box, "复制路径").OnTapped()
	if got := e.u.fa.Clipboard().Content(); got != path {
		t.Errorf("clipboard %q", got)
	}
	buttonIn(t, box, "打开所在文件夹").OnTapped()
	e.pump(func() bool { return len(revealed) == 1 })
	if revealed[0] != path {
		t.Errorf("revealed %v", revealed)
	}
	if b := findButton(box, "复制到U盘便携使用…"); b == nil || b.Hidden {
		t.Error("no 复制到U盘便携使用 outside portable mode")
	}
}

// TestCopyPortable: the program and a consistent copy of the database land in the chosen
// folder; an existing sanxiang.db or program there is never replaced.
func TestCopyPortable(t *testing.T) {
	e := withAssessment(t)
	exe := filepath.Join(t.TempDir(), "sanxiang.exe")
	os.WriteFile(exe, []byte("MZ program"), 0o755)
	stick := filepath.Join(t.TempDir(), "U盘")
	os.MkdirAll(stick, 0o755)
	if err := copyPortable(e.db, exe, stick); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(stick, "sanxiang.exe")); string(data) != "MZ program" {
		t.Errorf("program copied as %q", data)
	}
	c, err := storage.Open(filepath.Join(stick, storage.FileName), testCats(t))
	if err != nil {
		t.Fatalf("copied database: %v", err)
	}
	units, _ := c.Units()
	c.Close()
	if len(units) != 1 || units[0].Name != "测试市喆玥堃执法局" {
		t.Errorf("copied database holds %v", units)
	}
	os.WriteFile(filepath.Join(stick, "sanxiang.exe"), []byte("newer"), 0o755)
	err = copyPortable(e.db, exe, stick)
	if err == nil || !strings.Contains(err.Error(), "已存在") {
		t.Errorf("second copy: %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(stick, "sanxiang.exe")); string(data) != "newer" {
		t.Error("an existing program was replaced")
	}
}
