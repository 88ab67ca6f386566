package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"sanxiang/scoring"
)

func TestFirstRunWizardCreatesUnitAndAssessment(t *testing.T) {
	e := newEnv(t)
	e.u.Start()
	e.settle()
	if e.u.wiz == nil || e.u.wiz.form != nil {
		t.Fatal("first run did not ask 本单位自评 or 区司法局复核 first")
	}
	test.Tap(e.button("本单位自评"))
	w := e.u.wiz
	if w == nil || w.form == nil {
		t.Fatal("first run did not show the unit step of the wizard")
	}
	e.snap("wizard-1")
	if !strings.Contains(e.texts(), "第 1 步") {
		t.Errorf("wizard texts: %s", e.texts())
	}
	test.Type(w.form.name, "测试市喆玥堃执法局")
	test.Type(w.form.code, "11610113MB12345670") // wrong check character
	if !w.next.Disabled() {
		t.Error("下一步 enabled with an invalid credit code")
	}
	if msg := w.form.codeMsg.Text(); msg == "" || strings.Contains(msg, "通过") {
		t.Errorf("invalid credit code message = %q", msg)
	}
	w.form.code.SetText("")
	test.Type(w.form.code, strings.ToLower(validCode))
	if w.next.Disabled() {
		t.Fatalf("下一步 disabled with a valid code: %q", w.form.codeMsg.Text())
	}
	if !strings.Contains(w.form.codeMsg.Text(), "通过") {
		t.Errorf("valid code message = %q", w.form.codeMsg.Text())
	}
	test.Type(w.form.contact, "王喆")
	test.Type(w.form.phone, "029-85550123")
	test.Tap(w.next)
	e.pump(func() bool { return w.year != nil })
	e.snap("wizard-2")
	w.year.box.SetText("2024")
	test.Tap(e.button("开始自评"))
	e.pump(func() bool { return e.u.check != nil })

	units, err := e.db.Units()
	if err != nil || len(units) != 1 {
		t.Fatalf("units = %v, %v", units, err)
	}
	if u := units[0]; u.Name != "测试市喆玥堃执法局" || u.CreditCode != validCode || u.Contact != "王喆" || u.Phone != "029-85550123" {
		t.Errorf("unit stored as %+v", u.Unit)
	}
	list, _ := e.db.Assessments()
	if len(list) != 1 || list[0].Year != 2024 {
		t.Fatalf("assessments = %+v", list)
	}
	e.settle()
	if id, ok, _ := e.db.LastOpened(); !ok || id != list[0].ID {
		t.Errorf("LastOpened = %d,%v want %d", id, ok, list[0].ID)
	}
	if got := e.u.status.answered.Text; got != "已评 0/170" {
		t.Errorf("status bar = %q", got)
	}
	e.snap("main-empty")
}

func TestLaterRunOpensLastAssessment(t *testing.T) {
	e := withAssessment(t)
	first := e.u.ws.ID()
	id2, err := e.db.CopyAssessment(first, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.db.SetLastOpened(id2); err != nil {
		t.Fatal(err)
	}
	e.u.Start()
	e.settle()
	if e.u.ws.ID() != id2 || e.u.ws.Info().Year != 2026 {
		t.Errorf("opened %d (%d), want the last opened %d", e.u.ws.ID(), e.u.ws.Info().Year, id2)
	}
	if !strings.Contains(e.u.top.title.Text, "2026") {
		t.Errorf("title = %q", e.u.top.title.Text)
	}
}

func TestScoreIsValidatedWhileTypingAndSaved(t *testing.T) {
	e := withAssessment(t)
	k := e.card(3) // worth 0.3
	test.Type(k.score, "0.2")
	if k.msg.Text() != "" {
		t.Errorf("valid score shows %q", k.msg.Text())
	}
	e.flush()
	if a := e.load().Answers[3]; a.Status != scoring.Scored || a.Score != 2 {
		t.Fatalf("saved %+v", a)
	}
	if got := e.u.status.answered.Text; got != "已评 1/170" {
		t.Errorf("status = %q", got)
	}
	if got := e.u.status.total.Text; got != "当前得分 0.2/100" {
		t.Errorf("total = %q", got)
	}
	if !strings.HasPrefix(e.u.status.saving.Text, "已保存 ") {
		t.Errorf("save slot = %q", e.u.status.saving.Text)
	}

	for _, bad := range []string{"0.35", "0.4", "-1", "abc", "1e-1", "0.3.1"} {
		k.score.SetText("") // clearing the field makes the criterion unanswered again
		k.score.SetText(bad)
		if k.msg.Text() == "" || k.invalid == "" {
			t.Errorf("%q accepted without a message", bad)
		}
		e.flush()
		if a := e.load().Answers[3]; a.Status != scoring.Unanswered {
			t.Errorf("after %q saved %+v", bad, a)
		}
		r := e.u.ws.Result()
		if s, _ := r.Lookup(""); s.Score != 0 {
			t.Errorf("after %q total is %s", bad, s.Score)
		}
	}
	k.score.SetText("")
	test.Type(k.score, "０.３") // full-width digits from a Chinese IME
	e.flush()
	if a := e.load().Answers[3]; a.Status != scoring.Scored || a.Score != 3 {
		t.Errorf("full-width score saved as %+v", a)
	}
	r := e.u.ws.Result()
	ind, _ := r.Lookup("1.1.2")
	if ind.Scored != 1 || ind.Score != 3 {
		t.Errorf("indicator subtotal %+v", ind)
	}
}

func TestInvalidScoreKeepsPreviousSavedValue(t *testing.T) {
	e := withAssessment(t)
	k := e.card(1) // worth 0.5
	test.Type(k.score, "0.5")
	e.flush()
	test.Type(k.score, "5") // now "0.55": refused
	if k.invalid != "0.55" || !strings.Contains(k.msg.Text(), "未保存，仍按 0.5 分计") {
		t.Fatalf("invalid=%q msg=%q", k.invalid, k.msg.Text())
	}
	e.flush()
	if a := e.load().Answers[1]; a.Score != 5 {
		t.Errorf("refused input changed the stored score: %+v", a)
	}
	e.u.check.step(+1)
	if !strings.Contains(e.u.status.saving.Text, "无效") {
		t.Errorf("leaving with invalid input: status %q", e.u.status.saving.Text)
	}
}

// TestWizardBackPhoneAndAnyYear: step 2 has 上一步 (the unit is corrected, not created twice);
// the phone takes office numbers with an extension and refuses letters; any year 2000–2100 can
// be chosen, e.g. the 2020 plan on a PC whose clock says 2026.
func TestWizardBackPhoneAndAnyYear(t *testing.T) {
	e := newEnv(t)
	e.u.Start()
	test.Tap(e.button("本单位自评"))
	w := e.u.wiz
	test.Type(w.form.name, "测试市喆玥堃执法局")
	test.Type(w.form.code, validCode)
	for _, tc := range []struct {
		phone string
		ok    bool
	}{
		{"abc", false},
		{"029-855", false},
		{"（029）8555 0123 转 8012", true},
	} {
		w.form.phone.SetText(tc.phone)
		if w.next.Disabled() == tc.ok {
			t.Errorf("phone %q: 下一步 disabled=%v", tc.phone, w.next.Disabled())
		}
		if shown := w.form.phoneMsg.Visible() && w.form.phoneMsg.Text() != ""; shown == tc.ok {
			t.Errorf("phone %q: message %q", tc.phone, w.form.phoneMsg.Text())
		}
	}
	test.Tap(w.next)
	e.pump(func() bool { return w.year != nil })
	test.Tap(e.button("上一步"))
	if w.form.name.Text != "测试市喆玥堃执法局" || w.form.phone.Text != "（029）8555 0123 转 8012" {
		t.Fatalf("step 1 again shows %q %q", w.form.name.Text, w.form.phone.Text)
	}
	w.form.name.SetText("测试市喆玥堃综合执法局")
	w.year = nil
	test.Tap(w.next)
	e.pump(func() bool { return w.year != nil })
	start := e.button("开始自评")
	for _, tc := range []struct {
		typed string
		ok    bool
	}{
		{"1999", false}, {"2101", false}, {"abc", false}, {"２０２０", true}, {"2100", true}, {"2020", true},
	} {
		w.year.box.SetText(tc.typed)
		if start.Disabled() == tc.ok {
			t.Errorf("year %q: 开始自评 disabled=%v (%s)", tc.typed, start.Disabled(), w.year.msg.Text())
		}
	}
	e.snap("wizard-2-back")
	test.Tap(start)
	e.pump(func() bool { return e.u.check != nil })
	units, _ := e.db.Units()
	if len(units) != 1 || units[0].Name != "测试市喆玥堃综合执法局" || units[0].Phone != "（029）8555 0123 转 8012" {
		t.Fatalf("units after going back: %+v", units)
	}
	if list, _ := e.db.Assessments(); len(list) != 1 || list[0].Year != 2020 {
		t.Fatalf("assessments %+v", list)
	}
	// a new year: 2020 is taken, − and + skip it
	y := newYearPicker(e.u.shortcut, 2021, map[int]bool{2020: true})
	y.step(-1)
	if y.box.Text != "2019" {
		t.Errorf("− from 2021 past the taken 2020: %q", y.box.Text)
	}
	y.box.SetText("2020")
	if _, err := y.value(); err == nil || !strings.Contains(y.msg.Text(), "已有自评") {
		t.Errorf("taken year accepted: %q", y.msg.Text())
	}
	y.box.SetText("2100")
	y.step(+1)
	if y.box.Text != "2100" {
		t.Errorf("+ past 2100: %q", y.box.Text)
	}
}
