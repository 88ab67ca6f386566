package app

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sanxiang/app/workspace"
	"sanxiang/scoring"
	"sanxiang/storage"
)

// validCode is a 统一社会信用代码 with a correct check character (the sample unit's).
const validCode = "11610113MB12345675"

// queue stands in for fyne.Do: work posted from goroutines runs on the test goroutine when
// the test pumps, as it would on the UI goroutine in the program.
type queue struct{ ch chan func() }

func (q *queue) post(f func()) { q.ch <- f }

// env is a window on a fresh database.
type env struct {
	t   testing.TB
	u   *UI
	db  *storage.DB
	dir string
	q   *queue
}

func newEnv(t testing.TB) *env {
	t.Helper()
	return newEnvWith(t, nil, workspace.Options{Delay: saveDelay, Retry: saveRetry})
}

// newEnvWith is newEnv writing the assessment through wrap(db) (nil: db) with the saver's opt.
func newEnvWith(t testing.TB, wrap func(workspace.Store) workspace.Store, opt workspace.Options) *env {
	t.Helper()
	dir := t.TempDir()
	cats := testCats(t)
	db, err := storage.Open(filepath.Join(dir, "sanxiang.db"), cats)
	if err != nil {
		t.Fatal(err)
	}
	fa := test.NewApp()
	var st workspace.Store = db
	if wrap != nil {
		st = wrap(db)
	}
	u := newUI(fa, db, cats, st, opt)
	q := &queue{ch: make(chan func(), 4096)}
	u.post = q.post
	u.ev.shell = shell{open: func(string) error { return nil }, reveal: func(string) error { return nil }} // never start real programs
	e := &env{t: t, u: u, db: db, dir: dir, q: q}
	t.Cleanup(func() {
		u.ws.Stop()
		db.Close()
		fa.Quit()
	})
	return e
}

// pump runs posted UI work until cond holds (fails after 10 s).
func (e *env) pump(cond func() bool) {
	e.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			e.t.Fatal("timed out waiting for the UI")
		}
		select {
		case f := <-e.q.ch:
			f()
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// settle runs posted work until nothing arrives for a moment.
func (e *env) settle() {
	for {
		select {
		case f := <-e.q.ch:
			f()
		case <-time.After(50 * time.Millisecond):
			return
		}
	}
}

// flush writes pending edits and runs the UI's reaction to it.
func (e *env) flush() {
	e.t.Helper()
	if err := e.u.ws.Flush(5 * time.Second); err != nil {
		e.t.Fatal(err)
	}
	e.settle()
}

// withAssessment starts the window on a unit with a 2025 assessment (skipping the wizard).
func withAssessment(t testing.TB) *env {
	t.Helper()
	return startAssessment(newEnv(t))
}

// startAssessment creates the unit and its 2025 assessment in e's database and opens it.
func startAssessment(e *env) *env {
	t := e.t
	t.Helper()
	uid, err := e.db.CreateUnit(scoring.Unit{Name: "测试市喆玥堃执法局", CreditCode: validCode, Contact: "王喆", Phone: "029-85550123"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.CreateAssessment(uid, 2025, e.u.ws.Catalog()); err != nil {
		t.Fatal(err)
	}
	e.u.Start()
	e.settle()
	if e.u.check == nil {
		t.Fatal("main view not shown")
	}
	return e
}

// load reads the open assessment back from the database.
func (e *env) load() *scoring.Assessment {
	e.t.Helper()
	a, err := e.db.Load(e.u.ws.ID())
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

// card shows criterion no's indicator and returns its editor.
func (e *env) card(no int) *card {
	e.t.Helper()
	ref, ok := e.u.ws.Catalog().Criterion(no)
	if !ok {
		e.t.Fatalf("no criterion %d", no)
	}
	i := e.u.check.index[ref.Indicator.Code]
	if e.u.ws.Page() != i {
		e.u.check.show(i, 0)
	}
	k := e.u.check.cards[no]
	if k == nil {
		e.t.Fatalf("criterion %d not on page", no)
	}
	return k
}

// snap writes the window to $SANXIANG_SNAP/name.png when that variable is set (to look at).
func (e *env) snap(name string) {
	dir := os.Getenv("SANXIANG_SNAP")
	if dir == "" {
		return
	}
	// the program's driver re-lays out when a text's size changes; the test canvas does not
	e.u.win.Content().Refresh()
	if top := e.u.win.Canvas().Overlays().Top(); top != nil {
		top.Refresh()
	}
	img := e.u.win.Canvas().Capture()
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		e.t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		e.t.Fatal(err)
	}
}

// find walks a widget tree for the first object that matches.
func find(o fyne.CanvasObject, match func(fyne.CanvasObject) bool) fyne.CanvasObject {
	if o == nil || !o.Visible() {
		return nil
	}
	if match(o) {
		return o
	}
	var kids []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		kids = x.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(x).Objects()
	}
	for _, k := range kids {
		if r := find(k, match); r != nil {
			return r
		}
	}
	return nil
}

// button finds a visible button by its text in the top dialog, else in the window.
func (e *env) button(text string) *widget.Button {
	e.t.Helper()
	c := e.u.win.Canvas()
	if top := c.Overlays().Top(); top != nil {
		if b := findButton(top, text); b != nil {
			return b
		}
	}
	return buttonIn(e.t, c.Content(), text)
}

func findButton(root fyne.CanvasObject, text string) *widget.Button {
	if b := find(root, func(o fyne.CanvasObject) bool {
		b, ok := o.(*widget.Button)
		if d, isDialog := o.(*dialogButton); isDialog {
			b, ok = &d.Button, true
		}
		return ok && b.Text == text
	}); b != nil {
		if d, ok := b.(*dialogButton); ok {
			return &d.Button
		}
		return b.(*widget.Button)
	}
	return nil
}

func buttonIn(t testing.TB, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	b := findButton(root, text)
	if b == nil {
		t.Fatalf("no button %q", text)
	}
	return b
}

// texts collects every text shown in the top dialog (or the window when none shows).
func (e *env) texts() string {
	c := e.u.win.Canvas()
	if top := c.Overlays().Top(); top != nil {
		return textsIn(top)
	}
	return textsIn(c.Content())
}

func textsIn(root fyne.CanvasObject) string {
	var b strings.Builder
	find(root, func(o fyne.CanvasObject) bool {
		switch x := o.(type) {
		case *cjkLabel: // the whole text; its inner label holds the broken lines
			b.WriteString(x.Text() + "\n")
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.Button:
			b.WriteString(x.Text + "\n")
		case *dialogButton:
			b.WriteString(x.Text + "\n")
		case *widget.RichText:
			b.WriteString(x.String() + "\n")
		}
		return false
	})
	return b.String()
}

// testCats is the catalog registry main builds (the built-in catalog).
func testCats(t testing.TB) *scoring.Set {
	t.Helper()
	s, err := scoring.BuiltinSet()
	if err != nil {
		t.Fatal(err)
	}
	return s
}
