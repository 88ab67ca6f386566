package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/internal/desktop"
	"sanxiang/internal/firstframe"
	"sanxiang/scoring"
	"sanxiang/storage"
)

// Run is the whole program for cmd/sanxiang: open the database (explaining in Chinese when it
// is locked, damaged or too new, and offering the latest backup), show the window, and run
// until it closes. It returns true, without running, when the program is already running and
// its window was brought to the front instead (that start must not log a normal exit). cats is
// the program's catalog registry (main builds it).
func Run(fa fyne.App, cats *scoring.Set) (alreadyRunning bool) {
	stopProfile, err := firstframe.StartProfile()
	if err != nil {
		fyne.LogError("性能分析", err)
	}
	collect := holdCollection() // until the first screen is built (startup.go)
	Setup(fa)
	facesParsed := parseFacesAhead()
	var u *UI
	started := false
	fa.Lifecycle().SetOnStarted(func() {
		started = true
		collect() // when the start ended in a message instead
		if u != nil {
			u.fitToScreen()
		}
	})
	// open finds the database (after a possible rename below) and opens it; true when another
	// start of the program holds it and its window was brought to the front.
	open := func() bool {
		path, err := storage.DefaultPath()
		if err != nil {
			fatal(fa, "无法确定数据保存位置", err.Error())
			return false
		}
		return openDatabase(fa, path, cats, true, func(db *storage.DB) {
			u = New(fa, db, cats)
			early := !started // the program's first window: created while the faces are parsed
			if early {
				u.win.SetContent(warmShapes(theme.Color(theme.ColorNameBackground)))
				u.win.Show()
				u.attachIME() // the native window exists once shown
			}
			facesParsed()
			u.Start()
			// The characters of the other pages are measured once the first screen is painted
			// (on the other core): the first page measures its own, and the first screen
			// comes sooner without the warm-up competing for the processor (docs/build.md).
			// Added after Start: while a canvas has overlays, focus goes to the top one.
			onFirstFrame(u.win, func(time.Time) { go warmText(u.widths, u.ws.Catalog()) })
			// Building the main view leaves tens of MB of garbage (database rows, text shaping)
			// beside the ~85 MB of parsed CJK faces, and collection was held. Collect once and
			// give the pages back while the first frame is drawn (on the other core): about 30 MB
			// less resident memory at the first frame, without the UI goroutine waiting for it
			// (docs/build.md, bench-gui.sh); then collection runs as usual.
			go func() {
				debug.FreeOSMemory()
				collect()
			}()
			if p := os.Getenv(firstframe.Env); p != "" {
				ReportFirstFrame(fa, u.win, p, stopProfile)
			}
			if !early { // after a restore from backup: the window is created now
				u.win.Show()
				u.attachIME()
				u.fitToScreen()
			}
		})
	}
	if txt, ok := storage.MisnamedPortable(); ok {
		offerRename(fa, txt, func() {
			if open() {
				fa.Quit()
			}
		})
	} else if open() {
		return true
	}
	fa.Run()
	if u != nil { // SIGTERM/SIGINT (logout, shutdown, kill) end the loop without the close intercept
		u.finish()
	}
	return false
}

// launchDialogSize is the window of a message shown before the main window exists (a misnamed,
// damaged or newer database): room around the dialog for its longest text (at 640×360 the
// dialog touched the window's edges).
func launchDialogSize() fyne.Size { return fyne.NewSize(760, 480) }

// offerRename explains a portable database that Explorer shows as "sanxiang.db" but is named
// sanxiang.db.txt (hidden extensions; e.g. renamed by hand or saved by a mail program), and
// offers to give it its real name; then the program opens it as usual.
func offerRename(fa fyne.App, txt string, next func()) {
	w := fa.NewWindow(Title)
	w.Resize(launchDialogSize())
	w.SetContent(widget.NewLabel(""))
	db := strings.TrimSuffix(txt, filepath.Ext(txt))
	text := fmt.Sprintf("程序旁边有文件“%s”。它的名称多了“.txt”（资源管理器默认隐藏扩展名，所以显示为 sanxiang.db），"+
		"程序因此不会把它当作便携数据库使用。\n\n改名为“%s”后，程序将以便携模式使用其中的数据；"+
		"否则使用本电脑用户文件夹中的数据库。", txt, filepath.Base(db))
	d := dialog.NewCustomConfirm("发现 sanxiang.db.txt", "改名并使用", "不使用", messageBody(text), func(yes bool) {
		if yes {
			if err := os.Rename(txt, db); err != nil {
				fatal(fa, "无法改名", fmt.Sprintf("无法把“%s”改名为“%s”：%v", txt, db, err))
				w.Close()
				return
			}
		}
		next()
		w.Close()
	}, w)
	d.Show()
	w.Show()
}

// fatal shows a message in a small window; closing it ends the program.
func fatal(fa fyne.App, title, text string) fyne.Window {
	w := fa.NewWindow(Title)
	w.Resize(launchDialogSize())
	w.SetContent(widget.NewLabel(""))
	d := dialog.NewCustom(title, "退出", messageBody(text), w)
	d.SetOnClosed(w.Close)
	d.Show()
	w.Show()
	return w
}

// OpenDatabase opens path and hands the database to ready. When that fails it explains why in
// a small window: a locked database (another window of the program) ends the program; a damaged
// or newer-version file is never reset — the user may restore the latest automatic backup (the
// damaged file itself is kept aside by storage) or quit.
func OpenDatabase(fa fyne.App, path string, cats *scoring.Set, ready func(*storage.DB)) {
	openDatabase(fa, path, cats, false, ready)
}

// openDatabase is OpenDatabase; with front, a database locked by the program's own window
// brings that window to the front and returns true instead of explaining.
func openDatabase(fa fyne.App, path string, cats *scoring.Set, front bool, ready func(*storage.DB)) bool {
	db, err := storage.Open(path, cats)
	if err == nil {
		ready(db)
		return false
	}
	switch {
	case errors.Is(err, storage.ErrLocked):
		if front && desktop.BringToFront(Title) {
			return true
		}
		fatal(fa, "程序已在运行", err.Error()+"\n\n数据库："+path)
	case errors.Is(err, storage.ErrDamaged), errors.Is(err, storage.ErrNewerSchema):
		offerRestore(fa, path, cats, err, ready)
	default:
		fatal(fa, "无法打开数据库", err.Error()+"\n\n数据库："+path)
	}
	return false
}

// offerRestore explains a damaged (or too new) database and offers its latest backup.
func offerRestore(fa fyne.App, path string, cats *scoring.Set, cause error, ready func(*storage.DB)) {
	backup, ok := storage.LatestBackup(path)
	if !ok {
		offerSetAside(fa, path, cats, cause, ready)
		return
	}
	w := fa.NewWindow(Title)
	w.Resize(launchDialogSize())
	w.SetContent(widget.NewLabel(""))
	text := fmt.Sprintf("%v\n\n数据库：%s\n\n可以从最近的自动备份恢复：\n%s\n\n恢复前，当前的数据库文件会被改名保留，不会删除。", cause, path, filepath.Base(backup))
	status := widget.NewLabel("")
	body := container.NewVBox(messageBody(text), status)
	var d *dialog.ConfirmDialog
	d = dialog.NewCustomConfirm("数据库无法打开", "从备份恢复", "退出", body, func(yes bool) {
		if !yes {
			w.Close()
			return
		}
		go func() {
			err := storage.RestoreClosed(path, backup)
			var db *storage.DB
			if err == nil {
				db, err = storage.Open(path, cats)
			}
			fyne.Do(func() {
				if err != nil {
					fatal(fa, "恢复失败", fmt.Sprintf("从备份恢复失败：%v\n\n数据库：%s", err, path))
					w.Close()
					return
				}
				ready(db)
				w.Close()
			})
		}()
	}, w)
	d.Show()
	w.Show()
}

// offerSetAside is the choice when there is no backup: quit (and have the file examined), or
// keep the unusable file under a new name and start an empty database. Nothing is deleted.
func offerSetAside(fa fyne.App, path string, cats *scoring.Set, cause error, ready func(*storage.DB)) {
	w := fa.NewWindow(Title)
	w.Resize(launchDialogSize())
	w.SetContent(widget.NewLabel(""))
	text := fmt.Sprintf("%s\n\n数据库：%s\n\n没有找到自动备份。可以退出后把该文件交给技术人员检查；也可以把它改名保留在原处（文件名后加 .bad 和当前时间），新建一个空数据库重新开始。", storage.WithoutBackupAdvice(cause), path)
	d := dialog.NewCustomConfirm("数据库无法打开", "改名保留并新建", "退出", messageBody(text), func(yes bool) {
		if !yes {
			w.Close()
			return
		}
		go func() {
			aside, err := storage.SetAside(path)
			var db *storage.DB
			if err == nil {
				db, err = storage.Open(path, cats)
			}
			fyne.Do(func() {
				if err != nil {
					fatal(fa, "新建数据库失败", fmt.Sprintf("%v\n\n数据库：%s", err, path))
					w.Close()
					return
				}
				ready(db)
				w.Close()
				if aside != "" {
					fyne.LogError("损坏的数据库已改名保留为 "+aside, nil)
				}
			})
		}()
	}, w)
	d.Show()
	w.Show()
}
