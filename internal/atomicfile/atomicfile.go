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

// CommitAll replaces several targets together: all of them are replaced, or — when any write,
// flush or rename fails — none, and every old file stays as it was. The new files are flushed
// first, the old ones moved aside, the new ones renamed into place (put back on failure), and
// only then are the old ones deleted. The files are committed (or aborted) afterwards either way.
func CommitAll(files []*File) error { return commitAll(files, os.Rename) }

func commitAll(files []*File, rename func(from, to string) error) error {
	abort := func() {
		for _, f := range files {
			f.Abort()
		}
	}
	for _, f := range files {
		if f.done {
			abort()
			return errors.New("内部错误：临时文件已保存或已放弃，不能再次保存")
		}
		if err := f.Sync(); err != nil {
			abort()
			return oserr.Wrap("写入 "+f.target+" 失败（磁盘已满或设备已移除？）", err)
		}
		if err := f.File.Close(); err != nil {
			abort()
			return oserr.Wrap("写入 "+f.target+" 失败", err)
		}
	}
	// closed now: Abort's Close is harmless, its Remove still discards the temporary file
	olds := make([]string, len(files)) // where each old target was moved, "" when there was none
	placed := 0
	undo := func() {
		for i := placed - 1; i >= 0; i-- {
			os.Remove(files[i].target) // the new file, its temporary name is gone
		}
		for i, old := range olds {
			if old != "" {
				rename(old, files[i].target)
			}
		}
		abort()
	}
	for i, f := range files {
		if _, err := os.Lstat(f.target); err != nil {
			continue
		}
		old := f.Name() + ".old"
		if err := rename(f.target, old); err != nil {
			undo()
			return oserr.Wrap("无法替换 "+f.target+"（可能正被其他程序打开），所有文件都未改动", err)
		}
		olds[i] = old
	}
	for _, f := range files {
		if err := rename(f.Name(), f.target); err != nil {
			undo()
			return oserr.Wrap("无法保存 "+f.target+"，所有文件都未改动", err)
		}
		f.done = true
		placed++
	}
	for _, old := range olds {
		if old != "" {
			os.Remove(old)
		}
	}
	for _, f := range files {
		syncDir(filepath.Dir(f.target))
	}
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
