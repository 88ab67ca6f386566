package exchange

import (
	"encoding/json"

	"sanxiang/scoring"
)

// Report is the machine-readable score of an assessment, the JSON that `sanxiang-cli score --json`
// prints for other tools; its keys are a contract (issue 2 §5).
type Report struct {
	Catalog       string          `json:"catalog"`
	Total         number          `json:"total"`
	Max           number          `json:"max"`
	NAPoints      number          `json:"na_points"`
	ApplicableMax number          `json:"applicable_max"`
	Converted     *hundredths     `json:"converted"` // null when there are no applicable points
	Scored        int             `json:"scored"`
	NA            int             `json:"na"`
	Unanswered    int             `json:"unanswered"`
	Areas         []reportArea    `json:"areas"`
	Problems      []reportProblem `json:"problems"`
}

type reportArea struct {
	Code       string           `json:"code"`
	Title      string           `json:"title"`
	Points     number           `json:"points"`
	Score      number           `json:"score"`
	NAPoints   number           `json:"na_points"`
	Categories []reportCategory `json:"categories"`
}

type reportCategory struct {
	Code       string            `json:"code"`
	Title      string            `json:"title"`
	Points     number            `json:"points"`
	Score      number            `json:"score"`
	NAPoints   number            `json:"na_points"`
	Indicators []reportIndicator `json:"indicators"`
}

type reportIndicator struct {
	Code     string `json:"code"`
	Points   number `json:"points"`
	Score    number `json:"score"`
	NAPoints number `json:"na_points"`
}

type reportProblem struct {
	No      int    `json:"no"`
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// NewReport scores a and lists its problems; exists checks evidence files (nil skips that check).
func NewReport(a *scoring.Assessment, exists func(string) bool) Report {
	c := a.Catalog
	r := scoring.Score(c, a.Answers)
	rep := Report{Catalog: c.ID, Total: number(r.Overall.Score), Max: number(r.Overall.Points),
		NAPoints: number(r.Overall.NAPoints), ApplicableMax: number(r.ApplicableMax),
		Scored: r.Overall.Scored, NA: r.Overall.NA, Unanswered: r.Overall.Unanswered,
		Areas: []reportArea{}, Problems: []reportProblem{}}
	if r.ConvertedOK {
		h := hundredths(r.Converted)
		rep.Converted = &h
	}
	for ai, ar := range r.Areas {
		area := c.Areas[ai]
		ra := reportArea{Code: ar.Code, Title: area.Title, Points: number(ar.Points), Score: number(ar.Score), NAPoints: number(ar.NAPoints)}
		for ci, cr := range ar.Categories {
			cat := area.Categories[ci]
			rc := reportCategory{Code: cr.Code, Title: cat.Title, Points: number(cr.Points), Score: number(cr.Score), NAPoints: number(cr.NAPoints)}
			for _, ir := range cr.Indicators {
				rc.Indicators = append(rc.Indicators, reportIndicator{Code: ir.Code, Points: number(ir.Points), Score: number(ir.Score), NAPoints: number(ir.NAPoints)})
			}
			ra.Categories = append(ra.Categories, rc)
		}
		rep.Areas = append(rep.Areas, ra)
	}
	for _, p := range scoring.Check(c, a.Answers, exists) {
		rep.Problems = append(rep.Problems, reportProblem{No: p.No, Kind: string(p.Kind), Message: p.Message})
	}
	return rep
}

// JSON renders the report with stable key order and unescaped Chinese.
func (r Report) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
