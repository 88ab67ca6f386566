//go:build !windows

package junk

import "io/fs"

// Hidden reports whether the file system marks path hidden; elsewhere than Windows hidden
// files are the dot-names, which Skip handles by name, so this is always false.
func Hidden(path string) bool { return false }

// HiddenInfo is Hidden for an entry already read (os.ReadDir): always false here.
func HiddenInfo(fi fs.FileInfo) bool { return false }
