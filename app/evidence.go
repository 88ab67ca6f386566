package app

import (
	"sort"

	"sanxiang/internal/evidencefile"
)

// watchEvidence gives the window its cache of evidence file states (evidencefile.Checker):
// the views ask it while drawing and never the disk; its reports arrive through u.post.
// probe nil asks the real disk; tests pass a fake one.
func (u *UI) watchEvidence(probe func(string) evidencefile.State) {
	if u.evidence != nil {
		u.evidence.Close()
	}
	u.evidence = evidencefile.NewChecker(evidencefile.Options{
		Probe:   probe,
		Post:    func(f func()) { u.post(f) },
		Changed: u.evidenceChanged,
	})
}

// evidenceState is what is known about an evidence file, from the cache: Unknown (检查中)
// until the disk has answered. It never waits for the disk.
func (u *UI) evidenceState(path string) evidencefile.State { return u.evidence.State(path) }

// evidenceExists is the exists of scoring.Check and the 文件缺失 filter: a file counts as
// there until the disk says it is missing or cannot be reached.
func (u *UI) evidenceExists(path string) bool { return u.evidence.Exists(path) }

// recheckEvidence asks the disk again, off the UI goroutine, about the evidence files of the
// criteria nos (all criteria when nos is nil); the rows change when the answers arrive.
func (u *UI) recheckEvidence(nos []int) {
	var paths []string
	add := func(no int) {
		for _, e := range u.answers[no].Evidence {
			paths = append(paths, e.Path)
		}
	}
	if nos == nil {
		for no := range u.answers {
			add(no)
		}
		sort.Strings(paths) // the same order of questions on every run
	} else {
		for _, no := range nos {
			add(no)
		}
	}
	if len(paths) > 0 {
		u.evidence.Recheck(paths)
	}
}

// evidenceChanged redraws what shows the files whose state changed (on the UI goroutine): the
// evidence rows of the page's cards, the 文件缺失 filter and the problem list.
func (u *UI) evidenceChanged(paths []string) {
	if u.check == nil {
		return
	}
	changed := make(map[string]bool, len(paths))
	for _, p := range paths {
		changed[p] = true
	}
	for no, k := range u.check.cards {
		for _, e := range u.answers[no].Evidence {
			if changed[e.Path] {
				k.showEvidence()
				break
			}
		}
	}
	if u.check.kind == filterMissing {
		u.check.refilter()
	}
	if u.dash != nil && u.tabs != nil && u.tabs.Selected() != nil && u.tabs.SelectedIndex() == 1 { // 总览与问题
		u.dash.refresh()
	}
}
