package desktop

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWindowStates: sizes are kept per monitor; maximising keeps the normal size; a damaged
// file is no sizes.
func TestWindowStates(t *testing.T) {
	path := WindowFile(filepath.Join(t.TempDir(), "sanxiang.db"))
	if len(LoadWindowStates(path)) != 0 {
		t.Fatal("states without a file")
	}
	SaveWindowState(path, "1920x1080", WindowState{Width: 1400, Height: 800})
	SaveWindowState(path, "1366x768", WindowState{Width: 1000, Height: 600})
	SaveWindowState(path, "1920x1080", WindowState{Width: 1904, Height: 1001, Maximised: true})
	got := LoadWindowStates(path)
	if got["1920x1080"] != (WindowState{Width: 1400, Height: 800, Maximised: true}) || got["1366x768"] != (WindowState{Width: 1000, Height: 600}) {
		t.Errorf("states %v", got)
	}
	os.WriteFile(path, []byte("{坏"), 0o644)
	if len(LoadWindowStates(path)) != 0 {
		t.Error("a damaged file gave states")
	}
}
