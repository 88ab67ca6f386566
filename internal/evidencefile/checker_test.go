package evidencefile

import (
	"reflect"
	"sort"
	"sync"
	"testing"
	"time"
)

// fakeDisk answers probes from a table; a path with a gate blocks its probe until the test
// opens the gate (a slow disk, or a pulled stick that never answers), and every probe is
// announced on started.
type fakeDisk struct {
	mu      sync.Mutex
	state   map[string]State
	gates   map[string]chan struct{}
	probes  map[string]int
	started chan string
}

func newFakeDisk() *fakeDisk {
	return &fakeDisk{state: map[string]State{}, gates: map[string]chan struct{}{}, probes: map[string]int{},
		started: make(chan string, 100)}
}

func (d *fakeDisk) probe(p string) State {
	d.mu.Lock()
	d.probes[p]++
	gate := d.gates[p]
	d.mu.Unlock()
	d.started <- p
	if gate != nil {
		<-gate
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if s, ok := d.state[p]; ok {
		return s
	}
	return Missing
}

func (d *fakeDisk) set(p string, s State) { d.mu.Lock(); d.state[p] = s; d.mu.Unlock() }
func (d *fakeDisk) hold(p string)         { d.mu.Lock(); d.gates[p] = make(chan struct{}); d.mu.Unlock() }
func (d *fakeDisk) release(p string) {
	d.mu.Lock()
	g := d.gates[p]
	delete(d.gates, p)
	d.mu.Unlock()
	close(g)
}
func (d *fakeDisk) count(p string) int { d.mu.Lock(); defer d.mu.Unlock(); return d.probes[p] }

// rig is a Checker on a fake disk whose timeouts fire only when the test says so (fire), and
// whose change reports arrive on changes.
type rig struct {
	t       *testing.T
	disk    *fakeDisk
	c       *Checker
	fire    chan time.Time
	changes chan []string
}

func newRig(t *testing.T) *rig {
	r := &rig{t: t, disk: newFakeDisk(), fire: make(chan time.Time), changes: make(chan []string, 100)}
	r.c = NewChecker(Options{
		Probe:   r.disk.probe,
		After:   func(time.Duration) <-chan time.Time { return r.fire },
		Changed: func(paths []string) { r.changes <- paths },
	})
	t.Cleanup(r.c.Close)
	return r
}

// guard only turns a deadlock into a failure; no test depends on how fast anything runs.
const guard = time.Minute

// await reads change reports until every path has the wanted state.
func (r *rig) await(want map[string]State) {
	r.t.Helper()
	deadline := time.After(guard)
	for {
		ok := true
		for p, s := range want {
			if r.c.State(p) != s {
				ok = false
			}
		}
		if ok {
			return
		}
		select {
		case <-r.changes:
		case <-deadline:
			got := map[string]State{}
			for p := range want {
				got[p] = r.c.State(p)
			}
			r.t.Fatalf("states %v, want %v", got, want)
		}
	}
}

// startedProbe waits until the probe of p has started.
func (r *rig) startedProbe(p string) {
	r.t.Helper()
	deadline := time.After(guard)
	for {
		select {
		case q := <-r.disk.started:
			if q == p {
				return
			}
		case <-deadline:
			r.t.Fatalf("no probe of %s", p)
		}
	}
}

func TestCheckerMissingPresentAndAppearingLater(t *testing.T) {
	r := newRig(t)
	a, b := `E:\佐证\a.pdf`, `E:\佐证\b.pdf`
	r.disk.set(a, Present)
	if s := r.c.State(a); s != Unknown {
		t.Fatalf("first State = %v, want Unknown (检查中) without waiting for the disk", s)
	}
	if r.c.Exists(b) != true {
		t.Error("a file not checked yet must count as there")
	}
	r.await(map[string]State{a: Present, b: Missing})
	if r.c.Exists(b) {
		t.Error("Exists of a missing file")
	}

	r.disk.set(b, Present) // the user copied the file back
	r.c.Recheck([]string{a, b})
	r.await(map[string]State{a: Present, b: Present})
	if n := r.disk.count(a); n != 2 {
		t.Errorf("%s probed %d times, want 2 (first look and Recheck)", a, n)
	}
}

func TestCheckerSlowDiskNeverBlocksTheCaller(t *testing.T) {
	r := newRig(t)
	p := `F:\慢\a.pdf`
	r.disk.hold(p)
	r.disk.set(p, Present)
	if s := r.c.State(p); s != Unknown {
		t.Fatalf("State = %v", s)
	}
	r.startedProbe(p)
	// the probe is under way: asking again answers from the cache and queues nothing more
	r.c.Recheck([]string{p})
	if s := r.c.State(p); s != Unknown {
		t.Fatalf("State during the probe = %v", s)
	}
	r.disk.release(p) // answers before the timeout
	r.await(map[string]State{p: Present})
	if n := r.disk.count(p); n != 1 {
		t.Errorf("probed %d times, want 1", n)
	}
}

func TestCheckerHungDrive(t *testing.T) {
	r := newRig(t)
	hung, sameDrive, other1, other2 := `G:\拔出\a.pdf`, `G:\拔出\b.pdf`, `C:\佐证\c.pdf`, `\\nas\共享\d.pdf`
	r.disk.hold(hung)
	r.disk.set(hung, Present)
	r.disk.set(sameDrive, Present)
	r.disk.set(other1, Present)

	r.c.State(hung)
	r.startedProbe(hung)
	r.fire <- time.Time{} // the probe outlived the timeout
	r.await(map[string]State{hung: Unreachable})

	// another file on the hung drive: 无法访问 at once, and no second probe hangs on that drive
	if s := r.c.State(sameDrive); s != Unreachable {
		t.Errorf("State on the hung drive = %v, want Unreachable", s)
	}
	r.c.Recheck([]string{hung, sameDrive})
	// the other drives keep being checked
	r.await(map[string]State{other1: Present, other2: Missing})
	if n := r.disk.count(sameDrive); n != 0 {
		t.Errorf("%d probes on the hung drive while one hangs, want 0", n)
	}
	if n := r.disk.count(hung); n != 1 {
		t.Errorf("hung file probed %d times", n)
	}

	// the stick is back: the hung probe returns, then the waiting file is probed
	r.disk.release(hung)
	r.await(map[string]State{hung: Present, sameDrive: Present})
	if n := r.disk.count(sameDrive); n != 1 {
		t.Errorf("waiting file probed %d times, want 1", n)
	}
}

// A hung probe that returns Missing (the stick came back without the file) ends Unreachable
// as Missing, and a drive whose probe hangs again is timed out again.
func TestCheckerHangTwice(t *testing.T) {
	r := newRig(t)
	p := `H:\a.pdf`
	r.disk.hold(p)
	r.c.State(p)
	r.startedProbe(p)
	r.fire <- time.Time{}
	r.await(map[string]State{p: Unreachable})
	r.disk.release(p)
	r.await(map[string]State{p: Missing})

	r.disk.hold(p)
	r.c.Recheck([]string{p})
	r.startedProbe(p)
	r.fire <- time.Time{}
	r.await(map[string]State{p: Unreachable})
	r.disk.set(p, Present)
	r.disk.release(p)
	r.await(map[string]State{p: Present})
}

// Changes are reported in one call through Post, after the lock is released (Post may run
// the report at once, as fyne.Do does on the UI goroutine).
func TestCheckerReportsThroughPost(t *testing.T) {
	var queued []func()
	var got [][]string
	c := NewChecker(Options{
		Probe:   func(string) State { panic("no probe expected") },
		Post:    func(f func()) { queued = append(queued, f) },
		Changed: func(paths []string) { got = append(got, paths) },
	})
	c.Set(`E:\a.pdf`, Present)
	c.Set(`E:\b.pdf`, Missing)
	c.Set(`E:\b.pdf`, Missing) // no change
	if len(queued) != 1 {
		t.Fatalf("%d reports queued, want 1 for both changes", len(queued))
	}
	queued[0]()
	if len(got) != 1 {
		t.Fatalf("Changed called %d times", len(got))
	}
	sort.Strings(got[0])
	if want := []string{`E:\a.pdf`, `E:\b.pdf`}; !reflect.DeepEqual(got[0], want) {
		t.Errorf("Changed(%v), want %v", got[0], want)
	}
	if c.State(`E:\a.pdf`) != Present || c.State(`E:\b.pdf`) != Missing {
		t.Error("Set not kept")
	}

	// a synchronous Post (the report runs inside the call) must not deadlock
	reports := 0
	sync := NewChecker(Options{Probe: func(string) State { return Missing }, Changed: func([]string) { reports++ }})
	sync.Set(`E:\c.pdf`, Present)
	if reports != 1 {
		t.Errorf("%d reports of a synchronous Post, want 1", reports)
	}
	// after Close nothing is reported or probed any more
	sync.Close()
	sync.Set(`E:\d.pdf`, Present)
	if s := sync.State(`E:\e.pdf`); s != Unknown || reports != 1 {
		t.Errorf("after Close: State = %v, %d reports", s, reports)
	}
}

// Await waits for answers (the relocation offer runs it on its own goroutine): a hung probe
// ends the wait as Unreachable once it times out, and a second file on that drive at once.
func TestCheckerAwait(t *testing.T) {
	r := newRig(t)
	a, b, hung, sameDrive := `E:\a.pdf`, `E:\b.pdf`, `G:\a.pdf`, `G:\b.pdf`
	r.disk.set(a, Present)
	if got := r.c.Await([]string{a, b}); !reflect.DeepEqual(got, []State{Present, Missing}) {
		t.Errorf("Await = %v", got)
	}
	r.disk.hold(hung)
	done := make(chan []State)
	go func() { done <- r.c.Await([]string{hung}) }()
	r.startedProbe(hung)
	select {
	case got := <-done:
		t.Fatalf("Await returned %v before the probe answered or timed out", got)
	default:
	}
	r.fire <- time.Time{}
	if got := <-done; !reflect.DeepEqual(got, []State{Unreachable}) {
		t.Errorf("Await of a hung file = %v", got)
	}
	if got := r.c.Await([]string{sameDrive}); !reflect.DeepEqual(got, []State{Unreachable}) || r.disk.count(sameDrive) != 0 {
		t.Errorf("Await on the hung drive = %v after %d probes", got, r.disk.count(sameDrive))
	}
	// CheckNow on a hung drive does not ask the disk either
	if s := r.c.CheckNow(sameDrive); s != Unreachable || r.disk.count(sameDrive) != 0 {
		t.Errorf("CheckNow on the hung drive = %v after %d probes", s, r.disk.count(sameDrive))
	}
	r.disk.release(hung)
	r.await(map[string]State{hung: Missing, sameDrive: Missing})

	// CheckNow asks at once and keeps the answer
	r.disk.set(b, Present)
	if s := r.c.CheckNow(b); s != Present || r.c.State(b) != Present {
		t.Errorf("CheckNow = %v, State = %v", s, r.c.State(b))
	}
}
