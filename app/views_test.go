package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"sanxiang/scoring"
)

// An edit made through the workspace alone — no widget touched — reaches every view that shows
// it: the views follow the workspace's notifications instead of being refreshed by the editor.
func TestViewsFollowTheWorkspace(t *testing.T) {
	e := withAssessment(t)
	k := e.card(1)
	full := k.cr.Points
	if err := e.u.ws.EditAnswer(1, func(a *scoring.Answer) { a.Status, a.Score = scoring.Scored, full-1 }); err != nil {
		t.Fatal(err)
	}
	if k.state.Text != "已评" || !k.deduct.Visible() || !k.rect.Visible() {
		t.Errorf("card: state %q, 扣分原因 shown %v, 整改措施 shown %v", k.state.Text, k.deduct.Visible(), k.rect.Visible())
	}
	if got := e.u.status.answered.Text; got != "已评 1/170" {
		t.Errorf("status bar %q", got)
	}
	if !strings.Contains(e.u.check.sub.Text, "已评 1/") {
		t.Errorf("page header %q", e.u.check.sub.Text)
	}
	e.u.ws.EditAnswer(1, func(a *scoring.Answer) {
		a.Evidence = []scoring.Evidence{{Path: filepath.Join(e.dir, "不存在.pdf"), Name: "不存在.pdf"}}
	})
	if !strings.Contains(textsIn(k.evBox), "不存在.pdf") { // its state (gone, or being checked) is the evidence code's
		t.Errorf("evidence rows not redrawn: %s", textsIn(k.evBox))
	}
	e.u.tabs.SelectIndex(1) // the dashboard is refreshed when it shows, and then follows the edits
	before := e.u.dash.summary.Text()
	e.u.ws.EditAnswer(2, func(a *scoring.Answer) { a.Status, a.NAReason = scoring.NA, "" })
	if after := e.u.dash.summary.Text(); after == before || !strings.Contains(after, scoring.ProblemNoNAReason.Label()) {
		t.Errorf("dashboard (showing) not refreshed: %q → %q", before, after)
	}
	v := e.u.ws.Unit().Unit
	v.Name = "改名后的执法局"
	e.u.ws.EditUnit(v)
	if !strings.HasPrefix(e.u.top.title.Text, "改名后的执法局") {
		t.Errorf("top bar %q", e.u.top.title.Text)
	}
	e.flush()
}

// When the main screen is rebuilt (定稿 reads the assessment again), the views of the old screen
// stop listening: they neither change nor keep the old cards editable.
func TestReplacedViewsStopListening(t *testing.T) {
	e := withAssessment(t)
	oldStatus, oldCheck := e.u.status, e.u.check
	oldCard := e.card(1)
	e.u.setFinal(true)
	e.pump(func() bool { return e.u.ws.ReadOnly() })
	e.u.setFinal(false)
	e.pump(func() bool { return !e.u.ws.ReadOnly() })
	if e.u.status == oldStatus || e.u.check == oldCheck {
		t.Fatal("the screen was not rebuilt")
	}
	before := oldStatus.answered.Text
	e.u.ws.EditAnswer(1, func(a *scoring.Answer) { a.Status, a.Score = scoring.Scored, 0 })
	if oldStatus.answered.Text != before || oldCard.state.Text != "未评" {
		t.Errorf("a replaced view still follows the workspace: status %q, card %q", oldStatus.answered.Text, oldCard.state.Text)
	}
	if e.u.status.answered.Text != "已评 1/170" {
		t.Errorf("the new status bar %q", e.u.status.answered.Text)
	}
	oldCard.quick(oldCard.cr.Points) // a click that still reaches a card of the old screen
	if a := e.u.ws.Answer(1); a.Score != 0 {
		t.Errorf("a card of the replaced screen edited the answer: %+v", a)
	}
	e.flush()
}

// viewTypes are the parts of the main screen, the commands, the pickers and the wizard: each is
// built with what it needs and none holds the window shell (*UI), so none can reach into another
// view's fields.
var viewTypes = []string{"checklist", "card", "dashboard", "materials", "unitPage", "backupPage",
	"statusBar", "topBar", "switcher", "commands", "jobs",
	"evidenceCmds", "pickers", "picker", "catalogChooser", "yearPicker", "unitForm", "wizard"}

func TestViewsDoNotHoldTheWindow(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok || !isView(ts.Name.Name) {
				return true
			}
			found[ts.Name.Name] = true
			for _, fl := range st.Fields.List {
				if holdsUI(fl.Type) {
					t.Errorf("%s: %s holds *UI", fset.Position(fl.Pos()), ts.Name.Name)
				}
			}
			return true
		})
	}
	for _, v := range viewTypes {
		if !found[v] {
			t.Errorf("view type %s not found: the list is out of date", v)
		}
	}
}

func isView(name string) bool {
	for _, v := range viewTypes {
		if v == name {
			return true
		}
	}
	return false
}

// holdsUI says whether a field type mentions UI (a pointer, a value, in a func or a struct).
func holdsUI(e ast.Expr) bool {
	hit := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == "UI" {
			hit = true
		}
		return !hit
	})
	return hit
}
