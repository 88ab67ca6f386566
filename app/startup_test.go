package app

import (
	"fmt"
	"image/color"
	"math"
	"runtime/debug"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// TestHoldCollectionRestores: the collector is off (bounded by the start-up limit) until
// release, which restores what was set before — once, however often it is called.
func TestHoldCollectionRestores(t *testing.T) {
	before := debug.SetGCPercent(73)
	defer debug.SetGCPercent(before)
	limit := debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetMemoryLimit(limit)

	release := holdCollection()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("collection held: GC percent %d, want -1 (off)", got)
	}
	if got := debug.SetMemoryLimit(-1); got != startupMemoryLimit {
		t.Errorf("collection held: memory limit %d, want %d", got, startupMemoryLimit)
	}
	release()
	if got := debug.SetGCPercent(-1); got != 73 {
		t.Errorf("released: GC percent %d, want 73", got)
	}
	debug.SetGCPercent(12)
	release() // a second call must not undo a later setting
	if got := debug.SetGCPercent(73); got != 12 {
		t.Errorf("second release changed the GC percent to %d", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("released: memory limit %d, want none", got)
	}
}

// TestParseFacesAheadWaits: wait returns, and the theme's faces then measure text (in both
// styles) as they do without the goroutine.
func TestParseFacesAheadWaits(t *testing.T) {
	fa := test.NewApp()
	defer fa.Quit()
	Setup(fa)
	parseFacesAhead()()
	for _, st := range []fyne.TextStyle{{}, {Bold: true}} {
		if w := fyne.MeasureText("三项制度", 14, st).Width; w <= 0 {
			t.Errorf("%+v: width %v after the faces were parsed ahead", st, w)
		}
	}
}

// TestSetupKeepsTheTheme: a second Setup (New calls it after Run's) keeps the theme object
// the parsing goroutine reads.
func TestSetupKeepsTheTheme(t *testing.T) {
	fa := test.NewApp()
	defer fa.Quit()
	Setup(fa)
	th := fa.Settings().Theme()
	Setup(fa)
	if fa.Settings().Theme() != th {
		t.Error("Setup replaced the theme")
	}
}

// TestWarmShapesAreInvisibleAndComplete: every kind of shape the main screen draws is in the
// warm-up (so its drawing program is compiled before the main screen), drawn — not skipped as
// transparent or empty — and only in the window's background colour.
func TestWarmShapesAreInvisibleAndComplete(t *testing.T) {
	bg := color.NRGBA{R: 0xfa, G: 0xfb, B: 0xfc, A: 0xff}
	kinds := map[string]bool{}
	same := func(c color.Color) bool { return c == color.Color(bg) }
	for _, o := range warmShapes(bg).(*fyne.Container).Objects {
		if s := o.Size(); s.Width < 1 || s.Height < 1 {
			t.Errorf("%T has no area: it would not be drawn", o)
		}
		switch x := o.(type) {
		case *canvas.Rectangle:
			if x.CornerRadius > 0 {
				kinds["rounded rectangle"] = true
			} else {
				kinds["rectangle"] = true
			}
			if !same(x.FillColor) || x.StrokeWidth != 0 {
				t.Errorf("rectangle fill %v stroke %v: visible", x.FillColor, x.StrokeWidth)
			}
		case *canvas.Image:
			kinds["image"] = true
			if x.Image == nil || x.Image.Bounds().Dx() != 1 || !same(colorAt(x, 0, 0)) {
				t.Errorf("image is not one pixel of the background")
			}
		case *canvas.LinearGradient:
			kinds["gradient"] = true
			if !same(x.StartColor) || !same(x.EndColor) {
				t.Errorf("gradient %v→%v: visible", x.StartColor, x.EndColor)
			}
		default:
			t.Errorf("unexpected %T", o)
		}
	}
	for _, k := range []string{"rectangle", "rounded rectangle", "image", "gradient"} {
		if !kinds[k] {
			t.Errorf("no %s in the warm-up", k)
		}
	}
}

func colorAt(img *canvas.Image, x, y int) color.Color {
	c := color.NRGBAModel.Convert(img.Image.At(x, y)).(color.NRGBA)
	return c
}

// TestWarmShapesCoverTheMainScreen: every kind of shape the main screen draws is warmed up (a
// kind added to the screen later, e.g. a circle, would otherwise compile its drawing program
// while the user waits for the first screen — add it to warmShapes).
func TestWarmShapesCoverTheMainScreen(t *testing.T) {
	e := withAssessment(t)
	warmed := map[string]bool{}
	for _, o := range warmShapes(color.White).(*fyne.Container).Objects {
		warmed[shapeKind(o)] = true
	}
	drawn := map[string]bool{}
	find(e.u.win.Content(), func(o fyne.CanvasObject) bool {
		switch o.(type) {
		case *fyne.Container, fyne.Widget:
		default:
			drawn[shapeKind(o)] = true
		}
		return false
	})
	if !drawn["rounded rectangle"] || !drawn["image"] { // the walk saw the screen
		t.Fatalf("main screen draws %v", drawn)
	}
	for k := range drawn {
		if !warmed[k] {
			t.Errorf("the main screen draws a %s; warmShapes does not", k)
		}
	}
}

// shapeKind names the drawing program OpenGL uses for o; text is drawn as an image.
func shapeKind(o fyne.CanvasObject) string {
	switch x := o.(type) {
	case *canvas.Rectangle:
		if x.CornerRadius > 0 || x.TopLeftCornerRadius > 0 || x.TopRightCornerRadius > 0 ||
			x.BottomLeftCornerRadius > 0 || x.BottomRightCornerRadius > 0 {
			return "rounded rectangle"
		}
		return "rectangle"
	case *canvas.Text, *canvas.Image, *canvas.Raster:
		return "image"
	case *canvas.LinearGradient:
		return "gradient"
	default:
		return fmt.Sprintf("%T", o)
	}
}
