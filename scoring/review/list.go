package review

import (
	"bytes"
	"encoding/json"
	"fmt"

	"sanxiang/scoring"
)

// List is the output of `sanxiang-cli review list --json` for one group (one year, one catalog):
// the units in rank order. Its JSON keys are a contract (docs/review-format.md): extend, never rename.
type List struct {
	Year    int        `json:"year"`
	Catalog string     `json:"catalog"`
	Units   []ListUnit `json:"units"`
}

// ListUnit is one unit of a List.
type ListUnit struct {
	Rank            *int           `json:"rank"` // null: no rank (no applicable points)
	Unit            string         `json:"unit"`
	CreditCode      string         `json:"credit_code"`
	Year            int            `json:"year"`
	Digest          string         `json:"digest"`
	Self            ListScore      `json:"self"`
	Review          ListReview     `json:"review"`
	Unanswered      int            `json:"unanswered"`
	MissingEvidence int            `json:"missing_evidence"`
	Materials       []ListMaterial `json:"materials"`
	History         []ListHistory  `json:"history"`
}

// ListScore is a total and its converted score; Converted is null when undefined.
type ListScore struct {
	Total     json.Number  `json:"total"`
	Converted *json.Number `json:"converted"`
}

// ListReview is the review's total and converted score, the number of re-scored criteria and
// the status code (pending, in_progress, done).
type ListReview struct {
	Total     json.Number  `json:"total"`
	Converted *json.Number `json:"converted"`
	Changed   int          `json:"changed"`
	Status    string       `json:"status"`
}

// ListMaterial is one 申报材料's length against its minimum.
type ListMaterial struct {
	Key   string `json:"key"`
	Title string `json:"title"`
	Chars int    `json:"chars"`
	Min   int    `json:"min"`
	OK    bool   `json:"ok"`
}

// ListHistory is the unit's 复核折算得分 of an earlier year (null when undefined).
type ListHistory struct {
	Year      int          `json:"year"`
	Converted *json.Number `json:"converted"`
}

// converted writes a converted score as an exact JSON number ("87.35"), or null.
func converted(h scoring.Hundredths, ok bool) *json.Number {
	if !ok {
		return nil
	}
	n := json.Number(h.String())
	return &n
}

// NewList builds the List of group g; all is every imported unit (any year, any catalog), where
// each unit's history is looked up. With all nil, each unit's History (FillHistory) is used.
func NewList(g Group, all []Summary) List {
	l := List{Year: g.Year, Catalog: g.CatalogID, Units: make([]ListUnit, 0, len(g.Units))}
	for _, u := range g.Units {
		lu := ListUnit{
			Unit: u.Unit.Name, CreditCode: u.Unit.CreditCode, Year: u.Year, Digest: u.Digest,
			Self: ListScore{Total: json.Number(u.Self.Overall.Score.String()),
				Converted: converted(u.Self.Converted, u.Self.ConvertedOK)},
			Review: ListReview{Total: json.Number(u.Review.Overall.Score.String()),
				Converted: converted(u.Review.Converted, u.Review.ConvertedOK), Changed: u.Changed, Status: u.Status.Code()},
			Unanswered: u.Unanswered, MissingEvidence: u.MissingEvidence,
			Materials: make([]ListMaterial, 0, len(u.Materials)), History: []ListHistory{},
		}
		if u.Rank > 0 {
			r := u.Rank
			lu.Rank = &r
		}
		for _, m := range u.Materials {
			lu.Materials = append(lu.Materials, ListMaterial(m))
		}
		hist := u.History
		if all != nil {
			hist = History(all, u.Unit.CreditCode, u.Year)
		}
		for _, h := range hist {
			lu.History = append(lu.History, ListHistory{Year: h.Year, Converted: converted(h.Converted, h.OK)})
		}
		l.Units = append(l.Units, lu)
	}
	return l
}

// Encode writes the List as the CLI prints it: two-space indent, no HTML escaping, a final newline.
func (l List) Encode() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(l); err != nil {
		return nil, fmt.Errorf("写出复核汇总失败：%w", err)
	}
	return buf.Bytes(), nil
}
