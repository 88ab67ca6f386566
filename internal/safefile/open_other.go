//go:build !unix

package safefile

import "os"

// openNonBlocking is a plain open where named pipes cannot sit in the file system (Windows).
func openNonBlocking(path string) (*os.File, error) { return os.Open(path) }
