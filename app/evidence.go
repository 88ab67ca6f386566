package app

import (
	"sort"

	"fyne.io/fyne/v2"

	"sanxiang/app/workspace"
	"sanxiang/internal/evidencefile"
)

// evidenceCmds are the evidence commands of the cards — add files or a folder, remove, open —
// and the drive-letter relocation offer, with the folder opener of the other commands. They are
// built once with what they need (wiring.go); the receiver is still called u, as when these
// were the window's methods, so that their bodies read as before.
type evidenceCmds struct {
	win      fyne.Window
	ws       *workspace.Workspace
	post     func(func())                 // runs work on the UI goroutine
	note     func(string)                 // a one-off message in the status bar
	evidence func() *evidencefile.Checker // the window's cache of evidence states
	adding   func(no int, busy bool)      // the card of criterion no is attaching files (its add buttons off)
	shell    shell                        // hands files and folders to the system (a fake in tests)
	asked    map[int64]bool               // assessments whose evidence relocation was offered this session
}

// watchEvidence gives the window its cache of evidence file states (evidencefile.Checker):
// the views ask it while drawing and never the disk; its reports arrive through u.post. The
// zero opt asks the real disk; tests pass a fake Probe and their own clock.
func (u *UI) watchEvidence(opt evidencefile.Options) {
	if u.evidence != nil {
		u.evidence.Close()
	}
	opt.Post = func(f func()) { u.post(f) }
	opt.Changed = u.evidenceChanged
	u.evidence = evidencefile.NewChecker(opt)
}

// awaitEvidence is an exists for goroutines (the relocation offer): it waits for the disk's
// answer through the cache, so a drive that does not answer counts as gone after the timeout
// instead of holding the goroutine, and the answers are kept for the screen.
func (u *UI) awaitEvidence() func(path string) bool {
	ev := u.evidence
	return func(path string) bool { return ev.Await([]string{path})[0] == evidencefile.Present }
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
		for _, e := range u.ws.Answer(no).Evidence {
			paths = append(paths, e.Path)
		}
	}
	if nos == nil {
		for no := range u.ws.Answers() {
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

// recheckShown asks the disk again about the evidence files the screen shows: the page's on
// 自评打分 (all of them while the 文件缺失 filter is on), all on 总览与问题. It runs when the
// window comes back to the front: the user may have put the stick back or copied a file back
// in Explorer.
func (u *UI) recheckShown() {
	if u.check == nil || u.tabs == nil || u.tabs.Selected() == nil {
		return
	}
	switch {
	case u.tabs.SelectedIndex() == 1, u.tabs.SelectedIndex() == 0 && u.check.filtersMissing():
		u.recheckEvidence(nil)
	case u.tabs.SelectedIndex() == 0:
		u.check.refreshEvidence()
	}
}

// evidenceChanged redraws what shows the files whose state changed (on the UI goroutine): the
// evidence rows of the page's cards, the 文件缺失 filter and the problem list.
func (u *UI) evidenceChanged(paths []string) {
	if u.check == nil {
		return
	}
	u.check.evidenceChanged(paths)
	if u.dash != nil && u.tabs != nil && u.tabs.Selected() != nil && u.tabs.SelectedIndex() == 1 { // 总览与问题
		u.dash.refresh()
	}
}
