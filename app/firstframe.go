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
// A transparent raster in the canvas' overlays is painted after the content, so it is painted
// once every text of the first frame has been; the content itself is left untouched.
func ReportFirstFrame(fa fyne.App, w fyne.Window, path string, stop func()) {
	painted := false
	var mark *canvas.Raster
	mark = canvas.NewRaster(func(int, int) image.Image {
		if !painted { // the painter runs on the UI thread
			painted = true
			at := time.Now()
			go func() {
				stop()
				if err := firstframe.Write(path, at); err != nil {
					fyne.LogError("记录首帧时间失败", err)
				}
				fyne.Do(func() {
					w.Canvas().Overlays().Remove(mark)
					fa.Quit()
				})
			}()
		}
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	})
	w.Canvas().Overlays().Add(mark)
}
