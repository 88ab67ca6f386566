package app

import (
	"os"

	"sanxiang/internal/shellopen"
	"sanxiang/storage"
)

// shell is how the program hands files and folders to the system: the real one calls
// ShellExecuteW / SHOpenFolderAndSelectItems on Windows and xdg-open elsewhere (shellopen);
// tests record what would have been opened.
type shell struct {
	open   func(path string) error // show a file in its associated program, or a folder
	reveal func(path string) error // show the folder of a file with the file selected
}

var systemShell = shell{open: shellopen.Open, reveal: shellopen.Reveal}

// openFile shows an evidence file in the system's viewer, or says in Chinese why it cannot.
func (u *UI) openFile(path string) {
	if !storage.FileExists(path) {
		showInfo(u.win, "无法打开", "文件已不存在（可能已被移动、删除，或U盘已拔出）：\n"+path)
		return
	}
	u.runShell(u.shell.open, path)
}

// openPath opens a folder in the file manager; given a file, it opens the file's folder with
// the file selected (Explorer), e.g. after a package zip was written.
func (u *UI) openPath(path string) {
	if st, err := os.Stat(path); err == nil && !st.IsDir() {
		u.runShell(u.shell.reveal, path)
		return
	}
	u.runShell(u.shell.open, path)
}

// runShell calls the system off the UI goroutine (starting a program can take seconds) and
// shows its failure, which names the path, in a dialog.
func (u *UI) runShell(f func(string) error, path string) {
	go func() {
		if err := f(path); err != nil {
			u.post(func() { showInfo(u.win, "无法打开", err.Error()) })
		}
	}()
}
