package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"sanxiang/internal/shellopen"
)

// TestOpenFileSaysWhy: 打开 hands an existing file to the system; a file that is gone, or one
// no program can open, gets a Chinese message with its path.
func TestOpenFileSaysWhy(t *testing.T) {
	e := withAssessment(t)
	// the shell runs off the UI goroutine, two calls at once for 打开文件夹 below
	var mu sync.Mutex
	var opened []string
	record := func(s string) { mu.Lock(); opened = append(opened, s); mu.Unlock() }
	count := func() int { mu.Lock(); defer mu.Unlock(); return len(opened) }
	fail := error(nil) // under mu: the shell's goroutine reads it
	e.u.ev.shell = shell{
		open:   func(p string) error { record(p); mu.Lock(); defer mu.Unlock(); return fail },
		reveal: func(p string) error { record("select:" + p); return nil },
	}
	dir := t.TempDir()
	f := filepath.Join(dir, "刘䶮执法证.png")
	os.WriteFile(f, []byte("png"), 0o644)

	e.u.ev.openFile(f)
	e.pump(func() bool { return count() == 1 })
	e.settle()
	if opened[0] != f || e.u.win.Canvas().Overlays().Top() != nil {
		t.Errorf("opened %v, dialog %v", opened, e.u.win.Canvas().Overlays().Top())
	}

	mu.Lock()
	fail = &shellopen.Error{Path: f, Reason: "这台电脑上没有能打开 .png 文件的程序", Err: errors.New("31")}
	mu.Unlock()
	e.u.ev.openFile(f)
	e.pump(func() bool { return e.u.win.Canvas().Overlays().Top() != nil })
	if s := e.texts(); !strings.Contains(s, f) || !strings.Contains(s, "没有能打开 .png 文件的程序") {
		t.Errorf("no-program message:\n%s", s)
	}
	e.button("确定").OnTapped()

	gone := filepath.Join(dir, "会议纪要•终稿.pdf")
	e.u.ev.openFile(gone)
	e.pump(func() bool { return e.u.win.Canvas().Overlays().Top() != nil })
	if s := e.texts(); !strings.Contains(s, gone) || !strings.Contains(s, "文件已不存在") {
		t.Errorf("gone message:\n%s", s)
	}
	if len(opened) != 2 {
		t.Errorf("the system was asked to open a missing file: %v", opened)
	}
	e.button("确定").OnTapped()

	// 打开文件夹 on a file selects it in its folder; on a folder opens the folder
	e.u.ev.openPath(f)
	e.u.ev.openPath(dir)
	e.pump(func() bool { return count() == 4 })
	if strings.Join(opened[2:], "|") != "select:"+f+"|"+dir && strings.Join(opened[2:], "|") != dir+"|select:"+f {
		t.Errorf("openPath: %v", opened[2:])
	}
}
