// Command sanxiang is the desktop program 三项制度示范创建自评工具: a unit's legal officer walks
// through every criterion of the indicator system, keeps the evidence, and hands in the scored
// sheets and the submission package. All of the program is in package app; this only starts it,
// with its log in sanxiang.log and a message box instead of a silent exit when it cannot draw
// its window (no OpenGL 2.1) or crashes (see guard.go).
package main

import (
	fyneapp "fyne.io/fyne/v2/app"

	"sanxiang/app"
	"sanxiang/cmd/sanxiang/internal/crashlog"
	"sanxiang/scoring"
	"sanxiang/storage"
)

func main() {
	g := startGuard()
	defer g.recoverPanic()
	// the one catalog registry: the built-in catalogs; the database adds the ones it stores
	cats, err := scoring.BuiltinSet()
	if err != nil {
		crashlog.ShowError(app.Title+" — 程序文件损坏", err.Error()+"\n\n请重新安装本程序。")
		return
	}
	if app.Run(fyneapp.NewWithID(appID()), cats) {
		g.alreadyRunning = true
	}
}

// appID is the program's ID for Fyne, which keeps its preferences and documents under
// %APPDATA%\fyne\<ID>. In portable mode it is empty, so that Fyne writes nothing to the PC
// (the program keeps its window sizes beside the database itself).
func appID() string {
	if p, err := storage.DefaultPath(); err == nil && storage.IsPortable(p) {
		return ""
	}
	return app.ID
}
