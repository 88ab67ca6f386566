package app

import (
	"fmt"
	"sort"
	"strings"

	"sanxiang/internal/drives"
	"sanxiang/scoring"
)

// offerRelocation looks for the open assessment's missing evidence at the same path on the
// other drives (a second USB stick that Windows now calls by another letter) off the UI
// goroutine, and offers to point every such file there at once. vols lists the drives
// (drives.List); exists tells an existing file (UI.awaitEvidence: a drive that does not
// answer counts as gone). Evidence on the database's own stick is already found by storage
// when the assessment is loaded.
func (u *UI) offerRelocation(vols func() []string, exists func(string) bool) {
	u.ev.offerRelocation(vols, exists)
}

// offerRelocation is UI.offerRelocation: the evidence commands hold what it needs.
func (u *evidenceCmds) offerRelocation(vols func() []string, exists func(string) bool) {
	if u.ws.ReadOnly() || u.asked[u.ws.ID()] {
		return
	}
	id := u.ws.ID()
	var paths []string
	for _, a := range u.ws.Answers() {
		for _, e := range a.Evidence {
			if drives.Volume(e.Path) != "" {
				paths = append(paths, e.Path)
			}
		}
	}
	if len(paths) == 0 {
		return
	}
	go func() {
		var gone []string
		for _, p := range paths {
			if !exists(p) {
				gone = append(gone, p)
			}
		}
		if len(gone) == 0 {
			return
		}
		f, ok := drives.Elsewhere(gone, vols(), exists)
		if !ok {
			return
		}
		u.post(func() {
			if u.ws.ID() != id || u.ws.ReadOnly() || u.asked[id] {
				return
			}
			if u.asked == nil {
				u.asked = map[int64]bool{}
			}
			u.asked[id] = true // once per session: reloads (定稿, restore) do not ask again
			olds := make([]string, 0, len(f.Moved))
			for p := range f.Moved {
				olds = append(olds, p)
			}
			sort.Strings(olds)
			if len(olds) > 5 {
				olds = append(olds[:5], fmt.Sprintf("……等共 %d 个", len(f.Moved)))
			}
			text := fmt.Sprintf("有 %d 个佐证文件在原来的位置找不到，其中 %d 个在 %s 的相同位置找到了"+
				"（U盘在这台电脑上换了盘符）：\n%s\n\n把这些文件的位置更新为 %s？文件本身不会被移动或修改。",
				len(gone), len(f.Moved), f.Volume, strings.Join(olds, "\n"), f.Volume)
			showConfirm(u.win, "佐证文件的盘符变了", text, "在 "+f.Volume+" 找到了，更新位置", func() {
				u.relocate(f.Moved)
			})
		})
	}()
}

// relocate points every evidence file of the open assessment found elsewhere (old → new path)
// at its new place and saves the changed criteria.
func (u *evidenceCmds) relocate(moved map[string]string) {
	var nos []int
	for no, a := range u.ws.Answers() {
		for _, e := range a.Evidence {
			if _, ok := moved[e.Path]; ok {
				nos = append(nos, no)
				break
			}
		}
	}
	sort.Ints(nos)
	for _, no := range nos {
		_ = u.ws.EditAnswer(no, func(a *scoring.Answer) { // the card shows the new paths (checklist.changed)
			for i, e := range a.Evidence {
				if q, ok := moved[e.Path]; ok {
					a.Evidence[i].Path = q
				}
			}
		})
	}
	u.note(fmt.Sprintf("已更新 %d 个佐证文件的位置", len(moved)))
}
