//go:build !windows

package desktop

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// KnownFolders are 桌面, 文档 and 下载 as the desktop's user-dirs.dirs names them (localised
// desktops call them 桌面, 文档 …), else the usual English names.
func KnownFolders(home string) []Place {
	if home == "" {
		return nil
	}
	dirs := map[string]string{"XDG_DESKTOP_DIR": "Desktop", "XDG_DOCUMENTS_DIR": "Documents", "XDG_DOWNLOAD_DIR": "Downloads"}
	cfg := os.Getenv("XDG_CONFIG_HOME")
	if cfg == "" {
		cfg = filepath.Join(home, ".config")
	}
	if f, err := os.Open(filepath.Join(cfg, "user-dirs.dirs")); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), "=")
			if _, known := dirs[k]; ok && known {
				v = strings.Trim(v, `"`)
				v = strings.Replace(v, "$HOME", home, 1)
				if !filepath.IsAbs(v) {
					v = filepath.Join(home, v)
				}
				dirs[k] = v
			}
		}
		f.Close()
	}
	var out []Place
	for _, k := range []struct{ name, key string }{{"桌面", "XDG_DESKTOP_DIR"}, {"文档", "XDG_DOCUMENTS_DIR"}, {"下载", "XDG_DOWNLOAD_DIR"}} {
		p := dirs[k.key]
		if !filepath.IsAbs(p) {
			p = filepath.Join(home, p)
		}
		if p = filepath.Clean(p); p != filepath.Clean(home) { // XDG sets unused ones to $HOME
			out = append(out, Place{Name: k.name, Path: p})
		}
	}
	return out
}

// Drives is only used on Windows.
func Drives() []Place { return nil }
