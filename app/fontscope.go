//go:build !migrated_fynedo

package app

import (
	"sync"
	_ "unsafe" // go:linkname

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// fyneThemeScopes is Fyne's table of the objects a ThemeOverride has themed
// (fyne.io/fyne/v2/internal/cache.overrides, an async.Map: a sync.Map in a struct; the
// migrated_fynedo build of Fyne uses another layout, see fontscope_fynedo.go). Fyne has no API
// for it, and unscopeTexts needs it: see there. TestCardTextsUseTheWindowFonts fails if the
// name or layout changes with a Fyne upgrade.
//
//go:linkname fyneThemeScopes fyne.io/fyne/v2/internal/cache.overrides
var fyneThemeScopes struct{ sync.Map }

// unscopeTexts lets every text drawn under a ThemeOverride (the dense criterion cards, the
// read-only pages) be drawn with the window's fonts.
//
// Fyne 2.7 draws a text with the fonts of the theme scope the text was themed in, and keeps
// parsed fonts per scope and text style for the life of the program; every ThemeOverride and
// every refresh of one is a new scope. For a 10 MB CJK face that is 56 ms and 39 MB for each
// card and style — the first screen parsed the two faces eight times more (0.45 s, +350 MB at
// the first frame; docs/build.md), and every page shown afterwards parsed them again and kept
// them. Our overrides change sizes and colours, never the font, and a text's colour and size
// are set on it by its widget from the widget's theme: the text itself needs no scope. The
// widgets keep theirs (their padding and colours stay the override's).
func unscopeTexts() {
	fyneThemeScopes.Range(func(k, _ any) bool {
		if _, ok := k.(*canvas.Text); ok {
			fyneThemeScopes.Delete(k)
		}
		return true
	})
}

// themeScoped says whether Fyne holds o as themed by a ThemeOverride (for the tests).
func themeScoped(o fyne.CanvasObject) bool {
	_, ok := fyneThemeScopes.Load(o)
	return ok
}
