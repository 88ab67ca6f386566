// Command sanxiang is the desktop program 三项制度示范创建自评工具: a unit's legal officer walks
// through every criterion of the indicator system, keeps the evidence, and hands in the scored
// sheets and the submission package. All of the program is in package app; this only starts it,
// with its log in sanxiang.log and a message box instead of a silent exit when it cannot draw
// its window (no OpenGL 2.1) or crashes (see guard.go).
package main

import (
	fyneapp "fyne.io/fyne/v2/app"

	"sanxiang/app"
)

func main() {
	g := startGuard()
	defer g.recoverPanic()
	app.Run(fyneapp.NewWithID(app.ID))
}
