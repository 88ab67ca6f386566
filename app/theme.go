package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/assets"
)

// chineseTheme draws every text with the embedded Noto Sans SC so that a PC without Chinese
// system fonts shows characters, not boxes, and keeps the light variant an office PC expects.
type chineseTheme struct {
	regular, bold fyne.Resource
	base          fyne.Theme
}

// newTheme wraps Fyne's default theme with the embedded CJK faces.
func newTheme() fyne.Theme {
	return &chineseTheme{
		regular: fyne.NewStaticResource("NotoSansSC-Regular.ttf", assets.FontRegular),
		bold:    fyne.NewStaticResource("NotoSansSC-Bold.ttf", assets.FontBold),
		base:    theme.DefaultTheme(),
	}
}

// Color keeps the light palette whatever the system asks for: forms on paper-white are what
// the users know from their office software.
func (t *chineseTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.base.Color(n, theme.VariantLight)
}

// Font serves the embedded faces; Symbol stays Fyne's own (it only draws UI symbols).
func (t *chineseTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Symbol {
		return t.base.Font(s)
	}
	if s.Bold {
		return t.bold
	}
	return t.regular
}

// Icon is Fyne's default icon set.
func (t *chineseTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

// Size is Fyne's default, with slightly larger body text: Chinese strokes need the pixels.
func (t *chineseTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameText {
		return 15
	}
	return t.base.Size(n)
}

// denseTheme is the app's theme with tighter padding, for the criterion cards (denseCard): with the
// standard spacing a criterion took 230 px and a 1366×768 screen showed about 1.5 of them;
// the text keeps its size.
type denseTheme struct{ fyne.Theme }

// denseCard draws a criterion card with the dense theme (readable too while 已定稿).
//
// Fyne forgets every text measurement it has whenever it themes a widget for a ThemeOverride
// (its text cache is not keyed by theme), and a ThemeOverride themes its whole content again
// on every Refresh, measuring the content in between. With a bare override per card, building
// a page and every refresh of the page, the scroller or the tab made the window shape (with
// HarfBuzz) the same texts many times over: most of a problem jump's time. So the card is
// themed while it is still quiet (it neither refreshes nor measures), every card of the page
// is themed before any is measured (wake), and a refresh from outside refreshes the card
// without theming it again; only new widgets (evidence rows) are themed again (retheme).
type denseCard struct {
	widget.BaseWidget
	over  *container.ThemeOverride
	inner *quietBox
}

// quietBox shows obj; while quiet it neither refreshes it nor asks its size.
type quietBox struct {
	widget.BaseWidget
	obj   fyne.CanvasObject
	quiet bool
}

// newDenseCard themes obj for a card; it stays quiet until wake.
func newDenseCard(obj fyne.CanvasObject, readOnly bool) *denseCard {
	var th fyne.Theme = fyne.CurrentApp().Settings().Theme()
	if readOnly {
		th = &readableTheme{th}
	}
	q := &quietBox{obj: obj, quiet: true}
	q.ExtendBaseWidget(q)
	d := &denseCard{inner: q, over: container.NewThemeOverride(q, &denseTheme{th})}
	d.over.MinSize() // its renderer now: made later, it would theme (and forget) again
	unscopeTexts()
	d.ExtendBaseWidget(d)
	return d
}

// wake lets the card be measured and refreshed, once every card of the page is themed.
func (d *denseCard) wake() { d.inner.quiet = false }

// retheme themes widgets new in the card (evidence rows); quiet=true leaves the measuring to
// a later refresh of the page (several cards themed at once).
func (d *denseCard) retheme(quiet bool) {
	d.inner.quiet = true
	d.over.Refresh()
	unscopeTexts()
	d.inner.quiet = quiet
}

// Refresh refreshes the card without theming it again.
func (d *denseCard) Refresh() { d.inner.Refresh() }

// CreateRenderer shows the override over the whole area.
func (d *denseCard) CreateRenderer() fyne.WidgetRenderer {
	return &passRenderer{obj: d.over, refresh: d.inner.Refresh}
}

// Refresh refreshes obj unless quiet.
func (q *quietBox) Refresh() {
	if !q.quiet {
		q.obj.Refresh()
	}
}

// MinSize is obj's, nothing while quiet.
func (q *quietBox) MinSize() fyne.Size {
	q.ExtendBaseWidget(q)
	if q.quiet {
		return fyne.Size{}
	}
	return q.obj.MinSize()
}

// CreateRenderer shows obj over the whole area.
func (q *quietBox) CreateRenderer() fyne.WidgetRenderer {
	return &passRenderer{obj: q.obj, refresh: q.Refresh}
}

// passRenderer lays one object over the whole area; Refresh is the owner's.
type passRenderer struct {
	obj     fyne.CanvasObject
	refresh func()
}

func (r *passRenderer) Layout(s fyne.Size)           { r.obj.Resize(s) }
func (r *passRenderer) MinSize() fyne.Size           { return r.obj.MinSize() }
func (r *passRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.obj} }
func (r *passRenderer) Refresh()                     { r.refresh() }
func (r *passRenderer) Destroy()                     {}

// readableTheme draws the text of disabled fields in the normal text colour. An 已定稿
// assessment shows its fields disabled, and Fyne draws disabled text in a light grey that is
// hard to read on the white fields; the field's grey background still says it cannot be typed in.
type readableTheme struct{ fyne.Theme }

// readable draws obj's disabled fields with readable text.
func readable(obj fyne.CanvasObject) fyne.CanvasObject {
	return newOwnFonts(container.NewThemeOverride(obj, &readableTheme{fyne.CurrentApp().Settings().Theme()}))
}

// ownFonts shows a ThemeOverride whose texts are drawn with the window's fonts: after each time
// the override themes its content (made, drawn first, refreshed) unscopeTexts undoes the texts'
// scope, which would make Fyne parse the CJK faces again for them.
type ownFonts struct {
	widget.BaseWidget
	over *container.ThemeOverride
}

func newOwnFonts(over *container.ThemeOverride) *ownFonts {
	unscopeTexts()
	o := &ownFonts{over: over}
	o.ExtendBaseWidget(o)
	return o
}

// CreateRenderer makes the override's renderer (which themes again) and shows it.
func (o *ownFonts) CreateRenderer() fyne.WidgetRenderer {
	o.over.MinSize()
	unscopeTexts()
	return &passRenderer{obj: o.over, refresh: func() {
		o.over.Refresh()
		unscopeTexts()
	}}
}

// Color maps the disabled text colour to the foreground colour.
func (t *readableTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameDisabled {
		return t.Theme.Color(theme.ColorNameForeground, v)
	}
	return t.Theme.Color(n, v)
}

// Size narrows the padding around and inside widgets.
func (t *denseTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNamePadding:
		return 2
	case theme.SizeNameInnerPadding:
		return 4
	case theme.SizeNameLineSpacing:
		return 3
	}
	return t.Theme.Size(n)
}
