package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	xbureau "sanxiang/export/bureau"
	"sanxiang/export/pack/packtest"
	"sanxiang/scoring"
	"sanxiang/scoring/review"
	"sanxiang/storage"
)

// bureauUnitNames are the units seedBureau imports, cycled with a number when more are needed.
var bureauUnitNames = []string{"雁塔区城市管理和综合执法局", "雁塔区市场监督管理局", "雁塔区应急管理局", "雁塔区交通运输局",
	"雁塔区文化和旅游体育局", "雁塔区农业农村和水务局", "雁塔区卫生健康局", "雁塔区自然资源和规划局"}

// seedUnit is the assessment of unit i of year: every criterion scored, full or less by a
// pattern of i (so the units rank differently, some tie), a few not applicable or left open,
// the materials written to different lengths, a 执法标兵 named by even units, evidence files in
// dir (the odd ones' second file missing).
func seedUnit(t testing.TB, cat *scoring.Catalog, dir string, i, year int) *scoring.Assessment {
	t.Helper()
	name := bureauUnitNames[i%len(bureauUnitNames)]
	if i >= len(bureauUnitNames) {
		name = fmt.Sprintf("%s第%d执法大队", name, i/len(bureauUnitNames))
	}
	a := &scoring.Assessment{Catalog: cat, Year: year, Unit: scoring.Unit{Name: name, CreditCode: packtest.CreditCode(t, i+1)},
		Answers: map[int]scoring.Answer{}, Narratives: map[string]string{}}
	for k, no := range cat.Numbers() {
		ref, _ := cat.Criterion(no)
		pts := ref.Criterion.Points
		switch {
		case (k+i)%37 == 0:
			a.Answers[no] = scoring.Answer{No: no, Status: scoring.NA, NAReason: "本单位无此项职能"}
		case (k*7+i)%53 == 0:
			// left open
		default:
			s := pts
			if (k+i*3)%(5+i%4) == 0 {
				s = pts / 2
				a.Answers[no] = scoring.Answer{No: no, Status: scoring.Scored, Score: s, DeductionReason: "台账资料不完整"}
				continue
			}
			a.Answers[no] = scoring.Answer{No: no, Status: scoring.Scored, Score: s, Note: "已按要求落实"}
		}
	}
	if dir != "" {
		no := cat.Numbers()[0]
		ans := a.Answers[no]
		if ans.Status != scoring.Scored {
			ref, _ := cat.Criterion(no)
			ans.Status, ans.Score, ans.NAReason = scoring.Scored, ref.Criterion.Points, ""
		}
		ans.No = no
		for f := 0; f < 2; f++ {
			p := filepath.Join(dir, fmt.Sprintf("u%d_%d_台账%d.pdf", i, year, f+1))
			if f == 0 || i%2 == 0 {
				if err := os.WriteFile(p, []byte("%PDF-1.4 佐证"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			ans.Evidence = append(ans.Evidence, scoring.Evidence{Path: p, Name: fmt.Sprintf("执法台账%d.pdf", f+1), Size: int64(len("%PDF-1.4 佐证"))})
		}
		a.Answers[no] = ans
	}
	a.Narratives[scoring.NarrativeUnitApplication] = strings.Repeat("本单位坚持严格规范公正文明执法，全面落实三项制度。", 20+i%60)
	if i%2 == 0 {
		a.Narratives[scoring.NarrativeModelName] = []string{"王喆", "李娜", "张伟", "赵敏"}[i/2%4]
		a.Narratives[scoring.NarrativeModelPost] = "执法大队队长"
		a.Narratives[scoring.NarrativeModelCertificate] = fmt.Sprintf("61011300%04d", i)
		a.Narratives[scoring.NarrativeModelApplication] = strings.Repeat("该同志从事行政执法工作多年，执法规范，群众满意。", 10+i%40)
	}
	return a
}

// seedBureau imports n units of year into db as if from packages (digest, verified), the
// evidence files in dir. It returns their ids in order.
func seedBureau(t testing.TB, db *storage.DB, cat *scoring.Catalog, dir string, n, year int) []int64 {
	t.Helper()
	ids := make([]int64, n)
	for i := 0; i < n; i++ {
		a := seedUnit(t, cat, dir, i, year)
		rec := storage.PackageRecord{Digest: fmt.Sprintf("%08X%056d", i*7919+year, i), Verified: i%17 != 5,
			Source: fmt.Sprintf("E:\\报送包\\%s_%d", a.Unit.Name, year), ImportedAt: time.Date(2025, 3, 1, 9, 0, 0, 0, time.Local)}
		id, err := db.ImportPackage(a, rec, false)
		if err != nil {
			t.Fatalf("unit %d: %v", i, err)
		}
		ids[i] = id
	}
	return ids
}

// bureauEnv is a window on the bureau's side with n imported units of 2025.
func bureauEnv(t testing.TB, n int) (*env, *bureau, []int64) {
	t.Helper()
	e := newEnv(t)
	e.u.win.Resize(fyne.NewSize(1366, 768))
	ids := seedBureau(t, e.db, e.u.ws.Catalog(), t.TempDir(), n, 2025)
	b := newBureau(e.u.bureauDeps())
	b.show()
	e.pump(func() bool {
		select {
		case <-b.loaded:
			return true
		default:
			return false
		}
	})
	return e, b, ids
}

func rowNames(b *bureau) []string {
	var out []string
	for _, r := range b.rows {
		out = append(out, r.Unit.Name)
	}
	return out
}

// header is the table's header button of column c, as drawn.
func header(t *testing.T, b *bureau, c review.Column) *widget.Button {
	t.Helper()
	h := find(b.table, func(o fyne.CanvasObject) bool {
		x, ok := o.(*widget.Button)
		return ok && strings.HasPrefix(strings.ReplaceAll(x.Text, "\n", ""), c.Title()) // two lines
	})
	if h == nil {
		t.Fatalf("no header %q", c.Title())
	}
	return h.(*widget.Button)
}

func TestFirstRunChoosesBureauWithoutUnitForm(t *testing.T) {
	e := newEnv(t)
	e.u.Start()
	e.settle()
	if !strings.Contains(e.texts(), "区司法局复核") || !strings.Contains(e.texts(), "本单位自评") {
		t.Fatalf("the first screen does not offer both sides:\n%s", e.texts())
	}
	test.Tap(e.button("区司法局复核"))
	e.pump(func() bool { return strings.Contains(e.texts(), "尚未导入报送包") })
	if e.u.wiz != nil && e.u.wiz.form != nil {
		t.Fatal("the bureau's start shows the unit form")
	}
	if !strings.Contains(e.texts(), "各单位汇总") || !strings.Contains(e.texts(), "尚未导入报送包") {
		t.Fatalf("the bureau's table is not shown:\n%s", e.texts())
	}
	if units, _ := e.db.Units(); len(units) != 0 {
		t.Errorf("choosing the bureau created %d units", len(units))
	}
	// once units are imported, the next start opens on the bureau's side
	seedBureau(t, e.db, e.u.ws.Catalog(), "", 1, 2025)
	e.u.Start()
	e.pump(func() bool { return strings.Contains(e.texts(), "共 1 个单位") })
	if !strings.Contains(e.texts(), "各单位汇总") {
		t.Fatalf("the second start did not return to the bureau:\n%s", e.texts())
	}
	// and the bureau can do its own self-assessment in the same database
	test.Tap(e.button("本单位自评"))
	e.pump(func() bool { return e.u.wiz != nil }) // read off the UI goroutine
	if e.u.wiz == nil || e.u.wiz.form == nil {
		t.Fatal("本单位自评 from the bureau does not ask for the unit")
	}
}

func TestMainWindowReachesBureau(t *testing.T) {
	e := withAssessment(t)
	own := e.u.ws.ID()
	seedBureau(t, e.db, e.u.ws.Catalog(), "", 3, 2025)
	test.Tap(e.button("区司法局复核"))
	e.pump(func() bool { return strings.Contains(e.texts(), "共 3 个单位") })
	if !strings.Contains(e.texts(), "共 3 个单位") {
		t.Fatalf("the bureau's table:\n%s", e.texts())
	}
	test.Tap(e.button("本单位自评"))
	e.pump(func() bool { return e.u.check != nil }) // read off the UI goroutine
	if e.u.check == nil || e.u.ws.ID() != own {
		t.Fatalf("本单位自评 opened %d, want the unit's own %d", e.u.ws.ID(), own)
	}
}

func TestDatabaseOfImportedUnitsOpensOnBureau(t *testing.T) {
	e := newEnv(t)
	seedBureau(t, e.db, e.u.ws.Catalog(), "", 2, 2025)
	e.u.Start()
	e.pump(func() bool { return strings.Contains(e.texts(), "共 2 个单位") || e.u.check != nil })
	if e.u.check != nil || !strings.Contains(e.texts(), "共 2 个单位") {
		t.Fatalf("a database of imported units did not open on the bureau:\n%s", e.texts())
	}
}

func TestBureauTableSortsAndFilters(t *testing.T) {
	e, b, _ := bureauEnv(t, 12)
	if len(b.rows) != 12 {
		t.Fatalf("%d rows, want 12", len(b.rows))
	}
	// the ranking's order first: ranks never go down
	for i := 1; i < len(b.rows); i++ {
		if p, r := b.rows[i-1].Rank, b.rows[i].Rank; r != 0 && (p == 0 || r < p) {
			t.Fatalf("row %d rank %d after %d", i, r, p)
		}
	}
	test.Tap(header(t, b, review.ColUnit))
	want := rowNames(b)
	sorted := append([]string(nil), want...)
	for i := 1; i < len(sorted); i++ {
		if sorted[i-1] > sorted[i] {
			t.Fatalf("not sorted by 单位: %v", sorted)
		}
	}
	if h := header(t, b, review.ColUnit); !strings.HasSuffix(h.Text, "▲") {
		t.Errorf("header after one click %q", h.Text)
	}
	test.Tap(header(t, b, review.ColUnit))
	got := rowNames(b)
	for i := range got {
		if got[i] != want[len(want)-1-i] {
			t.Fatalf("second click does not reverse: %v", got)
		}
	}
	test.Tap(header(t, b, review.ColEvidence)) // most missing evidence first
	for _, r := range b.rows {
		if r.MissingEvidence > b.rows[0].MissingEvidence {
			t.Fatalf("佐证/缺失: %s misses %d, more than the first row's %d", r.Unit.Name, r.MissingEvidence, b.rows[0].MissingEvidence)
		}
	}
	if b.rows[0].MissingEvidence == 0 {
		t.Fatal("no unit misses evidence: the seed should make the odd ones miss a file")
	}
	test.Type(b.search, "应急")
	if len(b.rows) != 2 || !strings.Contains(b.rows[0].Unit.Name, "应急") {
		t.Fatalf("filter 应急: %v", rowNames(b))
	}
	if !strings.Contains(b.count.Text, "显示 2 个，共 12 个") {
		t.Errorf("count %q", b.count.Text)
	}
	b.search.SetText("")
	b.status.SetSelected(review.Done.String())
	if len(b.rows) != 0 {
		t.Errorf("%d rows 已复核, want 0", len(b.rows))
	}
	b.status.SetSelectedIndex(0)
	b.year.SetSelected("2025")
	if len(b.rows) != 12 {
		t.Errorf("%d rows of 2025, want 12", len(b.rows))
	}
	e.snap("bureau-table")
}

// TestBureauTable200Units: the table holds 200 units and draws only what is on screen.
func TestBureauTable200Units(t *testing.T) {
	e, b, _ := bureauEnv(t, 200)
	if len(b.rows) != 200 || !strings.Contains(b.count.Text, "共 200 个单位") {
		t.Fatalf("%d rows, %q", len(b.rows), b.count.Text)
	}
	labels := 0
	find(b.table, func(o fyne.CanvasObject) bool {
		if _, ok := o.(*widget.Label); ok {
			labels++
		}
		return false
	})
	if labels == 0 || labels > 40*int(review.NumColumns) {
		t.Errorf("%d cell labels built for 200 units: the table should build only the visible rows", labels)
	}
	test.Tap(header(t, b, review.ColReviewConv))
	for i := 1; i < len(b.rows); i++ {
		p, pok := b.rows[i-1].Converted()
		c, cok := b.rows[i].Converted()
		if cok && (!pok || c > p) {
			t.Fatalf("复核折算 not descending at row %d", i)
		}
	}
	test.Tap(header(t, b, review.ColReviewConv))
	test.Tap(header(t, b, review.ColReviewConv)) // back to descending for the picture
	e.snap("bureau-table-200")
}

// openReview opens unit id's review from the table and waits for it.
func openReview(t *testing.T, e *env, b *bureau, id int64) *unitReview {
	t.Helper()
	b.openUnit(id)
	e.pump(func() bool { return b.review != nil && b.review.id == id })
	return b.review
}

func TestReviewUnitKeepsUnitDataAndSaves(t *testing.T) {
	e, b, ids := bureauEnv(t, 3)
	id := ids[1]
	before, err := e.db.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	r := openReview(t, e, b, id)
	ind := r.inds[0]
	no := ind.Criteria[0].No
	k := r.cards[no]
	self := r.desk.Self[no]
	if k.score.Text != r.desk.ScoreText(no) || (self.Status == scoring.Scored && k.score.Text != self.Score.String()) {
		t.Fatalf("复核得分 box %q, self %v", k.score.Text, self)
	}
	selfTotal := r.desk.SelfResult.Overall.Score
	k.score.SetText("")
	test.Type(k.score, "99")
	if !strings.Contains(k.msg.Text(), "超过") || !strings.Contains(k.msg.Text(), "未保存") {
		t.Fatalf("out-of-range score message %q", k.msg.Text())
	}
	if r.desk.ReviewResult.Overall.Score != selfTotal {
		t.Fatal("a refused score changed the review total")
	}
	e.u.win.Canvas().Focus(k.score)
	k.score.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if e.u.win.Canvas().Focused() != k.score {
		t.Fatal("Enter on a refused 复核得分 moved on")
	}
	k.score.SetText("0")
	if k.msg.Text() != "" {
		t.Fatalf("message after a valid score: %q", k.msg.Text())
	}
	k.score.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if next := r.cards[ind.Criteria[1].No]; e.u.win.Canvas().Focused() != next.score {
		t.Error("Enter on an accepted 复核得分 does not move to the next criterion's")
	}
	e.flush()
	if rv, err := e.db.Review(id); err != nil || rv.Items[no] != (review.Item{No: no, Score: 0}) || rv.Status != review.InProgress {
		t.Fatalf("the typed 复核得分 was not saved: %+v %v", rv, err)
	}
	if got, want := r.desk.ReviewResult.Overall.Score, selfTotal-scoring.Clamp(self.Score, ind.Criteria[0].Points); self.Status == scoring.Scored && got != want {
		t.Fatalf("review total after the re-score %s, want %s", got, want)
	}
	if !strings.Contains(r.overall.Text, "改分 1 项") {
		t.Errorf("totals line after the re-score %q", r.overall.Text)
	}
	is, _ := r.desk.SelfResult.Lookup(ind.Code)
	iv, _ := r.desk.ReviewResult.Lookup(ind.Code)
	if want := fmt.Sprintf("三级指标“%s”：自评 %s/%s，复核 %s/%s", ind.Title, is.Score, is.Points, iv.Score, iv.Points); !strings.Contains(r.levels.Text(), want) || is.Score == iv.Score {
		t.Errorf("level totals %q, want a line %q", r.levels.Text(), want)
	}
	node := r.nav.CreateNode(false).(*fyne.Container)
	r.updateNode(ind.Code, false, node)
	if got, want := node.Objects[1].(*widget.Label).Text, fmt.Sprintf("%s→%s", is.Score, iv.Score); got != want {
		t.Errorf("the tree shows %q for the re-scored indicator, want %q", got, want)
	}
	test.Type(k.comment, "未见会议记录")
	want := selfTotal - r.desk.Outcome(no).Score
	if self.Status == scoring.Scored {
		want = selfTotal - scoring.Clamp(self.Score, ind.Criteria[0].Points)
	}
	if got := r.desk.ReviewResult.Overall.Score; got != want {
		t.Errorf("review total %s, want %s", got, want)
	}
	if !strings.Contains(r.overall.Text, "改分 1 项") {
		t.Errorf("totals line %q", r.overall.Text)
	}
	e.flush()
	rv, err := e.db.Review(id)
	if err != nil {
		t.Fatal(err)
	}
	if it := rv.Items[no]; it.Score != 0 || it.NA || it.Comment != "未见会议记录" || rv.Status != review.InProgress {
		t.Fatalf("stored review %+v status %v", it, rv.Status)
	}
	// the tree goes to another indicator and back
	r.nav.OnSelected(r.inds[1].Code)
	if r.cur != 1 || r.cards[r.inds[1].Criteria[0].No] == nil {
		t.Fatal("choosing the second indicator in the tree does not show its page")
	}
	r.nav.OnSelected(ind.Code)
	k = r.cards[no]
	if k.score.Text != "0" || k.comment.Text != "未见会议记录" {
		t.Fatalf("back on the page: score %q comment %q", k.score.Text, k.comment.Text)
	}
	// 同意本页自评 takes the self scores again; the comment stays
	test.Tap(e.button("同意本页自评"))
	e.flush()
	if rv, _ = e.db.Review(id); rv.Items[no].Score != scoring.Clamp(self.Score, ind.Criteria[0].Points) || rv.Items[no].Comment != "未见会议记录" {
		t.Errorf("after 同意: %+v", rv.Items[no])
	}
	if r.desk.ReviewResult.Overall.Score != selfTotal {
		t.Errorf("after 同意 the review total is %s, want the self total %s", r.desk.ReviewResult.Overall.Score, selfTotal)
	}
	// 已复核 needs a reviewer
	test.Tap(e.button("标记为已复核"))
	if !strings.Contains(e.texts(), "请先填写复核人") {
		t.Fatalf("marking done without a reviewer:\n%s", e.texts())
	}
	e.u.win.Canvas().Overlays().Top().Hide()
	test.Type(r.reviewer, "刘洋")
	test.Type(r.conclusion, "自评基本属实。")
	test.Tap(e.button("标记为已复核"))
	e.flush()
	if rv, _ = e.db.Review(id); rv.Status != review.Done || rv.Reviewer != "刘洋" || rv.Conclusion != "自评基本属实。" {
		t.Fatalf("stored review %q %q %v", rv.Reviewer, rv.Conclusion, rv.Status)
	}
	e.snap("bureau-review")
	// 取消已复核 of a recommended unit asks first, naming the marks; Esc and 取消 change nothing
	bu, err := e.db.BureauUnit(id)
	if err != nil {
		t.Fatal(err)
	}
	code, catID := bu.Assessment.Unit.CreditCode, bu.Assessment.Catalog.ID
	marks := review.Marks{Units: map[string]bool{code: true}, Persons: map[string]bool{code: true}}
	if err := e.db.SetMarks(bu.Assessment.Year, catID, marks); err != nil {
		t.Fatal(err)
	}
	c := e.u.win.Canvas()
	question := "该单位已被推荐为示范单位和执法标兵，取消已复核将同时取消推荐。"
	for _, answer := range []string{"Esc", "取消"} {
		test.Tap(e.button("取消已复核"))
		e.pump(func() bool {
			return c.Overlays().Top() != nil && strings.Contains(textsIn(c.Overlays().Top()), question)
		})
		if answer == "Esc" {
			pressKey(c, fyne.KeyEscape)
		} else {
			test.Tap(findButton(c.Overlays().Top(), "取消"))
		}
		e.flush()
		if c.Overlays().Top() != nil {
			t.Fatalf("%s left the question open", answer)
		}
		if m, _ := e.db.Marks(bu.Assessment.Year, catID); !reflect.DeepEqual(m, marks) {
			t.Fatalf("marks after %s on the question: %+v", answer, m)
		}
		if rv, _ = e.db.Review(id); rv.Status != review.Done || r.desk.Review.Status != review.Done || r.done.Text != "取消已复核" {
			t.Fatalf("after %s on the question: stored %v, shown %v, button %q", answer, rv.Status, r.desk.Review.Status, r.done.Text)
		}
	}
	// confirmed, storage removes the recommendation and the window says so
	test.Tap(e.button("取消已复核"))
	e.pump(func() bool {
		return c.Overlays().Top() != nil && strings.Contains(textsIn(c.Overlays().Top()), question)
	})
	test.Tap(findButton(c.Overlays().Top(), "取消已复核"))
	e.flush()
	e.pump(func() bool {
		return strings.Contains(e.texts(), "已取消其示范单位和执法标兵推荐，复核完成后可重新推荐")
	})
	if m, _ := e.db.Marks(bu.Assessment.Year, catID); len(m.Units) != 0 || len(m.Persons) != 0 {
		t.Errorf("marks after 取消已复核: %+v", m)
	}
	if rv, _ = e.db.Review(id); rv.Status != review.InProgress {
		t.Errorf("status after 取消已复核: %v", rv.Status)
	}
	e.u.win.Canvas().Overlays().Top().Hide()
	test.Tap(e.button("标记为已复核"))
	e.flush()
	// a unit not recommended leaves 已复核 at once, without a question
	test.Tap(e.button("取消已复核"))
	e.pump(func() bool { return r.desk.Review.Status == review.InProgress })
	if top := c.Overlays().Top(); top != nil {
		t.Errorf("取消已复核 of a unit not recommended asked: %s", textsIn(top))
	}
	e.flush()
	if rv, _ = e.db.Review(id); rv.Status != review.InProgress {
		t.Errorf("status after 取消已复核 of a unit not recommended: %v", rv.Status)
	}
	test.Tap(e.button("标记为已复核"))
	e.flush()
	after, err := e.db.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before.Answers, after.Answers) || !reflect.DeepEqual(before.Narratives, after.Narratives) || before.Unit != after.Unit {
		t.Fatal("reviewing changed the unit's own data")
	}
	test.Tap(e.button("返回汇总"))
	e.pump(func() bool { return len(b.rows) == 3 && rowByID(b, id).Status == review.Done })
}

func rowByID(b *bureau, id int64) review.Ranked {
	for _, r := range b.rows {
		if r.ID == id {
			return r
		}
	}
	return review.Ranked{}
}

func TestReviewEvidenceOpensImportedCopy(t *testing.T) {
	e, b, ids := bureauEnv(t, 2)
	var opened []string
	b.d.openFile = func(p string) { opened = append(opened, p) }
	r := openReview(t, e, b, ids[1]) // unit 1: its second file is missing
	if !strings.Contains(e.texts(), "缺失：执法台账2.pdf") {
		t.Fatalf("missing evidence not shown:\n%s", e.texts())
	}
	test.Tap(e.button("打开"))
	a, _ := e.db.Load(ids[1])
	first := a.Answers[r.inds[0].Criteria[0].No].Evidence[0].Path
	if len(opened) != 1 || opened[0] != first {
		t.Fatalf("opened %v, want %s", opened, first)
	}
}

func TestRankingRecommends(t *testing.T) {
	e, b, ids := bureauEnv(t, 4)
	b.showRanking()
	e.pump(func() bool { return b.rank != nil && b.rank.ready })
	rk := b.rank
	if rk == nil || len(rk.group().Units) != 4 {
		t.Fatal("ranking not shown")
	}
	top := rk.group().Units[0]
	// a unit whose review is not done cannot be recommended
	rk.mark(top.Unit.CreditCode, false, true)
	if !strings.Contains(e.texts(), "不能这样推荐") {
		t.Fatalf("recommending an unreviewed unit:\n%s", e.texts())
	}
	e.u.win.Canvas().Overlays().Top().Hide()
	for _, id := range ids {
		if err := e.db.SaveReviewMeta(id, "刘洋", "属实"); err != nil {
			t.Fatal(err)
		}
		if _, err := e.db.SetReviewStatus(id, review.Done); err != nil {
			t.Fatal(err)
		}
	}
	b.showRanking()
	e.pump(func() bool { return b.rank != rk && b.rank.ready })
	rk = b.rank
	top = rk.group().Units[0]
	rk.mark(top.Unit.CreditCode, false, true)
	second := rk.group().Units[1]
	rk.mark(second.Unit.CreditCode, false, true) // beyond the one place
	if !strings.Contains(e.texts(), "不能这样推荐") {
		t.Fatalf("a second 示范单位 with one place:\n%s", e.texts())
	}
	e.u.win.Canvas().Overlays().Top().Hide()
	var nominee review.Ranked
	for _, u := range rk.group().Units {
		if _, ok := rk.nominees[u.Unit.CreditCode]; ok {
			nominee = u
			break
		}
	}
	rk.mark(nominee.Unit.CreditCode, true, true)
	e.flush()
	m, err := e.db.Marks(2025, top.CatalogID)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Units[top.Unit.CreditCode] || m.Units[second.Unit.CreditCode] || !m.Persons[nominee.Unit.CreditCode] || len(m.Units) != 1 {
		t.Fatalf("stored marks %+v", m)
	}
	e.snap("bureau-ranking")
	rk.showNominee(nominee)
	txt := e.texts()
	n := rk.nominees[nominee.Unit.CreditCode]
	for _, want := range []string{n.Name, "执法大队队长", n.Certificate, fmt.Sprintf("%d 字（最少 %d 字）", n.Material.Chars, n.Material.Min), "2025 年度", "未导入该单位以前年度"} {
		if !strings.Contains(txt, want) {
			t.Errorf("标兵 view lacks %q:\n%s", want, txt)
		}
	}
	// places: refused beyond 0..99, stored otherwise
	rk.unitsN.SetText("100")
	rk.savePlaces()
	if !strings.Contains(e.texts(), "0 至 99") {
		t.Errorf("places 100 accepted:\n%s", e.texts())
	}
	e.u.win.Canvas().Overlays().Top().Hide()
	rk.unitsN.SetText("2")
	rk.savePlaces()
	e.pump(func() bool { return rk.places.Units == 2 })
	if p, _ := e.db.Places(); p.Units != 2 || p.Persons != 1 {
		t.Errorf("stored places %+v", p)
	}
}

// TestBureauImportStick imports a stick through the GUI: a valid folder, a valid zip, a tampered
// folder, a duplicate of an imported unit and a folder of notices; then 替换 the duplicate.
func TestBureauImportStick(t *testing.T) {
	e := newEnv(t)
	work, root := t.TempDir(), t.TempDir()
	spec := func(n int, unit string) packtest.Spec {
		return packtest.Spec{Unit: unit, Code: packtest.CreditCode(t, n), Year: 2024, Files: 2, Size: 4 << 10}
	}
	packtest.Package(t, work, filepath.Join(root, "甲"), spec(1, "甲区市场监督管理局"), false)
	packtest.Package(t, work, filepath.Join(root, "乙"), spec(2, "乙区城市管理执法局"), true)
	bad := packtest.Package(t, work, filepath.Join(root, "丙"), spec(3, "丙区应急管理局"), false)
	packtest.Tamper(t, bad.Path)
	dup := spec(4, "丁区交通运输局")
	early := packtest.Package(t, work, filepath.Join(work, "早先"), dup, false)
	packtest.Package(t, work, filepath.Join(root, "丁"), dup, true)
	os.MkdirAll(filepath.Join(root, "会议通知"), 0o755)
	os.WriteFile(filepath.Join(root, "会议通知", "通知.docx"), []byte("通知"), 0o644)
	// the bureau is itself a unit and fills in its own 2024 assessment; a package of that unit
	// on the stick is never offered to replace it
	own := spec(5, "戊区司法局")
	packtest.Package(t, work, filepath.Join(root, "戊"), own, false)
	uid, err := e.db.CreateUnit(scoring.Unit{Name: own.Unit, CreditCode: own.Code, Contact: "王喆", Phone: "029-85550123"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.CreateAssessment(uid, 2024, e.u.ws.Catalog()); err != nil {
		t.Fatal(err)
	}

	b := newBureau(e.u.bureauDeps())
	b.show()
	// the duplicate's unit was imported before, from elsewhere
	if res, err := b.d.store.ImportStick(context.Background(), []string{early.Path}, false, nil); err != nil || len(res) != 1 || res[0].Status != stickImported {
		t.Fatalf("importing the earlier package: %v %+v", err, res)
	}
	// … and reviewed (已复核) and recommended as 示范单位
	earlyID, _, err := e.db.FindAssessment(dup.Code, 2024)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.db.ApplyReview(earlyID, &review.Review{Reviewer: "刘洋", Status: review.Done}); err != nil {
		t.Fatal(err)
	}
	bu, err := e.db.BureauUnit(earlyID)
	if err != nil {
		t.Fatal(err)
	}
	catID := bu.Assessment.Catalog.ID
	if err := e.db.SetMarks(2024, catID, review.Marks{Units: map[string]bool{dup.Code: true}}); err != nil {
		t.Fatal(err)
	}
	b.importFrom(root)
	e.pump(func() bool {
		return strings.Contains(e.texts(), "导入结果") || strings.Contains(e.texts(), "共 5 个报送包")
	})
	txt := e.texts()
	// the window's own advice: its 替换 button, not the CLI's --replace
	if strings.Contains(txt, "命令行") || strings.Contains(txt, "--replace") || !strings.Contains(txt, "如要用本报送包替换，请点本行右侧的“替换”") {
		t.Errorf("a duplicate's line in the window:\n%s", txt)
	}
	for _, want := range []string{"共 5 个报送包：已导入 2 个，已拒绝 1 个，已导入过 2 个", "已导入过：戊区司法局 2024 年度（",
		"已导入：甲区市场监督管理局 2024 年度", "已导入：乙区城市管理执法局 2024 年度", "已拒绝：丙", "已导入过：丁区交通运输局 2024 年度"} {
		if !strings.Contains(txt, want) {
			t.Errorf("results lack %q:\n%s", want, txt)
		}
	}
	if strings.Contains(txt, "会议通知") {
		t.Errorf("a folder of notices got a result line:\n%s", txt)
	}
	e.pump(func() bool { return strings.Contains(b.count.Text, "共 3 个单位") })
	top := e.u.win.Canvas().Overlays().Top()
	replaceButtons := 0
	find(top, func(o fyne.CanvasObject) bool {
		if x, ok := o.(*dialogButton); ok && x.Text == "替换" {
			replaceButtons++
		}
		return false
	})
	if replaceButtons != 1 || findButton(top, "全部替换（2 个）") != nil {
		t.Errorf("%d 替换 buttons (want 1: the bureau's own assessment is never replaced)", replaceButtons)
	}
	before, _, _ := e.db.FindAssessment(dup.Code, 2024)
	test.Tap(e.button("替换"))
	test.Tap(e.button("替换")) // the confirmation
	e.pump(func() bool {
		return strings.Contains(e.texts(), "已导入 3 个，已拒绝 1 个，已导入过 1 个")
	})
	// the replace sent the 已复核 review back to 复核中: the recommendation is gone, the line says so
	if want := "已替换：丁区交通运输局 2024 年度（复核回到复核中，已取消其示范单位推荐，复核完成后可重新推荐）"; !strings.Contains(e.texts(), want) {
		t.Errorf("the replaced line lacks %q:\n%s", want, e.texts())
	}
	if m, _ := e.db.Marks(2024, catID); len(m.Units) != 0 {
		t.Errorf("marks after the replace: %+v", m)
	}
	after, ok, err := e.db.FindAssessment(dup.Code, 2024)
	if err != nil || !ok {
		t.Fatalf("replaced unit gone: %v", err)
	}
	rec, ok, err := e.db.Package(after)
	if err != nil || !ok || !strings.Contains(rec.Source, "丁") {
		t.Errorf("replaced unit's package record %+v %v %v (was id %d)", rec, ok, err, before)
	}
	e.snap("bureau-import")
}

// TestBureauImportCancel: 取消 stops the import; the result says so and nothing half-imported stays.
func TestBureauImportCancel(t *testing.T) {
	e := newEnv(t)
	work, root := t.TempDir(), t.TempDir()
	for i := 0; i < 3; i++ {
		packtest.Package(t, work, filepath.Join(root, fmt.Sprint(i)), packtest.Spec{Unit: fmt.Sprintf("第%d局", i), Code: packtest.CreditCode(t, 30+i), Year: 2024, Files: 1, Size: 1 << 10}, false)
	}
	b := newBureau(e.u.bureauDeps())
	b.show()
	store := &cancelingStore{bureauStore: b.d.store}
	b.d.store = store
	b.importFrom(root)
	e.pump(store.started)
	test.Tap(e.button("取消"))
	e.pump(func() bool { return strings.Contains(e.texts(), "导入已取消") })
	if !strings.Contains(e.texts(), "已取消") {
		t.Errorf("results after 取消:\n%s", e.texts())
	}
	units, err := e.db.BureauUnits(0)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		if u.Assessment == nil || len(u.Assessment.Answers) == 0 {
			t.Errorf("a half-imported unit stayed: %+v", u)
		}
	}
}

// cancelingStore holds the import until the test taps 取消, then imports with the cancelled context.
type cancelingStore struct {
	bureauStore
	cancel chan struct{}
	mu     sync.Mutex
}

func (s *cancelingStore) ImportStick(ctx context.Context, roots []string, replace bool, progress func(stickProgress)) ([]stickResult, error) {
	s.mu.Lock()
	s.cancel = make(chan struct{})
	s.mu.Unlock()
	<-ctx.Done() // the dialog's 取消 cancels ctx
	return s.bureauStore.ImportStick(ctx, roots, replace, progress)
}

func (s *cancelingStore) started() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cancel != nil
}

// TestSwitcherListsOnlyOwnAssessments: the units' packages the bureau imported are not offered
// for editing as the bureau's own self-assessment.
func TestSwitcherListsOnlyOwnAssessments(t *testing.T) {
	e := withAssessment(t)
	seedBureau(t, e.db, e.u.ws.Catalog(), "", 2, 2025)
	e.u.sw.showSwitcher()
	e.waitDialog("切换或新建自评") // the list is read off the UI goroutine
	txt := e.texts()
	if !strings.Contains(txt, "测试市喆玥堃执法局 · 2025 年度") {
		t.Fatalf("the own assessment is not listed:\n%s", txt)
	}
	for _, name := range bureauUnitNames[:2] {
		if strings.Contains(txt, name) {
			t.Errorf("the imported %s is offered as an own assessment:\n%s", name, txt)
		}
	}
}

// TestNomineeHistoryAndExport: the 标兵 view shows earlier years' converted scores, and the
// exports are written into the chosen folder off the UI goroutine.
func TestNomineeHistoryAndExport(t *testing.T) {
	e, b, _ := bureauEnv(t, 2)
	seedBureau(t, e.db, e.u.ws.Catalog(), "", 2, 2024) // the same two units, a year earlier
	b.showRanking()
	e.pump(func() bool { return b.rank != nil && b.rank.ready })
	rk := b.rank
	if len(rk.groups) != 2 || rk.group().Year != 2025 {
		t.Fatalf("groups %d, first of %d", len(rk.groups), rk.group().Year)
	}
	var unit0 review.Ranked
	for _, u := range rk.group().Units {
		if u.Unit.CreditCode == packtest.CreditCode(t, 1) {
			unit0 = u
		}
	}
	var old review.Ranked
	for _, u := range rk.groups[1].Units {
		if u.Unit.CreditCode == unit0.Unit.CreditCode {
			old = u
		}
	}
	conv, ok := old.Converted()
	if !ok {
		t.Fatal("the 2024 unit has no converted score")
	}
	rk.showNominee(unit0)
	if want := "2024 年度：" + conv.String(); !strings.Contains(e.texts(), want) {
		t.Fatalf("标兵 view lacks %q:\n%s", want, e.texts())
	}
	e.u.win.Canvas().Overlays().Top().Hide()
	dir := filepath.Join(t.TempDir(), "复核文件")
	b.exportTo(2025, unit0.CatalogID, dir)
	e.pump(func() bool {
		return strings.Contains(e.texts(), "导出完成") || strings.Contains(e.texts(), "导出复核文件失败")
	})
	if !strings.Contains(e.texts(), "导出完成") {
		t.Fatalf("export:\n%s", e.texts())
	}
	for _, name := range []string{"复核汇总表.xlsx", "推荐名单.pdf", "复核意见书"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s not written: %v", name, err)
		}
	}
}

// A 复核结论 or 复核意见 the storage would refuse (a control character pasted in, a conclusion over
// its limit) is refused as it is typed, with the reason in red under the field, and nothing is
// saved; fixing the text saves it. Before, the conclusion went to the saver (a bidi control was
// even stored) and an over-long one showed 保存失败…稍后自动重试 for ever.
func TestReviewRefusesTextsStorageRefuses(t *testing.T) {
	e, b, ids := bureauEnv(t, 1)
	id := ids[0]
	r := openReview(t, e, b, id)
	no := r.inds[0].Criteria[0].No
	k := r.cards[no]
	stored := func() review.Review {
		t.Helper()
		if err := e.u.ws.Flush(5 * time.Second); err != nil {
			t.Fatalf("a refused text went to the saver: %v", err)
		}
		rv, err := e.db.Review(id)
		if err != nil {
			t.Fatal(err)
		}
		return *rv
	}
	for _, bad := range []string{"自评属实\u202e", strings.Repeat("实", 20001)} {
		r.conclusion.SetText(bad)
		if s := textsIn(r.content); !strings.Contains(s, "复核结论") || !strings.Contains(s, "未保存") {
			t.Fatalf("no message for a refused 复核结论 (%d characters):\n%s", len([]rune(bad)), s)
		}
		if rv := stored(); rv.Conclusion != "" {
			t.Fatalf("a refused 复核结论 was stored: %q", rv.Conclusion)
		}
	}
	r.conclusion.SetText("自评属实。")
	if s := textsIn(r.content); strings.Contains(s, "未保存") {
		t.Fatalf("the message stays after the text was fixed:\n%s", s)
	}
	if rv := stored(); rv.Conclusion != "自评属实。" {
		t.Fatalf("the fixed 复核结论 was not stored: %q", rv.Conclusion)
	}

	for _, bad := range []string{"未见记录\u202e", strings.Repeat("记", review.MaxComment+1)} {
		k.comment.SetText(bad)
		if s := textsIn(r.content); !strings.Contains(s, "复核意见") || !strings.Contains(s, "意见未保存") {
			t.Fatalf("no message for a refused 复核意见 (%d characters):\n%s", len([]rune(bad)), s)
		}
		if rv := stored(); rv.Items[no].Comment != "" {
			t.Fatalf("a refused 复核意见 was stored (%d characters)", len([]rune(rv.Items[no].Comment)))
		}
	}
	k.comment.SetText("未见记录")
	if s := textsIn(r.content); strings.Contains(s, "未保存") {
		t.Fatalf("the message stays after the comment was fixed:\n%s", s)
	}
	if rv := stored(); rv.Items[no].Comment != "未见记录" {
		t.Fatalf("the fixed 复核意见 was not stored: %+v", rv.Items[no])
	}
}

// All thirteen columns of the 汇总 table fit a 1280-pixel window (the default window on a
// 1366×768 screen), each as wide as its widest text and header; the 单位 column takes what is left,
// so unit names show whole on a 1920-px screen, and never gets narrower than unitMinWidth; when
// they fit, they end at the table's right edge (the last one takes the scroll bar's strip).
func TestBureauColumnsFitTheWindow(t *testing.T) {
	e, b, _ := bureauEnv(t, 200)
	test.Tap(header(t, b, review.ColCounts)) // the widest header, with its sort arrow
	for _, c := range []struct {
		window       float32
		unitAtLeast  float32
		sidewaysFits bool
	}{
		{1280, 200, true},
		{1366, 280, true},
		{1920, 800, true},
		{900, unitMinWidth, false},
	} {
		e.u.win.Resize(fyne.NewSize(c.window, 700))
		tw := b.table.Size().Width
		sum := -theme.Padding() // the columns and the paddings between them
		for col, w := range b.widths {
			sum += w + theme.Padding()
			if col == int(review.ColUnit) {
				continue
			}
			if need := headerWidth(b.headerText(review.Column(col))); w < need {
				t.Errorf("window %.0f: column %d is %.0f wide, its header needs %.0f", c.window, col, w, need)
			}
			if w < b.measured[col] {
				t.Errorf("window %.0f: column %d is %.0f wide, its widest cell needs %.0f", c.window, col, w, b.measured[col])
			}
		}
		if u := b.widths[review.ColUnit]; u < c.unitAtLeast || u < unitMinWidth {
			t.Errorf("window %.0f: 单位 column %.0f, want at least %.0f", c.window, u, c.unitAtLeast)
		}
		if fits := sum <= tw+0.5; fits != c.sidewaysFits {
			t.Errorf("window %.0f (table %.0f): columns take %.0f, fit %v, want %v", c.window, tw, sum, fits, c.sidewaysFits)
		}
		if c.sidewaysFits && sum < tw-0.5 { // the row cursor's background spans the row
			t.Errorf("window %.0f (table %.0f): columns end %.0f px short of the right edge", c.window, tw, tw-sum)
		}
	}
	e.u.win.Resize(fyne.NewSize(1280, 700))
	e.snap("bureau-table-1280")
}

func TestFitColumns(t *testing.T) {
	var base [review.NumColumns]float32
	for c := range base {
		base[c] = 50
	}
	base[review.ColUnit] = 0
	// 12 columns of 50, 13 paddings of 4, a scroll bar of 12: 664 before the 单位 column; the
	// last column (复核状态) takes the scroll bar and the padding at the right end when the columns
	// fit, so the row cursor's background reaches the table's right edge (it stopped 16 px short)
	last := review.NumColumns - 1
	for _, c := range []struct{ total, unit, last float32 }{
		{1000, 336, 66}, {700, unitMinWidth, 50}, {664 + unitMinWidth, unitMinWidth, 66}, {664 + unitMinWidth - 10, unitMinWidth, 56},
	} {
		got := fitColumns(base, c.total, 4, 12)
		if got[review.ColUnit] != c.unit || got[review.ColRank] != 50 || got[last] != c.last {
			t.Errorf("fitColumns(%.0f) = %v, want 单位 %.0f, 复核状态 %.0f", c.total, got, c.unit, c.last)
		}
		span := float32(len(got)-1) * 4 // the paddings between the columns
		for _, w := range got {
			span += w
		}
		if fits := c.total-4-12 >= 664-16+unitMinWidth; fits && span != c.total {
			t.Errorf("fitColumns(%.0f): the columns span %.0f, not the whole table", c.total, span)
		}
	}
}

// TestBureauExportProgressAndCancel: 导出复核文件 shows 第 k/n 家 under a progress bar; 取消 stops
// it, says so, and leaves no file (the folder the export would have created is not there).
func TestBureauExportProgressAndCancel(t *testing.T) {
	e, b, _ := bureauEnv(t, 2)
	store := &holdingExport{bureauStore: b.d.store, at: make(chan struct{})}
	b.d.store = store
	dir := filepath.Join(t.TempDir(), "复核文件")
	b.exportTo(2025, b.rows[0].CatalogID, dir)
	<-store.at // the first 复核意见书 is about to be written
	e.pump(func() bool { return strings.Contains(e.texts(), "第 1/2 家") })
	test.Tap(e.button("取消"))
	e.pump(func() bool { return strings.Contains(e.texts(), "导出已取消") })
	if s := e.texts(); !strings.Contains(s, "没有写入任何文件") || strings.Contains(s, "导出复核文件失败") {
		t.Errorf("after 取消:\n%s", s)
	}
	if _, err := os.Stat(dir); err == nil {
		ents, _ := os.ReadDir(dir)
		t.Errorf("a canceled export left %s: %v", dir, ents)
	}
}

// holdingExport holds the export at its first 复核意见书 until the test taps 取消.
type holdingExport struct {
	bureauStore
	at chan struct{}
}

func (s *holdingExport) ExportReview(ctx context.Context, year int, catalogID, dir string, progress func(xbureau.Progress)) ([]string, error) {
	return s.bureauStore.ExportReview(ctx, year, catalogID, dir, func(p xbureau.Progress) {
		progress(p)
		if p.Unit == 1 {
			close(s.at)
			<-ctx.Done() // the dialog's 取消 cancels ctx
		}
	})
}

func TestExportProgressText(t *testing.T) {
	for _, c := range []struct {
		p    xbureau.Progress
		want string
	}{
		{xbureau.Progress{Done: 0, Total: 5, Units: 3, Name: "复核汇总表.xlsx"}, "正在写入复核汇总表.xlsx（共 3 家单位）"},
		{xbureau.Progress{Done: 3, Total: 5, Unit: 2, Units: 3, Name: "雁塔区档案馆"}, "正在写入复核意见书：第 2/3 家（雁塔区档案馆）"},
		{xbureau.Progress{Done: 5, Total: 5, Units: 3}, "正在完成…"},
	} {
		if got := exportProgressText(c.p); got != c.want {
			t.Errorf("exportProgressText(%+v) = %q, want %q", c.p, got, c.want)
		}
	}
}

func TestMoveRow(t *testing.T) {
	for _, c := range []struct {
		cur, n, page int
		key          fyne.KeyName
		want         int
		ok           bool
	}{
		{-1, 10, 5, fyne.KeyDown, 0, true},
		{-1, 10, 5, fyne.KeyUp, 0, true},
		{-1, 10, 5, fyne.KeyPageDown, 0, true},
		{-1, 10, 5, fyne.KeyEnd, 9, true},
		{0, 10, 5, fyne.KeyDown, 1, true},
		{0, 10, 5, fyne.KeyUp, 0, true},
		{9, 10, 5, fyne.KeyDown, 9, true},
		{3, 10, 5, fyne.KeyPageDown, 8, true},
		{8, 10, 5, fyne.KeyPageDown, 9, true},
		{8, 10, 5, fyne.KeyPageUp, 3, true},
		{3, 10, 5, fyne.KeyPageUp, 0, true},
		{3, 10, 0, fyne.KeyPageDown, 4, true}, // a table too small for a page still moves
		{5, 10, 5, fyne.KeyHome, 0, true},
		{5, 10, 5, fyne.KeyEnd, 9, true},
		{5, 10, 5, fyne.KeyLeft, 5, false},
		{5, 10, 5, fyne.KeyA, 5, false},
		{-1, 0, 5, fyne.KeyDown, -1, false},
	} {
		if got, ok := moveRow(c.cur, c.n, c.page, c.key); got != c.want || ok != c.ok {
			t.Errorf("moveRow(%d, %d, %d, %s) = %d, %v; want %d, %v", c.cur, c.n, c.page, c.key, got, ok, c.want, c.ok)
		}
	}
}

// visibleNames are the unit names the table has drawn (only rows on screen have cells).
func visibleNames(b *bureau) map[string]bool {
	out := map[string]bool{}
	find(b.table, func(o fyne.CanvasObject) bool {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			out[l.Text] = true
		}
		return false
	})
	return out
}

// TestBureauTableKeyboard: the table holds the focus when shown; ↓/↑, PageDown/PageUp, Home/End
// move the row cursor and keep its row on screen, the line under the table names the unit in
// full; 回车 opens that unit's review, Esc (nothing focused) or Backspace returns to the table
// with the cursor still on the unit.
func TestBureauTableKeyboard(t *testing.T) {
	e, b, _ := bureauEnv(t, 60)
	c := e.u.win.Canvas()
	if c.Focused() != b.table {
		t.Fatalf("the table does not hold the focus: %T", c.Focused())
	}
	key := func(k fyne.KeyName) {
		t.Helper()
		c.Focused().TypedKey(&fyne.KeyEvent{Name: k})
	}
	key(fyne.KeyDown)
	if b.cursorRow() != 0 || !strings.Contains(b.selected.Text, b.rows[0].Unit.Name) || !strings.Contains(b.selected.Text, "已选第 1 行") {
		t.Fatalf("↓ from no row: row %d, %q", b.cursorRow(), b.selected.Text)
	}
	key(fyne.KeyDown)
	key(fyne.KeyDown)
	key(fyne.KeyUp)
	if b.cursorRow() != 1 {
		t.Fatalf("↓↓↑: row %d, want 1", b.cursorRow())
	}
	page := b.pageRows()
	if page < 5 {
		t.Fatalf("a 1366×768 window pages by %d rows", page)
	}
	key(fyne.KeyPageDown)
	if b.cursorRow() != 1+page {
		t.Fatalf("PageDown: row %d, want %d", b.cursorRow(), 1+page)
	}
	if !visibleNames(b)[b.rows[1+page].Unit.Name] {
		t.Errorf("PageDown: row %d is not on screen", 1+page)
	}
	key(fyne.KeyEnd)
	last := len(b.rows) - 1
	if b.cursorRow() != last || !visibleNames(b)[b.rows[last].Unit.Name] {
		t.Fatalf("End: row %d (want %d), on screen %v", b.cursorRow(), last, visibleNames(b)[b.rows[last].Unit.Name])
	}
	// the cursor's row, and only it, has the selection background in every column
	sel, marked := theme.Color(theme.ColorNameSelection), 0
	find(b.table, func(o fyne.CanvasObject) bool {
		if r, ok := o.(*canvas.Rectangle); ok && r.Visible() && r.FillColor == sel && r.Size().Width > 0 {
			marked++
		}
		return false
	})
	if marked != int(review.NumColumns) {
		t.Errorf("%d cells drawn with the cursor's background, want %d (one row)", marked, review.NumColumns)
	}
	e.snap("bureau-table-keyboard")
	key(fyne.KeyHome)
	if b.cursorRow() != 0 || !visibleNames(b)[b.rows[0].Unit.Name] {
		t.Fatalf("Home: row %d, %q on screen: %v", b.cursorRow(), b.rows[0].Unit.Name, visibleNames(b))
	}
	key(fyne.KeyPageDown)
	key(fyne.KeyPageUp)
	if b.cursorRow() != 0 {
		t.Fatalf("PageDown PageUp: row %d", b.cursorRow())
	}
	key(fyne.KeyDown)
	key(fyne.KeyDown)
	want := b.rows[2]
	key(fyne.KeyReturn)
	e.pump(func() bool { return b.review != nil && b.review.id == want.ID && e.u.win.Content() == b.review.content })
	// with a dialog open over the review, Backspace (and Esc, which closes the dialog) stay there
	showInfo(e.u.win, "提示", "对话框")
	c.Unfocus()
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if e.u.win.Content() != b.review.content {
		t.Fatal("Backspace under a dialog left the review")
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.u.win.Content() != b.review.content || c.Overlays().Top() != nil {
		t.Fatalf("Esc under a dialog: still on the review %v, dialog open %v", e.u.win.Content() == b.review.content, c.Overlays().Top() != nil)
	}
	for _, k := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyBackspace} {
		c.Unfocus()
		c.OnTypedKey()(&fyne.KeyEvent{Name: k})
		e.pump(func() bool { return e.u.win.Content() == b.content })
		if c.Focused() != b.table || b.cursorRow() < 0 || b.rows[b.cursorRow()].ID != want.ID {
			t.Fatalf("%s back from the review: focus %T, cursor on row %d", k, c.Focused(), b.cursorRow())
		}
		// keys with a dialog open over the table leave the table alone (回车 would open a unit
		// behind the dialog)
		showInfo(e.u.win, "提示", "对话框")
		c.Unfocus()
		row := b.cursorRow()
		c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDown})
		c.Overlays().Top().Hide()
		if b.cursorRow() != row {
			t.Fatalf("↓ under a dialog moved the cursor from row %d to %d", row, b.cursorRow())
		}
		c.Focus(b.table)
		key(fyne.KeyEnter)
		e.pump(func() bool { return e.u.win.Content() == b.review.content && b.review.id == want.ID })
	}
	// from the filter box, ↓ goes on to the first row it shows
	b.review.back()
	e.pump(func() bool { return e.u.win.Content() == b.content })
	c.Focus(b.search)
	test.Type(b.search, "应急")
	b.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if c.Focused() != b.table || b.cursorRow() != 0 || !strings.Contains(b.rows[0].Unit.Name, "应急") {
		t.Fatalf("↓ in the filter box: focus %T, cursor on row %d of %v", c.Focused(), b.cursorRow(), rowNames(b))
	}
	key(fyne.KeyReturn)
	e.pump(func() bool { return e.u.win.Content() == b.review.content && b.review.id == b.rows[0].ID })
	// keys typed in a field of the review are the field's: Backspace deletes, it does not go back
	k := b.review.cards[b.review.inds[0].Criteria[0].No]
	c.Focus(k.comment)
	k.comment.SetText("")
	test.Type(k.comment, "未见记录")
	k.comment.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if e.u.win.Content() != b.review.content || k.comment.Text != "未见记" {
		t.Errorf("Backspace in a field: %q, still on the review %v", k.comment.Text, e.u.win.Content() == b.review.content)
	}
}

// BenchmarkBureauCursorKey is one ↓ or ↑ in the 汇总 table of 200 units at 1366×768: the cursor
// moved, the row scrolled into view (Table.ScrollTo), the table and the line under it redrawn.
func BenchmarkBureauCursorKey(b *testing.B) {
	_, bu, _ := bureauEnv(b, 200)
	keys := []fyne.KeyName{fyne.KeyDown, fyne.KeyUp}
	bu.tableKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	m := startCPU(b)
	for i := 0; i < b.N; i++ {
		// 30 rows down, 30 up: the view scrolls both ways
		bu.tableKey(&fyne.KeyEvent{Name: keys[i/30%2]})
	}
	m.report()
}

// TestBureauNameSetOnRankingPage: the 区司法局's name printed on 复核汇总表 and 推荐名单 can be
// set in the program (it could only be given to sanxiang-cli review export --bureau, so the
// documents exported from the window always read "（未填写区司法局名称）"); a name the rule
// refuses is explained and nothing is stored.
func TestBureauNameSetOnRankingPage(t *testing.T) {
	e, b, _ := bureauEnv(t, 2)
	b.showRanking()
	e.pump(func() bool { return b.rank != nil && b.rank.ready })
	rk := b.rank
	rk.bureauN.SetText("  西安市雁塔区司法局 ")
	test.Tap(e.button("保存名称"))
	e.pump(func() bool { name, _ := e.db.BureauName(); return name == "西安市雁塔区司法局" })
	e.waitDialog("区司法局名称已保存")
	e.u.win.Canvas().Overlays().Top().Hide()
	rk.bureauN.SetText(strings.Repeat("局", review.MaxBureauName+1))
	test.Tap(e.button("保存名称"))
	if !strings.Contains(e.texts(), "区司法局名称过长") {
		t.Errorf("a too long name is not explained:\n%s", e.texts())
	}
	if name, _ := e.db.BureauName(); name != "西安市雁塔区司法局" {
		t.Errorf("stored name %q after a refused one", name)
	}
	// the page shows the stored name when it is opened again
	e.u.win.Canvas().Overlays().Top().Hide()
	b.showRanking()
	e.pump(func() bool { return b.rank != rk && b.rank != nil && b.rank.ready })
	if got := b.rank.bureauN.Text; got != "西安市雁塔区司法局" {
		t.Errorf("name field shows %q", got)
	}
}
