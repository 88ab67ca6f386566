//go:build !windows

package desktop

import (
	"os"
	"path/filepath"
	"testing"
)

// TestKnownFoldersFollowUserDirs: 桌面/文档/下载 are where the desktop says, not guessed.
func TestKnownFoldersFollowUserDirs(t *testing.T) {
	home := t.TempDir()
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	os.WriteFile(filepath.Join(cfg, "user-dirs.dirs"), []byte("# written by xdg-user-dirs-update\n"+
		"XDG_DESKTOP_DIR=\"$HOME/桌面\"\nXDG_DOCUMENTS_DIR=\"/data/文档\"\nXDG_DOWNLOAD_DIR=\"$HOME/\"\n"), 0o644)
	got := KnownFolders(home)
	want := []Place{{Name: "桌面", Path: filepath.Join(home, "桌面")}, {Name: "文档", Path: "/data/文档"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("knownFolders = %v, want %v", got, want)
	}
}
