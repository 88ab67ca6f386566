//go:build !windows

package crashlog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeDialog puts a program called name on PATH that writes its arguments, one per line, to
// the returned file and exits with status.
func fakeDialog(t *testing.T, dir, name, status string) string {
	t.Helper()
	out := filepath.Join(dir, name+".args")
	script := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + out + "'\nexit " + status + "\n"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return out
}

// On a desktop the message also goes to zenity (or kdialog when zenity is missing or fails),
// as plain text; without a display, or with SANXIANG_NO_DIALOG, only to standard error.
func TestShowErrorDialog(t *testing.T) {
	const title, text = "三项制度示范创建自评工具 — 无法显示窗口", "本电脑的显卡驱动不支持 OpenGL 2.1。\n\n日志文件：/home/甲 & 乙/<x>.log"
	tests := []struct {
		name               string
		display, nodialog  string
		zenity, kdialog    string // exit status of the fake program, "" = not installed
		wantZen, wantKDial bool
	}{
		{"zenity", ":5", "", "0", "0", true, false},
		{"closed with the window button", ":5", "", "1", "0", true, false},
		{"zenity missing", ":5", "", "", "0", false, true},
		{"zenity cannot open the display", ":5", "", "5", "0", true, true},
		{"no display", "", "", "0", "0", false, false},
		{"tests switch it off", ":5", "1", "0", "0", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			zen, kd := filepath.Join(dir, "zenity.args"), filepath.Join(dir, "kdialog.args")
			if tt.zenity != "" {
				zen = fakeDialog(t, dir, "zenity", tt.zenity)
			}
			if tt.kdialog != "" {
				kd = fakeDialog(t, dir, "kdialog", tt.kdialog)
			}
			t.Setenv("PATH", dir)
			t.Setenv("DISPLAY", tt.display)
			t.Setenv("WAYLAND_DISPLAY", "")
			t.Setenv(NoDialogEnv, tt.nodialog)
			ShowError(title, text)
			got, err := os.ReadFile(zen)
			if (err == nil) != tt.wantZen {
				t.Fatalf("zenity ran: %v, want %v", err == nil, tt.wantZen)
			}
			if tt.wantZen && (!strings.Contains(string(got), "--no-markup\n") || !strings.Contains(string(got), "--title="+title+"\n") ||
				!strings.Contains(string(got), "--text="+text+"\n")) {
				t.Errorf("zenity's arguments:\n%s", got)
			}
			got, err = os.ReadFile(kd)
			if (err == nil) != tt.wantKDial {
				t.Fatalf("kdialog ran: %v, want %v", err == nil, tt.wantKDial)
			}
			if tt.wantKDial && !strings.HasSuffix(string(got), "--error\n"+text+"\n") {
				t.Errorf("kdialog's arguments:\n%s", got)
			}
		})
	}
}
