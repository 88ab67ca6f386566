package app

import (
	"os"

	"sanxiang/internal/evidencefile"
	"sanxiang/internal/shellopen"
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
// The disk is asked off the UI goroutine (a drive known not to answer is refused at once),
// and the answer goes into the window's cache of evidence states.
func (u *evidenceCmds) openFile(path string) {
	if u.evidence().State(path) == evidencefile.Unreachable {
		showInfo(u.win, "无法打开", "无法访问该文件（U盘是否已拔出？网络盘是否可用？）：\n"+path)
		return
	}
	go func() {
		if s := u.evidence().CheckNow(path); s != evidencefile.Present {
			u.post(func() {
				showInfo(u.win, "无法打开", "文件已不存在（可能已被移动、删除，或U盘已拔出）：\n"+path)
			})
			return
		}
		if err := u.shell.open(path); err != nil {
			u.post(func() { showInfo(u.win, "无法打开", err.Error()) })
		}
	}()
}

// openPath opens a folder in the file manager; given a file, it opens the file's folder with
// the file selected (Explorer), e.g. after a package zip was written. The disk is asked off
// the UI goroutine.
func (u *evidenceCmds) openPath(path string) {
	go func() {
		how := u.shell.open
		if st, err := os.Stat(path); err == nil && !st.IsDir() {
			how = u.shell.reveal
		}
		if err := how(path); err != nil {
			u.post(func() { showInfo(u.win, "无法打开", err.Error()) })
		}
	}()
}
