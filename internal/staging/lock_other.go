//go:build !unix

package staging

import (
	"os"
	"time"
)

func lockFile(*os.File) error { return nil }

func unlockFile(*os.File) {}

// recent is how long a folder counts as in use after its last change where folders cannot be
// locked (Windows): an import writes into it continuously.
const recent = 10 * time.Minute

func inUse(f *os.File) bool {
	st, err := f.Stat()
	if err != nil {
		return true
	}
	if time.Since(st.ModTime()) < recent {
		return true
	}
	names, _ := f.Readdirnames(-1)
	for _, n := range names {
		if fi, err := os.Lstat(f.Name() + string(os.PathSeparator) + n); err == nil && time.Since(fi.ModTime()) < recent {
			return true
		}
	}
	return false
}
