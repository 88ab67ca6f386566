//go:build migrated_fynedo

package app

import (
	_ "unsafe" // go:linkname

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// fyneThemeScopes is fontscope.go's table in the layout Fyne's migrated_fynedo build gives its
// async.Map (a plain map, used on the UI goroutine only).
//
//go:linkname fyneThemeScopes fyne.io/fyne/v2/internal/cache.overrides
var fyneThemeScopes struct{ m map[any]*struct{} } // values are *overrideScope: any pointer has their layout

// unscopeTexts is fontscope.go's, for the migrated_fynedo build.
func unscopeTexts() {
	for k := range fyneThemeScopes.m {
		if _, ok := k.(*canvas.Text); ok {
			delete(fyneThemeScopes.m, k)
		}
	}
}

// themeScoped says whether Fyne holds o as themed by a ThemeOverride (for the tests).
func themeScoped(o fyne.CanvasObject) bool {
	_, ok := fyneThemeScopes.m[o]
	return ok
}
