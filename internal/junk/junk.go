// Package junk is the one list of files that operating systems and office programs leave
// beside the user's documents by themselves (Excel's ~$ owner files, Explorer's Thumbs.db and
// desktop.ini, macOS's .DS_Store and __MACOSX/ …). Verification reports them as
// 可忽略的系统文件 instead of tampering, and 添加整个文件夹 and the file picker leave them out.
package junk

import "strings"

// names are by-products recognised by their whole name (compared without case, as Windows does).
var names = map[string]bool{
	"thumbs.db":                 true, // Explorer's thumbnail cache
	"ehthumbs.db":               true, // Media Center's thumbnail cache
	"ehthumbs_vista.db":         true,
	"desktop.ini":               true, // Explorer's folder settings (hidden, system)
	".ds_store":                 true, // macOS Finder's folder settings
	".localized":                true, // macOS
	"icon\r":                    true, // macOS custom folder icon
	"__macosx":                  true, // macOS "Compress" resource forks in a zip
	".spotlight-v100":           true, // macOS index on a USB stick
	".trashes":                  true, // macOS trash on a USB stick
	".fseventsd":                true, // macOS file events on a USB stick
	".temporaryitems":           true,
	".apdisk":                   true,
	"$recycle.bin":              true, // Windows recycle bin of a drive
	"recycler":                  true, // Windows XP recycle bin
	"system volume information": true, // Windows restore points and indexes of a drive
	".directory":                true, // KDE Dolphin's folder settings
}

// prefixes are by-products recognised by how their name starts.
var prefixes = []string{
	"~$",      // Word/Excel/WPS owner file while a document is open (~$自评表.xlsx)
	"._",      // macOS AppleDouble resource fork on a FAT stick or in a zip
	".~lock.", // LibreOffice lock file (.~lock.自评表.xlsx#)
	".trash-", // Linux desktop trash on a USB stick (.Trash-1000)
}

// Name reports whether one file or folder name is a known OS/Office by-product.
func Name(name string) bool {
	l := strings.ToLower(name)
	if names[l] {
		return true
	}
	for _, p := range prefixes {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	// Word's temporary save files: ~WRL0001.tmp, ~WRD0003.tmp
	return strings.HasPrefix(l, "~wr") && strings.HasSuffix(l, ".tmp")
}

// Path reports whether a relative path ('/' or '\' separated) is a by-product or lies inside
// a by-product folder (__MACOSX/包/._说明.txt, $RECYCLE.BIN/S-1-5…/x).
func Path(rel string) bool {
	for _, part := range strings.FieldsFunc(rel, func(r rune) bool { return r == '/' || r == '\\' }) {
		if Name(part) {
			return true
		}
	}
	return false
}

// Skip reports whether a file or folder is left out of lists the user chooses from (the
// picker, 添加整个文件夹): a known by-product, a dot-name (hidden on Linux and macOS),
// Windows' old "Documents and Settings" link, or an entry Windows marks hidden or system
// (hidden is what Hidden says about it).
func Skip(name string, hidden bool) bool {
	return hidden || strings.HasPrefix(name, ".") || Name(name) || strings.EqualFold(name, "Documents and Settings")
}
