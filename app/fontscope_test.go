package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// scopedTexts counts the texts under root that Fyne would draw with fonts parsed for their
// theme scope, and the widgets under root that are themed at all.
func scopedTexts(root fyne.CanvasObject) (texts, widgets int) {
	find(root, func(o fyne.CanvasObject) bool {
		switch o.(type) {
		case *canvas.Text:
			if themeScoped(o) {
				texts++
			}
		case *widget.Entry, *widget.Label, *widget.Button:
			if themeScoped(o) {
				widgets++
			}
		}
		return false
	})
	return texts, widgets
}

// The cards are themed dense (their widgets in a ThemeOverride's scope) but their texts are
// drawn with the window's fonts: with a scope each, Fyne parsed the 10 MB CJK faces again for
// every card, style and refresh, and kept them all (docs/build.md, 界面启动速度). Also after
// the evidence rows changed (retheme), on another page, and on a 已定稿 assessment's pages.
func TestCardTextsUseTheWindowFonts(t *testing.T) {
	e := withAssessment(t)
	check := func(when string) {
		t.Helper()
		texts, widgets := scopedTexts(e.u.check.body)
		if widgets == 0 {
			t.Fatalf("%s: no widget of the cards is themed dense (or Fyne's theme table moved: fontscope.go)", when)
		}
		if texts != 0 {
			t.Errorf("%s: %d texts of the cards have a theme scope of their own", when, texts)
		}
	}
	check("first page")
	e.card(5).showEvidence() // rows changed: the card is themed again
	check("after the evidence rows changed")
	e.u.check.step(+1)
	check("next page")
	e.u.check.refreshEvidence()
	check("back on the page")

	e.u.setFinal(true)
	e.pump(func() bool { return e.u.ws.ReadOnly() })
	e.settle()
	check("已定稿")
	for i := range e.u.tabs.Items {
		e.u.tabs.SelectIndex(i)
		e.settle()
		if texts, _ := scopedTexts(e.u.tabs.Items[i].Content); texts != 0 {
			t.Errorf("已定稿, tab %q: %d texts have a theme scope of their own", e.u.tabs.Items[i].Text, texts)
		}
	}
}
