package review

import (
	"errors"
	"strings"

	"sanxiang/scoring"
)

// Edit is one write a Desk asks for: save Item (Delete false) or delete the item of No, after
// which the criterion follows the unit's own answer again.
type Edit struct {
	No     int
	Item   Item
	Delete bool
}

// Desk is the review of one unit while the reviewer edits it: the unit's answers (read, never
// changed), the review items and the live totals both ways. An item exists only while it says
// something: a 复核得分 that differs from the self-score, 不适用 where the unit scored, or a
// 复核意见; a score typed back to the self-score without a comment removes the item.
type Desk struct {
	Cat          *scoring.Catalog
	Self         map[int]scoring.Answer
	Review       *Review
	SelfResult   scoring.Result
	ReviewResult scoring.Result
}

// NewDesk starts editing r (nil: not reviewed yet) over assessment a; r is copied.
func NewDesk(a *scoring.Assessment, r *Review) *Desk {
	d := &Desk{Cat: a.Catalog, Self: a.Answers, Review: &Review{Status: Pending, Items: map[int]Item{}}}
	if r != nil {
		d.Review.Reviewer, d.Review.Conclusion, d.Review.Status = r.Reviewer, r.Conclusion, r.Status
		for no, it := range r.Items {
			d.Review.Items[no] = it
		}
	}
	d.SelfResult = scoring.Score(d.Cat, d.Self)
	d.rescore()
	return d
}

func (d *Desk) rescore() { d.ReviewResult = scoring.Score(d.Cat, Answers(d.Self, d.Review)) }

// Outcome is what criterion no counts for in the review (the item, else the unit's answer).
func (d *Desk) Outcome(no int) Outcome {
	ref, ok := d.Cat.Criterion(no)
	if !ok {
		return Outcome{}
	}
	return outcome(Answers(map[int]scoring.Answer{no: d.Self[no]}, &Review{Items: itemOnly(d.Review.Items, no)})[no], ref.Criterion.Points)
}

func itemOnly(items map[int]Item, no int) map[int]Item {
	if it, ok := items[no]; ok {
		return map[int]Item{no: it}
	}
	return nil
}

// ScoreText is what the 复核得分 box shows: the review score, "" when the criterion is 不适用
// or 未评 in the review.
func (d *Desk) ScoreText(no int) string {
	o := d.Outcome(no)
	if o.Status != scoring.Scored {
		return ""
	}
	return o.Score.String()
}

// Comment is the 复核意见 of criterion no.
func (d *Desk) Comment(no int) string { return d.Review.Items[no].Comment }

// Changed reports whether the review's outcome of no differs from the unit's.
func (d *Desk) Changed(no int) bool {
	ref, ok := d.Cat.Criterion(no)
	if !ok {
		return false
	}
	return d.Outcome(no) != outcome(d.Self[no], ref.Criterion.Points)
}

// errNoScore is refused when an item would have neither a score nor 不适用 to stand on.
var errNoScore = errors.New("本单位未评该要点，请先填写复核得分")

// settle stores it (or removes it when it says nothing) and returns the write.
func (d *Desk) settle(no int, it Item) (Edit, error) {
	ref, _ := d.Cat.Criterion(no)
	self := outcome(d.Self[no], ref.Criterion.Points)
	var rev Outcome
	if it.NA {
		rev = Outcome{Status: scoring.NA}
	} else {
		rev = Outcome{Status: scoring.Scored, Score: it.Score}
	}
	it.No = no
	if rev == self && strings.TrimSpace(it.Comment) == "" {
		delete(d.Review.Items, no)
		d.rescore()
		return Edit{No: no, Delete: true}, nil
	}
	if err := CheckItem(d.Cat, it); err != nil {
		return Edit{}, err
	}
	d.Review.Items[no] = it
	d.rescore()
	return Edit{No: no, Item: it}, nil
}

// selfItem is an item that repeats the unit's outcome of no (to carry a comment).
func (d *Desk) selfItem(no int) (Item, error) {
	switch a := d.Self[no]; a.Status {
	case scoring.Scored:
		ref, _ := d.Cat.Criterion(no)
		return Item{No: no, Score: scoring.Clamp(a.Score, ref.Criterion.Points)}, nil
	case scoring.NA:
		return Item{No: no, NA: true}, nil
	}
	return Item{}, errNoScore
}

// SetScore takes the text of the 复核得分 box: a score within 0..points in steps of 0.1 (the
// self-assessment's rules and messages), or "" for "as the unit scored". A refused text
// changes nothing and returns the Chinese reason.
func (d *Desk) SetScore(no int, text string) (Edit, error) {
	ref, ok := d.Cat.Criterion(no)
	if !ok {
		return Edit{}, CheckItem(d.Cat, Item{No: no})
	}
	comment := d.Review.Items[no].Comment
	text = strings.TrimSpace(text)
	if text == "" {
		it, err := d.selfItem(no)
		if err != nil {
			if strings.TrimSpace(comment) != "" {
				return Edit{}, err
			}
			delete(d.Review.Items, no)
			d.rescore()
			return Edit{No: no, Delete: true}, nil
		}
		it.Comment = comment
		return d.settle(no, it)
	}
	t, err := scoring.ParseScore(text, ref.Criterion.Points)
	if err != nil {
		return Edit{}, err
	}
	return d.settle(no, Item{No: no, Score: t, Comment: comment})
}

// SetNA makes the review count criterion no as 不适用 (on) or as the unit's answer (off). 不适用
// needs a 复核意见 giving the reason, as in review files.
func (d *Desk) SetNA(no int, on bool) (Edit, error) {
	if _, ok := d.Cat.Criterion(no); !ok {
		return Edit{}, CheckItem(d.Cat, Item{No: no})
	}
	comment := d.Review.Items[no].Comment
	if on {
		return d.settle(no, Item{No: no, NA: true, Comment: comment})
	}
	if strings.TrimSpace(comment) == "" {
		delete(d.Review.Items, no)
		d.rescore()
		return Edit{No: no, Delete: true}, nil
	}
	it, err := d.selfItem(no)
	if err != nil {
		return Edit{}, err
	}
	it.Comment = comment
	return d.settle(no, it)
}

// SetComment takes the 复核意见 of criterion no; the score stays as it is.
func (d *Desk) SetComment(no int, text string) (Edit, error) {
	if _, ok := d.Cat.Criterion(no); !ok {
		return Edit{}, CheckItem(d.Cat, Item{No: no})
	}
	it, ok := d.Review.Items[no]
	if !ok {
		if strings.TrimSpace(text) == "" {
			return Edit{No: no, Delete: true}, nil
		}
		var err error
		if it, err = d.selfItem(no); err != nil {
			return Edit{}, err
		}
	}
	it.Comment = text
	return d.settle(no, it)
}

// Agree is 同意 on one indicator: every criterion of it counts as the unit scored it again;
// comments stay (as items repeating the self outcome), and a criterion the unit left 未评 with a
// comment keeps the reviewer's score (there is no self-score to take). It returns the writes.
func (d *Desk) Agree(ind *scoring.Indicator) []Edit {
	var out []Edit
	for _, c := range ind.Criteria {
		it, ok := d.Review.Items[c.No]
		if !ok {
			continue
		}
		if strings.TrimSpace(it.Comment) == "" {
			delete(d.Review.Items, c.No)
			out = append(out, Edit{No: c.No, Delete: true})
			continue
		}
		self, err := d.selfItem(c.No)
		if err != nil { // the unit left it 未评: no self-score to take; the reviewer's score and comment stay
			continue
		}
		self.Comment = it.Comment
		d.Review.Items[c.No] = self
		out = append(out, Edit{No: c.No, Item: self})
	}
	d.rescore()
	return out
}

// SetMeta takes the 复核人 and 复核结论 as typed; texts the storage would refuse (CheckMeta, on
// the trimmed texts it stores) change nothing and return the Chinese reason.
func (d *Desk) SetMeta(reviewer, conclusion string) error {
	if err := CheckMeta(strings.TrimSpace(reviewer), strings.TrimSpace(conclusion)); err != nil {
		return err
	}
	d.Review.Reviewer, d.Review.Conclusion = reviewer, conclusion
	return nil
}

// CanFinish says in Chinese why the review cannot be marked 已复核 yet (no 复核人).
func (d *Desk) CanFinish() error {
	if strings.TrimSpace(d.Review.Reviewer) == "" {
		return errors.New("请先填写复核人，再标记为已复核")
	}
	return nil
}
