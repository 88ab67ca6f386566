//go:build windows

package drives

import "golang.org/x/sys/windows"

// List is the drive letters Windows currently has ("C:", "E:" …), A: and B: left out (probing
// an empty floppy drive asks the user to insert a disk). It does not touch the drives.
func List() []string {
	mask, err := windows.GetLogicalDrives()
	if err != nil {
		return nil
	}
	var out []string
	for i := 2; i < 26; i++ {
		if mask&(1<<uint(i)) != 0 {
			out = append(out, string(rune('A'+i))+":")
		}
	}
	return out
}
