//go:build windows

package storage

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// fileLock is an exclusive LockFileEx lock on <db>.lock, held while the database is open;
// Windows drops it when the process dies, so a crash never leaves a stale lock.
type fileLock struct {
	f    *os.File
	ol   windows.Overlapped
	path string
}

// acquireLock takes the lock without waiting: ErrLocked when another process holds it.
func acquireLock(path string) (*fileLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		if errors.Is(err, windows.ERROR_SHARING_VIOLATION) {
			return nil, ErrLocked
		}
		return nil, lockFileError(err)
	}
	l := &fileLock{f: f, path: path}
	err = windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &l.ol)
	if err != nil {
		f.Close()
		if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
			return nil, ErrLocked
		}
		return nil, &zhError{msg: "无法锁定数据库文件", kind: ErrIO, cause: err}
	}
	return l, nil
}

// release gives the lock up and removes the lock file, so that no sanxiang.db.lock is left
// beside the database (users see it in Explorer). Removing cannot race a new opener: while
// another process has the file open (os.OpenFile shares no delete access), Windows refuses
// to delete it, and that failure is ignored.
func (l *fileLock) release() error {
	if l == nil || l.f == nil {
		return nil
	}
	windows.UnlockFileEx(windows.Handle(l.f.Fd()), 0, 1, 0, &l.ol)
	err := l.f.Close()
	l.f = nil
	if err == nil {
		os.Remove(l.path)
	}
	return err
}

// syncDir is a no-op: Windows cannot fsync a directory, and NTFS journals renames itself.
func syncDir(dir string) error { return nil }
