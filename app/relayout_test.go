package app

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"

	"sanxiang/scoring"
)

// TestEvidenceKeepsOtherCardsDense: adding a file to one criterion (or showing a field on it) must leave the other cards
// of the page laid out in their dense theme. Refreshing the page body refreshed every card's
// content outside its theme override, so a neighbouring card was laid out with the default
// padding: shifted right and its last row (the evidence buttons) cut off (seen at 1366×768).
func TestEvidenceKeepsOtherCardsDense(t *testing.T) {
	for _, change := range []string{"evidence", "不适用"} {
		t.Run(change, func(t *testing.T) { otherCardsStayDense(t, change) })
	}
}

// otherCardsStayDense changes criterion 1 (a file added, or marked 不适用 so its reason
// field appears) and checks that criterion 2's card keeps its layout.
func otherCardsStayDense(t *testing.T, change string) {
	e := withAssessment(t)
	e.u.win.Resize(fyne.NewSize(1280, 700))
	f := filepath.Join(e.dir, "执法公示记录.txt")
	if err := os.WriteFile(f, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	k2 := e.card(2)
	e.settle()
	// the test canvas never lays a card out inside its theme override as the driver does:
	// resizing the override does (padding 2 instead of the window's 4)
	sz := k2.content.Size()
	k2.content.Resize(sz.AddWidthHeight(1, 0))
	k2.content.Resize(sz)
	d := fyne.CurrentApp().Driver()
	rel := func(k *card, o fyne.CanvasObject) fyne.Position {
		return d.AbsolutePositionForObject(o).Subtract(d.AbsolutePositionForObject(k.content))
	}
	before := rel(k2, k2.score)
	beforeEv := rel(k2, k2.evBox)

	if change == "evidence" {
		e.u.ev.attach(1, []string{f})
		e.pump(func() bool { return len(e.u.ws.Answer(1).Evidence) == 1 })
	} else {
		e.card(1).markNA()
		if e.u.ws.Answer(1).Status != scoring.NA {
			t.Fatalf("criterion 1 not 不适用: %v", e.u.ws.Answer(1).Status)
		}
	}
	e.settle()

	if got := rel(k2, k2.score); got != before {
		t.Errorf("criterion 2's score field moved inside its card: %v, was %v", got, before)
	}
	if got := rel(k2, k2.evBox); got != beforeEv {
		t.Errorf("criterion 2's evidence row moved inside its card: %v, was %v", got, beforeEv)
	}
	if h, min := k2.content.Size().Height, k2.content.MinSize().Height; h < min {
		t.Errorf("criterion 2's card is %v high, needs %v: its last row is cut off", h, min)
	}
}
