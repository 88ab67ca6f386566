//go:build !windows

package drives

// List is the drive letters of the PC: none outside Windows.
func List() []string { return nil }
