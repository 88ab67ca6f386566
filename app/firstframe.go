package app

import (
	"image"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"sanxiang/internal/firstframe"
)

// ReportFirstFrame writes, once w's first frame has been painted, the record of
// internal/firstframe to path, then stop()s the profile and quits; call it before w.Show.
func ReportFirstFrame(fa fyne.App, w fyne.Window, path string, stop func()) {
	onFirstFrame(w, func(at time.Time) {
		go func() {
			// the record first: writing the profiles takes processor time of its own
			if err := firstframe.Write(path, at); err != nil {
				fyne.LogError("记录首帧时间失败", err)
			}
			stop()
			fyne.Do(fa.Quit)
		}()
	})
}

// onFirstFrame calls painted (on the UI goroutine, while painting: it must only start work) once
// w's first frame has been painted, with the time it was; call it before w.Show. Work that the
// first screen does not need waits for it, so that it does not compete with the first screen
// for the processor. A transparent raster in the canvas' overlays is painted after the
// content, so it is painted once every text of the first frame has been; the content itself is
// left untouched, and the raster leaves the overlays after that frame.
func onFirstFrame(w fyne.Window, painted func(at time.Time)) {
	done := false
	var mark *canvas.Raster
	mark = canvas.NewRaster(func(int, int) image.Image {
		if !done { // the painter runs on the UI goroutine
			done = true
			painted(time.Now())
			go fyne.Do(func() { w.Canvas().Overlays().Remove(mark) })
		}
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	})
	w.Canvas().Overlays().Add(mark)
}
