package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sanxiang/scoring"
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

// The narratives are given to the 申报材料 editors without laying them out (field.preset: the
// page is not on the first screen); when the page is first shown they show the saved text, and
// typing edits it and saves it as before.
func TestSavedNarrativesShowWhenTheirPageIsFirstShown(t *testing.T) {
	e := withAssessment(t)
	saved := strings.Repeat("严格规范公正文明执法，", 40) + "\n第二段：推行三项制度。"
	if err := e.db.SaveNarrative(e.u.ws.ID(), scoring.NarrativeUnitApplication, saved); err != nil {
		t.Fatal(err)
	}
	if err := e.u.open(e.u.ws.ID()); err != nil {
		t.Fatal(err)
	}
	e.settle()
	ed := e.u.mats.editors[scoring.NarrativeUnitApplication]
	e.u.tabs.SelectIndex(2)
	for i, it := range e.u.mats.tabs.Items { // the unit application's tab
		if it.Content != nil && find(it.Content, func(o fyne.CanvasObject) bool { return o == ed }) != nil {
			e.u.mats.tabs.SelectIndex(i)
		}
	}
	e.settle()
	drawn := strings.ReplaceAll(textsIn(ed), "\n", "")
	if !strings.Contains(drawn, strings.ReplaceAll(saved, "\n", "")) {
		t.Fatalf("申报材料 editor draws %q, want the saved text", drawn)
	}
	if got := e.u.mats.counts[scoring.NarrativeUnitApplication].Text; !strings.Contains(got, fmt.Sprintf("已写 %d 字", scoring.CountChars(saved))) {
		t.Errorf("count label %q", got)
	}
	test.Type(ed, "成效明显：") // the caret starts at the beginning, as after SetText
	e.flush()
	if got := e.load().Narratives[scoring.NarrativeUnitApplication]; got != "成效明显："+saved {
		t.Errorf("saved after typing: %q", got)
	}
}
