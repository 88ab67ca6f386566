package app

import (
	"strings"
	"testing"
	"time"

	"sanxiang/scoring"
)

// A text the storage would refuse — a control character pasted in (U+202E), or longer than the
// limit — is refused as it is typed: the field shows the reason in red under itself (as a refused
// score does), nothing goes to the saver, and fixing the text saves it. Before, the text went to
// the saver, failed there and the status bar said 保存失败…稍后自动重试 for ever.
func TestRefusedTextsShowUnderTheirField(t *testing.T) {
	e := withAssessment(t)
	id := e.u.ws.ID()
	stored := func() *scoring.Assessment {
		t.Helper()
		if err := e.u.ws.Flush(5 * time.Second); err != nil {
			t.Fatalf("a refused text went to the saver: %v", err)
		}
		a, err := e.db.Load(id)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	k := e.card(1)
	k.quick(0) // 扣分原因 and 整改措施 shown
	for _, c := range []struct {
		name string
		f    *field
		get  func(scoring.Answer) string
	}{
		{"扣分原因", k.deduct, func(a scoring.Answer) string { return a.DeductionReason }},
		{"自评说明", k.note, func(a scoring.Answer) string { return a.Note }},
		{"整改措施", k.rect, func(a scoring.Answer) string { return a.Rectification }},
	} {
		for _, bad := range []string{"会议纪要\u202egpj.exe", strings.Repeat("字", scoring.MaxAnswerText+1)} {
			c.f.SetText(bad)
			msg := k.refused[c.f]
			if !msg.Visible() || !strings.Contains(msg.Text(), c.name) || !strings.Contains(msg.Text(), "未保存") {
				t.Fatalf("%s: refused text shows %q (visible %v)", c.name, msg.Text(), msg.Visible())
			}
			if got := c.get(e.u.ws.Answer(1)); got != "" {
				t.Fatalf("%s: the refused text reached the workspace: %.20q", c.name, got)
			}
			if got := c.get(stored().Answers[1]); got != "" {
				t.Fatalf("%s: the refused text was stored: %.20q", c.name, got)
			}
		}
		c.f.SetText("已整改")
		if msg := k.refused[c.f]; msg.Visible() {
			t.Fatalf("%s: the message stays after the text was fixed: %q", c.name, msg.Text())
		}
		if got := c.get(stored().Answers[1]); got != "已整改" {
			t.Fatalf("%s: the fixed text was not stored: %q", c.name, got)
		}
	}
	// a refused text left on the page is named in the status bar
	k.note.SetText("说明\u202e")
	e.u.check.step(+1)
	if !strings.Contains(e.u.status.saving.Text, "自评说明") {
		t.Errorf("leaving a refused text: status bar %q", e.u.status.saving.Text)
	}

	// 申报材料
	key := scoring.NarrativeWorkSummary
	if _, ok := e.u.mats.editors[key]; !ok {
		for k := range e.u.mats.editors {
			key = k
			break
		}
	}
	ed := e.u.mats.editors[key]
	ed.SetText("总结\u202e")
	title := e.u.ws.Catalog().NarrativeTitle(key) // named as the page shows it, not by its key
	if msg := e.u.mats.refused[key]; !msg.Visible() || !strings.Contains(msg.Text(), "申报材料“"+title+"”") || strings.Contains(msg.Text(), key) || !strings.Contains(msg.Text(), "未保存") {
		t.Fatalf("申报材料: refused text shows %q (visible %v)", msg.Text(), msg.Visible())
	}
	if got := stored().Narratives[key]; got != "" {
		t.Fatalf("the refused 申报材料 was stored: %q", got)
	}
	ed.SetText("总结")
	if msg := e.u.mats.refused[key]; msg.Visible() {
		t.Fatalf("申报材料: the message stays after the text was fixed: %q", msg.Text())
	}
	if got := stored().Narratives[key]; got != "总结" {
		t.Fatalf("the fixed 申报材料 was not stored: %q", got)
	}
}
