package pack

import (
	"archive/zip"
	"compress/flate"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"sanxiang/internal/oserr"
	"sanxiang/internal/staging"
)

// bufSize is the copy buffer, allocated once per build, verify or import.
const bufSize = 1 << 20

// tempPrefix names the hidden-in-plain-sight folder or file a build writes before the final
// rename; a leftover one (after a crash) can be deleted safely.
const tempPrefix = staging.Prefix

// errGrew is a file that turned out longer than its recorded size while it was being read.
var errGrew = errors.New("文件在读取过程中变大了（可能正被其他程序写入），请关闭相关程序后重试")

// copyResult is what one streamed copy produced.
type copyResult struct {
	n    int64
	sum  string
	rerr error // reading the source failed
	werr error // writing the destination failed
}

// hashCopy streams src into dst (nil: hash only) through buf, computing SHA-256 in the same pass,
// checking ctx between chunks and reporting progress; it never holds more than buf in memory.
// A source longer than limit (when limit ≥ 0) fails as a read error.
func hashCopy(ctx context.Context, dst io.Writer, src io.Reader, buf []byte, limit int64, onBytes func(int64)) copyResult {
	h := sha256.New()
	var r copyResult
	for {
		if err := ctx.Err(); err != nil {
			r.werr = ErrCanceled
			return r
		}
		n, err := src.Read(buf)
		if n > 0 {
			if limit >= 0 && r.n+int64(n) > limit {
				r.rerr = errGrew
				return r
			}
			h.Write(buf[:n])
			if dst != nil {
				if _, werr := dst.Write(buf[:n]); werr != nil {
					r.werr = werr
					return r
				}
			}
			r.n += int64(n)
			if onBytes != nil {
				onBytes(int64(n))
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			r.rerr = err
			return r
		}
	}
	r.sum = hex.EncodeToString(h.Sum(nil))
	return r
}

// sink receives the files of a package being built: a temporary folder or a temporary zip
// beside the target, turned into the real package only by commit.
type sink interface {
	create(rel string) (io.Writer, error) // a new file at rel ('/'-separated, below the package root)
	finish() error                        // the file from the last create is complete
	commit(final string, replace bool) (leftover string, err error)
	abort() error // remove everything written; an error means something could not be removed
	tempPath() string
}

// dirSink builds the package folder as a temporary folder in the target directory. Files are
// flushed to disk by a background goroutine while the next one is being copied, so that the
// final rename only ever publishes data that is on the stick.
type dirSink struct {
	tmp   string
	wrap  func(io.Writer) io.Writer
	cur   *os.File
	rel   string
	dirs  map[string]bool
	queue chan syncJob
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error
}

// syncers is how many files are flushed to disk at the same time.
const syncers = 4

type syncJob struct {
	f   *os.File
	rel string
}

func newDirSink(targetDir string, wrap func(io.Writer) io.Writer) (*dirSink, error) {
	tmp, err := os.MkdirTemp(targetDir, tempPrefix+"*")
	if err != nil {
		return nil, writeErr(targetDir, err)
	}
	_ = os.Chmod(tmp, 0o755) // MkdirTemp's 0700 would hide the package from other users of the PC
	s := &dirSink{tmp: tmp, wrap: wrap, dirs: map[string]bool{}, queue: make(chan syncJob, 16)}
	// several flushers, so that concurrent fsyncs share journal commits
	for i := 0; i < syncers; i++ {
		s.wg.Add(1)
		go s.syncer()
	}
	return s, nil
}

func (s *dirSink) syncer() {
	defer s.wg.Done()
	for j := range s.queue {
		err := j.f.Sync()
		if cerr := j.f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			s.mu.Lock()
			if s.err == nil {
				s.err = writeErr(j.rel, err)
			}
			s.mu.Unlock()
		}
	}
}

func (s *dirSink) syncErr() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

func (s *dirSink) tempPath() string { return s.tmp }

func (s *dirSink) create(rel string) (io.Writer, error) {
	if err := s.syncErr(); err != nil {
		return nil, err
	}
	p := filepath.Join(s.tmp, filepath.FromSlash(rel))
	if dir := path.Dir(rel); dir != "." && !s.dirs[dir] {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, writeErr(dir, err)
		}
		s.dirs[dir] = true
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, writeErr(rel, err)
	}
	s.cur, s.rel = f, rel
	if s.wrap != nil {
		return s.wrap(f), nil
	}
	return f, nil
}

func (s *dirSink) finish() error {
	if s.cur == nil {
		return nil
	}
	s.queue <- syncJob{s.cur, s.rel}
	s.cur = nil
	return s.syncErr()
}

func (s *dirSink) drain() {
	if s.queue != nil {
		close(s.queue)
		s.wg.Wait()
		s.queue = nil
	}
}

func (s *dirSink) commit(final string, replace bool) (string, error) {
	if s.cur != nil {
		if err := s.finish(); err != nil {
			return "", err
		}
	}
	s.drain()
	if err := s.syncErr(); err != nil {
		return "", err
	}
	for dir := range s.dirs {
		syncDir(filepath.Join(s.tmp, filepath.FromSlash(dir)))
	}
	syncDir(s.tmp)
	return publish(s.tmp, final, replace)
}

func (s *dirSink) abort() error {
	if s.cur != nil {
		s.cur.Close()
		s.cur = nil
	}
	s.drain()
	if err := os.RemoveAll(s.tmp); err != nil {
		return err
	}
	syncDir(filepath.Dir(s.tmp))
	return nil
}

// zipSink streams the package straight into a temporary .zip beside the target: no folder is
// written at all. Names are UTF-8 with the UTF-8 flag (archive/zip sets it for non-ASCII names).
type zipSink struct {
	tmp     string
	f       *os.File
	bg      *backgroundSync
	zw      *zip.Writer
	root    string
	date    time.Time
	dirs    map[string]bool
	flaters []*flate.Writer
}

func newZipSink(targetDir, root string, date time.Time, wrap func(io.Writer) io.Writer) (*zipSink, error) {
	f, err := os.CreateTemp(targetDir, tempPrefix+"*.zip.tmp")
	if err != nil {
		return nil, writeErr(targetDir, err)
	}
	_ = f.Chmod(0o644) // an ordinary document, not a private temp file; ignored where unsupported
	var w io.Writer = f
	if wrap != nil {
		w = wrap(f)
	}
	bg := &backgroundSync{f: f, w: w}
	s := &zipSink{tmp: f.Name(), f: f, bg: bg, zw: zip.NewWriter(bg), root: root, date: date, dirs: map[string]bool{}}
	s.zw.RegisterCompressor(zip.Deflate, s.compressor)
	return s, s.mkdir(root + "/")
}

// compressor is Deflate at its fastest level with writers reused across entries: the text,
// JSON and office files it is used for shrink well even so.
func (s *zipSink) compressor(out io.Writer) (io.WriteCloser, error) {
	if n := len(s.flaters); n > 0 {
		fw := s.flaters[n-1]
		s.flaters = s.flaters[:n-1]
		fw.Reset(out)
		return &pooledFlate{fw, s}, nil
	}
	fw, err := flate.NewWriter(out, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	return &pooledFlate{fw, s}, nil
}

type pooledFlate struct {
	*flate.Writer
	s *zipSink
}

func (p *pooledFlate) Close() error {
	err := p.Writer.Close()
	p.s.flaters = append(p.s.flaters, p.Writer)
	return err
}

func (s *zipSink) tempPath() string { return s.tmp }

func (s *zipSink) mkdir(name string) error {
	if s.dirs[name] {
		return nil
	}
	h := &zip.FileHeader{Name: name, Modified: s.date, Method: zip.Store}
	h.SetMode(os.ModeDir | 0o755)
	if _, err := s.zw.CreateHeader(h); err != nil {
		return writeErr(name, err)
	}
	s.dirs[name] = true
	return nil
}

// storedExt lists formats that are already compressed: deflating them costs time and saves nothing.
func storedExt(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".pdf", ".ofd", ".zip", ".rar", ".7z", ".gz",
		".bz2", ".xz", ".docx", ".xlsx", ".pptx", ".wps", ".et", ".mp3", ".m4a", ".aac", ".mp4", ".mov",
		".avi", ".mkv", ".wmv", ".flv":
		return true
	}
	return false
}

func (s *zipSink) create(rel string) (io.Writer, error) {
	for dir := path.Dir(rel); dir != "."; dir = path.Dir(dir) {
		if err := s.mkdir(s.root + "/" + dir + "/"); err != nil {
			return nil, err
		}
	}
	h := &zip.FileHeader{Name: s.root + "/" + rel, Modified: s.date, Method: zip.Deflate}
	if storedExt(rel) {
		h.Method = zip.Store
	}
	h.SetMode(0o644)
	w, err := s.zw.CreateHeader(h)
	if err != nil {
		return nil, writeErr(rel, err)
	}
	return w, nil
}

func (s *zipSink) finish() error { return nil }

func (s *zipSink) commit(final string, replace bool) (string, error) {
	if err := s.zw.Close(); err != nil {
		return "", writeErr(filepath.Base(final), err)
	}
	if err := s.bg.wait(); err != nil {
		return "", writeErr(filepath.Base(final), err)
	}
	if err := s.f.Sync(); err != nil {
		return "", writeErr(filepath.Base(final), err)
	}
	if err := s.f.Close(); err != nil {
		return "", writeErr(filepath.Base(final), err)
	}
	s.f = nil
	return publish(s.tmp, final, replace)
}

func (s *zipSink) abort() error {
	s.bg.wait()
	if s.f != nil {
		s.f.Close()
		s.f = nil
	}
	if err := os.Remove(s.tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// backgroundSync passes writes to the zip file through and, every syncEvery bytes, flushes the
// file to disk in the background, so the stick is written while the next files are read rather
// than all at once at the end.
type backgroundSync struct {
	f     *os.File
	w     io.Writer
	since int64
	wg    sync.WaitGroup
	busy  atomic.Bool
	mu    sync.Mutex
	err   error
}

const syncEvery = 32 << 20

func (b *backgroundSync) Write(p []byte) (int, error) {
	n, err := b.w.Write(p)
	b.since += int64(n)
	if b.since >= syncEvery && b.busy.CompareAndSwap(false, true) {
		b.since = 0
		b.wg.Add(1)
		go func() {
			defer b.wg.Done()
			defer b.busy.Store(false)
			if err := b.f.Sync(); err != nil {
				b.mu.Lock()
				if b.err == nil {
					b.err = err
				}
				b.mu.Unlock()
			}
		}()
	}
	return n, err
}

// wait lets a running flush finish and reports the first flush error.
func (b *backgroundSync) wait() error {
	b.wg.Wait()
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.err
}

// publish renames the finished temporary package to its final name. An existing package is
// refused, or with replace — only when it is recognisably one of ours (replaceable) — moved aside
// first and deleted only once the new one is in place. When the old one cannot be deleted
// completely, leftover names what is left of it (the new package is in place all the same).
func publish(tmp, final string, replace bool) (leftover string, err error) {
	var old string
	if _, err := os.Lstat(final); err == nil {
		if !replace {
			return "", fmt.Errorf("%w：%s", ErrExists, final)
		}
		if err := replaceable(final, strings.HasSuffix(tmp, ".zip.tmp")); err != nil {
			return "", err
		}
		old = fmt.Sprintf("%s.~旧-%d", final, time.Now().UnixNano())
		if err := os.Rename(final, old); err != nil {
			return "", oserr.Wrap("无法替换已有的报送包 "+final+"（可能正被其他程序打开）", err)
		}
	}
	if err := os.Rename(tmp, final); err != nil {
		if old != "" {
			os.Rename(old, final)
		}
		if errors.Is(err, fs.ErrExist) || isNotEmpty(err) {
			return "", fmt.Errorf("%w：%s", ErrExists, final)
		}
		return "", writeErr(final, err)
	}
	syncDir(filepath.Dir(final))
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return old, nil
		}
	}
	return "", nil
}

// replaceable says whether the existing target may be replaced: only a package of ours — a
// zip whose entries are our layout, or a folder holding our fixed files and a flat 佐证材料/ and
// nothing else, no links. A folder of the user's that merely has the package's name (or a
// folder named like the zip) is refused, never deleted.
func replaceable(final string, zipped bool) error {
	refuse := func(why string) error {
		return fmt.Errorf("%s 不是本程序生成的报送包（%s），不予替换；请手动移走或改名后重试", final, why)
	}
	st, err := os.Lstat(final)
	if err != nil {
		return readErr(final, err)
	}
	fixed := map[string]bool{ManifestName: true, ReadmeName: true, AssessmentName: true, CatalogName: true, WorkbookName: true, ScoreSheetName: true, ReportName: true}
	ours := func(rel string) bool {
		if fixed[rel] {
			return true
		}
		dir, name, ok := strings.Cut(rel, "/")
		return ok && dir == EvidenceFolder && name != "" && !strings.Contains(name, "/")
	}
	if zipped {
		if !st.Mode().IsRegular() {
			return refuse("不是 zip 文件")
		}
		src, err := openSource(final)
		if err != nil {
			return refuse("无法作为报送包打开")
		}
		defer src.close()
		for _, f := range src.files {
			if !ours(f.rel) {
				return refuse("其中有不属于报送包的 " + f.rel)
			}
		}
		return nil
	}
	if !st.IsDir() {
		return refuse("不是文件夹")
	}
	if !isPackageDir(final) {
		return refuse("没有 " + ManifestName)
	}
	return filepath.WalkDir(final, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return readErr(p, err)
		}
		if p == final {
			return nil
		}
		rel, _ := filepath.Rel(final, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir() && rel == EvidenceFolder:
			return nil
		case d.Type().IsRegular() && ours(rel):
			return nil
		}
		return refuse("其中有不属于报送包的 " + rel)
	})
}
