// Package atomicfile writes files so that a reader sees either the old file or the complete new
// one: never half a file after a crash, a full disk or a pulled-out USB stick.
package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"

	"sanxiang/internal/oserr"
)

// File is a temporary file that replaces its target only on Commit.
type File struct {
	*os.File
	target string
	done   bool
}

// Create opens a temporary file beside path (same directory, so the final rename is atomic).
func Create(path string) (*File, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return nil, oserr.Wrap("无法在 "+dir+" 创建文件", err)
	}
	// CreateTemp makes files private (0600); what we write are ordinary documents. Windows
	// and FAT-formatted USB sticks ignore the mode, so an error here is not fatal.
	_ = f.Chmod(0o644)
	return &File{File: f, target: path}, nil
}

// Commit flushes the data to disk and renames the temporary file over the target.
func (f *File) Commit() error {
	if f.done {
		return errors.New("内部错误：临时文件已保存或已放弃，不能再次保存")
	}
	f.done = true
	tmp := f.Name()
	if err := f.Sync(); err != nil {
		f.File.Close()
		os.Remove(tmp)
		return oserr.Wrap("写入 "+f.target+" 失败（磁盘已满或设备已移除？）", err)
	}
	if err := f.File.Close(); err != nil {
		os.Remove(tmp)
		return oserr.Wrap("写入 "+f.target+" 失败", err)
	}
	if err := os.Rename(tmp, f.target); err != nil {
		os.Remove(tmp)
		return oserr.Wrap("无法保存 "+f.target, err)
	}
	syncDir(filepath.Dir(f.target))
	return nil
}

// Abort discards the temporary file; it is safe to call after Commit (then it does nothing).
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.File.Close()
	os.Remove(f.Name())
}

// WriteFile is os.WriteFile made atomic.
func WriteFile(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write streams content produced by fill into path atomically; on any error the target is untouched.
func Write(path string, fill func(w io.Writer) error) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

// syncDir makes the rename durable on file systems that need the directory flushed; errors
// are ignored because some platforms (Windows) cannot open directories for syncing.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}
