package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// wheelPass lies over a field and takes the mouse wheel: Fyne gives a wheel event to the
// topmost scrollable object under the pointer, which for a field is its own text scroller even
// when all its text is showing, so the page stopped scrolling whenever the pointer crossed a
// field. wheelPass hands the wheel to the page, and steps aside (hides) while the field has
// more text than it shows, so that the field scrolls its own text then. It takes no clicks,
// keys or focus (it implements nothing but Scrollable).
type wheelPass struct {
	widget.BaseWidget
	f    *field
	page func(*fyne.ScrollEvent)
}

// wheelThrough stacks a wheelPass over f; page scrolls the page around it.
func wheelThrough(f *field, page func(*fyne.ScrollEvent)) fyne.CanvasObject {
	w := &wheelPass{f: f, page: page}
	w.ExtendBaseWidget(w)
	f.wheel = w
	w.sync()
	return container.NewStack(f, w)
}

// Scrolled scrolls the page.
func (w *wheelPass) Scrolled(ev *fyne.ScrollEvent) {
	if w.page != nil {
		w.page(ev)
	}
}

// sync hides the pass while the field's text overflows it (the field then scrolls itself).
func (w *wheelPass) sync() {
	over := w.f.overflows()
	if over == w.Visible() {
		if over {
			w.Hide()
		} else {
			w.Show()
		}
	}
}

func (w *wheelPass) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// overflows says whether a growing field's text needs more rows than it may show.
func (f *field) overflows() bool { return f.grow[0] > 0 && f.need > f.grow[1] }
