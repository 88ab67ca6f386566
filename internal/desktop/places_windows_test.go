package desktop

import (
	"os"
	"strings"
	"testing"
)

// TestPlaces runs under Wine (scripts/wine-smoke.sh) and on Windows: the known folders are
// existing folders from the shell, and every drive is named with its kind and letter, as
// Explorer does ("本地磁盘 (C:)", "U盘 (E:) KINGSTON").
func TestPlaces(t *testing.T) {
	home, _ := os.UserHomeDir()
	known := KnownFolders(home)
	if len(known) != 3 {
		t.Errorf("known folders %v", known)
	}
	for _, k := range known {
		t.Logf("%s → %s", k.Name, k.Path)
		if st, err := os.Stat(k.Path); err != nil || !st.IsDir() {
			t.Errorf("%s: %s is not a folder (%v)", k.Name, k.Path, err)
		}
	}
	ds := Drives()
	seenC := false
	for _, d := range ds {
		t.Logf("%s → %s", d.Name, d.Path)
		if !strings.Contains(d.Name, "("+d.Path[:2]+")") {
			t.Errorf("drive %s named %q", d.Path, d.Name)
		}
		if d.Path == `C:\` {
			seenC = strings.HasPrefix(d.Name, "本地磁盘 (C:)")
		}
	}
	if !seenC {
		t.Errorf("no 本地磁盘 (C:) among %v", ds)
	}
}

func TestDriveName(t *testing.T) {
	for _, c := range []struct {
		kind       uint32
		vol, label string
		want       string
	}{
		{2, "E:", "KINGSTON", "U盘 (E:) KINGSTON"},
		{3, "C:", "", "本地磁盘 (C:)"},
		{3, "D:", "资料", "本地磁盘 (D:) 资料"},
		{4, "Z:", "", "网络驱动器 (Z:)"},
		{5, "F:", "", "光驱 (F:)"},
	} {
		if got := driveName(c.kind, c.vol, c.label); got != c.want {
			t.Errorf("driveName(%d, %s, %s) = %q, want %q", c.kind, c.vol, c.label, got, c.want)
		}
	}
}
