package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestOfferRenameOfDBTxt: sanxiang.db.txt is explained and, when the user agrees, renamed to
// sanxiang.db before the program goes on; refusing leaves it as it is.
func TestOfferRenameOfDBTxt(t *testing.T) {
	fa := test.NewApp()
	defer fa.Quit()
	Setup(fa)
	for _, agree := range []bool{true, false} {
		dir := t.TempDir()
		txt := filepath.Join(dir, "sanxiang.db.txt")
		os.WriteFile(txt, []byte("data"), 0o644)
		went := false
		offerRename(fa, txt, func() { went = true })
		wins := fa.Driver().AllWindows()
		w := wins[len(wins)-1]
		top := w.Canvas().Overlays().Top()
		if top == nil || !strings.Contains(textsIn(top), "sanxiang.db.txt") || !strings.Contains(textsIn(top), "资源管理器默认隐藏扩展名") {
			t.Fatalf("no explanation")
		}
		label := "不使用"
		if agree {
			label = "改名并使用"
		}
		b := find(top, func(o fyne.CanvasObject) bool { x, ok := o.(*widget.Button); return ok && x.Text == label })
		if b == nil {
			t.Fatalf("no %s button", label)
		}
		test.Tap(b.(*widget.Button))
		if !went {
			t.Errorf("agree=%v: the program did not go on", agree)
		}
		_, errDB := os.Stat(filepath.Join(dir, "sanxiang.db"))
		_, errTxt := os.Stat(txt)
		if agree != (errDB == nil) || agree == (errTxt == nil) {
			t.Errorf("agree=%v: sanxiang.db %v, sanxiang.db.txt %v", agree, errDB, errTxt)
		}
	}
}
