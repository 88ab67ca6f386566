package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sanxiang/internal/evidencefile"
	"sanxiang/scoring"
)

// hungDisk is a fake disk on which every file on G: hangs (a pulled USB stick) until back is
// called; files elsewhere are there. Its timeouts fire only when the test sends on fire.
type hungDisk struct {
	gone chan struct{} // closed when the stick is back
	once sync.Once
	fire chan time.Time
}

func (d *hungDisk) options() evidencefile.Options {
	return evidencefile.Options{
		Probe: func(p string) evidencefile.State {
			if strings.HasPrefix(p, `G:`) {
				<-d.gone
			}
			return evidencefile.Present
		},
		After: func(time.Duration) <-chan time.Time { return d.fire },
	}
}

func (d *hungDisk) back() { d.once.Do(func() { close(d.gone) }) }

// TestHungEvidenceDriveKeepsWindowResponsive: a stat on a pulled stick never returns. The page
// with its files is still shown at once (rows 检查中), a typed score is still saved, the rows
// turn 无法访问 when the check times out, the 文件缺失 filter and the problem list count them,
// and everything turns normal when the stick answers again.
func TestHungEvidenceDriveKeepsWindowResponsive(t *testing.T) {
	e := withAssessment(t)
	d := &hungDisk{gone: make(chan struct{}), fire: make(chan time.Time)}
	t.Cleanup(d.back) // lets the hung probe's goroutine end
	e.u.watchEvidence(d.options())
	ev := func(p string) scoring.Evidence {
		return scoring.Evidence{Path: p, Name: p[strings.LastIndex(p, `\`)+1:], Size: 2048, SHA256: strings.Repeat("a", 64), Added: time.Now()}
	}
	hung, other, local := `G:\台账\执法证.png`, `G:\台账\会议纪要.pdf`, `D:\台账\公示截图.png`
	e.u.ws.EditAnswer(1, func(a *scoring.Answer) { a.Evidence = []scoring.Evidence{ev(hung), ev(local)} })
	e.u.ws.EditAnswer(2, func(a *scoring.Answer) { a.Evidence = []scoring.Evidence{ev(other)} })
	e.flush()

	// a page change draws the page without waiting for the disk
	ref, _ := e.u.ws.Catalog().Criterion(1)
	e.u.check.show(e.u.check.index[ref.Indicator.Code], 0)
	k := e.u.check.cards[1]
	if s := textsIn(k.content); !strings.Contains(s, "执法证.png") || !strings.Contains(s, "检查中") {
		t.Errorf("row of a file not checked yet:\n%s", s)
	}
	e.pump(func() bool { return e.u.evidenceState(local) == evidencefile.Present })
	if s := e.u.evidenceState(hung); s != evidencefile.Unknown {
		t.Errorf("hung file is %v before the timeout, want 检查中", s)
	}

	// the window answers: a typed score is saved while the stat hangs
	test.Type(k.score, "0.5")
	e.flush()
	if a := e.load().Answers[1]; a.Status != scoring.Scored || a.Score.String() != "0.5" {
		t.Errorf("saved answer while the disk hangs: %+v", a)
	}

	d.fire <- time.Time{} // the stat outlived the timeout
	e.pump(func() bool {
		return strings.Contains(textsIn(e.u.check.cards[1].content), "无法访问：执法证.png")
	})
	e.snap("card-evidence-unreachable")
	if s := textsIn(e.u.check.cards[1].content); !strings.Contains(s, "公示截图.png") || strings.Contains(s, "无法访问：公示截图") || strings.Contains(s, "检查中") {
		t.Errorf("the file on another drive after the timeout:\n%s", s)
	}
	if s := e.u.evidenceState(other); s != evidencefile.Unreachable {
		t.Errorf("second file on the hung drive is %v, want 无法访问 without a second hung stat", s)
	}

	// the filter and the problem list agree: both files on G: are missing for now
	e.u.check.filter.SetSelected("文件缺失")
	if len(e.u.check.matches) != 2 || !e.u.check.matches[1] || !e.u.check.matches[2] {
		t.Errorf("文件缺失 filter matches %v", e.u.check.matches)
	}
	e.u.check.filter.SetSelected("全部")
	e.u.tabs.SelectIndex(1) // 总览与问题: re-checks every file; the hung drive answers 无法访问 at once
	e.settle()
	missing := map[string]bool{}
	for _, p := range e.u.dash.problems {
		if p.Kind == scoring.ProblemMissingEvidence {
			missing[p.Path] = true
		}
	}
	if len(missing) != 2 || !missing[hung] || !missing[other] {
		t.Errorf("problems of missing evidence: %v", missing)
	}

	// the stick answers again: the rows and the problem list follow by themselves
	d.back()
	e.pump(func() bool { return len(missingProblems(e.u.dash.problems)) == 0 })
	e.u.tabs.SelectIndex(0)
	e.pump(func() bool {
		s := textsIn(e.u.check.cards[1].content)
		return !strings.Contains(s, "无法访问") && !strings.Contains(s, "检查中")
	})
}

func missingProblems(ps []scoring.Problem) []scoring.Problem {
	var out []scoring.Problem
	for _, p := range ps {
		if p.Kind == scoring.ProblemMissingEvidence {
			out = append(out, p)
		}
	}
	return out
}

// TestEvidenceRecheckedWhenWindowReturns: a file copied back while the window was in the
// background is found again when the window comes to the front, and the 文件缺失 filter, which
// spans every criterion, asks about every file.
func TestEvidenceRecheckedWhenWindowReturns(t *testing.T) {
	e := withAssessment(t)
	dir := t.TempDir()
	f := filepath.Join(dir, "整改报告.pdf")
	far := filepath.Join(dir, "远处的要点.pdf") // a criterion on another page
	e.u.ws.EditAnswer(1, func(a *scoring.Answer) {
		a.Evidence = []scoring.Evidence{{Path: f, Name: "整改报告.pdf", Size: 3, SHA256: strings.Repeat("b", 64), Added: time.Now()}}
	})
	e.u.ws.EditAnswer(170, func(a *scoring.Answer) {
		a.Evidence = []scoring.Evidence{{Path: far, Name: "远处的要点.pdf", Size: 3, SHA256: strings.Repeat("c", 64), Added: time.Now()}}
	})
	e.flush()
	ref, _ := e.u.ws.Catalog().Criterion(1)
	e.u.check.show(e.u.check.index[ref.Indicator.Code], 0) // criterion 1's page, drawn with its file
	e.pump(func() bool {
		return strings.Contains(textsIn(e.u.check.cards[1].content), "文件已不存在：整改报告.pdf")
	})

	os.WriteFile(f, []byte("pdf"), 0o644) // put back in Explorer
	e.u.recheckShown()                    // the window came back to the front
	e.pump(func() bool { return !strings.Contains(textsIn(e.u.check.cards[1].content), "文件已不存在") })

	// the filter: (170) is asked about although its page was never shown (without that
	// question it would count as there for ever)
	e.u.check.filter.SetSelected("文件缺失")
	e.pump(func() bool { return e.u.check.matches[170] })
	if len(e.u.check.matches) != 1 {
		t.Errorf("文件缺失 filter matches %v", e.u.check.matches)
	}
}

// BenchmarkShowIndicatorHungEvidence is BenchmarkShowIndicator there and back (one op: onto
// the page, its frame, and on to the next page) for a page whose first criterion has 50
// evidence files on a drive whose stat never returns (a pulled stick; the fake timeout is never
// fired, so the rows stay 检查中): the page is built from the cache instead of waiting for the
// disk. Before internal/evidencefile each row asked the disk while the page was built, so the
// window froze for as long as the stat hung. Measured numbers: docs/build.md.
func BenchmarkShowIndicatorHungEvidence(b *testing.B) {
	e := withAssessment(b)
	e.u.win.Resize(fyne.NewSize(1280, 700))
	d := &hungDisk{gone: make(chan struct{}), fire: make(chan time.Time)}
	b.Cleanup(d.back)
	e.u.watchEvidence(d.options())
	evs := make([]scoring.Evidence, 0, scoring.MaxEvidencePerCriterion)
	for i := 0; i < scoring.MaxEvidencePerCriterion; i++ {
		p := fmt.Sprintf(`G:\台账\佐证%02d.pdf`, i)
		evs = append(evs, scoring.Evidence{Path: p, Name: p[strings.LastIndex(p, `\`)+1:], Size: 2048, SHA256: strings.Repeat("a", 64), Added: time.Now()})
	}
	e.u.ws.EditAnswer(1, func(a *scoring.Answer) { a.Evidence = evs })
	e.flush()
	ref, _ := e.u.ws.Catalog().Criterion(1)
	page := e.u.check.index[ref.Indicator.Code]
	warmText(e.u.widths, e.u.ws.Catalog())
	cpu := startCPU(b)
	for i := 0; i < b.N; i++ {
		e.u.check.show(page, 0)
		frame(e.u)
		e.u.check.show(page+1, 0)
	}
	cpu.report()
	b.StopTimer()
	if s := e.u.evidenceState(evs[0].Path); s != evidencefile.Unknown {
		b.Fatalf("hung file is %v, want 检查中 (the timeout never fired)", s)
	}
}

// TestAttachDisablesAddButtons: the files are hashed off the UI goroutine; meanwhile the card's
// add buttons are disabled (a second click cannot start a second registration) and the file is
// known to be there afterwards without another question to the disk.
func TestAttachDisablesAddButtons(t *testing.T) {
	e := withAssessment(t)
	dir := t.TempDir()
	f1, f2 := filepath.Join(dir, "一.pdf"), filepath.Join(dir, "二.pdf")
	os.WriteFile(f1, []byte("1"), 0o644)
	os.WriteFile(f2, []byte("22"), 0o644)
	k := e.card(1)
	e.u.ev.attach(1, []string{f1, f2})
	if !k.addFiles.Disabled() || !k.addDir.Disabled() {
		t.Error("add buttons enabled while the files are being registered")
	}
	e.pump(func() bool { return len(e.u.ws.Answer(1).Evidence) == 2 })
	if k.addFiles.Disabled() || k.addDir.Disabled() {
		t.Error("add buttons still disabled after the files were added")
	}
	if s := e.u.evidenceState(f1); s != evidencefile.Present {
		t.Errorf("attached file is %v, want 存在 at once", s)
	}
}
