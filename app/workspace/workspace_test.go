package workspace

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"sanxiang/scoring"
	"sanxiang/storage"
)

// fakeStore keeps assessments in memory and records every write, as "key" strings.
type fakeStore struct {
	cat *scoring.Catalog

	mu      sync.Mutex
	writes  []string
	written chan string // every write, also sent here when not nil
	status  map[int64]storage.Status
	answers map[int64]map[int]scoring.Answer
}

func newFakeStore(t *testing.T) *fakeStore {
	t.Helper()
	set, err := scoring.BuiltinSet()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := set.Default()
	if err != nil {
		t.Fatal(err)
	}
	return &fakeStore{cat: cat, written: make(chan string, 100), status: map[int64]storage.Status{},
		answers: map[int64]map[int]scoring.Answer{
			1: {},
			2: {1: {No: 1, Status: scoring.Scored, Score: 5}},
		}}
}

func (s *fakeStore) record(w string) error {
	s.mu.Lock()
	s.writes = append(s.writes, w)
	s.mu.Unlock()
	s.written <- w
	return nil
}

func (s *fakeStore) got() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := append([]string(nil), s.writes...)
	sort.Strings(out)
	return out
}

func (s *fakeStore) AssessmentInfo(id int64) (storage.AssessmentInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.answers[id]; !ok {
		return storage.AssessmentInfo{}, storage.ErrNotFound
	}
	return storage.AssessmentInfo{ID: id, UnitID: 10, Year: 2024 + int(id), Status: s.status[id], CatalogHash: s.cat.Hash}, nil
}

func (s *fakeStore) Load(id int64) (*scoring.Assessment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ans := map[int]scoring.Answer{}
	for no, a := range s.answers[id] {
		ans[no] = a
	}
	return &scoring.Assessment{Catalog: s.cat, Answers: ans, Narratives: map[string]string{}}, nil
}

func (s *fakeStore) Unit(id int64) (storage.UnitRecord, error) {
	return storage.UnitRecord{ID: id, Unit: scoring.Unit{Name: "测试局"}}, nil
}

func (s *fakeStore) SaveAnswer(id int64, a scoring.Answer) error {
	return s.record(fmt.Sprintf("a/%d/%d=%s %s", id, a.No, a.Status, a.Note))
}

func (s *fakeStore) SaveNarrative(id int64, key, text string) error {
	return s.record(fmt.Sprintf("n/%d/%s=%s", id, key, text))
}

func (s *fakeStore) UpdateUnit(id int64, u scoring.Unit) error {
	return s.record(fmt.Sprintf("u/%d=%s", id, u.Name))
}

func (s *fakeStore) Finalize(id int64) error {
	s.mu.Lock()
	s.status[id] = storage.StatusFinal
	s.mu.Unlock()
	return nil
}

func (s *fakeStore) Unlock(id int64) error {
	s.mu.Lock()
	s.status[id] = storage.StatusDraft
	s.mu.Unlock()
	return nil
}

// direct runs posted work at once (the tests are the UI goroutine).
type direct struct {
	mu sync.Mutex
	q  []func()
}

func (d *direct) post(f func()) {
	d.mu.Lock()
	d.q = append(d.q, f)
	d.mu.Unlock()
}

// run runs what the saver posted so far.
func (d *direct) run() {
	d.mu.Lock()
	q := d.q
	d.q = nil
	d.mu.Unlock()
	for _, f := range q {
		f()
	}
}

// open makes a workspace (writes only when flushed or triggered) on assessment id.
func open(t *testing.T, st *fakeStore, id int64) (*Workspace, *direct, *[]Change) {
	t.Helper()
	d := &direct{}
	w := New(st, st.cat, d.post, Options{Delay: time.Hour, Retry: time.Hour})
	t.Cleanup(w.Stop)
	var seen []Change
	w.Watch(func(c Change) { seen = append(seen, c) })
	if err := openID(w, id); err != nil {
		t.Fatal(err)
	}
	return w, d, &seen
}

// openID reads assessment id and shows it, as the window does.
func openID(w *Workspace, id int64) error {
	s, err := w.Read(id)
	if err != nil {
		return err
	}
	w.Show(s)
	return nil
}

// reload reads the open assessment again and refreshes it, as after 定稿.
func reload(w *Workspace) error {
	s, err := w.Read(w.ID())
	if err != nil {
		return err
	}
	w.Refresh(s)
	return nil
}

func kinds(cs []Change) string {
	var b []string
	for _, c := range cs {
		b = append(b, fmt.Sprintf("%d:%d", c.Kind, c.No))
	}
	return strings.Join(b, " ")
}

func TestEditRescoresAndNotifies(t *testing.T) {
	st := newFakeStore(t)
	w, _, seen := open(t, st, 1)
	ref, _ := w.Catalog().Criterion(3)
	full := ref.Criterion.Points
	if w.Result().Overall.Score != 0 || w.Page() != 0 {
		t.Fatalf("fresh: score %s page %d", w.Result().Overall.Score, w.Page())
	}
	cases := []struct {
		name   string
		no     int
		change func(a *scoring.Answer)
		want   string // the changes, "kind:no"
		score  scoring.Tenths
	}{
		{"score", 3, func(a *scoring.Answer) { a.Status, a.Score = scoring.Scored, full },
			fmt.Sprintf("%d:0 %d:3", ResultChanged, AnswerChanged), full},
		{"text only: no rescore", 3, func(a *scoring.Answer) { a.Note = "说明" },
			fmt.Sprintf("%d:3", AnswerChanged), full},
		{"evidence: rescore (problems change)", 3, func(a *scoring.Answer) {
			a.Evidence = append(a.Evidence, scoring.Evidence{Path: "/x/a.pdf", Name: "a.pdf"})
		}, fmt.Sprintf("%d:0 %d:3", ResultChanged, AnswerChanged), full},
		{"N/A", 4, func(a *scoring.Answer) { a.Status, a.NAReason = scoring.NA, "无此职能" },
			fmt.Sprintf("%d:0 %d:4", ResultChanged, AnswerChanged), full},
		{"back to 未评", 3, func(a *scoring.Answer) { a.Status, a.Score = scoring.Unanswered, 0 },
			fmt.Sprintf("%d:0 %d:3", ResultChanged, AnswerChanged), 0},
	}
	for _, c := range cases {
		*seen = nil
		if err := w.EditAnswer(c.no, c.change); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := kinds(*seen); got != c.want {
			t.Errorf("%s: changes %q, want %q", c.name, got, c.want)
		}
		if got := w.Result().Overall.Score; got != c.score {
			t.Errorf("%s: total %s, want %s", c.name, got, c.score)
		}
		if got := scoring.Score(w.Catalog(), w.Answers()).Overall; got != w.Result().Overall {
			t.Errorf("%s: result %+v differs from the answers' score %+v", c.name, w.Result().Overall, got)
		}
	}
	if (*seen)[len(*seen)-1].Evidence {
		t.Error("a status change reported an evidence change")
	}
	*seen = nil
	w.EditAnswer(3, func(a *scoring.Answer) { a.Evidence = nil })
	if last := (*seen)[len(*seen)-1]; last.Kind != AnswerChanged || !last.Evidence {
		t.Errorf("evidence removal: %+v", last)
	}
	if err := w.EditAnswer(9999, func(a *scoring.Answer) {}); err == nil {
		t.Error("an edit of a criterion the catalog lacks was accepted")
	}
}

func TestEmptyAnswerIsRemoved(t *testing.T) {
	st := newFakeStore(t)
	w, _, _ := open(t, st, 2)
	w.EditAnswer(1, func(a *scoring.Answer) { a.Status, a.Score = scoring.Unanswered, 0 })
	if _, ok := w.Answers()[1]; ok {
		t.Error("an empty answer stays in the map")
	}
}

// The saver keys: one pending write per criterion, material and unit, per assessment; the
// last text typed wins.
func TestSaverKeys(t *testing.T) {
	st := newFakeStore(t)
	w, _, _ := open(t, st, 1)
	w.EditAnswer(1, func(a *scoring.Answer) { a.Note = "一" })
	w.EditAnswer(1, func(a *scoring.Answer) { a.Note = "一二" })
	w.EditAnswer(2, func(a *scoring.Answer) { a.Note = "二" })
	w.EditNarrative(scoring.NarrativeWorkSummary, "总")
	w.EditNarrative(scoring.NarrativeWorkSummary, "总结")
	w.EditUnit(scoring.Unit{Name: "新名"})
	if err := w.Flush(time.Second); err != nil {
		t.Fatal(err)
	}
	want := []string{"a/1/1=未评 一二", "a/1/2=未评 二", "n/1/" + scoring.NarrativeWorkSummary + "=总结", "u/10=新名"}
	sort.Strings(want)
	if got := st.got(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("writes %q, want %q", got, want)
	}
	if w.Unit().Name != "新名" {
		t.Error("unit not changed on screen")
	}
}

// Writes queued from outside the assessment share the saver: coalesced by key, in order with
// the edits, written by one Flush — also while the assessment is read-only or none is open.
func TestQueueSharesTheSaver(t *testing.T) {
	st := newFakeStore(t)
	w := New(st, st.cat, func(func()) {}, Options{Delay: time.Hour, Retry: time.Hour})
	defer w.Stop()
	w.Queue("rm/1", "复核结论", func() error { return st.record("rm/1=旧") })
	w.Queue("rm/1", "复核结论", func() error { return st.record("rm/1=新") })
	if err := openID(w, 1); err != nil {
		t.Fatal(err)
	}
	w.EditAnswer(1, func(a *scoring.Answer) { a.Note = "x" })
	if err := w.Flush(time.Second); err != nil {
		t.Fatal(err)
	}
	want := []string{"a/1/1=未评 x", "rm/1=新"}
	if got := st.got(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("writes %q, want %q", got, want)
	}
}

func TestReadOnlyRefusesEdits(t *testing.T) {
	st := newFakeStore(t)
	w, _, seen := open(t, st, 1)
	if err := w.StatusJob(true)(); err != nil {
		t.Fatal(err)
	}
	if err := reload(w); err != nil {
		t.Fatal(err)
	}
	if !w.ReadOnly() {
		t.Fatal("not read-only after 定稿")
	}
	*seen = nil
	before := w.Result()
	for name, err := range map[string]error{
		"answer":    w.EditAnswer(1, func(a *scoring.Answer) { a.Status, a.Score = scoring.Scored, 1 }),
		"narrative": w.EditNarrative(scoring.NarrativeWorkSummary, "x"),
		"unit":      w.EditUnit(scoring.Unit{Name: "x"}),
	} {
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s: %v, want ErrReadOnly", name, err)
		}
	}
	if len(*seen) != 0 || w.Result().Overall != before.Overall || len(w.Answers()) != 0 || w.Narrative(scoring.NarrativeWorkSummary) != "" || w.Unit().Name != "测试局" {
		t.Errorf("a refused edit changed something: %s", kinds(*seen))
	}
	if err := w.Flush(time.Second); err != nil || len(st.got()) != 0 {
		t.Errorf("a refused edit was written: %v %v", st.got(), err)
	}
	if err := w.StatusJob(false)(); err != nil {
		t.Fatal(err)
	}
	reload(w)
	if w.ReadOnly() || w.EditAnswer(1, func(a *scoring.Answer) { a.Note = "可改" }) != nil {
		t.Error("解除定稿 does not allow edits again")
	}
}

func TestNothingOpenRefusesEdits(t *testing.T) {
	st := newFakeStore(t)
	w := New(st, st.cat, func(func()) {}, Options{Delay: time.Hour, Retry: time.Hour})
	defer w.Stop()
	if err := w.EditAnswer(1, func(a *scoring.Answer) {}); !errors.Is(err, ErrNoAssessment) {
		t.Errorf("edit without an assessment: %v", err)
	}
	if w.ReadOnly() || w.IsOpen() {
		t.Error("an empty workspace is open or read-only")
	}
}

// Switching writes the edits of the assessment being left at once (with their own id), without
// waiting for the debounce (an hour here), and shows the new one from its own data.
func TestSwitchingFlushes(t *testing.T) {
	st := newFakeStore(t)
	w, _, seen := open(t, st, 1)
	w.EditAnswer(7, func(a *scoring.Answer) { a.Note = "离开前输入" })
	*seen = nil
	if err := openID(w, 2); err != nil {
		t.Fatal(err)
	}
	select {
	case got := <-st.written:
		if got != "a/1/7=未评 离开前输入" {
			t.Errorf("wrote %q", got)
		}
	case <-time.After(10 * time.Second): // a failure guard, not a speed target
		t.Fatal("the edit of the assessment left was not written on switching")
	}
	if kinds(*seen) != fmt.Sprintf("%d:0", Switched) {
		t.Errorf("changes %s", kinds(*seen))
	}
	if w.ID() != 2 || w.Answer(7).Note != "" || w.Result().Overall.Score != 5 || w.Info().Year != 2026 {
		t.Errorf("after switching: id %d, answer %+v, score %s", w.ID(), w.Answer(7), w.Result().Overall.Score)
	}
}

func TestPageAndFirstOpenPage(t *testing.T) {
	st := newFakeStore(t)
	first := st.cat.Indicators()[0]
	for _, cr := range first.Criteria {
		st.answers[1][cr.No] = scoring.Answer{No: cr.No, Status: scoring.Scored, Score: 0}
	}
	w, _, seen := open(t, st, 1)
	if w.Page() != 1 {
		t.Errorf("opened on page %d, want 1 (the first with an unscored criterion)", w.Page())
	}
	*seen = nil
	w.SetPage(5)
	w.SetPage(-1)
	w.SetPage(len(w.Indicators()))
	if w.Page() != 5 || kinds(*seen) != fmt.Sprintf("%d:5", PageChanged) {
		t.Errorf("page %d, changes %s", w.Page(), kinds(*seen))
	}
	w.StatusJob(true)()
	reload(w)
	if w.Page() != 5 {
		t.Errorf("reload moved the page to %d", w.Page())
	}
	if err := openID(w, 1); err != nil {
		t.Fatal(err)
	}
	if w.Page() != 1 {
		t.Errorf("opening again starts on page %d, want 1 (only Refresh keeps the page)", w.Page())
	}
}

func TestSavedReportsReachWatchersOnThePostedGoroutine(t *testing.T) {
	st := newFakeStore(t)
	w, d, seen := open(t, st, 1)
	w.EditAnswer(1, func(a *scoring.Answer) { a.Note = "x" })
	*seen = nil
	if err := w.Flush(time.Second); err != nil {
		t.Fatal(err)
	}
	if len(*seen) != 0 {
		t.Fatal("a report reached the views off the posted goroutine")
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(*seen) == 0 && time.Now().Before(deadline) {
		d.run()
		time.Sleep(time.Millisecond)
	}
	if len(*seen) != 1 || (*seen)[0].Kind != Saved || (*seen)[0].Report.Err != nil {
		t.Errorf("changes %+v", *seen)
	}
}

func TestWatchStop(t *testing.T) {
	st := newFakeStore(t)
	w, _, _ := open(t, st, 1)
	var a, b int
	stopA := w.Watch(func(Change) { a++ })
	var stopB func()
	stopB = w.Watch(func(Change) { b++; stopB() }) // stops itself while being told
	w.SetPage(1)
	stopA()
	w.SetPage(2)
	if a != 1 || b != 1 {
		t.Errorf("a heard %d, b %d; want 1 each", a, b)
	}
}

// BenchmarkEditAnswer is one score typed into a criterion: the answer changed, the 170
// criteria scored again, the views told, the save queued (the saver writes nothing: an hour's
// delay).
func BenchmarkEditAnswer(b *testing.B) {
	st := &fakeStore{written: make(chan string, 1), status: map[int64]storage.Status{},
		answers: map[int64]map[int]scoring.Answer{1: {}}}
	set, err := scoring.BuiltinSet()
	if err != nil {
		b.Fatal(err)
	}
	if st.cat, err = set.Default(); err != nil {
		b.Fatal(err)
	}
	w := New(st, st.cat, func(func()) {}, Options{Delay: time.Hour, Retry: time.Hour})
	defer w.Stop()
	if err := openID(w, 1); err != nil {
		b.Fatal(err)
	}
	heard := 0
	w.Watch(func(Change) { heard++ })
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		score := scoring.Tenths(i % 2)
		w.EditAnswer(1, func(a *scoring.Answer) { a.Status, a.Score = scoring.Scored, score })
	}
	if heard == 0 {
		b.Fatal("no change heard")
	}
}

// A text the storage would refuse (a control character, or longer than the limit) is refused
// by the edit itself with the one rule's Chinese message (scoring.CheckAnswerLimits,
// scoring.CheckNarrative): nothing changes, nothing is queued, nobody is notified — before,
// it went to the saver, failed there and showed 保存失败 forever. Fixing the text saves it.
func TestEditRefusesWhatStorageRefuses(t *testing.T) {
	long := strings.Repeat("字", scoring.MaxAnswerText+1)
	for _, c := range []struct {
		name, want string
		edit       func(w *Workspace) error
	}{
		{"自评说明 U+202E", "自评说明", func(w *Workspace) error {
			return w.EditAnswer(1, func(a *scoring.Answer) { a.Note = "照片\u202egpj.exe" })
		}},
		{"扣分原因 NUL", "扣分原因", func(w *Workspace) error {
			return w.EditAnswer(1, func(a *scoring.Answer) { a.Status, a.Score, a.DeductionReason = scoring.Scored, 0, "a\x00b" })
		}},
		{"整改措施 too long", "整改措施", func(w *Workspace) error {
			return w.EditAnswer(1, func(a *scoring.Answer) { a.Rectification = long })
		}},
		{"不适用理由 U+2066", "不适用理由", func(w *Workspace) error {
			return w.EditAnswer(1, func(a *scoring.Answer) { a.Status, a.NAReason = scoring.NA, "理由\u2066" })
		}},
		{"申报材料 U+202E", "申报材料", func(w *Workspace) error {
			return w.EditNarrative(scoring.NarrativeWorkSummary, "总结\u202e")
		}},
		{"申报材料 too long", "超过上限", func(w *Workspace) error {
			return w.EditNarrative(scoring.NarrativeWorkSummary, strings.Repeat("字", scoring.MaxNarrativeText+1))
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := newFakeStore(t)
			w, _, seen := open(t, st, 1)
			*seen = nil
			err := c.edit(w)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("edit: %v, want a message naming %s", err, c.want)
			}
			if len(*seen) != 0 || len(w.Answers()) != 0 || w.Narrative(scoring.NarrativeWorkSummary) != "" {
				t.Errorf("a refused edit changed something: %s", kinds(*seen))
			}
			if err := w.Flush(time.Second); err != nil || len(st.got()) != 0 {
				t.Errorf("a refused edit was queued: %v %v", st.got(), err)
			}
			// the text fixed: saved
			if err := w.EditAnswer(1, func(a *scoring.Answer) { a.Note = "照片" }); err != nil {
				t.Fatal(err)
			}
			if err := w.EditNarrative(scoring.NarrativeWorkSummary, "总结"); err != nil {
				t.Fatal(err)
			}
			if err := w.Flush(time.Second); err != nil {
				t.Fatal(err)
			}
			want := []string{"a/1/1=未评 照片", "n/1/" + scoring.NarrativeWorkSummary + "=总结"}
			if got := st.got(); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("writes %q, want %q", got, want)
			}
		})
	}
}
