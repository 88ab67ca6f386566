// Command bare is the reference of scripts/bench-gui.sh: a bare Fyne window with the program's
// theme and embedded fonts (regular and bold text), and nothing else. With firstframe.Env
// set it reports its first painted frame exactly as sanxiang does, and quits.
package main

import (
	"os"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sanxiang/app"
	"sanxiang/internal/firstframe"
)

func main() {
	stop, err := firstframe.StartProfile() // as sanxiang's (under firstframe.ProfileEnv only)
	if err != nil {
		fyne.LogError("性能分析", err)
	}
	fa := fyneapp.NewWithID(app.ID + ".bare")
	app.Setup(fa)
	w := fa.NewWindow(app.Title)
	w.Resize(fyne.NewSize(1280, 700))
	w.SetContent(container.NewVBox(
		widget.NewLabelWithStyle(app.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel("三项制度示范创建自评：行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度"),
	))
	if p := os.Getenv(firstframe.Env); p != "" {
		app.ReportFirstFrame(fa, w, p, stop)
	}
	w.Show()
	fa.Run()
}
