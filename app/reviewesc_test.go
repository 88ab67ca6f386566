package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sanxiang/app/workspace"
	"sanxiang/scoring"
	"sanxiang/scoring/review"
)

// pressKey is a key typed in the window as the driver delivers it: to the focused widget, or
// to the canvas' handler when nothing holds the focus (under a dialog: the dialog's).
func pressKey(c fyne.Canvas, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// heldWrites holds the review's item writes while held, until released.
type heldWrites struct {
	bureauStore
	gate chan struct{}
}

func (g *heldWrites) hold()    { g.gate = make(chan struct{}) }
func (g *heldWrites) release() { close(g.gate) }

func (g *heldWrites) SaveReviewItem(id int64, it review.Item) error {
	if g.gate != nil {
		<-g.gate
	}
	return g.bureauStore.SaveReviewItem(id, it)
}

// TestEscInReviewFieldGoesBack: Esc typed in a field of a unit's review (复核得分, 复核意见,
// 复核人, 复核结论) goes back to the 汇总 as from outside the fields; what was typed is in the
// database (the saver waits an hour here: only going back writes it), the table shows it and
// its cursor is on the unit. With a dialog open over the page, Esc closes only the dialog.
func TestEscInReviewFieldGoesBack(t *testing.T) {
	e := newEnvWith(t, nil, workspace.Options{Delay: time.Hour, Retry: saveRetry})
	e.u.win.Resize(fyne.NewSize(1366, 768))
	ids := seedBureau(t, e.db, e.u.ws.Catalog(), t.TempDir(), 3, 2025)
	d := e.u.bureauDeps()
	gate := &heldWrites{bureauStore: d.store}
	d.store = gate
	b := newBureau(d)
	b.show()
	e.pump(func() bool { return len(b.rows) == 3 })
	c := e.u.win.Canvas()
	id := ids[1]
	open := func() *unitReview {
		t.Helper()
		row := -1
		for i, r := range b.rows {
			if r.ID == id {
				row = i
			}
		}
		b.table.OnSelected(widget.TableCellID{Row: row, Col: 1}) // a click on the unit's row
		e.pump(func() bool { return b.review != nil && b.review.id == id && e.u.win.Content() == b.review.content })
		return b.review
	}
	// back waits for the table (shown: its row of the unit as it must be) and for the edit in
	// the database, and checks the cursor
	back := func(what string, stored func(*review.Review) bool, shown func(review.Ranked) bool) {
		t.Helper()
		inDB := func() bool { rv, err := e.db.Review(id); return err == nil && rv != nil && stored(rv) }
		e.pump(func() bool {
			return e.u.win.Content() == b.content && b.cursorRow() >= 0 && shown(rowByID(b, id)) && inDB()
		})
		if c.Focused() != b.table || b.rows[b.cursorRow()].ID != id {
			t.Fatalf("%s: back on the table with focus %T, the cursor on row %d", what, c.Focused(), b.cursorRow())
		}
	}

	r := open()
	no, self := 0, scoring.Tenths(0)
	for _, cr := range r.inds[0].Criteria {
		if a := r.desk.Self[cr.No]; a.Status == scoring.Scored && scoring.Clamp(a.Score, cr.Points) > 0 {
			no, self = cr.No, scoring.Clamp(a.Score, cr.Points)
			break
		}
	}
	if no == 0 {
		t.Fatal("no criterion of the first page is scored above 0 by the unit")
	}
	k := r.cards[no]
	c.Focus(k.score)
	k.score.SetText("")
	gate.hold() // the write waits: the table must not be read before it
	test.Type(k.score, "0")
	pressKey(c, fyne.KeyEscape)
	e.pump(func() bool { return e.u.win.Content() == b.content })
	gate.release()
	// the table is read after the write (held until the table showed): it shows the re-score
	back("复核得分", func(rv *review.Review) bool { it, ok := rv.Items[no]; return ok && it.Score == 0 },
		func(u review.Ranked) bool {
			return u.Changed == 1 && u.Review.Overall.Score == u.Self.Overall.Score-self
		})

	r = open()
	k = r.cards[no]
	c.Focus(k.comment)
	test.Type(k.comment, "未见会议记录")
	// a dialog over the page: Esc closes it and the page stays, also when the field gets the key
	showInfo(e.u.win, "提示", "对话框")
	pressKey(c, fyne.KeyEscape)
	if e.u.win.Content() != r.content || c.Overlays().Top() != nil {
		t.Fatalf("Esc with a dialog open: still on the review %v, dialog open %v", e.u.win.Content() == r.content, c.Overlays().Top() != nil)
	}
	showInfo(e.u.win, "提示", "对话框")
	k.comment.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.u.win.Content() != r.content {
		t.Fatal("Esc in a field under a dialog left the review")
	}
	c.Overlays().Top().Hide()
	c.Focus(k.comment)
	pressKey(c, fyne.KeyEscape)
	back("复核意见", func(rv *review.Review) bool { return rv.Items[no].Comment == "未见会议记录" }, func(review.Ranked) bool { return true })

	r = open()
	c.Focus(r.reviewer)
	test.Type(r.reviewer, "刘洋")
	pressKey(c, fyne.KeyEscape)
	back("复核人", func(rv *review.Review) bool { return rv.Reviewer == "刘洋" }, func(review.Ranked) bool { return true })

	r = open()
	c.Focus(r.conclusion)
	test.Type(r.conclusion, "自评基本属实。")
	pressKey(c, fyne.KeyEscape)
	back("复核结论", func(rv *review.Review) bool { return rv.Conclusion == "自评基本属实。" }, func(review.Ranked) bool { return true })
}
