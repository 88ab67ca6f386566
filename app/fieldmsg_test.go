package app

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sanxiang/export/cjk"
)

// hanBreak reports whether some line of lines ends with a Chinese character and the next begins
// with one: a break Fyne's word wrap (spaces only, else anywhere) would not choose by a rule.
func hanBreak(lines []string) bool {
	for i := 0; i+1 < len(lines); i++ {
		a, _ := utf8.DecodeLastRuneInString(lines[i])
		b, _ := utf8.DecodeRuneInString(lines[i+1])
		if unicode.Is(unicode.Han, a) && unicode.Is(unicode.Han, b) {
			return true
		}
	}
	return false
}

// naiveStartsWithPunct reports whether breaking text after the last character that fits width
// (no rules) would start a line with closing punctuation: the case the rules must avoid.
func naiveStartsWithPunct(l *cjkLabel, text string, width float32) bool {
	size := l.textSize()
	w := float32(1) // cjkLinesWith keeps one unit spare
	first := true
	for _, r := range text {
		cw := fyne.MeasureText(string(r), size, l.style).Width
		if !first && w+cw > width {
			if cjk.NoStart(r) {
				return true
			}
			w = 1
		}
		w += cw
		first = false
	}
	return false
}

// TestLongMessageInNarrowCardBreaksChinese: the red message next to a criterion's score box is
// broken by Chinese rules in a narrow card — between two Chinese characters, never with
// closing punctuation at the start of a line (Fyne's word wrap broke at the spaces around the
// numbers and, in a word longer than the line, before any character, "，" included).
func TestLongMessageInNarrowCardBreaksChinese(t *testing.T) {
	e := withAssessment(t)
	k := e.card(1) // worth 0.5
	test.Type(k.score, "0.5")
	test.Type(k.score, "5") // "0.55": refused, the message says why and what still counts
	if msg := k.msg.Text(); !strings.Contains(msg, "未保存") || !strings.Contains(msg, "，") {
		t.Fatalf("message %q", msg)
	}
	if k.msg.lines.Importance != widget.DangerImportance {
		t.Errorf("message drawn with importance %v, want red", k.msg.lines.Importance)
	}
	narrowCard(t, e, k, false)
	// a long reason (as a longer rule's message would be) in the same place
	k.setInvalid("0.55", errors.New("得分须为 0.1 的整数倍，请按评分要点的分值和扣分情况重新填写，例如 0.3、0.5 或满分"))
	narrowCard(t, e, k, true)
}

// narrowCard lays the window, and with it k's card, out narrower and wider and checks the lines
// of k's message at each width: as cjkLines breaks them, by the rules, and (every, or at least
// one, multi-line width) with a break between two Chinese characters. Some width must make a
// break by position alone start a line with closing punctuation, or the rule is not exercised.
func narrowCard(t *testing.T, e *env, k *card, every bool) {
	t.Helper()
	msg := k.msg.Text()
	punct, multi, han := false, 0, 0
	for w := float32(680); w <= 1000; w += 20 {
		e.u.win.Resize(fyne.NewSize(w, 700))
		width := k.msg.width
		if width <= 0 || width >= k.content.Size().Width {
			t.Fatalf("window %v wide: card %v, message %v", w, k.content.Size().Width, width)
		}
		lines := strings.Split(k.msg.lines.Text, "\n")
		if want := cjkLines(msg, width, k.msg.textSize(), k.msg.style); strings.Join(want, "\n") != k.msg.lines.Text {
			t.Errorf("window %v wide: lines %q, want %q", w, lines, want)
		}
		if len(lines) < 2 {
			continue
		}
		multi++
		checkLines(t, msg, width, lines)
		if hanBreak(lines) {
			han++
		} else if every {
			t.Errorf("window %v wide (message %v): no break between two Chinese characters: %q", w, width, lines)
		}
		punct = punct || naiveStartsWithPunct(k.msg, msg, width)
	}
	if multi < 3 {
		t.Fatalf("%q took several lines at %d widths only: the card is not narrow", msg, multi)
	}
	if han == 0 {
		t.Errorf("%q never broke between two Chinese characters", msg)
	}
	if !punct {
		t.Errorf("%q: at none of the widths would a break by position start a line with punctuation", msg)
	}
}

// TestFieldMessagesWrapChinese: the short messages under and beside fields — the year picker's,
// the unit form's 信用代码 and 电话, the dashboard's problem summary, the bureau's review card —
// are Chinese-wrapped labels in their colours, broken between Chinese characters when narrow.
func TestFieldMessagesWrapChinese(t *testing.T) {
	e := withAssessment(t)
	for _, tc := range []struct {
		name string
		imp  widget.Importance
		show func() *cjkLabel
	}{
		{"年度", widget.DangerImportance, func() *cjkLabel {
			y := newYearPicker(nil, 2025, map[int]bool{2025: true})
			return y.msg
		}},
		{"信用代码", widget.DangerImportance, func() *cjkLabel {
			f := newUnitForm(nil, e.u.ws.Unit().Unit)
			f.code.SetText("11610113MB12345670") // wrong check character
			return f.codeMsg
		}},
		{"信用代码通过", widget.SuccessImportance, func() *cjkLabel {
			return newUnitForm(nil, e.u.ws.Unit().Unit).codeMsg
		}},
		{"电话", widget.DangerImportance, func() *cjkLabel {
			f := newUnitForm(nil, e.u.ws.Unit().Unit)
			f.phone.SetText("电话号码写成了汉字")
			return f.phoneMsg
		}},
		{"问题汇总", widget.MediumImportance, func() *cjkLabel {
			e.u.dash.refresh()
			return e.u.dash.summary
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := tc.show()
			if l.Text() == "" {
				t.Fatal("no message shown")
			}
			if l.lines.Importance != tc.imp {
				t.Errorf("importance %v, want %v", l.lines.Importance, tc.imp)
			}
			narrowLines(t, l)
		})
	}
}

// narrowLines lays l out at the narrowest width that still gives it two lines and checks the
// Chinese breaking.
func narrowLines(t *testing.T, l *cjkLabel) {
	t.Helper()
	for w := float32(400); w >= 60; w -= 20 {
		l.Resize(fyne.NewSize(w, l.MinSize().Height))
		lines := strings.Split(l.lines.Text, "\n")
		if len(lines) < 2 || !hanBreak(lines) {
			continue
		}
		checkLines(t, l.Text(), l.width, lines)
		return
	}
	t.Errorf("%q never broke between two Chinese characters", l.Text())
}

// BenchmarkRefusedScoreKeystroke is a keystroke in a score box that shows or clears the red
// message next to it ("0.55" refused, "0.5" accepted): the answer checked, the message set and
// broken into lines for the card's width, and the layout pass of the frame (1280×700).
// Measured numbers: docs/build.md.
func BenchmarkRefusedScoreKeystroke(b *testing.B) {
	e := withAssessment(b)
	e.u.win.Resize(fyne.NewSize(1280, 700))
	warmText(e.u.widths, e.u.ws.Catalog())
	k := e.card(1)
	texts := []string{"0.55", "0.5"}
	cpu := startCPU(b)
	for i := 0; i < b.N; i++ {
		k.score.SetText(texts[i%2])
		frame(e.u)
	}
	cpu.report()
}

// TestReviewMessagesWrapChinese: the bureau's lines — the red message next to a 复核得分, the
// page's subtotals and the line above the 汇总 table — are Chinese-wrapped labels in their
// colours too.
func TestReviewMessagesWrapChinese(t *testing.T) {
	e, b, ids := bureauEnv(t, 2)
	narrowLines(t, b.note)
	if b.note.rich == nil {
		t.Error("the line above the table is not drawn in the hint grey")
	}
	r := openReview(t, e, b, ids[0])
	k := r.cards[r.inds[0].Criteria[0].No]
	k.score.SetText("")
	test.Type(k.score, "99")
	if !strings.Contains(k.msg.Text(), "超过") || k.msg.lines.Importance != widget.DangerImportance {
		t.Fatalf("message %q in importance %v", k.msg.Text(), k.msg.lines.Importance)
	}
	narrowLines(t, k.msg)
	narrowLines(t, r.levels)
}
