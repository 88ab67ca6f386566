package evidencefile

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"sanxiang/internal/safefile"
	"sanxiang/scoring"
)

// CopyState is what a check of a kept copy of an evidence file (the copy the 区司法局's
// database keeps of a unit's package) found against the record of the package.
type CopyState int

// The states of a kept copy.
const (
	CopyIntact  CopyState = iota // there with the recorded size (and SHA-256, when it was read)
	CopyMissing                  // gone, no regular file, or unreadable
	CopyChanged                  // there, but its size or SHA-256 differs from the package's
)

// String names the state as the review screens do.
func (s CopyState) String() string {
	switch s {
	case CopyMissing:
		return "文件已不存在"
	case CopyChanged:
		return "文件已被修改（与报送包不一致）"
	}
	return "与报送包一致"
}

// Copies checks kept copies of evidence files against their recorded size and SHA-256. It
// remembers the SHA-256 it read for each path together with the file's size and modification
// time, so that an unchanged file is read once however often it is checked (a review page shown
// again, the list loaded again) and a file whose size or time changed is read again. A nil
// *Copies remembers nothing. Safe for concurrent use; every method asks the disk, so none runs
// on the UI goroutine.
type Copies struct {
	mu     sync.Mutex
	sums   map[string]sumAt
	hashed atomic.Int64
}

// sumAt is a file's SHA-256 as read when it had this size and modification time, and the
// recorded SHA-256 the last Verify compared it with.
type sumAt struct {
	size      int64
	mod       time.Time
	sum, want string
}

// NewCopies returns an empty cache.
func NewCopies() *Copies { return &Copies{sums: map[string]sumAt{}} }

// Quick checks e without reading the file: gone, another size, or a SHA-256 already read for
// the file as it is now that differs from the record (e's, or when e carries none — the list of
// units loads no digests — the one the last Verify of the file compared with). A file of the
// right size whose SHA-256 was not read yet counts as intact: for lists of many units, where
// reading every file would read gigabytes.
func (c *Copies) Quick(e scoring.Evidence) CopyState { return c.check(e, false) }

// Verify checks e and compares the file's SHA-256 with the record, reading the file unless its
// SHA-256 is known for its current size and modification time. A record without a SHA-256 is
// compared by size only.
func (c *Copies) Verify(e scoring.Evidence) CopyState { return c.check(e, true) }

// Hashed is how many files Verify has read in full, so tests and benchmarks can tell that the
// cache spared the unchanged ones.
func (c *Copies) Hashed() int64 {
	if c == nil {
		return 0
	}
	return c.hashed.Load()
}

func (c *Copies) check(e scoring.Evidence, read bool) CopyState {
	st, err := os.Stat(e.Path)
	if err != nil || !st.Mode().IsRegular() {
		return CopyMissing
	}
	if st.Size() != e.Size {
		return CopyChanged
	}
	want := e.SHA256
	s, ok := c.known(e.Path, st, want)
	switch {
	case want == "" && ok:
		want = s.want // what the last Verify compared with ("" when none did)
	case want == "":
		return CopyIntact // no digest to compare with: by size
	case !ok && !read:
		return CopyIntact
	case !ok:
		sum, err := c.hash(e.Path, st, want)
		if err != nil {
			return CopyMissing
		}
		s.sum = sum
	}
	if want != "" && !strings.EqualFold(s.sum, want) {
		return CopyChanged
	}
	return CopyIntact
}

// known is what is remembered for path at st's size and modification time; a want other
// than "" is remembered as the record it was compared with.
func (c *Copies) known(path string, st fs.FileInfo, want string) (sumAt, bool) {
	if c == nil {
		return sumAt{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.sums[path]
	if !ok || s.size != st.Size() || !s.mod.Equal(st.ModTime()) {
		return sumAt{}, false
	}
	if want != "" {
		s.want = want
		c.sums[path] = s
	}
	return s, true
}

// hash reads path's SHA-256 and remembers it when the file still has st's size and time after
// the read (a file written meanwhile is read again next time).
func (c *Copies) hash(path string, st fs.FileInfo, want string) (string, error) {
	f, err := safefile.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if c == nil {
		return sum, nil
	}
	c.hashed.Add(1)
	if after, err := f.Stat(); err == nil && after.Size() == st.Size() && after.ModTime().Equal(st.ModTime()) {
		c.mu.Lock()
		c.sums[path] = sumAt{size: st.Size(), mod: st.ModTime(), sum: sum, want: want}
		c.mu.Unlock()
	}
	return sum, nil
}
