package evidencefile

import (
	"strings"
	"sync"
	"time"

	"sanxiang/internal/drives"
)

// DefaultTimeout is how long a Checker waits for the disk before it reports a file as
// Unreachable (无法访问): a stat on a pulled USB stick or a dead network drive can hang for
// half a minute or for ever.
const DefaultTimeout = 2 * time.Second

// Options configure a Checker; every field is optional (without Post, Changed runs on the
// goroutine that changed a state; without Changed, nothing is reported).
type Options struct {
	Probe   func(path string) State                // asks the disk (default Probe)
	Timeout time.Duration                          // when a probe counts as hung (default DefaultTimeout)
	After   func(d time.Duration) <-chan time.Time // the timeout's clock (default time.After); tests fire it themselves
	Mounts  func() []string                        // the mount points on Linux (default /proc/self/mountinfo)
	Post    func(func())                           // runs Changed on the UI goroutine (fyne.Do)
	Changed func(paths []string)                   // the files whose state changed, on Post's goroutine
}

// Checker keeps what is known about evidence files so that a screen can ask while drawing
// without touching the disk: State answers from a cache at once and queues a check of a file
// it has not seen; the disk is asked on one goroutine per drive (volume), and every change of
// a state is reported through Post. A probe that has not returned after the timeout makes its
// file, and every other file asked on that drive meanwhile, Unreachable; the drive gets no
// further probe until the hung one returns (at most one hung probe per drive), while the
// other drives keep being checked. Safe for use from any goroutine.
type Checker struct {
	opt Options

	mu      sync.Mutex
	settled *sync.Cond // broadcast when a file's question is answered (Await)
	files   map[string]*file
	vols    map[string]*vol
	changed map[string]bool // states changed since the last report
	posted  bool            // a report is queued with Post
	post    bool            // a report is to be queued once mu is released
	mounts  []string        // Options.Mounts, read again when older than mountsAge
	readAt  time.Time
	closed  bool
}

// file is one evidence path's cache entry.
type file struct {
	state  State
	queued bool // waiting in its drive's queue or being probed
	hung   bool // queued on a drive whose probe outlived the timeout: Unreachable for now
}

// vol is the work of one drive.
type vol struct {
	queue   []string
	running bool // a goroutine works through queue
	hung    bool // a probe on this drive has not returned within the timeout
}

// NewChecker starts an empty cache; no goroutine runs until a file is asked about.
func NewChecker(opt Options) *Checker {
	if opt.Probe == nil {
		opt.Probe = Probe
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.After == nil {
		opt.After = time.After
	}
	if opt.Mounts == nil {
		opt.Mounts = systemMounts
	}
	if opt.Post == nil {
		opt.Post = func(f func()) { f() }
	}
	c := &Checker{opt: opt, files: map[string]*file{}, vols: map[string]*vol{}, changed: map[string]bool{}}
	c.settled = sync.NewCond(&c.mu)
	return c
}

// State is what is known about path now; a path not seen before is Unknown and queued for a
// check. It never waits for the disk.
func (c *Checker) State(path string) State {
	c.mu.Lock()
	defer c.unlock()
	f, seen := c.entry(path)
	if !seen {
		c.enqueue(path, f)
	}
	return f.state
}

// entry is what is known of path, a new entry (seen false) for a path not asked about before;
// the caller holds c.mu.
func (c *Checker) entry(path string) (f *file, seen bool) {
	if f = c.files[path]; f != nil {
		return f, true
	}
	f = &file{}
	c.files[path] = f
	return f, false
}

// Exists is State for scoring.Check and the filters: a file counts as there until the disk
// says it is missing or cannot be reached.
func (c *Checker) Exists(path string) bool { return !c.State(path).Gone() }

// Recheck asks the disk again about paths (a page shown, the problem list opened, 刷新); the
// known states stay on screen until the new answers arrive.
func (c *Checker) Recheck(paths []string) {
	c.mu.Lock()
	defer c.unlock()
	for _, p := range paths {
		f, _ := c.entry(p)
		c.enqueue(p, f)
	}
}

// Set records a state learnt elsewhere (a file just hashed while being attached is Present).
func (c *Checker) Set(path string, s State) {
	c.mu.Lock()
	defer c.unlock()
	f, _ := c.entry(path)
	c.record(path, f, s)
}

// CheckNow asks the disk about path in the caller's goroutine and records the answer (for
// 打开, which needs a fresh one); it blocks as long as the disk does, so call it off the UI
// goroutine. On a drive with a hung probe it answers Unreachable without asking.
func (c *Checker) CheckNow(path string) State {
	c.mu.Lock()
	if v := c.vols[c.volume(path)]; v != nil && v.hung {
		c.mu.Unlock()
		return Unreachable
	}
	c.mu.Unlock()
	s := c.opt.Probe(path)
	c.Set(path, s)
	return s
}

// Await asks the disk again about paths and waits until each has an answer: Present or
// Missing, or Unreachable once its probe (or another on its drive) outlived the timeout. It
// blocks, so call it off the UI goroutine (the relocation offer does); after Close it
// returns what is known.
func (c *Checker) Await(paths []string) []State {
	c.mu.Lock()
	for _, p := range paths {
		f, _ := c.entry(p)
		c.enqueue(p, f)
	}
	c.unlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]State, len(paths))
	for i, p := range paths {
		f := c.files[p]
		for f.queued && !f.hung && !c.closed {
			c.settled.Wait()
		}
		out[i] = f.state
	}
	return out
}

// Close stops the checks: queued probes are dropped and no more changes are reported (a
// probe hung in the system returns on its own and is ignored).
func (c *Checker) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	for _, v := range c.vols {
		v.queue = nil
	}
	c.settled.Broadcast()
}

// enqueue puts path in its drive's queue unless it is there already, and starts the drive's
// goroutine when none runs. On a hung drive the file is Unreachable at once. Holds c.mu.
func (c *Checker) enqueue(path string, f *file) {
	if c.closed || f.queued {
		return
	}
	key := c.volume(path)
	v := c.vols[key]
	if v == nil {
		v = &vol{}
		c.vols[key] = v
	}
	f.queued = true
	v.queue = append(v.queue, path)
	if v.hung {
		f.hung = true
		c.record(path, f, Unreachable)
	}
	if !v.running {
		v.running = true
		go c.work(v)
	}
}

// record changes a file's state and queues a report of the change. Holds c.mu.
func (c *Checker) record(path string, f *file, s State) {
	c.settled.Broadcast()
	if f.state == s || c.closed {
		f.state = s
		return
	}
	f.state = s
	c.changed[path] = true
	if !c.posted {
		c.posted, c.post = true, true
	}
}

// unlock releases c.mu and then queues the report of changes recorded meanwhile (Post may
// run it at once, and the report takes c.mu).
func (c *Checker) unlock() {
	post := c.post
	c.post = false
	c.mu.Unlock()
	if post {
		c.opt.Post(c.report)
	}
}

// report hands the changed paths to Changed (on Post's goroutine).
func (c *Checker) report() {
	c.mu.Lock()
	paths := make([]string, 0, len(c.changed))
	for p := range c.changed {
		paths = append(paths, p)
	}
	c.changed = map[string]bool{}
	c.posted = false
	closed := c.closed
	c.mu.Unlock()
	if len(paths) > 0 && !closed && c.opt.Changed != nil {
		c.opt.Changed(paths)
	}
}

// work probes one drive's queue in order until it is empty. A probe that outlives the
// timeout marks its file and the drive's waiting files Unreachable, and the goroutine waits
// for that probe before it starts the next one.
func (c *Checker) work(v *vol) {
	for {
		c.mu.Lock()
		if len(v.queue) == 0 || c.closed {
			v.running, v.queue = false, nil
			c.mu.Unlock()
			return
		}
		path := v.queue[0]
		v.queue = v.queue[1:]
		c.mu.Unlock()

		done := make(chan State, 1)
		go func() { done <- c.opt.Probe(path) }()
		var s State
		select {
		case s = <-done:
		case <-c.opt.After(c.opt.Timeout):
			c.mu.Lock()
			v.hung = true
			c.files[path].hung = true
			c.record(path, c.files[path], Unreachable) // still being probed: a Recheck adds nothing
			for _, p := range v.queue {
				c.files[p].hung = true
				c.record(p, c.files[p], Unreachable)
			}
			c.unlock()
			s = <-done
			c.mu.Lock()
			v.hung = false
			c.mu.Unlock()
		}
		c.mu.Lock()
		c.files[path].queued, c.files[path].hung = false, false
		c.record(path, c.files[path], s)
		c.unlock()
	}
}

// mountsAge is how long a list of mount points is used before it is read again (a stick
// plugged in meanwhile gets its own queue).
const mountsAge = 5 * time.Second

// volume is the queue key of path: its drive letter or share, else on Linux the file system
// (mount point) that holds it, else VolumeOf's guess. Holds c.mu.
func (c *Checker) volume(path string) string {
	if v := VolumeOf(path); v == "" || !strings.HasPrefix(v, "/") {
		return v // a drive letter, a share, or a relative path
	}
	if now := time.Now(); c.mounts == nil || now.Sub(c.readAt) > mountsAge {
		c.mounts, c.readAt = c.opt.Mounts(), now
		if c.mounts == nil {
			c.mounts = []string{}
		}
	}
	if m := mountOf(path, c.mounts); m != "" {
		return m
	}
	return VolumeOf(path)
}

// VolumeOf is the drive a path's probes are queued by: "E:" for a Windows drive letter,
// "\\server\share" for a network share, the mount folder of removable media on Linux and
// macOS (/media/<user>/<label>, /run/media/<user>/<label>, /mnt/<name>, /Volumes/<name>),
// and "/" or "" for anything else.
func VolumeOf(path string) string {
	if v := drives.Volume(path); v != "" {
		return v
	}
	p := strings.ReplaceAll(path, "\\", "/")
	if strings.HasPrefix(p, "//") {
		parts := strings.SplitN(strings.TrimPrefix(p, "//"), "/", 3)
		if len(parts) >= 2 {
			return `\\` + strings.ToLower(parts[0]) + `\` + strings.ToLower(parts[1])
		}
		return p
	}
	if !strings.HasPrefix(p, "/") {
		return ""
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	depth := 0
	switch {
	case len(parts) > 0 && parts[0] == "media":
		depth = 3
	case len(parts) > 1 && parts[0] == "run" && parts[1] == "media":
		depth = 4
	case len(parts) > 0 && (parts[0] == "mnt" || parts[0] == "Volumes"):
		depth = 2
	}
	if depth == 0 || len(parts) <= depth { // the mount folder itself is on the root drive
		return "/"
	}
	return "/" + strings.Join(parts[:depth], "/")
}
