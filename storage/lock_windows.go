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
	f  *os.File
	ol windows.Overlapped
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
	l := &fileLock{f: f}
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

// release gives the lock up; the lock file itself stays.
func (l *fileLock) release() error {
	if l == nil || l.f == nil {
		return nil
	}
	windows.UnlockFileEx(windows.Handle(l.f.Fd()), 0, 1, 0, &l.ol)
	err := l.f.Close()
	l.f = nil
	return err
}

// syncDir is a no-op: Windows cannot fsync a directory, and NTFS journals renames itself.
func syncDir(dir string) error { return nil }
