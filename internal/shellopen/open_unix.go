//go:build !windows

package shellopen

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"
)

// settle is how long Open waits for the opener's verdict: xdg-open hands the file to a
// running program and exits within a moment; when it waits for the viewer instead (some
// desktops), the file did open, and the process is still reaped when it ends.
const settle = 4 * time.Second

// opener is the system's command for opening a file.
func opener() string {
	if runtime.GOOS == "darwin" {
		return "open"
	}
	return "xdg-open"
}

func open(path string) error { return run(path, exec.Command(opener(), path)) }

// reveal opens the folder: xdg-open cannot select a file, macOS's open -R can.
func reveal(path string) error {
	if runtime.GOOS == "darwin" {
		return run(path, exec.Command("open", "-R", path))
	}
	st, err := os.Stat(path)
	if err == nil && !st.IsDir() {
		path = filepath.Dir(path)
	}
	return open(path)
}

// run starts cmd, always waits for it (on a goroutine when it outlasts settle) and turns a
// failure within settle into an Error.
func run(path string, cmd *exec.Cmd) error {
	if err := cmd.Start(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return &Error{Path: path, Reason: fmt.Sprintf("系统中没有 %s 命令，无法调用其他程序打开文件（请安装 xdg-utils）", cmd.Args[0]), Err: err}
		}
		return &Error{Path: path, Reason: "无法启动系统的打开程序", Err: err}
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err == nil {
			return nil
		}
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return &Error{Path: path, Reason: exitReason(ee.ExitCode(), path), Err: err}
		}
		return &Error{Path: path, Reason: "系统的打开程序出错", Err: err}
	case <-time.After(settle):
		return nil
	}
}

// exitReason explains xdg-open's exit status (xdg-utils: 2 file missing, 3 no tool, 4 failed).
func exitReason(code int, path string) string {
	switch code {
	case 2:
		return "文件已不存在（可能已被移动、删除，或U盘已拔出）"
	case 3, 4:
		return noProgram(path)
	}
	return fmt.Sprintf("系统无法打开该文件（%s 退出状态 %d）", opener(), code)
}
