package caret

import "testing"

// Fyne's default theme: inner padding 8, input border 2; a CJK line of the 14-unit text is
// 20.25 units high. A caret on wrapped row r is at Y = r×20.25 + 8 − 2 (Entry.CursorPosition).
const (
	lh = 20.25
	bw = 2
)

func row(r int) float32 { return float32(r)*lh + 8 - bw }

func TestLocate(t *testing.T) {
	single := Field{View: Point{100, 50}, ViewSize: Size{300, 32}, Caret: Point{30.5, row(0)}, Width: bw, Height: lh}
	multi := Field{View: Point{10, 100}, ViewSize: Size{300, 80}, Width: bw, Height: lh}
	at := func(f Field, c, s Point) Field { f.Caret, f.Scroll = c, s; return f }
	tests := []struct {
		name  string
		f     Field
		scale float32
		caret Rect
		area  Rect
	}{
		{"single line, scale 1.0", single, 1, Rect{130, 56, 133, 77}, Rect{100, 50, 400, 82}},
		{"single line, scale 1.25", single, 1.25, Rect{163, 70, 166, 96}, Rect{125, 62, 500, 103}},
		{"single line, scale 1.5", single, 1.5, Rect{195, 84, 199, 115}, Rect{150, 75, 600, 123}},
		{"no scale given is 1.0", single, 0, Rect{130, 56, 133, 77}, Rect{100, 50, 400, 82}},
		{"single line scrolled sideways", at(single, Point{400, row(0)}, Point{350, 0}), 1, Rect{150, 56, 152, 77}, Rect{100, 50, 400, 82}},
		{"wrapped row 2, not scrolled", at(multi, Point{40, row(2)}, Point{}), 1, Rect{50, 146, 52, 167}, Rect{10, 100, 310, 180}},
		{"wrapped row 2, scale 1.25", at(multi, Point{40, row(2)}, Point{}), 1.25, Rect{62, 183, 65, 209}, Rect{12, 125, 388, 225}},
		{"wrapped row 2, scale 1.5", at(multi, Point{40, row(2)}, Point{}), 1.5, Rect{75, 219, 78, 251}, Rect{15, 150, 465, 270}},
		// row 7 is at 147.75 in the content; scrolled by 100 it shows 47.75 below the view's top
		{"wrapped row 7, scrolled down", at(multi, Point{12, row(7)}, Point{0, 100}), 1, Rect{22, 147, 24, 168}, Rect{10, 100, 310, 180}},
		{"wrapped row 7, scrolled down, scale 1.5", at(multi, Point{12, row(7)}, Point{0, 100}), 1.5, Rect{33, 221, 36, 252}, Rect{15, 150, 465, 270}},
		// the user scrolled the caret out of view with the wheel: the IME stays at the field's edge
		{"caret above the view", at(multi, Point{12, row(0)}, Point{0, 100}), 1, Rect{22, 100, 24, 121}, Rect{10, 100, 310, 180}},
		{"caret below the view", at(multi, Point{12, row(9)}, Point{}), 1, Rect{22, 159, 24, 180}, Rect{10, 100, 310, 180}},
		{"caret right of the view", at(single, Point{900, row(0)}, Point{}), 1, Rect{398, 56, 400, 77}, Rect{100, 50, 400, 82}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, a := Locate(tt.f, tt.scale)
			if c != tt.caret || a != tt.area {
				t.Errorf("Locate = caret %v area %v, want caret %v area %v", c, a, tt.caret, tt.area)
			}
			if c.Empty() || c.Left < a.Left || c.Top < a.Top || c.Right > a.Right || c.Bottom > a.Bottom {
				t.Errorf("caret %v is not inside the area %v", c, a)
			}
		})
	}
}

func TestFloatNoiseIsNotAPixel(t *testing.T) {
	// 10.4×1.25 = 13 and (10.4+1.6)×1.25 = 15 exactly, but float32(10.4) is 10.3999996
	c, _ := Locate(Field{View: Point{10.4, 0}, ViewSize: Size{100, 100}, Width: 1.6, Height: 8}, 1.25)
	if c.Left != 13 || c.Right != 15 || c.Top != 0 || c.Bottom != 10 {
		t.Errorf("caret %v, want {13 0 15 10}", c)
	}
}

func TestIMEForm(t *testing.T) {
	f := IMEForm(Rect{130, 56, 133, 77})
	if f.Composition != [2]int32{130, 56} || f.Candidate != [2]int32{130, 77} || f.Exclude != (Rect{130, 56, 133, 77}) {
		t.Errorf("IMEForm = %+v", f)
	}
}

func TestQueryCharPosition(t *testing.T) {
	c, a := Locate(Field{View: Point{10, 100}, ViewSize: Size{300, 80}, Caret: Point{40, row(2)}, Width: bw, Height: lh}, 1.5)
	// the window's client area starts at (200, 150) on the screen
	p := QueryCharPosition(c.Offset(200, 150), a.Offset(200, 150))
	want := CharPosition{Point: [2]int32{275, 369}, LineHeight: 32, Document: Rect{215, 300, 665, 420}}
	if p != want {
		t.Errorf("QueryCharPosition = %+v, want %+v", p, want)
	}
	if got := QueryCharPosition(Rect{5, 9, 6, 4}, Rect{}); got.LineHeight != 0 {
		t.Errorf("inverted rectangle gives line height %d, want 0", got.LineHeight)
	}
}
