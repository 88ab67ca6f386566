// Package shellopen hands a file to the program the system associates with it (打开) and shows
// a file in its folder (打开文件夹), and says in Chinese, with the path, when that cannot be
// done. On Windows it calls ShellExecuteW and SHOpenFolderAndSelectItems (UTF-16, so any name
// reaches the viewer, whatever the PC's non-Unicode code page); elsewhere xdg-open or open,
// whose exit status is checked and which is always waited for (no zombie process).
package shellopen

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Error says why a file could not be opened; its text is for the user.
type Error struct {
	Path   string
	Reason string // Chinese
	Err    error  // the system's error, for the log
}

func (e *Error) Error() string { return fmt.Sprintf("无法打开“%s”：%s", e.Path, e.Reason) }

func (e *Error) Unwrap() error { return e.Err }

// ErrGone is the cause when the file or folder no longer exists.
var ErrGone = errors.New("file gone")

// Open shows path (a file or folder) in the program the system associates with it. It may take
// a few seconds (the system starts the program): call it off the UI goroutine.
func Open(path string) error {
	abs, err := check(path)
	if err != nil {
		return err
	}
	return open(abs)
}

// Reveal opens the folder holding path in the file manager, with path selected where the system
// can do that (Windows Explorer); a folder path is opened itself.
func Reveal(path string) error {
	abs, err := check(path)
	if err != nil {
		return err
	}
	return reveal(abs)
}

// check makes path absolute and refuses one that is gone, before asking the system.
func check(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", &Error{Path: path, Reason: "路径无效", Err: err}
	}
	if _, err := os.Stat(abs); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", &Error{Path: abs, Reason: "文件已不存在（可能已被移动、删除，或U盘已拔出）", Err: ErrGone}
		}
		return "", &Error{Path: abs, Reason: "无法访问该文件（没有权限，或U盘、网络磁盘不可用）", Err: err}
	}
	return abs, nil
}

// noProgram is the reason when the system has no program for the file's type.
func noProgram(path string) string {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return "这台电脑上没有可以打开文件夹的文件管理器"
	}
	ext := filepath.Ext(path)
	if ext == "" {
		return "这台电脑上没有能打开这类文件的程序"
	}
	return fmt.Sprintf("这台电脑上没有能打开 %s 文件的程序（请安装相应软件，或把文件复制到其他电脑查看）", ext)
}
