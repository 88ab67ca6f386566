package app

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// drawnCaret finds the caret bar Fyne draws for f: the one rectangle in the entry's object
// tree as wide as the input border and as high as a line.
func drawnCaret(t *testing.T, f *field) fyne.CanvasObject {
	t.Helper()
	border := f.Theme().Size(theme.SizeNameInputBorder)
	line := fyne.MeasureText("M", f.Theme().Size(theme.SizeNameText), f.TextStyle).Height
	var found []fyne.CanvasObject
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *canvas.Rectangle:
			if v.Size().Width == border && v.Size().Height == line {
				found = append(found, v)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		}
	}
	walk(f)
	if len(found) != 1 {
		t.Fatalf("found %d caret bars, want 1", len(found))
	}
	return found[0]
}

// TestIMECaretIsTheDrawnCaret places the caret in single-line and wrapped multi-line fields,
// scrolled and not, and checks that what the IME is told is where Fyne draws the caret.
func TestIMECaretIsTheDrawnCaret(t *testing.T) {
	long := strings.Repeat("行政执法公示制度执法全过程记录制度重大执法决定法制审核制度，", 8)
	tests := []struct {
		name   string
		multi  bool
		text   string
		typed  string // typed after SetText, from the cursor at the start
		scroll bool   // the text content must end up scrolled
	}{
		{"single line, caret at start", false, "单位名称", "", false},
		{"single line, after typing", false, "", "三项制度示范", false},
		{"single line, scrolled sideways", false, "", long[:3*60], true},
		{"multi-line, wrapped rows", true, "", long[:3*60], false},
		{"multi-line, wrapped and scrolled down", true, "", long, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t)
			f := newField(tt.multi, nil)
			if tt.multi {
				f.SetMinRowsVisible(3)
			}
			f.SetText(tt.text)
			w := test.NewTempWindow(t, container.NewBorder(container.NewPadded(), nil, container.NewPadded(), nil, f))
			w.Resize(fyne.NewSize(360, 240))
			w.Canvas().Focus(f)
			test.Type(f, tt.typed)
			c, a, ok := imeCaret(w.Canvas())
			if !ok {
				t.Fatal("no caret for the focused field")
			}
			if tt.scroll != (f.view.Offset != fyne.Position{}) {
				t.Fatalf("scroll offset %v, want scrolled=%v", f.view.Offset, tt.scroll)
			}
			if tt.multi && f.CursorRow < 2 {
				t.Fatalf("caret on row %d: the text did not wrap", f.CursorRow)
			}
			bar := drawnCaret(t, f)
			pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(bar)
			want := [4]int32{int32(math.Floor(float64(pos.X))), int32(math.Floor(float64(pos.Y))),
				int32(math.Ceil(float64(pos.X + bar.Size().Width))), int32(math.Ceil(float64(pos.Y + bar.Size().Height)))}
			if got := [4]int32{c.Left, c.Top, c.Right, c.Bottom}; got != want {
				t.Errorf("IME caret %v, drawn caret %v (at %v)", got, want, pos)
			}
			if c.Left < a.Left || c.Top < a.Top || c.Right > a.Right || c.Bottom > a.Bottom {
				t.Errorf("caret %v outside the field's text area %v", c, a)
			}
		})
	}
}

func TestIMECaretOnlyForFocusedEditableFields(t *testing.T) {
	test.NewTempApp(t)
	f := newField(true, nil)
	f.SetText("自评说明")
	w := test.NewTempWindow(t, f)
	w.Resize(fyne.NewSize(300, 200))
	if _, _, ok := imeCaret(w.Canvas()); ok {
		t.Error("caret reported with no field focused")
	}
	w.Canvas().Focus(f)
	if _, _, ok := imeCaret(w.Canvas()); !ok {
		t.Error("no caret for the focused field")
	}
	w.Canvas().Unfocus()
	f.Disable()
	w.Canvas().Focus(f)
	if _, _, ok := imeCaret(w.Canvas()); ok {
		t.Error("caret reported for a read-only field")
	}
}
