package shellopen

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeOpener puts an xdg-open first on PATH that records its argument and exits with status.
func fakeOpener(t *testing.T, status string) (record string) {
	t.Helper()
	bin := t.TempDir()
	record = filepath.Join(bin, "got.txt")
	script := "#!/bin/sh\nprintf '%s' \"$1\" > '" + record + "'\nexit " + status + "\n"
	if err := os.WriteFile(filepath.Join(bin, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	return record
}

// zombies counts this process's children that exited and were never waited for.
func zombies(t *testing.T) int {
	t.Helper()
	n := 0
	me := os.Getpid()
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		data, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		s := string(data)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) > 1 && f[0] == "Z" && f[1] == itoa(me) {
			n++
		}
	}
	return n
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func TestOpen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "佐证 材料")
	os.MkdirAll(dir, 0o755)
	file := filepath.Join(dir, "刘䶮执法证.png")
	os.WriteFile(file, []byte("png"), 0o644)

	// the opener gets the path as it is, 䶮 included
	rec := fakeOpener(t, "0")
	if err := Open(file); err != nil {
		t.Fatalf("Open: %v", err)
	}
	if got, _ := os.ReadFile(rec); string(got) != file {
		t.Errorf("opener got %q, want %q", got, file)
	}
	// Reveal opens the folder (xdg-open cannot select a file)
	if err := Reveal(file); err != nil {
		t.Fatalf("Reveal: %v", err)
	}
	if got, _ := os.ReadFile(rec); string(got) != dir {
		t.Errorf("Reveal opened %q, want %q", got, dir)
	}

	// no program for the type: a Chinese message with the path, and no zombie left behind
	fakeOpener(t, "3")
	err := Open(file)
	var e *Error
	if !errors.As(err, &e) || e.Path != file || !strings.Contains(err.Error(), "没有能打开 .png 文件的程序") || !strings.Contains(err.Error(), file) {
		t.Errorf("no program: %v", err)
	}
	if n := zombies(t); n != 0 {
		t.Errorf("%d zombie opener processes", n)
	}

	// a file that is gone is refused before any program runs
	rec = fakeOpener(t, "0")
	err = Open(filepath.Join(dir, "会议纪要•终稿.pdf"))
	if !errors.Is(err, ErrGone) || !strings.Contains(err.Error(), "会议纪要•终稿.pdf") || !strings.Contains(err.Error(), "已不存在") {
		t.Errorf("gone: %v", err)
	}
	if _, err := os.Stat(rec); err == nil {
		t.Error("the opener ran for a missing file")
	}

	// no xdg-open at all
	t.Setenv("PATH", t.TempDir())
	if err := Open(file); err == nil || !strings.Contains(err.Error(), "xdg-open") {
		t.Errorf("without xdg-open: %v", err)
	}
}
