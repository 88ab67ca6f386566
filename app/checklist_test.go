package app

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sanxiang/scoring"
)

func TestQuickButtonsNAAndRequiredReasons(t *testing.T) {
	e := withAssessment(t)
	k := e.card(4) // 0.3
	if k.deduct.Visible() || k.naReason.Visible() {
		t.Fatal("reason fields shown on an unanswered criterion")
	}
	test.Tap(k.full)
	if k.score.Text != "0.3" || k.deduct.Visible() {
		t.Errorf("满分: field %q, deduction visible %v", k.score.Text, k.deduct.Visible())
	}
	test.Tap(k.zero)
	if k.score.Text != "0" || !k.deduct.Visible() || !k.rect.Visible() {
		t.Fatalf("0分: field %q, deduction visible %v", k.score.Text, k.deduct.Visible())
	}
	if !strings.HasSuffix(k.deductL.Text, "*") {
		t.Errorf("empty deduction reason not marked required: %q", k.deductL.Text)
	}
	test.Type(k.deduct, "未公开执法人员证件号")
	if strings.HasSuffix(k.deductL.Text, "*") {
		t.Errorf("filled deduction reason still marked: %q", k.deductL.Text)
	}
	test.Type(k.rect, "年底前补充公开")
	e.flush()
	a := e.load().Answers[4]
	if a.Status != scoring.Scored || a.Score != 0 || a.DeductionReason != "未公开执法人员证件号" || a.Rectification != "年底前补充公开" {
		t.Fatalf("saved %+v", a)
	}

	test.Tap(k.na)
	if !k.naReason.Visible() || !strings.HasSuffix(k.naL.Text, "*") || k.score.Text != "" {
		t.Fatalf("不适用: reason visible %v label %q field %q", k.naReason.Visible(), k.naL.Text, k.score.Text)
	}
	test.Type(k.naReason, "本单位无此职责")
	e.flush()
	a = e.load().Answers[4]
	if a.Status != scoring.NA || a.NAReason != "本单位无此职责" {
		t.Fatalf("saved %+v", a)
	}
	r := e.u.ws.Result()
	if r.Overall.NA != 1 || r.Overall.NAPoints != 3 {
		t.Errorf("N/A not counted: %+v", r.Overall)
	}
	if got := e.u.status.answered.Text; got != "已评 1/170" {
		t.Errorf("status %q", got)
	}
	// typing a score takes the criterion out of N/A again
	test.Type(k.score, "0.1")
	e.flush()
	if a := e.load().Answers[4]; a.Status != scoring.Scored || a.Score != 1 || a.NAReason != "本单位无此职责" {
		t.Errorf("after typing a score: %+v", a)
	}
	e.snap("card-deducted")
}

func TestTreeCountsAndTotalsUpdateLive(t *testing.T) {
	e := withAssessment(t)
	counts := func(uid string) string {
		obj := e.u.check.createNode(true)
		e.u.check.updateNode(uid, true, obj)
		return obj.(*fyne.Container).Objects[1].(*widget.Label).Text
	}
	if got := counts("1.1.2"); got != "0/8  0/3" {
		t.Errorf("indicator 1.1.2 before: %q", got)
	}
	for _, no := range []int{3, 4, 5} {
		test.Tap(e.card(no).full)
	}
	if got := counts("1.1.2"); got != "3/8  0.9/3" {
		t.Errorf("indicator 1.1.2 after: %q", got)
	}
	if got := counts("1.1"); got != "3/22  0.9/8" {
		t.Errorf("category 1.1 after: %q", got)
	}
	if got := counts("1"); got != "3/44  0.9/24" {
		t.Errorf("area 1 after: %q", got)
	}
	if got := e.u.status.total.Text; got != "当前得分 0.9/100" {
		t.Errorf("status total %q", got)
	}
	if got := e.u.status.conv.Text; got != "折算得分 0.90" {
		t.Errorf("status converted %q", got)
	}
	if !strings.Contains(e.u.check.sub.Text, "得分 0.9 分") || !strings.Contains(e.u.check.sub.Text, "已评 3/8") {
		t.Errorf("header %q", e.u.check.sub.Text)
	}
	// everything N/A: converted score undefined, shown as —
	for _, cr := range e.u.ws.Catalog().Numbers() {
		e.u.ws.EditAnswer(cr, func(a *scoring.Answer) { a.Status, a.NAReason = scoring.NA, "测试" })
	}
	if got := e.u.status.conv.Text; got != "折算得分 —" {
		t.Errorf("all N/A: %q", got)
	}
}

func TestEvidenceAddOpenLoseRemove(t *testing.T) {
	e := withAssessment(t)
	docs := filepath.Join(e.dir, "台账 资料")
	if err := os.MkdirAll(filepath.Join(docs, "子目录"), 0o755); err != nil {
		t.Fatal(err)
	}
	f1 := filepath.Join(docs, "事前公开规定.pdf")
	f2 := filepath.Join(docs, "子目录", "公示截图.png")
	os.WriteFile(f1, []byte("%PDF-1.4 test"), 0o644)
	os.WriteFile(f2, []byte("png bytes"), 0o644)
	os.WriteFile(filepath.Join(docs, ".hidden"), []byte("x"), 0o644)

	e.card(1)
	e.u.ev.attach(1, []string{f1})
	e.pump(func() bool { return len(e.u.ws.Answer(1).Evidence) == 1 })
	e.flush()
	a := e.load().Answers[1]
	if len(a.Evidence) != 1 || a.Evidence[0].Size != 13 || len(a.Evidence[0].SHA256) != 64 || a.Evidence[0].Name != "事前公开规定.pdf" {
		t.Fatalf("saved evidence %+v", a.Evidence)
	}
	if !strings.Contains(e.texts(), "事前公开规定.pdf") {
		t.Error("evidence not listed on the card")
	}
	test.Tap(e.button("打开")) // the test app's OpenURL does nothing; it must not fail

	// a whole folder: both files (hidden ones left out), the one already there not twice
	e.u.ev.attachFolder(1, docs)
	e.pump(func() bool { return len(e.u.ws.Answer(1).Evidence) == 2 })
	e.settle()
	if n := len(e.u.ws.Answer(1).Evidence); n != 2 {
		t.Fatalf("after adding the folder: %d files", n)
	}

	// the file disappears: red mark with the old path, a problem, and the filter finds it
	if err := os.Remove(f1); err != nil {
		t.Fatal(err)
	}
	e.u.check.refreshEvidence() // asks the disk off the UI goroutine; the row changes when it answers
	e.pump(func() bool { return strings.Contains(e.texts(), "文件已不存在：事前公开规定.pdf") })
	txt := e.texts()
	if !strings.Contains(txt, "文件已不存在：事前公开规定.pdf") || !strings.Contains(txt, "原位置："+f1) {
		t.Errorf("missing file not marked:\n%s", txt)
	}
	e.snap("card-missing-evidence")
	ps := scoring.Check(e.u.ws.Catalog(), e.u.ws.Answers(), e.u.evidenceExists)
	found := false
	for _, p := range ps {
		found = found || (p.No == 1 && p.Kind == scoring.ProblemMissingEvidence && p.Path == f1)
	}
	if !found {
		t.Error("missing evidence not among the problems")
	}
	e.u.check.filter.SetSelected("文件缺失")
	if len(e.u.check.matches) != 1 || !e.u.check.matches[1] {
		t.Errorf("文件缺失 filter matches %v", e.u.check.matches)
	}
	e.u.check.filter.SetSelected("全部")

	// remove after confirmation
	test.Tap(e.button("移除"))
	test.Tap(e.button("移除")) // the dialog's button
	e.flush()
	if ev := e.load().Answers[1].Evidence; len(ev) != 1 || ev[0].Path != f2 {
		t.Errorf("after removing: %+v", ev)
	}
}

func TestSearchAndFilter(t *testing.T) {
	e := withAssessment(t)
	c := e.u.check
	test.Tap(e.card(3).full)
	test.Type(e.card(9).note, "已在门户网站公开随机抽查事项清单")

	test.Type(c.search, "随机抽查事项清单")
	if !c.matches[9] {
		t.Errorf("search did not find the note or criterion text: %v", c.matches)
	}
	for no := range c.matches {
		ref, _ := e.u.ws.Catalog().Criterion(no)
		a := e.u.ws.Answer(no)
		if !strings.Contains(ref.Criterion.Text+a.Note, "随机抽查事项清单") {
			t.Errorf("criterion %d matched without the text", no)
		}
	}
	if !strings.Contains(c.found.Text(), "符合条件的评分要点") {
		t.Errorf("found label %q", c.found.Text())
	}
	// the tree shows only branches with matches
	if kids := c.children(""); len(kids) == 0 || len(kids) >= len(e.u.ws.Catalog().Areas) && len(c.matches) < 5 {
		t.Errorf("tree root shows %v", kids)
	}
	c.search.SetText("没有这样的文字xyz")
	if len(c.matches) != 0 || c.found.Text() != "没有符合条件的评分要点" || len(c.children("")) != 0 {
		t.Errorf("no-match search: %v %q", c.matches, c.found.Text())
	}
	c.search.SetText("（36）") // a criterion number typed with the IME's full-width brackets
	if len(c.matches) != 1 || !c.matches[36] {
		t.Errorf("number search: %v", c.matches)
	}
	c.search.SetText("")
	if c.matches != nil || len(c.children("")) != len(e.u.ws.Catalog().Areas) {
		t.Error("clearing the search did not show everything")
	}

	cases := []struct {
		filter string
		want   func(no int, a scoring.Answer) bool
	}{
		{"未评", func(no int, a scoring.Answer) bool { return a.Status == scoring.Unanswered }},
		{"扣分", func(no int, a scoring.Answer) bool { return false }},
		{"不适用", func(no int, a scoring.Answer) bool { return a.Status == scoring.NA }},
		{"无佐证", func(no int, a scoring.Answer) bool { return a.Status == scoring.Scored && len(a.Evidence) == 0 }},
	}
	e.u.ws.EditAnswer(5, func(a *scoring.Answer) { a.Status, a.NAReason = scoring.NA, "无" })
	for _, tc := range cases {
		c.filter.SetSelected(tc.filter)
		for _, no := range e.u.ws.Catalog().Numbers() {
			if got, want := c.matches[no], tc.want(no, e.u.ws.Answer(no)); got != want {
				t.Errorf("filter %s criterion %d: %v want %v", tc.filter, no, got, want)
				break
			}
		}
	}
	c.filter.SetSelected("扣分")
	if len(c.matches) != 0 {
		t.Errorf("扣分 with nothing deducted: %v", c.matches)
	}
	test.Tap(e.card(6).zero)
	c.filter.SetSelected("扣分")
	if len(c.matches) != 1 || !c.matches[6] {
		t.Errorf("扣分: %v", c.matches)
	}
	// 无佐证 shows exactly the criteria the problem list counts as 无佐证
	c.filter.SetSelected("无佐证")
	problems := map[int]bool{}
	for _, p := range scoring.Check(e.u.ws.Catalog(), e.u.ws.Answers(), nil) {
		if p.Kind == scoring.ProblemNoEvidence {
			problems[p.No] = true
		}
	}
	if len(problems) == 0 || !reflect.DeepEqual(c.matches, problems) {
		t.Errorf("filter 无佐证 %v, problems 无佐证 %v", c.matches, problems)
	}

	// navigation follows the filter: 不适用 holds only criterion 5 (indicator 1.1.2)
	c.filter.SetSelected("不适用")
	c.show(0, 0)
	c.step(+1)
	if e.u.ws.Indicators()[e.u.ws.Page()].Code != "1.1.2" {
		t.Errorf("next under filter went to %s", e.u.ws.Indicators()[e.u.ws.Page()].Code)
	}
	if !c.next.Disabled() {
		t.Error("下一项 enabled past the last match")
	}
	if c.cards[5].stripe.FillColor == nil {
		t.Error("matching card not marked")
	}
	e.snap("filter-na")
}

func TestNavigationButtonsAndShortcuts(t *testing.T) {
	e := withAssessment(t)
	c := e.u.check
	c.show(0, 0)
	if !c.prev.Disabled() {
		t.Error("上一项 enabled on the first page")
	}
	test.Tap(c.next)
	if e.u.ws.Page() != 1 {
		t.Fatalf("下一项 → %d", e.u.ws.Page())
	}
	e.u.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyPageDown, Modifier: fyne.KeyModifierShortcutDefault})
	if e.u.ws.Page() != 2 {
		t.Errorf("Ctrl+PageDown → %d", e.u.ws.Page())
	}
	// while typing in a field the shortcut still navigates (and the typed text is kept)
	k := c.cards[c.ws.Indicators()[2].Criteria[0].No]
	test.Type(k.note, "说明")
	k.note.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt})
	if e.u.ws.Page() != 1 {
		t.Errorf("Alt+← in a field → %d", e.u.ws.Page())
	}
	e.flush()
	if got := e.load().Answers[k.cr.No].Note; got != "说明" {
		t.Errorf("note typed before navigating: %q", got)
	}
	e.u.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault})
	if e.u.win.Canvas().Focused() != c.search {
		t.Error("Ctrl+F did not focus the search field")
	}
	// Enter in a text field never submits or navigates
	before := e.u.ws.Page()
	k2 := c.cards[c.ws.Indicators()[1].Criteria[0].No]
	k2.score.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	k2.note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if e.u.ws.Page() != before {
		t.Error("Enter navigated")
	}
	// choosing a tree node navigates
	c.tree.Select("2.1.1")
	if e.u.ws.Indicators()[e.u.ws.Page()].Code != "2.1.1" {
		t.Errorf("tree selection → %s", e.u.ws.Indicators()[e.u.ws.Page()].Code)
	}
	c.tree.Select("3") // an Area: its first indicator
	if e.u.ws.Indicators()[e.u.ws.Page()].Code != "3.1.1" {
		t.Errorf("area selection → %s", e.u.ws.Indicators()[e.u.ws.Page()].Code)
	}
}

func TestLongNotesGrowTheirField(t *testing.T) {
	e := withAssessment(t)
	k := e.card(7)
	k.note.Resize(fyne.NewSize(400, k.note.MinSize().Height))
	if k.note.rows != 1 {
		t.Fatalf("empty note shows %d rows, want one line", k.note.rows)
	}
	k.note.SetText(strings.Repeat("依据具体到法律法规规章的条款项目", 8)) // 128 字 at 15 px ≈ 5 lines of 400 px
	if k.note.rows < 4 || k.note.rows > 8 || k.note.overflows() {
		t.Errorf("long note shows %d rows", k.note.rows)
	}
	k.note.SetText(strings.Repeat("很长的说明。", 200))
	if k.note.rows != 15 || !k.note.overflows() {
		t.Errorf("very long note shows %d rows, want the cap 15", k.note.rows)
	}
	k.note.Resize(fyne.NewSize(4000, k.note.Size().Height))
	k.note.SetText("短")
	if k.note.rows != 1 {
		t.Errorf("short note back to %d rows", k.note.rows)
	}
}

// TestBlankReasonRowsHideWhenNotNeeded: 0分 puts the caret into 扣分原因, where the 回车 that the
// user guide gives for the score box types a line break; after 满分 or 不适用 that blank reason
// left an empty 扣分原因 box under the criterion (found using the real window). Rows whose text
// is only blanks show only while the state needs them; a real text still keeps its row.
func TestBlankReasonRowsHideWhenNotNeeded(t *testing.T) {
	e := withAssessment(t)
	k := e.card(4)
	test.Tap(k.zero)
	test.Type(k.deduct, "\n")
	test.Type(k.rect, " ")
	test.Tap(k.na)
	if k.deduct.Visible() || k.rect.Visible() {
		t.Errorf("不适用 with blank reasons: 扣分原因 shown %v, 整改措施 shown %v", k.deduct.Visible(), k.rect.Visible())
	}
	test.Tap(k.na) // back to 未评
	test.Tap(k.full)
	if k.deduct.Visible() || k.rect.Visible() {
		t.Errorf("满分 with blank reasons: 扣分原因 shown %v, 整改措施 shown %v", k.deduct.Visible(), k.rect.Visible())
	}
	test.Tap(k.zero)
	k.deduct.SetText("未公开")
	test.Tap(k.full)
	if !k.deduct.Visible() {
		t.Error("a written 扣分原因 is hidden after 满分")
	}
}
