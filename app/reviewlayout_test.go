package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"sanxiang/scoring"
)

// TestReviewLayoutStillWhileScoring: editing a 复核得分 changes the page's subtotals above the
// cards ("复核 12/12" → "复核 11.5/12"); at widths where that line then wraps once more, the
// line grew and pushed every card down ~20 px, so the next click landed beside the 复核意见 box
// (found using the real window). The 复核意见 field stays where it was at every width, while the
// summary's text does change lines at some of them.
func TestReviewLayoutStillWhileScoring(t *testing.T) {
	e, b, ids := bureauEnv(t, 1)
	r := openReview(t, e, b, ids[0])
	ind := r.inds[r.cur]
	cr := ind.Criteria[0]
	k := r.cards[cr.No]
	d := fyne.CurrentApp().Driver()
	// a full layout pass of the window at width w, as the driver makes after a change
	layout := func(w float32) {
		e.settle()
		e.u.win.Resize(fyne.NewSize(w+1, 768))
		e.u.win.Resize(fyne.NewSize(w, 768))
	}
	full, half := cr.Points.String(), (cr.Points - scoring.Tenths(5)).String()
	relined := 0
	for w := float32(1366); w >= 960; w -= 6 {
		k.score.SetText(full)
		layout(w)
		before, lines := d.AbsolutePositionForObject(k.comment), strings.Count(r.levels.lines.Text, "\n")
		k.score.SetText(half)
		if !strings.Contains(r.levels.Text(), ".5/") {
			t.Fatalf("the subtotals did not change with the score: %q", r.levels.Text())
		}
		layout(w)
		if strings.Count(r.levels.lines.Text, "\n") != lines {
			relined++
		}
		if got := d.AbsolutePositionForObject(k.comment); got != before {
			t.Fatalf("at width %v the 复核意见 field moved from %v to %v when the 复核得分 changed from %s to %s",
				w, before, got, full, half)
		}
	}
	if relined == 0 {
		t.Fatal("the summary never took another line: the test does not reach the case it is for")
	}
}
