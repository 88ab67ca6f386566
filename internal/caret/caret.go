// Package caret turns the caret of a focused text field into the rectangles that Windows'
// input method (IME) asks for, in physical pixels of the window's client area. It is pure
// arithmetic — no Fyne, no Windows — so that scroll offsets, wrapped lines and display scaling
// are unit tested on every platform; app feeds it and the Windows code passes its results on.
package caret

import "math"

// Point is a position in logical (Fyne) units.
type Point struct{ X, Y float32 }

// Size is an extent in logical (Fyne) units.
type Size struct{ W, H float32 }

// Field is a focused text field as Fyne lays it out, in logical units relative to the top-left
// of the window's canvas (Fyne's AbsolutePositionForObject).
type Field struct {
	// View is the top-left of the field's visible text area (its scroller) and ViewSize its size.
	View     Point
	ViewSize Size
	// Caret is the top-left of the caret bar within the field's whole text content, as Fyne
	// draws it (Entry.CursorPosition): for a wrapped multi-line field its Y is already the row
	// of the wrapped line times the line height.
	Caret Point
	// Scroll is how far the text content is scrolled inside View (the scroller's offset).
	Scroll Point
	// Width and Height are the caret bar's size: the input border width and the line height.
	Width, Height float32
}

// Rect is a rectangle in physical pixels (client-area or screen coordinates, as the caller
// says); Right and Bottom are exclusive, as in Win32's RECT.
type Rect struct{ Left, Top, Right, Bottom int32 }

// Offset moves r by (dx, dy): from client-area to screen coordinates (ClientToScreen).
func (r Rect) Offset(dx, dy int32) Rect {
	return Rect{r.Left + dx, r.Top + dy, r.Right + dx, r.Bottom + dy}
}

// Empty reports whether r has no area.
func (r Rect) Empty() bool { return r.Right <= r.Left || r.Bottom <= r.Top }

// Locate returns where the caret is (caretRect) and the field's visible text area (area) in
// physical pixels of the window's client area, at the canvas scale (Fyne's Canvas.Scale: the
// monitor's DPI scale times the user's Fyne scale; 1.0, 1.25, 1.5 …). A caret scrolled out of
// view is moved to the nearest edge of the area, so the IME's boxes stay next to the field.
// Edges are rounded outwards (left/top down, right/bottom up) so the caret is always covered.
func Locate(f Field, scale float32) (caretRect, area Rect) {
	if scale <= 0 {
		scale = 1
	}
	x := f.View.X + f.Caret.X - f.Scroll.X
	y := f.View.Y + f.Caret.Y - f.Scroll.Y
	w, h := max(f.Width, 1), max(f.Height, 1)
	vw, vh := max(f.ViewSize.W, w), max(f.ViewSize.H, h)
	// keep the caret inside the visible area
	x = clamp(x, f.View.X, f.View.X+vw-w)
	y = clamp(y, f.View.Y, f.View.Y+vh-h)
	caretRect = Rect{floor(x, scale), floor(y, scale), ceil(x+w, scale), ceil(y+h, scale)}
	area = Rect{floor(f.View.X, scale), floor(f.View.Y, scale), ceil(f.View.X+vw, scale), ceil(f.View.Y+vh, scale)}
	return caretRect, area
}

// Form is what the input method is told through IMM32 (all client-area pixels).
type Form struct {
	// Composition is the point for ImmSetCompositionWindow (CFS_POINT): the caret's top-left.
	Composition [2]int32
	// Candidate is the point for ImmSetCandidateWindow (CFS_CANDIDATEPOS and CFS_EXCLUDE):
	// just below the caret, where the candidate list opens.
	Candidate [2]int32
	// Exclude is the rectangle the candidate list must not cover (CFS_EXCLUDE): the caret.
	Exclude Rect
}

// IMEForm derives the IMM32 positions from a caret rectangle.
func IMEForm(caretRect Rect) Form {
	return Form{
		Composition: [2]int32{caretRect.Left, caretRect.Top},
		Candidate:   [2]int32{caretRect.Left, caretRect.Bottom},
		Exclude:     caretRect,
	}
}

// CharPosition is the answer to WM_IME_REQUEST/IMR_QUERYCHARPOSITION (IMECHARPOSITION), in
// screen pixels. The program shows no composition text inside the field, so every character
// of a composition is at the caret.
type CharPosition struct {
	Point      [2]int32 // top-left of the character (the caret)
	LineHeight uint32   // height of the caret's line
	Document   Rect     // the field's visible text area
}

// QueryCharPosition answers IMR_QUERYCHARPOSITION for a caret and area already moved to screen
// coordinates (Rect.Offset by the client area's screen position).
func QueryCharPosition(caretRect, area Rect) CharPosition {
	return CharPosition{
		Point:      [2]int32{caretRect.Left, caretRect.Top},
		LineHeight: uint32(max(caretRect.Bottom-caretRect.Top, 0)),
		Document:   area,
	}
}

func clamp(v, lo, hi float32) float32 {
	if hi < lo {
		hi = lo
	}
	return min(max(v, lo), hi)
}

// eps absorbs float32 noise (10.4 is stored as 10.3999996) so that an exact pixel boundary is
// not rounded to the pixel before or after it.
const eps = 1e-3

func floor(v, scale float32) int32 { return int32(math.Floor(float64(v)*float64(scale) + eps)) }

func ceil(v, scale float32) int32 { return int32(math.Ceil(float64(v)*float64(scale) - eps)) }
