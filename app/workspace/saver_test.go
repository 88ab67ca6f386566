package workspace

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sanxiang/storage"
)

// store records the writes a saver makes, failing while told to.
type store struct {
	mu     sync.Mutex
	writes []string
	fail   error
}

func (s *store) job(key, value string) saveJob {
	return saveJob{key: key, what: key, write: func() error {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.fail != nil {
			return s.fail
		}
		s.writes = append(s.writes, key+"="+value)
		return nil
	}}
}

func (s *store) setFail(err error) {
	s.mu.Lock()
	s.fail = err
	s.mu.Unlock()
}

func (s *store) got() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fmt.Sprint(s.writes)
}

func TestSaverCoalescesDebouncesAndKeepsOrder(t *testing.T) {
	st := &store{}
	var reports atomic.Int32
	s := newSaver(50*time.Millisecond, time.Hour, func(SaveReport) { reports.Add(1) }, nil)
	defer s.close()
	s.put(st.job("a", "1"))
	s.put(st.job("b", "1"))
	s.put(st.job("a", "12")) // typed on: replaces the pending write of a
	if st.got() != "[]" {
		t.Fatal("wrote before the debounce")
	}
	time.Sleep(200 * time.Millisecond)
	if got := st.got(); got != "[a=12 b=1]" {
		t.Errorf("writes %s", got)
	}
	if reports.Load() != 1 {
		t.Errorf("%d reports for one round", reports.Load())
	}
	s.put(st.job("c", "x"))
	if err := s.flush(time.Second); err != nil {
		t.Fatal(err)
	}
	if got := st.got(); got != "[a=12 b=1 c=x]" {
		t.Errorf("flush did not write at once: %s", got)
	}
	if s.has("c") {
		t.Error("written job still pending")
	}
}

func TestSaverRetriesWithoutLosingNewerEdits(t *testing.T) {
	st := &store{}
	var last atomic.Value
	s := newSaver(time.Hour, 30*time.Millisecond, func(r SaveReport) { last.Store(r) }, nil)
	defer s.close()
	st.setFail(errors.New("U盘已拔出"))
	s.put(st.job("a", "1"))
	s.put(st.job("b", "1"))
	err := s.flush(time.Second)
	if err == nil || err.Error() != "U盘已拔出" {
		t.Fatalf("flush = %v", err)
	}
	r := last.Load().(SaveReport)
	if r.Err == nil || r.Pending != 2 || r.Dropped || r.What != "a" {
		t.Errorf("report %+v", r)
	}
	if !s.has("a") || !s.has("b") {
		t.Error("failed writes were not kept for retry")
	}
	s.put(st.job("a", "2")) // the user keeps typing while the stick is out
	st.setFail(nil)
	deadline := time.Now().Add(2 * time.Second)
	for s.has("a") || s.has("b") {
		if time.Now().After(deadline) {
			t.Fatal("no retry")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if got := st.got(); got != "[a=2 b=1]" {
		t.Errorf("after retry: %s (the older a=1 must not overwrite a=2)", got)
	}
}

func TestSaverDropsWritesThatCannotSucceed(t *testing.T) {
	st := &store{}
	var last atomic.Value
	s := newSaver(time.Hour, time.Hour, func(r SaveReport) { last.Store(r) }, nil)
	defer s.close()
	st.setFail(fmt.Errorf("保存评分失败：%w", storage.ErrFinalized))
	s.put(st.job("a", "1"))
	if err := s.flush(time.Second); err != nil {
		t.Errorf("flush = %v; a dropped write leaves nothing pending", err)
	}
	if r := last.Load().(SaveReport); !r.Dropped || r.Pending != 0 {
		t.Errorf("report %+v", r)
	}
	if s.has("a") {
		t.Error("a write refused for good is retried")
	}
}

func TestSaverFlushTimesOut(t *testing.T) {
	block := make(chan struct{})
	s := newSaver(time.Hour, time.Hour, nil, nil)
	defer func() { close(block); s.close() }()
	s.put(saveJob{key: "slow", write: func() error { <-block; return nil }})
	start := time.Now()
	if err := s.flush(100 * time.Millisecond); err == nil {
		t.Error("flush returned nil while a write hangs")
	}
	if time.Since(start) > time.Second {
		t.Error("flush did not respect its timeout")
	}
}

// Typing without a pause as long as the debounce (fast typing, IME commits, moving on to the
// next field) must still be written within the delay of each edit: a timer restarted by every
// keystroke would write nothing until the user stops, and a killed process would lose every
// field typed meanwhile.
func TestSaverWritesWithinDelayWhileTypingGoesOn(t *testing.T) {
	st := &store{}
	const delay = 100 * time.Millisecond
	s := newSaver(delay, time.Hour, nil, nil)
	defer s.close()
	start := time.Now()
	var firstWrite time.Duration
	for i := 0; time.Since(start) < 8*delay; i++ {
		key := []string{"note", "reason"}[i/10%2] // two fields, one after the other
		s.put(st.job(key, fmt.Sprint(i)))
		time.Sleep(delay / 5)
		if firstWrite == 0 && st.got() != "[]" {
			firstWrite = time.Since(start)
		}
	}
	if firstWrite == 0 {
		t.Fatalf("nothing written during %s of continuous typing (debounce %s)", 8*delay, delay)
	}
	if firstWrite > 3*delay {
		t.Errorf("first write after %s, debounce is %s", firstWrite, delay)
	}
}
