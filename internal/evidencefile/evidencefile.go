// Package evidencefile asks the disk about evidence files (台账资料): whether one is still
// there, and the size and SHA-256 of a file being attached. It holds the only file checks of
// evidence, so that storage speaks SQL only, and Checker answers the GUI from a cache while
// the disk is asked on other goroutines (a pulled USB stick must not freeze the window).
package evidencefile

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"sanxiang/internal/oserr"
	"sanxiang/internal/safefile"
	"sanxiang/scoring"
)

// State is what is known about an evidence file on the disk.
type State int

// The states of an evidence file; Unknown until the disk has answered.
const (
	Unknown     State = iota // not asked yet, or the question is under way (检查中)
	Present                  // a regular file is there
	Missing                  // nothing there, or a folder (文件已不存在)
	Unreachable              // the disk did not answer in time or failed (无法访问)
)

// String names the state as the screen does.
func (s State) String() string {
	switch s {
	case Present:
		return "存在"
	case Missing:
		return "文件已不存在"
	case Unreachable:
		return "无法访问"
	}
	return "检查中"
}

// Gone reports a state in which the file cannot be used now (Missing or Unreachable); Unknown
// counts as there until the disk has answered.
func (s State) Gone() bool { return s == Missing || s == Unreachable }

// Probe asks the disk once about path (it may block as long as the disk does): Present for a
// regular file, Missing when nothing or something else is there, Unreachable when the disk
// fails to answer (a pulled stick, a dead network drive, no permission to look).
func Probe(path string) State {
	return stateOf(os.Stat(path))
}

// stateOf classifies the outcome of a stat of an evidence file.
func stateOf(st fs.FileInfo, err error) State {
	switch {
	case err == nil && st.Mode().IsRegular():
		return Present
	case err == nil:
		return Missing // a folder or a device where the file was
	case errors.Is(err, fs.ErrNotExist), oserr.Reason(err) == oserr.NotDir, oserr.Reason(err) == oserr.InvalidName:
		return Missing
	}
	return Unreachable
}

// Exists reports whether path is an existing regular file now (blocks as long as the disk
// does: call it off the UI goroutine; the GUI asks a Checker instead).
func Exists(path string) bool { return Probe(path) == Present }

// Stat describes a file the user attaches as evidence: absolute path, base name, size,
// streamed SHA-256 and now; the errors say in Chinese why the file cannot be attached and
// unwrap to the system's error (oserr).
func Stat(path string) (scoring.Evidence, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return scoring.Evidence{}, oserr.Explained(fmt.Sprintf("文件路径无效：%s", path), err)
	}
	name := filepath.Base(abs)
	st, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return scoring.Evidence{}, oserr.Explained(fmt.Sprintf("找不到文件“%s”，可能已被移动或删除", abs), err)
	case errors.Is(err, fs.ErrPermission):
		return scoring.Evidence{}, oserr.Explained(fmt.Sprintf("没有权限读取文件“%s”", abs), err)
	case err != nil:
		return scoring.Evidence{}, oserr.Wrap(fmt.Sprintf("无法读取文件“%s”", abs), err)
	case st.IsDir():
		return scoring.Evidence{}, fmt.Errorf("“%s”是文件夹，请选择其中的文件", name)
	case !st.Mode().IsRegular():
		return scoring.Evidence{}, fmt.Errorf("“%s”不是普通文件，不能作为台账资料", name)
	}
	f, err := safefile.Open(abs)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return scoring.Evidence{}, oserr.Explained(fmt.Sprintf("没有权限读取文件“%s”", abs), err)
		}
		return scoring.Evidence{}, oserr.Explained(fmt.Sprintf("无法打开文件“%s”（可能正被其他程序占用）", abs), err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return scoring.Evidence{}, oserr.Wrap(fmt.Sprintf("读取文件“%s”时出错", abs), err)
	}
	return scoring.Evidence{
		Path:   abs,
		Name:   name,
		Size:   n,
		SHA256: hex.EncodeToString(h.Sum(nil)),
		Added:  time.Now(),
	}, nil
}
