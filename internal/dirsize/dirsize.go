// Package dirsize adds up the sizes of the regular files under a folder: what a clean-up freed,
// how many bytes a package folder holds for a progress bar. Links are not followed and unreadable
// entries count as nothing, so the figure is for telling the user, never for checking data.
package dirsize

import (
	"io/fs"
	"path/filepath"
)

// Of is the total size of the regular files under root (root itself when it is a file).
func Of(root string) int64 {
	var n int64
	filepath.WalkDir(root, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
