// Package workspace is the GUI's open assessment without Fyne: the assessment, its catalog,
// the scores, the problem checks, the page shown and the autosaver. Every edit goes through its
// methods, which recompute the scores and tell the views (observers) what changed; the views
// draw, the workspace decides. It is owned by the UI goroutine (all methods but Flush, Trigger
// and Close are called there) and is tested without a window.
package workspace

import (
	"errors"
	"fmt"
	"time"

	"sanxiang/scoring"
	"sanxiang/storage"
)

// Store is what the workspace reads and writes the assessment through (*storage.DB); tests
// pass a recording or failing one.
type Store interface {
	AssessmentInfo(id int64) (storage.AssessmentInfo, error)
	Load(id int64) (*scoring.Assessment, error)
	Unit(id int64) (storage.UnitRecord, error)
	SaveAnswer(id int64, a scoring.Answer) error
	SaveNarrative(id int64, key, text string) error
	UpdateUnit(id int64, u scoring.Unit) error
	Finalize(id int64) error
	Unlock(id int64) error
}

// ErrReadOnly refuses an edit of a 已定稿 assessment (the views disable their fields too; this
// is the rule's one place).
var ErrReadOnly = errors.New("本自评已定稿，处于只读状态，不能修改；如需修改，请先“解除定稿”")

// ErrNoAssessment refuses an edit while no assessment is open (the wizard shows).
var ErrNoAssessment = errors.New("没有打开的自评")

// Kind says what a Change is about.
type Kind int

// The kinds of change the views observe.
const (
	// AnswerChanged: criterion No's answer changed (Evidence: its evidence list did).
	AnswerChanged Kind = iota + 1
	// ResultChanged: the scores were recomputed (a score, status or evidence changed).
	ResultChanged
	// NarrativeChanged: the application-material text Key changed.
	NarrativeChanged
	// UnitChanged: the unit's details changed.
	UnitChanged
	// PageChanged: the checklist shows another indicator (No is its index).
	PageChanged
	// Switched: another assessment (or the same one read again) is open: views rebuild.
	Switched
	// Saved: a round of writes ended (Report says how).
	Saved
)

// Change is one notification to the observers.
type Change struct {
	Kind     Kind
	No       int    // AnswerChanged: the criterion; PageChanged: the page index
	Key      string // NarrativeChanged: the material's key
	Evidence bool   // AnswerChanged: the evidence list changed
	Report   SaveReport
}

// Options are the autosaver's timing and the hook after a successful round of writes.
type Options struct {
	Delay time.Duration // a write is made at most Delay after an edit
	Retry time.Duration // failed writes are retried every Retry
	After func()        // runs on the saver's goroutine after every successful round (backups)
}

// Snapshot is one assessment as read from the database, ready to be installed with Show. Read
// makes one (disk access: call it where that is allowed).
type Snapshot struct {
	ID         int64
	Info       storage.AssessmentInfo
	Unit       storage.UnitRecord
	Assessment *scoring.Assessment
}

// Read loads assessment id, its unit and its catalog from the workspace's store; it touches the
// disk and nothing of the workspace, so it may run on any goroutine (then Show it on the UI's).
func (w *Workspace) Read(id int64) (Snapshot, error) { return read(w.store, id) }

// read loads assessment id, its unit and its catalog from st.
func read(st Store, id int64) (Snapshot, error) {
	info, err := st.AssessmentInfo(id)
	if err != nil {
		return Snapshot{}, fmt.Errorf("读取自评信息失败：%w", err)
	}
	a, err := st.Load(id) // with the catalog stored for it
	if err != nil {
		return Snapshot{}, err
	}
	unit, err := st.Unit(info.UnitID)
	if err != nil {
		return Snapshot{}, err
	}
	return Snapshot{ID: id, Info: info, Unit: unit, Assessment: a}, nil
}

// Workspace is the open assessment of the GUI.
type Workspace struct {
	store    Store
	post     func(func()) // runs a function on the UI goroutine (fyne.Do; a queue in tests)
	saver    *saver
	watchers map[int]func(Change)
	order    []int // watcher ids in subscription order
	nextID   int

	open       bool
	id         int64
	info       storage.AssessmentInfo
	unit       storage.UnitRecord
	cat        *scoring.Catalog
	indicators []*scoring.Indicator
	answers    map[int]scoring.Answer
	narr       map[string]string
	result     scoring.Result
	page       int
}

// New makes an empty workspace (no assessment open) writing through st; cat is the catalog
// shown until an assessment is open (the default one). post runs the saver's reports on the UI
// goroutine.
func New(st Store, cat *scoring.Catalog, post func(func()), opt Options) *Workspace {
	w := &Workspace{store: st, post: post, watchers: map[int]func(Change){}, cat: cat,
		indicators: cat.Indicators(), answers: map[int]scoring.Answer{}, narr: map[string]string{}}
	w.saver = newSaver(opt.Delay, opt.Retry, func(r SaveReport) {
		w.post(func() { w.notify(Change{Kind: Saved, Report: r}) })
	}, opt.After)
	return w
}

// Watch calls f with every change from now on (on the UI goroutine, in subscription order);
// the returned func stops that.
func (w *Workspace) Watch(f func(Change)) (stop func()) {
	w.nextID++
	id := w.nextID
	w.watchers[id] = f
	w.order = append(w.order, id)
	return func() {
		delete(w.watchers, id)
		for i, x := range w.order {
			if x == id {
				w.order = append(w.order[:i], w.order[i+1:]...)
				break
			}
		}
	}
}

// notify tells every watcher, in order; a watcher may stop itself or others meanwhile.
func (w *Workspace) notify(c Change) {
	for _, id := range append([]int(nil), w.order...) {
		if f, ok := w.watchers[id]; ok {
			f(c)
		}
	}
}

// Show makes s the open assessment: pending edits of the one before are written now (they
// keep their own assessment's id), the scores are computed, the page is the first with an
// unscored criterion, and the views hear Switched.
func (w *Workspace) Show(s Snapshot) { w.install(s, -1) }

// Refresh shows s, the open assessment read again (after 定稿 or 解除定稿), on the page shown.
func (w *Workspace) Refresh(s Snapshot) { w.install(s, w.page) }

// install makes s the open assessment on page (-1, or a page s lacks: the first with an
// unscored criterion) and tells the views.
func (w *Workspace) install(s Snapshot, page int) {
	w.saver.trigger()
	w.open = true
	w.id, w.info, w.unit = s.ID, s.Info, s.Unit
	w.cat = s.Assessment.Catalog
	w.indicators = w.cat.Indicators()
	w.answers = make(map[int]scoring.Answer, len(s.Assessment.Answers))
	for no, a := range s.Assessment.Answers {
		w.answers[no] = a
	}
	w.narr = make(map[string]string, len(s.Assessment.Narratives))
	for k, v := range s.Assessment.Narratives {
		w.narr[k] = v
	}
	w.result = scoring.Score(w.cat, w.answers)
	w.page = page
	if page < 0 || page >= len(w.indicators) {
		w.page = w.firstOpenPage()
	}
	w.notify(Change{Kind: Switched})
}

// Close forgets the open assessment (the wizard shows; nothing can be edited).
func (w *Workspace) Close() {
	w.saver.trigger()
	w.open = false
}

// firstOpenPage is where a returning user continues: the first page with an unscored criterion.
func (w *Workspace) firstOpenPage() int {
	for i, ind := range w.indicators {
		for _, c := range ind.Criteria {
			if w.answers[c.No].Status == scoring.Unanswered {
				return i
			}
		}
	}
	return 0
}

// IsOpen says whether an assessment is open.
func (w *Workspace) IsOpen() bool { return w.open }

// ID is the open assessment's database id.
func (w *Workspace) ID() int64 { return w.id }

// Info is the open assessment's year, status and catalog.
func (w *Workspace) Info() storage.AssessmentInfo { return w.info }

// Unit is the open assessment's unit.
func (w *Workspace) Unit() storage.UnitRecord { return w.unit }

// Catalog is the open assessment's indicator system (the default one while none is open).
func (w *Workspace) Catalog() *scoring.Catalog { return w.cat }

// Indicators are the catalog's indicators in order: the checklist's pages.
func (w *Workspace) Indicators() []*scoring.Indicator { return w.indicators }

// Answer is criterion no's answer (the zero answer, 未评, when there is none).
func (w *Workspace) Answer(no int) scoring.Answer { return w.answers[no] }

// Answers are all answers by criterion; the map is the workspace's own: read, never change it.
func (w *Workspace) Answers() map[int]scoring.Answer { return w.answers }

// Narrative is one application-material text.
func (w *Workspace) Narrative(key string) string { return w.narr[key] }

// Result is the scores of the answers as they are on screen.
func (w *Workspace) Result() scoring.Result { return w.result }

// Problems are the problem checks of the answers on screen (exists says whether an evidence
// file is there: the caller decides how the disk is asked).
func (w *Workspace) Problems(exists func(path string) bool) []scoring.Problem {
	return scoring.Check(w.cat, w.answers, exists)
}

// ReadOnly is true while the assessment is 已定稿.
func (w *Workspace) ReadOnly() bool { return w.open && w.info.Status == storage.StatusFinal }

// Page is the index into Indicators of the checklist page shown.
func (w *Workspace) Page() int { return w.page }

// SetPage records the page the checklist shows and tells the views.
func (w *Workspace) SetPage(i int) {
	if i < 0 || i >= len(w.indicators) {
		return
	}
	w.page = i
	w.notify(Change{Kind: PageChanged, No: i})
}

// editable says why nothing can be edited now (nil when it can).
func (w *Workspace) editable() error {
	switch {
	case !w.open:
		return ErrNoAssessment
	case w.ReadOnly():
		return ErrReadOnly
	}
	return nil
}

// answerKey is the saver key of one criterion's answer in one assessment.
func answerKey(id int64, no int) string { return fmt.Sprintf("a/%d/%d", id, no) }

// narrativeKey is the saver key of one material text in one assessment.
func narrativeKey(id int64, key string) string { return fmt.Sprintf("n/%d/%s", id, key) }

// unitKey is the saver key of a unit's details.
func unitKey(id int64) string { return fmt.Sprintf("u/%d", id) }

// EditAnswer changes criterion no's answer, queues its save and tells the views; the scores
// are recomputed when its score, status or evidence changed (a text edit changes no total).
// An answer the storage would refuse (scoring.CheckAnswerLimits: a control character, a text
// or evidence list over its limit) changes nothing and returns the Chinese reason, so the
// field can say so instead of the saver failing on it for ever.
func (w *Workspace) EditAnswer(no int, change func(a *scoring.Answer)) error {
	if err := w.editable(); err != nil {
		return err
	}
	if _, ok := w.cat.Criterion(no); !ok {
		return fmt.Errorf("指标体系中没有评分要点(%d)", no)
	}
	old := w.answers[no]
	a := old
	a.No = no
	a.Evidence = append([]scoring.Evidence(nil), old.Evidence...)
	change(&a)
	if err := scoring.CheckAnswerLimits(a); err != nil {
		return err
	}
	if a.IsEmpty() {
		delete(w.answers, no)
	} else {
		w.answers[no] = a
	}
	id := w.id
	w.saver.put(saveJob{key: answerKey(id, no), what: fmt.Sprintf("评分要点(%d)", no),
		write: func() error { return w.store.SaveAnswer(id, a) }})
	evidence := !sameEvidence(old.Evidence, a.Evidence)
	if old.Status != a.Status || old.Score != a.Score || evidence {
		w.result = scoring.Score(w.cat, w.answers)
		w.notify(Change{Kind: ResultChanged})
	}
	w.notify(Change{Kind: AnswerChanged, No: no, Evidence: evidence})
	return nil
}

// sameEvidence says whether two evidence lists are equal, in order.
func sameEvidence(a, b []scoring.Evidence) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Path != y.Path || x.Name != y.Name || x.Size != y.Size || x.SHA256 != y.SHA256 || !x.Added.Equal(y.Added) {
			return false
		}
	}
	return true
}

// EditNarrative changes one application-material text and queues its save; a text the storage
// would refuse (scoring.CheckNarrative: a control character, over the length limit) changes
// nothing and returns the Chinese reason, naming the material by its title.
func (w *Workspace) EditNarrative(key, text string) error {
	if err := w.editable(); err != nil {
		return err
	}
	// scoring.CheckNarrative, with the material named by its title rather than its key
	if err := scoring.CheckNarrativeKey(key); err != nil {
		return err
	}
	if err := scoring.CheckNarrativeText(w.cat.NarrativeTitle(key), text); err != nil {
		return err
	}
	w.narr[key] = text
	id := w.id
	w.saver.put(saveJob{key: narrativeKey(id, key), what: w.cat.NarrativeTitle(key),
		write: func() error { return w.store.SaveNarrative(id, key, text) }})
	w.notify(Change{Kind: NarrativeChanged, Key: key})
	return nil
}

// EditUnit changes the unit's details (checked by the caller's form) and queues their save.
func (w *Workspace) EditUnit(v scoring.Unit) error {
	if err := w.editable(); err != nil {
		return err
	}
	w.unit.Unit = v
	unitID := w.unit.ID
	w.saver.put(saveJob{key: unitKey(unitID), what: "单位信息",
		write: func() error { return w.store.UpdateUnit(unitID, v) }})
	w.notify(Change{Kind: UnitChanged})
	return nil
}

// StatusJob is the work of 定稿 (final) or 解除定稿: write every pending edit, then change the
// status in the database. It touches the disk: run it off the UI goroutine, then Read and
// Refresh.
func (w *Workspace) StatusJob(final bool) func() error {
	id := w.id
	return func() error {
		if err := w.saver.flush(10 * time.Second); err != nil {
			return fmt.Errorf("仍有修改未保存，不能定稿：%w", err)
		}
		if final {
			return w.store.Finalize(id)
		}
		return w.store.Unlock(id)
	}
}

// Queue puts a write of something outside the open assessment (e.g. the bureau's review of a
// unit) into the same autosaver: the same debounce, order, retries, reports (Saved) and Flush.
// A newer write with the same key replaces a waiting one; keys must not start with the
// workspace's own prefixes "a/", "n/" or "u/".
func (w *Workspace) Queue(key, what string, write func() error) {
	w.saver.put(saveJob{key: key, what: what, write: write})
}

// Trigger starts writing pending edits now (navigation, tab change) without waiting.
func (w *Workspace) Trigger() { w.saver.trigger() }

// Flush writes every pending edit and waits (any goroutine): nil when all is stored.
func (w *Workspace) Flush(timeout time.Duration) error { return w.saver.flush(timeout) }

// Stop ends the saver's goroutine (idempotent); Flush first.
func (w *Workspace) Stop() { w.saver.close() }
