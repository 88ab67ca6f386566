package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// The four hidden pages join the window only when their tab is first selected — so nothing lays
// them out for the first screen — and then show what they always showed.
func TestHiddenPagesJoinTheWindowWhenSelected(t *testing.T) {
	e := withAssessment(t)
	pages := []fyne.CanvasObject{nil, e.u.dash.content, e.u.mats.content, e.u.unitPg.content, e.u.backups.content}
	for i := 1; i < len(pages); i++ {
		if box, ok := e.u.tabs.Items[i].Content.(*fyne.Container); !ok || len(box.Objects) != 0 {
			t.Errorf("tab %q holds its page before it was selected", e.u.tabs.Items[i].Text)
		}
	}
	want := []string{"", "各一级指标得分", "示范单位申报材料", "统一社会信用代码", "立即备份"}
	for i := 1; i < len(pages); i++ {
		e.u.tabs.SelectIndex(i)
		e.settle()
		if pages[i].Size().IsZero() {
			t.Errorf("page of tab %q is not laid out after the tab was selected", e.u.tabs.Items[i].Text)
		}
		if got := textsIn(e.u.tabs.Items[i].Content); !strings.Contains(got, want[i]) {
			t.Errorf("tab %q shows no %q after being selected:\n%s", e.u.tabs.Items[i].Text, want[i], got)
		}
	}
	// selecting a tab again keeps its one page
	e.u.tabs.SelectIndex(0)
	e.u.tabs.SelectIndex(2)
	if box, ok := e.u.tabs.Items[2].Content.(*fyne.Container); !ok || len(box.Objects) != 1 || box.Objects[0] != pages[2] {
		t.Errorf("申报材料 tab holds %v, want its page once", e.u.tabs.Items[2].Content)
	}
}
