package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"sanxiang/scoring"
	"sanxiang/storage"
)

// An assessment made on a catalog that is not built in opens from the database alone (the
// program is restarted knowing only the built-in): the tree, the pages and the scores follow
// that catalog, and a score edited in the window is checked against it and stored.
func TestOpensAnAssessmentOnAStoredCatalog(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "catalog-other.json"))
	if err != nil {
		t.Fatal(err)
	}
	other, err := scoring.ParseCatalog(data)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), storage.FileName)
	db, err := storage.Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	uid, err := db.CreateUnit(scoring.Unit{Name: "某县市场监督管理局", CreditCode: validCode})
	if err != nil {
		t.Fatal(err)
	}
	id, err := db.CreateAssessment(uid, 2025, other)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveAnswer(id, scoring.Answer{No: 8, Status: scoring.NA, NAReason: "无此事项"}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	cats := testCats(t) // a restart: the registry knows only the built-in
	db, err = storage.Open(path, cats)
	if err != nil {
		t.Fatal(err)
	}
	fa := test.NewApp()
	u := New(fa, db, cats)
	q := &queue{ch: make(chan func(), 4096)}
	u.post = q.post
	e := &env{t: t, u: u, db: db, dir: filepath.Dir(path), q: q}
	t.Cleanup(func() {
		u.ws.Stop()
		db.Close()
		fa.Quit()
	})
	u.Start()
	e.settle()
	if u.ws.ID() != id || u.ws.Catalog().Hash != other.Hash {
		t.Fatalf("opened %d on %q, want %d on %q", u.ws.ID(), u.ws.Catalog().ID, id, other.ID)
	}
	if len(u.ws.Indicators()) != 5 || u.ws.Result().Overall.Points != 200 || u.ws.Result().Overall.Score != 25 {
		t.Errorf("%d indicators, %s of %s points; want 5, 2.5 (8 不适用 under full) of 20",
			len(u.ws.Indicators()), u.ws.Result().Overall.Score, u.ws.Result().Overall.Points)
	}
	// the 申报材料 page is the catalog's: its materials, fields and minimums
	var tabs []string
	for _, it := range u.mats.tabs.Items {
		tabs = append(tabs, it.Text)
	}
	if strings.Join(tabs, " ") != "年度工作总结 优秀执法人员推荐材料 其他说明" || u.mats.editors["officer_name"] == nil {
		t.Errorf("申报材料 tabs %v, field officer_name %v", tabs, u.mats.editors["officer_name"] != nil)
	}
	if l := u.mats.counts["summary"]; l == nil || !strings.Contains(l.Text, "不少于 300 字") {
		t.Errorf("summary count %v", l)
	}
	u.tabs.SelectIndex(2)
	u.mats.tabs.SelectIndex(1)
	e.snap("materials-other-catalog")
	u.tabs.SelectIndex(0)
	u.ws.EditAnswer(7, func(a *scoring.Answer) { a.Status, a.Score = scoring.Scored, 55 })
	e.flush()
	if got := e.load().Answers[7]; got.Score != 55 {
		t.Errorf("criterion (7) stored as %+v", got)
	}
	if u.ws.Result().Overall.Score != 80 {
		t.Errorf("score after the edit %s, want 8.0", u.ws.Result().Overall.Score)
	}
}
