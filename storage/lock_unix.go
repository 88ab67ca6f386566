//go:build unix

package storage

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// fileLock is an exclusive advisory lock on <db>.lock, held while the database is open; the
// operating system drops it when the process dies, so a crash never leaves a stale lock.
type fileLock struct{ f *os.File }

// acquireLock takes the lock without waiting: ErrLocked when another process holds it.
func acquireLock(path string) (*fileLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, lockFileError(err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, ErrLocked
		}
		return nil, &zhError{msg: "无法锁定数据库文件", kind: ErrIO, cause: err}
	}
	return &fileLock{f: f}, nil
}

// release gives the lock up; the lock file itself stays (removing it would race a new opener).
func (l *fileLock) release() error {
	if l == nil || l.f == nil {
		return nil
	}
	unix.Flock(int(l.f.Fd()), unix.LOCK_UN)
	err := l.f.Close()
	l.f = nil
	return err
}

// syncDir makes a rename or file creation in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
