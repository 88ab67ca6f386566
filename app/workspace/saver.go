package workspace

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"sanxiang/storage"
)

// saveJob is one pending write; a newer job with the same key replaces an older one, so a
// field typed into quickly is written once with its last text.
type saveJob struct {
	key   string
	what  string // Chinese description for error messages, e.g. "评分要点(12)"
	write func() error
}

// SaveReport tells the views how the last round of writes went (the status bar shows it).
type SaveReport struct {
	At      time.Time
	Err     error  // nil when everything pending was written
	What    string // the job that failed
	Pending int    // jobs still waiting (kept for retry)
	Dropped bool   // the failed job cannot succeed by retrying and was discarded
}

// saver writes edits off the UI goroutine: debounced, in order, retried after failures.
type saver struct {
	delay, retry time.Duration
	report       func(SaveReport) // called on the saver's goroutine
	after        func()           // called after every successful round (backups)

	mu      sync.Mutex
	pending map[string]saveJob
	order   []string
	busy    bool
	timer   *time.Timer
	armed   bool          // the debounce timer is running
	rounds  chan struct{} // closed and replaced after each round
	lastErr error
	kick    chan struct{}
	quit    chan struct{}
	done    chan struct{}
	stop    sync.Once
}

func newSaver(delay, retry time.Duration, report func(SaveReport), after func()) *saver {
	s := &saver{delay: delay, retry: retry, report: report, after: after,
		pending: map[string]saveJob{}, rounds: make(chan struct{}),
		kick: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{})}
	go s.loop()
	return s
}

// put queues a write and starts the debounce timer unless it is already running: a write is
// made at most delay after the edit, even while the user keeps typing (restarting the timer on
// every keystroke would save nothing during a long burst of typing, across several fields).
func (s *saver) put(j saveJob) {
	s.mu.Lock()
	if _, ok := s.pending[j.key]; !ok {
		s.order = append(s.order, j.key)
	}
	s.pending[j.key] = j
	if !s.armed {
		s.armed = true
		if s.timer == nil {
			s.timer = time.AfterFunc(s.delay, s.fire)
		} else {
			s.timer.Reset(s.delay)
		}
	}
	s.mu.Unlock()
}

// fire is the debounce timer: the next edit starts a new one.
func (s *saver) fire() {
	s.mu.Lock()
	s.armed = false
	s.mu.Unlock()
	s.trigger()
}

// has reports whether a write for key is still waiting (used to keep unsaved text on screen).
func (s *saver) has(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.pending[key]
	return ok
}

// trigger starts a round now without waiting for the debounce.
func (s *saver) trigger() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

func (s *saver) loop() {
	defer close(s.done)
	for {
		select {
		case <-s.kick:
			s.round()
		case <-s.quit:
			return
		}
	}
}

// permanent errors cannot be cured by retrying the same write.
func permanent(err error) bool {
	return errors.Is(err, storage.ErrFinalized) || errors.Is(err, storage.ErrNotFound)
}

func (s *saver) round() {
	s.mu.Lock()
	if len(s.order) == 0 {
		s.mu.Unlock()
		return
	}
	jobs := make([]saveJob, 0, len(s.order))
	for _, k := range s.order {
		jobs = append(jobs, s.pending[k])
	}
	s.pending = map[string]saveJob{}
	s.order = nil
	s.busy = true
	s.mu.Unlock()

	var rep SaveReport
	for i, j := range jobs {
		err := j.write()
		if err == nil {
			continue
		}
		rep.Err, rep.What = err, j.what
		s.mu.Lock()
		if permanent(err) {
			rep.Dropped = true
		} else {
			// keep this and every job not yet tried, unless the user typed something newer
			for _, k := range jobs[i:] {
				if _, newer := s.pending[k.key]; !newer {
					s.pending[k.key] = k
					s.order = append(s.order, k.key)
				}
			}
		}
		s.mu.Unlock()
		if !rep.Dropped {
			break
		}
	}
	rep.At = time.Now()

	s.mu.Lock()
	s.busy = false
	s.lastErr = rep.Err
	rep.Pending = len(s.order)
	close(s.rounds)
	s.rounds = make(chan struct{})
	retry := rep.Err != nil && rep.Pending > 0
	s.mu.Unlock()

	if s.report != nil {
		s.report(rep)
	}
	if retry {
		time.AfterFunc(s.retry, s.trigger)
	} else if rep.Err == nil && s.after != nil {
		s.after()
	}
}

// flush writes everything pending now and waits until it is written, a write fails, or the
// timeout passes; it returns why something is still unsaved.
func (s *saver) flush(timeout time.Duration) error {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		if len(s.order) == 0 && !s.busy {
			s.mu.Unlock()
			return nil
		}
		wait := s.rounds
		s.mu.Unlock()
		s.trigger()
		select {
		case <-wait:
			s.mu.Lock()
			err, left := s.lastErr, len(s.order)
			s.mu.Unlock()
			if err != nil && left > 0 {
				return err
			}
		case <-deadline.C:
			return fmt.Errorf("保存超时（%s 内未能写入数据库）", timeout)
		}
	}
}

// close stops the saver's goroutine (idempotent); call flush first.
func (s *saver) close() {
	s.stop.Do(func() {
		s.mu.Lock()
		if s.timer != nil {
			s.timer.Stop()
		}
		s.mu.Unlock()
		close(s.quit)
		<-s.done
	})
}
