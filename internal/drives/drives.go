// Package drives finds evidence files again after Windows gave their USB stick another drive
// letter: the database and the evidence on a stick that was E: on one PC and is F: on the next
// (portable mode), or evidence on a second stick. Paths are handled as Windows writes them
// ("E:\佐证材料\a.png", also with '/'), on every OS, so the rules are tested anywhere.
package drives

import (
	"sort"
	"strings"
)

// Volume is the drive of a Windows path, upper case ("E:"), or "" for a path without a drive
// letter (UNC shares, Linux paths), which is never moved to another drive.
func Volume(p string) string {
	if len(p) >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/') {
		c := p[0] &^ 0x20
		if c >= 'A' && c <= 'Z' {
			return string(c) + ":"
		}
	}
	return ""
}

// OnVolume is p with its drive letter replaced by vol ("F:"); p itself when p has no drive.
func OnVolume(p, vol string) string {
	if Volume(p) == "" || len(vol) != 2 || vol[1] != ':' {
		return p
	}
	return strings.ToUpper(vol[:1]) + p[1:]
}

// Relocate resolves one evidence path against the database's current place: a file recorded on
// another drive letter than the database that no longer exists there, but exists at the same
// path on the database's drive, was on the same stick, which Windows now calls by another
// letter. Otherwise p is returned unchanged. exists is only called when the letters differ.
func Relocate(dbPath, p string, exists func(string) bool) string {
	dv, pv := Volume(dbPath), Volume(p)
	if dv == "" || pv == "" || dv == pv {
		return p
	}
	if exists(p) {
		return p
	}
	if q := OnVolume(p, dv); exists(q) {
		return q
	}
	return p
}

// Found is where missing evidence files turned up: on which drive, and each old path's new one.
type Found struct {
	Volume string            // "F:"
	Moved  map[string]string // old path → same path on Volume
}

// Elsewhere looks for missing files at the same path on the other drives (vols, e.g. from
// List) and reports the drive holding most of them, for one "在 F: 找到了，更新位置" for all;
// ok is false when none is found anywhere. missing are paths known not to exist.
func Elsewhere(missing, vols []string, exists func(string) bool) (f Found, ok bool) {
	vols = append([]string(nil), vols...)
	sort.Strings(vols) // the same answer on every run when two drives hold as many
	for _, v := range vols {
		moved := map[string]string{}
		for _, p := range missing {
			pv := Volume(p)
			if pv == "" || strings.EqualFold(pv, v) {
				continue
			}
			if q := OnVolume(p, v); exists(q) {
				moved[p] = q
			}
		}
		if len(moved) > len(f.Moved) {
			f = Found{Volume: strings.ToUpper(v), Moved: moved}
		}
	}
	return f, len(f.Moved) > 0
}
