package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"sanxiang/storage"
)

// Fyne answers SIGTERM/SIGINT (logout or shutdown on Linux, kill) by quitting the run loop
// directly, without the window's close intercept: an edit typed within the save delay was
// lost and the database was left open (seen: text typed just before `kill` was gone at the
// next start). finish, called once the run loop has returned, writes it and closes.
func TestFinishAfterRunWritesPendingEditAndCloses(t *testing.T) {
	e := withAssessment(t)
	k := e.card(7)
	test.Type(k.note, "结束前输入的文字")
	e.u.finish() // the run loop ended without requestClose
	db, err := storage.Open(e.db.Path(), testCats(t))
	if err != nil {
		t.Fatalf("database not released: %v", err)
	}
	defer db.Close()
	a, _ := db.Load(e.u.ws.ID())
	if got := a.Answers[7].Note; got != "结束前输入的文字" {
		t.Errorf("after finish: %q", got)
	}
	e.u.finish() // a second call (or one after a normal close) does nothing
}
