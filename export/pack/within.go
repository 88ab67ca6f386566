package pack

import (
	"os"
	"path/filepath"
)

// Within returns the package folder that dir is, or lies inside ("" when none), so that a
// package is never written into another one (which would then fail its own check) and the
// save-location picker never starts inside one. A package folder is one holding ManifestName.
func Within(dir string) string {
	d, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		if st, err := os.Stat(filepath.Join(d, ManifestName)); err == nil && st.Mode().IsRegular() {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// ReservedName reports names Windows maps to devices (CON, NUL, COM1, LPT1 …, also with an
// extension), which can be neither a file nor a folder: the one rule for the program.
func ReservedName(name string) bool { return isReserved(name) }
