package pack

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"sanxiang/scoring"
)

// Name budgets, in UTF-16 code units (what Windows' 260-character MAX_PATH counts). With them the
// longest evidence path of a package on a drive root, "E:\" + folder + "\佐证材料\" + file, stays
// at 3+48+6+64 = 121 units, and even a zip extracted by Explorer into
// C:\Users\<name>\Downloads\<zip name>\ (which repeats the folder name) stays near 200.
const (
	// MaxFolderName bounds the package folder name (and the zip name without ".zip").
	MaxFolderName = 48
	// MaxFileName bounds each evidence file name inside 佐证材料.
	MaxFileName = 64
	// maxExt is the longest suffix still treated as an extension worth keeping when shortening.
	maxExt = 16
)

// units counts UTF-16 code units, the length Windows measures paths in.
func units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r) // an invalid byte decodes as U+FFFD: one unit
	}
	return n
}

// WindowsName turns any text into a file name that Windows (and FAT32 USB sticks) accept:
// characters illegal there (<>:"/\|?* and control characters) become '_', leading spaces and
// trailing dots and spaces go, reserved device names (CON, NUL, COM1, LPT1…) get a '_' prefix,
// and a name longer than max UTF-16 units is cut at a rune boundary keeping its extension.
func WindowsName(name string, max int) string {
	var b strings.Builder
	for i := 0; i < len(name); {
		r, size := utf8.DecodeRuneInString(name[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteByte('_')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			b.WriteByte('_')
		case strings.ContainsRune(`<>:"/\|?*`, r):
			b.WriteByte('_')
		case r == 0xfeff || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
			// byte-order marks and bidi controls make names that look like something else
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	s := strings.TrimLeft(strings.TrimRight(b.String(), " ."), " ")
	if s == "" {
		s = "_"
	}
	s = shortenName(s, max)
	if isReserved(s) {
		s = shortenName("_"+s, max)
	}
	return s
}

// isReserved reports names Windows maps to devices, with or without an extension ("nul.txt").
func isReserved(name string) bool {
	base := name
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	base = strings.ToUpper(strings.TrimRight(base, " "))
	switch base {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(base) >= 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) {
		switch base[3:] {
		case "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³":
			return true
		}
	}
	return false
}

// splitExt separates a short extension (".png") that shortening must keep from the stem.
func splitExt(name string) (stem, ext string) {
	ext = path.Ext(name)
	if ext == name || ext == "." || units(ext) > maxExt || strings.ContainsRune(ext, ' ') {
		return name, ""
	}
	return strings.TrimSuffix(name, ext), ext
}

// shortenName cuts name to at most max UTF-16 units at a rune boundary, keeping its extension.
func shortenName(name string, max int) string {
	if units(name) <= max {
		return name
	}
	stem, ext := splitExt(name)
	if units(ext) >= max {
		stem, ext = name, ""
	}
	budget := max - units(ext)
	var b strings.Builder
	n := 0
	for _, r := range stem {
		u := utf16.RuneLen(r)
		if u < 1 {
			u = 1
		}
		if n+u > budget {
			break
		}
		b.WriteRune(r)
		n += u
	}
	s := strings.TrimRight(b.String(), " .")
	if s == "" {
		s = "_"
	}
	return s + ext
}

// nameSet hands out names unique in one folder the way Windows compares them (ignoring case),
// numbering collisions "截图(2).png", "截图(3).png".
type nameSet map[string]bool

// foldName is the comparison key Windows file systems use (case-insensitive).
func foldName(s string) string { return strings.ToUpper(strings.ToLower(s)) }

// take returns name, or a numbered variant within max units when name is taken, and reserves it.
func (ns nameSet) take(name string, max int) string {
	if !ns[foldName(name)] {
		ns[foldName(name)] = true
		return name
	}
	stem, ext := splitExt(name)
	for n := 2; ; n++ {
		suffix := "(" + strconv.Itoa(n) + ")"
		cand := shortenName(stem, max-units(ext)-len(suffix)) + suffix + ext
		if !ns[foldName(cand)] {
			ns[foldName(cand)] = true
			return cand
		}
	}
}

// PackageName is the package folder name "<单位名称>_<年度>_三项制度自评" made Windows-safe, with
// the unit name shortened so the whole stays within MaxFolderName.
func PackageName(unit string, year int) string {
	suffix := fmt.Sprintf("_%d_三项制度自评", year)
	unit = strings.TrimSpace(unit)
	if unit == "" {
		unit = "未命名单位"
	}
	return WindowsName(WindowsName(unit, MaxFolderName-units(suffix))+suffix, MaxFolderName)
}

// evidenceName is the copy's name: the zero-padded criterion number, '_' and the evidence's
// display name (with the file's extension when the display name lacks it), Windows-safe.
func evidenceName(no, width int, ev scoring.Evidence) string {
	ext := path.Ext(strings.ReplaceAll(ev.Path, `\`, "/"))
	name := ev.DisplayName()
	if ext != "" && !strings.EqualFold(path.Ext(name), ext) {
		name += ext
	}
	prefix := fmt.Sprintf("%0*d_", width, no)
	return WindowsName(prefix+name, MaxFileName)
}
