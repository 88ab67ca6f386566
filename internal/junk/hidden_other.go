//go:build !windows

package junk

// Hidden reports whether the file system marks path hidden; elsewhere than Windows hidden
// files are the dot-names, which Skip handles by name, so this is always false.
func Hidden(path string) bool { return false }
