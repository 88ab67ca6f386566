package app

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"sanxiang/scoring"
)

// TestAttachStopsAtTheLimit (issue 10 item 6): the GUI refuses evidence beyond
// scoring.MaxEvidencePerCriterion at once, instead of a save the database refuses.
func TestAttachStopsAtTheLimit(t *testing.T) {
	e := withAssessment(t)
	var paths []string
	for i := 0; i < scoring.MaxEvidencePerCriterion+3; i++ {
		p := filepath.Join(e.dir, fmt.Sprintf("f%02d.pdf", i))
		os.WriteFile(p, []byte("x"), 0o644)
		paths = append(paths, p)
	}
	e.card(1)
	e.u.ev.attach(1, paths)
	e.pump(func() bool { return len(e.u.ws.Answer(1).Evidence) >= scoring.MaxEvidencePerCriterion })
	e.settle()
	e.flush()
	if n := len(e.u.ws.Answer(1).Evidence); n != scoring.MaxEvidencePerCriterion {
		t.Fatalf("%d files attached, want %d", n, scoring.MaxEvidencePerCriterion)
	}
	if n := len(e.load().Answers[1].Evidence); n != scoring.MaxEvidencePerCriterion {
		t.Fatalf("%d files saved, want %d", n, scoring.MaxEvidencePerCriterion)
	}
}
