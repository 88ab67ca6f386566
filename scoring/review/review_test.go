package review

import (
	"maps"
	"reflect"
	"strings"
	"testing"

	"sanxiang/scoring"
)

func TestReviewTotalsAtEveryLevel(t *testing.T) {
	cat := smallCatalog(t)
	self := unitOn(cat, "甲局", creditCode("11610113MB1234567"), 2020, sc(1, 20), sc(2, 40), sc(3, 15), sc(4, 25)).Answers
	before := maps.Clone(self)
	r := &Review{Items: map[int]Item{
		2: {No: 2, Score: 31, Comment: "公示不全"},
		4: {No: 4, NA: true, Comment: "无审核人员编制"},
		3: {No: 3, Score: 15, Comment: ""}, // same as self: not a change, no comment: not listed
	}}
	res := scoring.Score(cat, Answers(self, r))
	for _, c := range []struct {
		code       string
		score, max scoring.Tenths
	}{{"", 20 + 31 + 15, 100}, {"1", 51, 60}, {"1.1", 51, 60}, {"1.1.1", 51, 60}, {"2", 15, 40}, {"2.1.1", 15, 40}} {
		s, ok := res.Lookup(c.code)
		if !ok || s.Score != c.score || s.Points != c.max {
			t.Errorf("level %q: score %s of %s, want %s of %s", c.code, s.Score, s.Points, c.score, c.max)
		}
	}
	if res.ApplicableMax != 75 || res.Converted != 8800 || !res.ConvertedOK {
		t.Errorf("converted %s of applicable %s, want 88.00 of 7.5", res.Converted, res.ApplicableMax)
	}
	if !reflect.DeepEqual(self, before) {
		t.Error("the unit's own answers changed under the review")
	}
	if s := scoring.Score(cat, Answers(self, nil)); s.Overall.Score != 100 || s.Converted != 10000 {
		t.Errorf("no review: %s / %s, want the self-score 10 / 100.00", s.Overall.Score, s.Converted)
	}
}

func TestChanges(t *testing.T) {
	cat := smallCatalog(t)
	self := unitOn(cat, "甲局", "", 2020, sc(1, 20), sc(2, 40), na(3)).Answers
	r := &Review{Items: map[int]Item{
		1: {No: 1, Score: 20, Comment: "属实"},      // same score, commented
		2: {No: 2, Score: 35, Comment: " 少公示一人 "}, // re-scored
		3: {No: 3, Score: 10, Comment: "有审核机构"},   // N/A → scored
		4: {No: 4, Score: 0},                      // unanswered → 0
		9: {No: 9, Score: 1},                      // unknown criterion: ignored
	}}
	got := Changes(cat, self, r)
	want := []Change{
		{No: 1, Text: "公示执法主体", Points: 20, Self: Outcome{scoring.Scored, 20}, Review: Outcome{scoring.Scored, 20}, Comment: "属实"},
		{No: 2, Text: "公示执法人员", Points: 40, Self: Outcome{scoring.Scored, 40}, Review: Outcome{scoring.Scored, 35}, Comment: "少公示一人", Changed: true},
		{No: 3, Text: "明确审核机构", Points: 15, Self: Outcome{Status: scoring.NA}, Review: Outcome{scoring.Scored, 10}, Comment: "有审核机构", Changed: true},
		{No: 4, Text: "配备审核人员", Points: 25, Self: Outcome{}, Review: Outcome{scoring.Scored, 0}, Changed: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Changes:\n got %+v\nwant %+v", got, want)
	}
	if n := ChangedCount(got); n != 3 {
		t.Errorf("ChangedCount = %d, want 3", n)
	}
	if Changes(cat, self, nil) != nil {
		t.Error("no review must give no changes")
	}
	if s := (Outcome{scoring.Scored, 5}).String() + (Outcome{Status: scoring.NA}).String() + (Outcome{}).String(); s != "0.5不适用未评" {
		t.Errorf("Outcome strings %q", s)
	}
}

func TestCheckItem(t *testing.T) {
	cat := smallCatalog(t)
	for _, c := range []struct {
		it   Item
		want string
	}{
		{Item{No: 1, Score: 20}, ""},
		{Item{No: 1, Score: 0}, ""},
		{Item{No: 3, NA: true, Comment: "无"}, ""},
		{Item{No: 1, Score: 21}, "评分要点(1)的复核得分无效：得分 2.1 超过该要点分值 2"},
		{Item{No: 1, Score: -1}, "评分要点(1)的复核得分无效：得分不能为负数"},
		{Item{No: 3, NA: true, Comment: "  "}, "评分要点(3)复核认定不适用，须填写复核意见（理由）"},
		{Item{No: 99, Score: 1}, "评分要点(99)不在指标体系“测试指标体系”中"},
		// control characters, as in a unit's own texts (issue 13)
		{Item{No: 1, Score: 5, Comment: "佐证不足\n见附件\t第2页"}, ""},
		{Item{No: 1, Score: 5, Comment: "佐证\x00不足"}, "评分要点(1)的复核意见的第 3 个字符是空字符（U+0000），这种字符看不见或会打乱文字的显示，不能使用；请删除后重新输入"},
		{Item{No: 3, NA: true, Comment: "无\u202e"}, "评分要点(3)的复核意见的第 2 个字符是文字方向控制符（U+202E），这种字符看不见或会打乱文字的显示，不能使用；请删除后重新输入"},
		// length, as a unit's own texts (scoring.MaxAnswerText): the limit itself passes, one more is refused
		{Item{No: 1, Score: 5, Comment: strings.Repeat("实", MaxComment)}, ""},
		{Item{No: 1, Score: 5, Comment: strings.Repeat("实", MaxComment+1)}, "评分要点(1)的复核意见有 5001 个字，超过上限 5000 个字"},
		{Item{No: 3, NA: true, Comment: strings.Repeat("无", MaxComment+1) + "\x00"}, "评分要点(3)的复核意见有 5002 个字，超过上限 5000 个字"},
	} {
		err := CheckItem(cat, c.it)
		if got := errText(err); got != c.want {
			t.Errorf("CheckItem(%+v) = %q, want %q", c.it, got, c.want)
		}
	}
	r := &Review{Items: map[int]Item{1: {No: 1, Score: 5}, 2: {No: 2, Score: 99}}}
	if got := errText(r.Check(cat)); got != "评分要点(2)的复核得分无效：得分 9.9 超过该要点分值 4" {
		t.Errorf("Review.Check = %q", got)
	}
	for _, r := range []struct {
		r    *Review
		want string
	}{
		{&Review{Reviewer: "王\u200f喆"}, "复核人的第 2 个字符是文字方向控制符（U+200F）"},
		{&Review{Reviewer: "王喆\n"}, "复核人的第 3 个字符是控制字符（U+000A）"},
		{&Review{Reviewer: "王喆", Conclusion: "属实\x1b"}, "复核结论的第 3 个字符是控制字符（U+001B）"},
		{&Review{Reviewer: "王喆", Conclusion: "一、属实\r\n二、\t扣分"}, ""},
	} {
		if got := errText(r.r.Check(cat)); !strings.Contains(got, r.want) || (r.want == "") != (got == "") {
			t.Errorf("Review.Check(%+v) = %q, want %q", r.r, got, r.want)
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestStatusCodes(t *testing.T) {
	for _, s := range []Status{Pending, InProgress, Done} {
		back, err := ParseStatus(s.Code())
		if err != nil || back != s {
			t.Errorf("%v: ParseStatus(%q) = %v, %v", s, s.Code(), back, err)
		}
	}
	if Pending.String()+InProgress.String()+Done.String() != "未复核复核中已复核" {
		t.Error("status labels")
	}
	if _, err := ParseStatus("Done"); err == nil {
		t.Error("ParseStatus accepted a wrong code")
	}
}

func TestSummarize(t *testing.T) {
	cat := smallCatalog(t)
	a := unitOn(cat, "甲局", creditCode("11610113MB1234567"), 2020, sc(1, 20), na(2), sc(3, 5))
	a.Narratives["unit_application"] = "我局全面推行三项制度，成效明显。" // 14 characters counted
	a.Narratives["model_application"] = "张三"
	before := maps.Clone(a.Answers)
	s := Summarize(Unit{Assessment: a, Digest: " ABCD-EFGH-JKLM ", Verified: true, EvidenceFiles: 7, MissingEvidence: 2,
		Review: &Review{Status: InProgress, Items: map[int]Item{3: {No: 3, Score: 10, Comment: "补充材料后认可"}}}})
	if s.Self.Overall.Score != 25 || s.Review.Overall.Score != 30 || s.Changed != 1 || s.Status != InProgress {
		t.Errorf("self %s review %s changed %d status %v", s.Self.Overall.Score, s.Review.Overall.Score, s.Changed, s.Status)
	}
	if s.Scored != 2 || s.NA != 1 || s.Unanswered != 1 || s.EvidenceFiles != 7 || s.MissingEvidence != 2 || !s.Verified || s.Digest != "ABCD-EFGH-JKLM" {
		t.Errorf("counts %+v", s)
	}
	if !reflect.DeepEqual(a.Answers, before) {
		t.Error("Summarize changed the unit's own answers")
	}
	if c, ok := s.Converted(); !ok || c != 5000 { // 3 of applicable 6
		t.Errorf("converted %s %v, want 50.00", c, ok)
	}
	want := []MaterialLength{{"unit_application", "示范单位申报材料", 14, 10, true}, {"model_application", "执法标兵申报材料", 2, 5, false}}
	if !reflect.DeepEqual(s.Materials, want) {
		t.Errorf("materials %+v", s.Materials)
	}
	if !reflect.DeepEqual(Summarize(Unit{}), Summary{}) {
		t.Error("a unit without assessment must give the zero Summary")
	}
}

func TestNomineeOf(t *testing.T) {
	cat := smallCatalog(t)
	a := unitOn(cat, "甲局", "", 2020)
	if _, ok := NomineeOf(a); ok {
		t.Error("a unit that named nobody has no nominee")
	}
	a.Narratives = map[string]string{"model_name": " 李明 ", "model_post": "执法科科长", "model_certificate": "61010020001",
		"model_application": "李明同志十年如一日坚守执法一线。"}
	n, ok := NomineeOf(a)
	if !ok || n.Name != "李明" || n.Post != "执法科科长" || n.Certificate != "61010020001" || n.Material.Chars != 15 || !n.Material.OK {
		t.Errorf("nominee %+v %v", n, ok)
	}
	// a catalog with its own keys: fields found by title
	other := *cat
	other.Materials = []scoring.Material{{Key: "star", Title: "标兵材料", MinChars: 100, Fields: []scoring.MaterialField{
		{Key: "p_name", Title: "标兵姓名"}, {Key: "p_job", Title: "岗位/职务"}, {Key: "p_cert", Title: "行政执法证号"}}}}
	b := unitOn(&other, "乙局", "", 2020)
	b.Narratives = map[string]string{"p_name": "王芳", "p_job": "副大队长", "p_cert": "A-1", "star": "短"}
	n, ok = NomineeOf(b)
	if !ok || n.Name != "王芳" || n.Post != "副大队长" || n.Certificate != "A-1" || n.Material.OK || n.Material.Min != 100 {
		t.Errorf("nominee by title %+v %v", n, ok)
	}
}

// Overlay gives, criterion by criterion, exactly the answers Answers copies into a map
// (reviewed, not reviewed, unanswered, unknown numbers, no review), and the scores agree.
func TestOverlayIsAnswers(t *testing.T) {
	cat := smallCatalog(t)
	self := unitOn(cat, "甲局", "", 2020, sc(1, 20), sc(2, 40), na(3)).Answers
	for _, r := range []*Review{nil, {Items: map[int]Item{}}, {Items: map[int]Item{
		1: {No: 1, Score: 20, Comment: "属实"}, 2: {No: 2, Score: 35}, 3: {No: 3, Score: 10}, 4: {No: 4, NA: true}, 9: {No: 9, Score: 1},
	}}} {
		want, got := Answers(self, r), Overlay(self, r)
		for no := 0; no <= 10; no++ {
			if !reflect.DeepEqual(got(no), want[no]) {
				t.Errorf("review %v, criterion %d: Overlay %+v, Answers %+v", r, no, got(no), want[no])
			}
		}
		if a, b := scoring.ScoreBy(cat, got), scoring.Score(cat, want); !reflect.DeepEqual(a, b) {
			t.Errorf("review %v: ScoreBy %+v, Score %+v", r, a, b)
		}
	}
}

func TestCheckBureauName(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"西安市雁塔区司法局", ""},
		{"", ""},
		{strings.Repeat("局", MaxBureauName), ""},
		{strings.Repeat("局", MaxBureauName+1), "区司法局名称过长（101 字，最多 100 字）"},
		{"雁塔区\n司法局", "区司法局名称的第 4 个字符是控制字符（U+000A）"},
		{"雁塔区司法局\u202e", "区司法局名称的第 7 个字符是文字方向控制符（U+202E）"},
		{"雁塔区\u0085司法局", "区司法局名称的第 4 个字符是控制字符（U+0085）"},
	} {
		got := errText(CheckBureauName(c.name))
		if !strings.HasPrefix(got, c.want) || (c.want == "") != (got == "") {
			t.Errorf("CheckBureauName(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}
