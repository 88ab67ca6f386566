package app

import (
	"image"
	"image/color"
	"runtime/debug"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// The first screen's start-up runs three things side by side on the two cores an office PC has
// at least (docs/build.md “界面启动速度”, measured with scripts/bench-gui.sh): the CJK faces are
// parsed on a goroutine (parseFacesAhead) while the window is created and its drawing programs
// are compiled (warmShapes), and the garbage collector waits for the first screen
// (holdCollection).

// startupMemoryLimit bounds the Go heap while collection is held: the start-up needs about
// 200 MB (the parsed faces are ~85 MB of it); past this the collector runs as usual.
const startupMemoryLimit = 512 << 20

// holdCollection stops the garbage collector until release is called (once; further calls do
// nothing). The ~85 MB of parsed CJK glyphs are live from the first text on, and every
// collection while the heap grows to them marks them again: about 60 ms of processor time
// before the first frame, for memory that debug.FreeOSMemory returns before the frame anyway.
func holdCollection() (release func()) {
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(startupMemoryLimit)
	var once sync.Once
	return func() {
		once.Do(func() {
			debug.SetGCPercent(percent)
			debug.SetMemoryLimit(limit)
		})
	}
}

// parseFacesAhead starts parsing the theme's regular and bold faces (10 MB each, ~50 ms of
// processor time each) on another goroutine; wait returns once both are in Fyne's font cache.
// Until then nothing on the UI goroutine may measure or draw text, or it parses a face a second
// time: call it after Setup and wait before building any text.
func parseFacesAhead() (wait func()) {
	done := make(chan struct{})
	size := theme.TextSize()
	go func() {
		defer close(done)
		fyne.MeasureText("字", size, fyne.TextStyle{})
		fyne.MeasureText("字", size, fyne.TextStyle{Bold: true})
	}()
	return func() { <-done }
}

// warmShapes is a window's content that draws, invisibly (in bg, the window's own colour), one
// shape of every kind the main screen draws — rectangle, rounded rectangle, image (the kind text
// is drawn as too) and gradient (shadows). A software OpenGL (Mesa llvmpipe: PCs without a
// graphics driver, virtual machines) compiles a drawing program the first time each kind is
// drawn, ~30 ms each; drawn in the window's first frame, while the faces are being parsed on the
// other core, they are ready when the main screen is drawn.
func warmShapes(bg color.Color) fyne.CanvasObject {
	rect := canvas.NewRectangle(bg)
	round := canvas.NewRectangle(bg)
	round.CornerRadius = 1
	pixel := image.NewNRGBA(image.Rect(0, 0, 1, 1))
	pixel.Set(0, 0, bg)
	img := canvas.NewImageFromImage(pixel)
	shade := canvas.NewLinearGradient(bg, bg, 0)
	objs := []fyne.CanvasObject{rect, round, img, shade}
	for _, o := range objs {
		o.Resize(fyne.NewSize(2, 2))
	}
	return container.NewWithoutLayout(objs...)
}
