package review

import (
	"reflect"
	"strings"
	"testing"

	"sanxiang/scoring"
)

func TestDeskEdits(t *testing.T) {
	cat := smallCatalog(t)
	// (1) 2 of 2, (2) NA, (3) 1.0 of 1.5, (4) 未评
	a := unitOn(cat, "甲局", creditCode("11610113MB0000001"), 2020, sc(1, 20), na(2), sc(3, 10))
	selfBefore := map[int]scoring.Answer{}
	for no, x := range a.Answers {
		selfBefore[no] = x
	}
	d := NewDesk(a, nil)
	if got := d.ScoreText(1); got != "2" {
		t.Fatalf("default review score %q, want the self score 2", got)
	}
	steps := []struct {
		name    string
		do      func() (Edit, error)
		wantErr string
		want    Edit
		total   scoring.Tenths // review total after the step
	}{
		{"re-score", func() (Edit, error) { return d.SetScore(1, "1.5") }, "", Edit{No: 1, Item: Item{No: 1, Score: 15}}, 25},
		{"out of range refused", func() (Edit, error) { return d.SetScore(1, "2.1") }, "得分 2.1 超过该要点分值 2", Edit{}, 25},
		{"not a tenth refused", func() (Edit, error) { return d.SetScore(1, "0.25") }, "", Edit{}, 25},
		{"comment", func() (Edit, error) { return d.SetComment(1, "台账不全") }, "", Edit{No: 1, Item: Item{No: 1, Score: 15, Comment: "台账不全"}}, 25},
		{"back to self keeps comment", func() (Edit, error) { return d.SetScore(1, "2") }, "", Edit{No: 1, Item: Item{No: 1, Score: 20, Comment: "台账不全"}}, 30},
		{"comment cleared removes item", func() (Edit, error) { return d.SetComment(1, "") }, "", Edit{No: 1, Delete: true}, 30},
		{"score where unit said NA", func() (Edit, error) { return d.SetScore(2, "3") }, "", Edit{No: 2, Item: Item{No: 2, Score: 30}}, 60},
		{"empty returns to NA", func() (Edit, error) { return d.SetScore(2, "") }, "", Edit{No: 2, Delete: true}, 30},
		{"NA needs a comment", func() (Edit, error) { return d.SetNA(3, true) }, "评分要点(3)复核认定不适用，须填写复核意见（理由）", Edit{}, 30},
		{"comment on unanswered refused", func() (Edit, error) { return d.SetComment(4, "未见材料") }, "本单位未评该要点，请先填写复核得分", Edit{}, 30},
		{"score unanswered", func() (Edit, error) { return d.SetScore(4, "0") }, "", Edit{No: 4, Item: Item{No: 4, Score: 0}}, 30},
		{"comment then NA", func() (Edit, error) { d.SetComment(3, "无此职能"); return d.SetNA(3, true) }, "", Edit{No: 3, Item: Item{No: 3, NA: true, Comment: "无此职能"}}, 20},
	}
	for _, s := range steps {
		e, err := s.do()
		if s.wantErr != "" || s.name == "not a tenth refused" {
			if err == nil || (s.wantErr != "" && err.Error() != s.wantErr) {
				t.Fatalf("%s: error %v, want %q", s.name, err, s.wantErr)
			}
		} else if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		} else if !reflect.DeepEqual(e, s.want) {
			t.Fatalf("%s: edit %+v, want %+v", s.name, e, s.want)
		}
		if got := d.ReviewResult.Overall.Score; got != s.total {
			t.Fatalf("%s: review total %s, want %s", s.name, got, s.total)
		}
	}
	if got := d.SelfResult.Overall.Score; got != 30 {
		t.Errorf("self total %s, want 3", got)
	}
	if !reflect.DeepEqual(a.Answers, selfBefore) {
		t.Errorf("the unit's answers changed: %+v", a.Answers)
	}
	// 同意 on the second indicator (criteria 3, 4): (3) back to the unit's 1.0 keeping the comment,
	// (4) the unit left it 未评 and it has no comment: the re-score goes
	ind := cat.Indicators()[1]
	edits := d.Agree(ind)
	want := []Edit{{No: 3, Item: Item{No: 3, Score: 10, Comment: "无此职能"}}, {No: 4, Delete: true}}
	if !reflect.DeepEqual(edits, want) {
		t.Errorf("Agree = %+v, want %+v", edits, want)
	}
	if got := d.ReviewResult.Overall.Score; got != 30 {
		t.Errorf("after 同意 review total %s, want 3", got)
	}
	if d.Changed(3) || d.Changed(1) {
		t.Error("criteria agreed with still count as changed")
	}
}

func TestDeskCopiesReview(t *testing.T) {
	cat := smallCatalog(t)
	a := unitOn(cat, "甲局", creditCode("11610113MB0000001"), 2020, sc(1, 20))
	r := &Review{Reviewer: "李四", Status: InProgress, Items: map[int]Item{1: {No: 1, Score: 5}}}
	d := NewDesk(a, r)
	if _, err := d.SetScore(1, "1"); err != nil {
		t.Fatal(err)
	}
	if r.Items[1].Score != 5 {
		t.Error("the desk changed the review it was given")
	}
	if d.CanFinish() != nil {
		t.Error("a review with a 复核人 cannot be finished")
	}
	d.Review.Reviewer = " "
	if d.CanFinish() == nil {
		t.Error("a review without a 复核人 can be finished")
	}
}

// SetMeta refuses what the storage refuses (CheckMeta on the trimmed texts: control characters,
// lengths) without changing the review, and takes the texts otherwise.
func TestDeskSetMeta(t *testing.T) {
	cat := smallCatalog(t)
	d := NewDesk(unitOn(cat, "甲局", creditCode("11610113MB0000001"), 2020, sc(1, 20)), &Review{Reviewer: "李四", Conclusion: "属实"})
	for _, c := range []struct{ reviewer, conclusion, want string }{
		{"李\u202e四", "属实", "复核人的第 2 个字符是文字方向控制符（U+202E）"},
		{"李四", "属实\x00", "复核结论的第 3 个字符是空字符"},
		{strings.Repeat("李", MaxReviewer+1), "属实", "复核人姓名过长"},
		{"李四", strings.Repeat("实", MaxConclusion+1), "复核结论过长"},
	} {
		if err := d.SetMeta(c.reviewer, c.conclusion); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("SetMeta(%.10q, %.10q) = %v, want %q", c.reviewer, c.conclusion, err, c.want)
		}
		if d.Review.Reviewer != "李四" || d.Review.Conclusion != "属实" {
			t.Fatalf("a refused text changed the review: %q %q", d.Review.Reviewer, d.Review.Conclusion)
		}
	}
	// trimmed as stored: a trailing newline after the name is no control character there
	if err := d.SetMeta("王五\n", "一、属实\r\n二、\t扣分\n"); err != nil || d.Review.Reviewer != "王五\n" {
		t.Errorf("SetMeta of valid texts: %v, reviewer %q", err, d.Review.Reviewer)
	}
}

// FuzzDeskSetScore: any text typed into a 复核得分 or 复核意见 box either is refused and changes
// nothing, or leaves a review that Check accepts, with totals equal to scoring the review afresh
// and the unit's own answers untouched.
func FuzzDeskSetScore(f *testing.F) {
	for _, s := range []string{"0.5", "2", "２．０", "", " 1 ", "-0", "0.05", "1e1", "不适用", "3", "0x1"} {
		f.Add(s, "意见")
	}
	cat, err := scoring.ParseCatalog([]byte(smallCatalogJSON))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, score, comment string) {
		a := unitOn(cat, "甲局", creditCode("11610113MB0000001"), 2020, sc(1, 20), na(2), sc(3, 10))
		d := NewDesk(a, nil)
		for _, no := range []int{1, 2, 3, 4} {
			before := d.Review.Items[no]
			_, hadItem := d.Review.Items[no]
			if _, err := d.SetScore(no, score); err != nil {
				if it, ok := d.Review.Items[no]; ok != hadItem || it != before {
					t.Fatalf("(%d) refused %q changed the item: %+v → %+v", no, score, before, it)
				}
			}
			d.SetComment(no, comment)
			if err := d.Review.Check(cat); err != nil {
				t.Fatalf("(%d) %q/%q left a review Check refuses: %v", no, score, comment, err)
			}
		}
		want := scoring.Score(cat, Answers(a.Answers, d.Review))
		if d.ReviewResult.Overall != want.Overall {
			t.Fatalf("live total %+v, afresh %+v", d.ReviewResult.Overall, want.Overall)
		}
		if len(a.Answers) != 3 || a.Answers[1].Score != 20 || a.Answers[2].Status != scoring.NA || a.Answers[3].Score != 10 {
			t.Fatalf("the unit's answers changed: %+v", a.Answers)
		}
	})
}
