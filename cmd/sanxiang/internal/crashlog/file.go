// Package crashlog keeps sanxiang.log and makes a failed start or a crash of the desktop program
// visible: sanxiang.exe has no console, so without it a PC lacking OpenGL 2.1 or a panic in the
// interface shows the user nothing at all.
package crashlog

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Name is the log file's name, in the database's folder.
const Name = "sanxiang.log"

// MaxSize caps the log: a file that reaches it is renamed to sanxiang.log.1 (replacing the
// previous one) and a new one begun, so the log never takes more than about twice this.
const MaxSize = 1 << 20

// File is an append-only log file that rotates itself at a size limit. Safe for concurrent use.
type File struct {
	mu    sync.Mutex
	path  string
	max   int64
	f     *os.File
	size  int64
	onNew func(*os.File) // told of every newly opened file (the runtime's crash output)
}

// OpenFile opens (creating it) dir/sanxiang.log for appending, rotating it first if it is full.
func OpenFile(dir string) (*File, error) {
	return openFile(filepath.Join(dir, Name), MaxSize, nil)
}

func openFile(path string, max int64, onNew func(*os.File)) (*File, error) {
	l := &File{path: path, max: max, onNew: onNew}
	if st, err := os.Stat(path); err == nil && st.Size() >= max {
		_ = os.Rename(path, path+".1") // on failure open truncates below
	}
	if err := l.open(); err != nil {
		return nil, err
	}
	return l, nil
}

// open opens the log for appending; a file still over the limit (it could not be renamed) is
// emptied instead.
func (l *File) open() error {
	flags := os.O_CREATE | os.O_WRONLY | os.O_APPEND
	if st, err := os.Stat(l.path); err == nil && st.Size() >= l.max {
		flags |= os.O_TRUNC
	}
	f, err := os.OpenFile(l.path, flags, 0o644)
	if err != nil {
		return fmt.Errorf("无法打开日志文件“%s”：%w", l.path, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("无法读取日志文件“%s”：%w", l.path, err)
	}
	l.f, l.size = f, st.Size()
	if l.onNew != nil {
		l.onNew(f)
	}
	return nil
}

// Path is where the log is written.
func (l *File) Path() string { return l.path }

// Write appends p, first rotating the file when p would take it past the limit.
func (l *File) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return 0, os.ErrClosed
	}
	if l.size > 0 && l.size+int64(len(p)) > l.max {
		if err := l.rotate(); err != nil {
			return 0, err
		}
	}
	n, err := l.f.Write(p)
	l.size += int64(n)
	return n, err
}

// rotate closes the full file (every handle: Windows cannot rename an open file), renames it
// to .1 and opens a new one.
func (l *File) rotate() error {
	if l.onNew != nil {
		l.onNew(nil)
	}
	l.f.Close()
	l.f = nil
	_ = os.Rename(l.path, l.path+".1") // on failure open truncates
	return l.open()
}

// Close closes the file; later writes fail.
func (l *File) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	if l.onNew != nil {
		l.onNew(nil)
	}
	err := l.f.Close()
	l.f = nil
	return err
}
