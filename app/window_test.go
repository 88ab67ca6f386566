package app

import (
	"os"
	"testing"

	"fyne.io/fyne/v2"

	"sanxiang/internal/desktop"
)

// work is a monitor's work area in physical pixels at a Windows scale, in logical pixels.
func work(w, h, scale float32) screen {
	return screen{work: fyne.NewSize(w/scale, h/scale), key: "m"}
}

func TestFitWindow(t *testing.T) {
	cases := []struct {
		name  string
		saved *desktop.WindowState
		s     screen
		want  windowPlan
	}{
		{"unknown screen, first start", nil, screen{}, windowPlan{size: defaultWindow}},
		{"unknown screen, remembered", &desktop.WindowState{Width: 1000, Height: 650}, screen{}, windowPlan{size: fyne.NewSize(1000, 650)}},
		{"1920×1080 at 100 %, taskbar 40 px", nil, work(1920, 1040, 1), windowPlan{size: defaultWindow}},
		// 1920×1080 at 150 %: 1280×693 logical, smaller than the window with its title bar
		{"1920×1080 at 150 %", nil, work(1920, 1040, 1.5), windowPlan{size: fyne.NewSize(1264, 653.3333), maximise: true}},
		// 1366×768 with the taskbar: the status bar would be cut at 700
		{"1366×768 at 100 %", nil, work(1366, 728, 1), windowPlan{size: fyne.NewSize(1280, 688), maximise: true}},
		{"2560×1440 at 125 %, remembered", &desktop.WindowState{Width: 1600, Height: 900}, work(2560, 1400, 1.25), windowPlan{size: fyne.NewSize(1600, 900)}},
		{"remembered larger than the screen", &desktop.WindowState{Width: 1900, Height: 1000}, work(1920, 1040, 1), windowPlan{size: fyne.NewSize(1900, 1000)}},
		{"remembered larger than this work area", &desktop.WindowState{Width: 1900, Height: 1030}, work(1920, 1040, 1), windowPlan{size: fyne.NewSize(1900, 1000)}},
		{"remembered maximised", &desktop.WindowState{Width: 1280, Height: 700, Maximised: true}, work(1920, 1040, 1), windowPlan{size: defaultWindow, maximise: true}},
		// the user made it smaller on a small screen on purpose: keep it, not maximised
		{"remembered on a small screen", &desktop.WindowState{Width: 1000, Height: 600}, work(1366, 728, 1), windowPlan{size: fyne.NewSize(1000, 600)}},
		{"tiny screen", nil, work(1024, 600, 1), windowPlan{size: fyne.NewSize(1008, 560), maximise: true}},
		{"800×600", nil, work(800, 560, 1), windowPlan{size: fyne.NewSize(784, 520), maximise: true}},
		{"nonsense remembered", &desktop.WindowState{Width: 10, Height: 10}, work(1920, 1040, 1), windowPlan{size: defaultWindow}},
	}
	for _, c := range cases {
		got := fitWindow(c.saved, c.s)
		if got.maximise != c.want.maximise || abs(got.size.Width-c.want.size.Width) > 0.01 || abs(got.size.Height-c.want.size.Height) > 0.01 {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
		if c.s.work.Width > 0 && (got.size.Width > c.s.work.Width || got.size.Height > c.s.work.Height) {
			t.Errorf("%s: %v larger than the work area %v", c.name, got.size, c.s.work)
		}
	}
}

func abs(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

// TestWindowSizeRemembered: the size is kept beside the database (not in Fyne's preferences,
// which live in %APPDATA%), and a damaged file is ignored.
func TestWindowSizeRemembered(t *testing.T) {
	e := withAssessment(t)
	if got := e.u.savedSize(); got != defaultWindow {
		t.Errorf("first start: %v", got)
	}
	e.u.win.Resize(fyne.NewSize(1100, 650))
	e.u.saveSize()
	if got := e.u.savedSize(); got != fyne.NewSize(1100, 650) {
		t.Errorf("after saving: %v", got)
	}
	if _, err := os.Stat(desktop.WindowFile(e.u.db.Path())); err != nil {
		t.Errorf("no window file beside the database: %v", err)
	}
	e.u.win.Resize(fyne.NewSize(300, 200)) // too small to be worth remembering
	e.u.saveSize()
	if got := e.u.savedSize(); got != fyne.NewSize(1100, 650) {
		t.Errorf("a tiny window was remembered: %v", got)
	}
	os.WriteFile(desktop.WindowFile(e.u.db.Path()), []byte("{坏"), 0o644)
	if got := e.u.savedSize(); got != defaultWindow {
		t.Errorf("damaged file: %v", got)
	}
}
