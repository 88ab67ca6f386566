package shellopen

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestShellExecuteUnicode runs under Wine from scripts/wine-smoke.sh, which registers a stub
// program for .sxstub files that writes the path it receives (as UTF-8) to the file named by
// SANXIANG_STUB_RECORD. A name with 䶮 (outside GBK's common set, and outside any ANSI code
// page but GB18030) must reach the program unchanged; a type with no program must fail with a
// Chinese message naming the file.
func TestShellExecuteUnicode(t *testing.T) {
	record := os.Getenv("SANXIANG_STUB_RECORD")
	if record == "" {
		t.Skip("needs the stub program registered by scripts/wine-smoke.sh")
	}
	// not t.TempDir: Wine may still hold a handle on a file ShellExecuteW looked at
	base, err := os.MkdirTemp("", "shellopen")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(base)
	dir := filepath.Join(base, "佐证 材料")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "刘䶮执法证•终稿.sxstub")
	if err := os.WriteFile(file, []byte("stub"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(record)
	if err := Open(file); err != nil {
		t.Fatalf("Open(%s): %v", file, err)
	}
	var got []byte
	for i := 0; i < 300 && len(got) == 0; i++ { // the stub runs as its own process
		time.Sleep(100 * time.Millisecond)
		got, _ = os.ReadFile(record)
	}
	if string(got) != file {
		t.Fatalf("the associated program received %q, want %q", got, file)
	}
	t.Logf("ShellExecuteW handed %q to the associated program", got)

	none := filepath.Join(dir, "会议纪要䶮.sxnone")
	os.WriteFile(none, []byte("x"), 0o644)
	err = Open(none)
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(err.Error(), none) || !strings.Contains(err.Error(), ".sxnone") {
		t.Errorf("no associated program: %v", err)
	}
	t.Logf("no associated program: %v (%v)", err, e.Err)

	if err := Open(filepath.Join(dir, "没有这个文件.sxstub")); !errors.Is(err, ErrGone) {
		t.Errorf("gone: %v", err)
	}
}
