// Package samefile decides whether two paths name the same file on disk — by identity (device
// and inode, or the Windows file index), not by spelling — so that no command writes its output
// over its own input or database however the two are written (./s.db, s.db, a link, another case).
package samefile

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Same reports whether a and b are the same file: when both exist, by identity; when one does
// not exist yet, by their absolute, cleaned spelling (compared case-insensitively where the file
// system usually is: Windows and macOS), with links in the folder part resolved.
func Same(a, b string) bool {
	sa, ea := os.Stat(a)
	sb, eb := os.Stat(b)
	if ea == nil && eb == nil {
		return os.SameFile(sa, sb)
	}
	return equalPath(canonical(a), canonical(b))
}

// Within reports whether path is dir itself or lies below it (by identity of dir and each of
// path's parent folders), so that a folder about to be replaced can be checked for inputs.
func Within(path, dir string) bool {
	dst, err := os.Stat(dir)
	p := canonical(path)
	for {
		if err == nil {
			if st, serr := os.Stat(p); serr == nil && os.SameFile(st, dst) {
				return true
			}
		} else if equalPath(p, canonical(dir)) {
			return true
		}
		parent := filepath.Dir(p)
		if parent == p {
			return false
		}
		p = parent
	}
}

// canonical is the absolute, cleaned path with links resolved in the longest existing prefix.
func canonical(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	dir, base := filepath.Split(abs)
	if dir == abs || dir == "" {
		return abs
	}
	return filepath.Join(canonical(filepath.Clean(dir)), base)
}

func equalPath(a, b string) bool {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return strings.EqualFold(a, b)
	}
	return a == b
}
