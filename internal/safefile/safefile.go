// Package safefile opens the files a user names (assessment files, catalogs, evidence, package
// files) so that nothing can hang or exhaust memory: the type is checked before the open (a FIFO
// would block the open itself, uninterruptibly), the open cannot block, the opened file is checked
// again (it may have been swapped), and reads go through a limit rather than trusting a size
// from stat (/dev/zero has size 0).
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrNotRegular refuses folders, FIFOs, devices and sockets: only ordinary files are read.
var ErrNotRegular = errors.New("不是普通文件")

// ErrTooLarge refuses a file longer than the caller's limit.
var ErrTooLarge = errors.New("文件过大")

// Open opens an existing regular file for reading, refusing anything else before and after
// the open without ever blocking on it.
func Open(path string) (*os.File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := regular(path, st); err != nil {
		return nil, err
	}
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, err
	}
	fst, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if err := regular(path, fst); err != nil {
		f.Close()
		return nil, err
	}
	if !os.SameFile(st, fst) {
		f.Close()
		return nil, fmt.Errorf("%s 在打开时被替换了，请重试", path)
	}
	return f, nil
}

func regular(path string, st fs.FileInfo) error {
	switch {
	case st.Mode().IsRegular():
		return nil
	case st.IsDir():
		return &fs.PathError{Op: "open", Path: path, Err: fmt.Errorf("是文件夹，%w", ErrNotRegular)}
	}
	return &fs.PathError{Op: "open", Path: path, Err: fmt.Errorf("%w（是设备、管道或其他特殊文件）", ErrNotRegular)}
}

// ReadFile reads a regular file whole, refusing it with ErrTooLarge when it holds more than
// limit bytes — counted while reading, not taken from stat.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadAll(f, limit)
}

// ReadAll reads r to its end through a limit: more than limit bytes is ErrTooLarge.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w（超过 %s）", ErrTooLarge, sizeText(limit))
	}
	return data, nil
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}
