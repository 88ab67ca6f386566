package crashlog

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFileAppendsAcrossOpens(t *testing.T) {
	dir := t.TempDir()
	for _, s := range []string{"一\n", "二\n"} {
		l, err := OpenFile(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := l.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(filepath.Join(dir, Name))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "一\n二\n" {
		t.Errorf("log = %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, Name+".1")); !os.IsNotExist(err) {
		t.Errorf("rotated without reaching the limit: %v", err)
	}
}

func TestFileRotatesWhileWriting(t *testing.T) {
	path := filepath.Join(t.TempDir(), Name)
	var opened, closed int
	l, err := openFile(path, 100, func(f *os.File) {
		if f == nil {
			closed++
		} else {
			opened++
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	var all bytes.Buffer
	for i := 0; i < 25; i++ { // 25 × 10 bytes: two rotations
		line := []byte(strings.Repeat(string(rune('a'+i)), 9) + "\n")
		all.Write(line)
		if n, err := l.Write(line); err != nil || n != len(line) {
			t.Fatalf("write %d: %d, %v", i, n, err)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	cur, _ := os.ReadFile(path)
	old, _ := os.ReadFile(path + ".1")
	if len(cur) > 100 || len(old) > 100 {
		t.Errorf("sizes %d and %d exceed the limit", len(cur), len(old))
	}
	// Only the last two files survive; together they end with everything written lately.
	if want := all.String()[all.Len()-len(old)-len(cur):]; string(old)+string(cur) != want {
		t.Errorf("old+current = %q, want %q", string(old)+string(cur), want)
	}
	if len(cur) != 50 || len(old) != 100 {
		t.Errorf("current %d bytes, old %d; want 50 and 100", len(cur), len(old))
	}
	if opened != 3 || closed != 3 {
		t.Errorf("crash output told of %d opened and %d closed files, want 3 and 3", opened, closed)
	}
}

func TestFileRotatesFullFileAtOpen(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, Name)
	full := bytes.Repeat([]byte("x"), MaxSize)
	if err := os.WriteFile(path, full, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+".1", []byte("最旧"), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := OpenFile(dir)
	if err != nil {
		t.Fatal(err)
	}
	l.Write([]byte("新\n"))
	l.Close()
	if got, _ := os.ReadFile(path); string(got) != "新\n" {
		t.Errorf("new log = %q", got)
	}
	if got, _ := os.ReadFile(path + ".1"); !bytes.Equal(got, full) {
		t.Errorf("the full log was not kept as .1 (%d bytes)", len(got))
	}
}

func TestFileWriteAfterClose(t *testing.T) {
	l, err := OpenFile(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
	if _, err := l.Write([]byte("x")); err == nil {
		t.Error("write after close succeeded")
	}
}

func TestOpenFileUnwritable(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "不存在")
	if _, err := OpenFile(dir); err == nil || !strings.Contains(err.Error(), "无法打开日志文件") {
		t.Errorf("err = %v, want a Chinese message", err)
	}
}
