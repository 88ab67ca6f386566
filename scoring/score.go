package scoring

// Subtotal is the exact tally of one node (Area, Category, Indicator) or of the whole catalog.
type Subtotal struct {
	Code       string
	Points     Tenths // maximum
	Score      Tenths // sum of scores (N/A counts by policy)
	NAPoints   Tenths // points of N/A criteria
	Scored     int
	NA         int
	Unanswered int
	Deducted   int // scored below full points
}

// Answered is the number of criteria that are scored or N/A.
func (s Subtotal) Answered() int { return s.Scored + s.NA }

// Total is the number of criteria below this node.
func (s Subtotal) Total() int { return s.Scored + s.NA + s.Unanswered }

// ApplicableMax is Points − NAPoints.
func (s Subtotal) ApplicableMax() Tenths { return s.Points - s.NAPoints }

// Rate is Score/ApplicableMax as a percentage, false when nothing is applicable.
func (s Subtotal) Rate() (Hundredths, bool) { return Percent(s.Score, s.ApplicableMax()) }

func (s *Subtotal) add(o Subtotal) {
	s.Points += o.Points
	s.Score += o.Score
	s.NAPoints += o.NAPoints
	s.Scored += o.Scored
	s.NA += o.NA
	s.Unanswered += o.Unanswered
	s.Deducted += o.Deducted
}

// IndicatorResult is the tally of one 三级指标.
type IndicatorResult struct {
	Subtotal
}

// CategoryResult is the tally of one 二级指标 and its indicators.
type CategoryResult struct {
	Subtotal
	Indicators []IndicatorResult
}

// AreaResult is the tally of one 一级指标 and its categories.
type AreaResult struct {
	Subtotal
	Categories []CategoryResult
}

// Result is the whole self-assessment's score, computed exactly from the answers.
type Result struct {
	CatalogID     string
	Policy        NAPolicy
	Overall       Subtotal
	ApplicableMax Tenths     // by policy: rescale → max − na_points; full, zero → max
	Converted     Hundredths // total/applicable_max×100 (under full and zero: total/max×100), half-up to 0.01
	ConvertedOK   bool       // false when there are no applicable points: converted is undefined
	Areas         []AreaResult
}

// Lookup returns the subtotal of an Area, Category or Indicator by code ("" is the whole catalog).
// It walks the few dozen nodes instead of keeping a map in every Result: the bureau scores
// hundreds of units twice for one list, and building those maps cost more than the scoring.
func (r *Result) Lookup(code string) (Subtotal, bool) {
	if code == "" {
		return r.Overall, true
	}
	for _, a := range r.Areas {
		if a.Code == code {
			return a.Subtotal, true
		}
		for _, c := range a.Categories {
			if c.Code == code {
				return c.Subtotal, true
			}
			for _, i := range c.Indicators {
				if i.Code == code {
					return i.Subtotal, true
				}
			}
		}
	}
	return Subtotal{}, false
}

// Score tallies answers against the catalog; answers for unknown criteria are ignored.
func Score(c *Catalog, answers map[int]Answer) Result {
	return ScoreBy(c, func(no int) Answer { return answers[no] })
}

// ScoreBy is Score with each criterion's answer given by answer(no) (the zero Answer: 未评), so
// that answers laid over others (the bureau's review over a unit's own) are scored without
// copying them into a map first.
func ScoreBy(c *Catalog, answer func(no int) Answer) Result {
	// one array per level, cut into each parent's slice (capacity-limited): three allocations
	// instead of one per area and category, for hundreds of units scored twice
	nCats, nInds := 0, 0
	for _, a := range c.Areas {
		nCats += len(a.Categories)
		for _, cat := range a.Categories {
			nInds += len(cat.Indicators)
		}
	}
	allCats, allInds := make([]CategoryResult, 0, nCats), make([]IndicatorResult, 0, nInds)
	r := Result{CatalogID: c.ID, Policy: c.NAPolicy, Areas: make([]AreaResult, 0, len(c.Areas))}
	r.Overall.Code = ""
	for _, a := range c.Areas {
		n := len(allCats)
		ar := AreaResult{Subtotal: Subtotal{Code: a.Code}, Categories: allCats[n : n : n+len(a.Categories)]}
		allCats = allCats[:n+len(a.Categories)]
		for _, cat := range a.Categories {
			m := len(allInds)
			cr := CategoryResult{Subtotal: Subtotal{Code: cat.Code}, Indicators: allInds[m : m : m+len(cat.Indicators)]}
			allInds = allInds[:m+len(cat.Indicators)]
			for _, ind := range cat.Indicators {
				ir := IndicatorResult{Subtotal: Subtotal{Code: ind.Code}}
				for _, crit := range ind.Criteria {
					ir.add(scoreOne(c.NAPolicy, crit, answer(crit.No)))
				}
				cr.Indicators = append(cr.Indicators, ir)
				cr.add(ir.Subtotal)
			}
			cr.Code = cat.Code
			ar.Categories = append(ar.Categories, cr)
			ar.add(cr.Subtotal)
		}
		ar.Code = a.Code
		r.Areas = append(r.Areas, ar)
		r.Overall.add(ar.Subtotal)
	}
	r.Overall.Code = ""
	switch c.NAPolicy {
	case NARescale:
		r.ApplicableMax = r.Overall.Points - r.Overall.NAPoints
		r.Converted, r.ConvertedOK = Rescale(r.Overall.Score, r.ApplicableMax)
	default:
		// total/max×100: the score itself when the catalog totals 100, as the built-in does
		r.ApplicableMax = r.Overall.Points
		r.Converted, r.ConvertedOK = Rescale(r.Overall.Score, r.ApplicableMax)
	}
	return r
}

// Clamp keeps a score within 0..points: how Score counts a stored score, and so how every
// document shows it (a score out of range is refused at entry; this is the one fallback).
func Clamp(score, points Tenths) Tenths {
	if score < 0 {
		return 0
	}
	if score > points {
		return points
	}
	return score
}

func scoreOne(policy NAPolicy, crit Criterion, a Answer) Subtotal {
	s := Subtotal{Points: crit.Points}
	switch a.Status {
	case Scored:
		s.Scored = 1
		sc := Clamp(a.Score, crit.Points)
		s.Score = sc
		if sc < crit.Points {
			s.Deducted = 1
		}
	case NA:
		s.NA = 1
		s.NAPoints = crit.Points
		if policy == NAFull {
			s.Score = crit.Points
		}
	default:
		s.Unanswered = 1
	}
	return s
}
