package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

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

// denseTheme is the app's theme with tighter padding, for the criterion cards: with the
// standard spacing a criterion took 230 px and a 1366×768 screen showed about 1.5 of them;
// the text keeps its size.
type denseTheme struct{ fyne.Theme }

// dense draws obj with the app's current theme and tighter padding; readOnly also draws the
// text of disabled fields in the normal colour (see readableTheme).
func dense(obj fyne.CanvasObject, readOnly bool) fyne.CanvasObject {
	var th fyne.Theme = fyne.CurrentApp().Settings().Theme()
	if readOnly {
		th = &readableTheme{th}
	}
	return container.NewThemeOverride(obj, &denseTheme{th})
}

// readableTheme draws the text of disabled fields in the normal text colour. An 已定稿
// assessment shows its fields disabled, and Fyne draws disabled text in a light grey that is
// hard to read on the white fields; the field's grey background still says it cannot be typed in.
type readableTheme struct{ fyne.Theme }

// readable draws obj's disabled fields with readable text.
func readable(obj fyne.CanvasObject) fyne.CanvasObject {
	return container.NewThemeOverride(obj, &readableTheme{fyne.CurrentApp().Settings().Theme()})
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
