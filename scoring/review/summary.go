package review

import (
	"strings"

	"sanxiang/scoring"
)

// Unit is everything the bureau holds about one unit's assessment for one year: the assessment
// as imported (never changed), the bureau's review of it (nil: not reviewed) and the facts about
// its package and evidence that only storage can know, handed in by the caller.
type Unit struct {
	ID              int64 // the assessment's id in the database it came from (0: none), for the screens to open it
	Assessment      *scoring.Assessment
	Review          *Review
	Digest          string // 报送包校验码
	Verified        bool   // the package verified when it was imported
	EvidenceFiles   int    // evidence files of the assessment
	MissingEvidence int    // of those, files missing or changed in the imported copy
}

// MaterialLength is one 申报材料 of the catalog against its minimum length.
type MaterialLength struct {
	Key   string
	Title string
	Chars int  // scoring.CountChars of the text
	Min   int  // the catalog's minimum; 0 means none
	OK    bool // Chars ≥ Min
}

// Summary is the row of the bureau's 汇总 table for one unit and year.
type Summary struct {
	ID        int64 // Unit.ID
	Unit      scoring.Unit
	Year      int
	CatalogID string
	Digest    string
	Verified  bool
	Self      scoring.Result // the unit's own scores
	Review    scoring.Result // the scores with the review laid over them (= Self when nothing was re-scored)
	Changes   []Change
	Changed   int // re-scored criteria
	Status    Status
	// Scored, NA and Unanswered count the unit's own answers (已评/不适用/未评 as handed in).
	Scored, NA, Unanswered int
	EvidenceFiles          int
	MissingEvidence        int
	Materials              []MaterialLength
}

// Summarize scores a unit both ways and gathers its 汇总 row. A unit without an assessment or
// catalog gives the zero Summary.
func Summarize(u Unit) Summary {
	a := u.Assessment
	if a == nil || a.Catalog == nil {
		return Summary{}
	}
	cat := a.Catalog
	s := Summary{ID: u.ID, Unit: a.Unit, Year: a.Year, CatalogID: cat.ID, Digest: strings.TrimSpace(u.Digest),
		Verified: u.Verified, EvidenceFiles: u.EvidenceFiles, MissingEvidence: u.MissingEvidence}
	s.Self = scoring.Score(cat, a.Answers)
	if u.Review != nil && len(u.Review.Items) > 0 {
		s.Review = scoring.ScoreBy(cat, Overlay(a.Answers, u.Review))
	} else {
		s.Review = s.Self // nothing re-scored: the review is the self-assessment (Result is read-only)
	}
	s.Changes = Changes(cat, a.Answers, u.Review)
	s.Changed = ChangedCount(s.Changes)
	if u.Review != nil {
		s.Status = u.Review.Status
	}
	o := s.Self.Overall
	s.Scored, s.NA, s.Unanswered = o.Scored, o.NA, o.Unanswered
	s.Materials = Materials(cat, a.Narratives)
	return s
}

// Materials measures each material the catalog declares against its minimum, in catalog order.
func Materials(cat *scoring.Catalog, narratives map[string]string) []MaterialLength {
	out := make([]MaterialLength, 0, len(cat.Materials))
	for _, m := range cat.Materials {
		n := scoring.CountChars(narratives[m.Key])
		out = append(out, MaterialLength{Key: m.Key, Title: m.Title, Chars: n, Min: m.MinChars, OK: n >= m.MinChars})
	}
	return out
}

// Converted is the 复核折算得分 the ranking uses, false when it is undefined (no applicable points).
func (s Summary) Converted() (scoring.Hundredths, bool) {
	return s.Review.Converted, s.Review.ConvertedOK
}

// Nominee is the unit's 执法标兵 as its application names them.
type Nominee struct {
	Name, Post, Certificate string // 姓名、岗位、执法证号
	Material                MaterialLength
	Text                    string // the application itself
}

// NomineeOf reads the 执法标兵 from the assessment: the catalog's material "model_application"
// (else the first material with fields), its fields by key (model_name, model_post,
// model_certificate) or, in catalogs with other keys, by title (姓名、岗位、证号). False when the
// catalog declares no such material or the unit named nobody.
func NomineeOf(a *scoring.Assessment) (Nominee, bool) {
	if a == nil || a.Catalog == nil {
		return Nominee{}, false
	}
	cat := a.Catalog
	mat, ok := cat.Material(scoring.NarrativeModelApplication)
	if !ok {
		for _, m := range cat.Materials {
			if len(m.Fields) > 0 {
				mat, ok = m, true
				break
			}
		}
	}
	if !ok {
		return Nominee{}, false
	}
	var n Nominee
	for _, f := range mat.Fields {
		v := strings.TrimSpace(a.Narratives[f.Key])
		switch {
		case f.Key == scoring.NarrativeModelName || (n.Name == "" && strings.Contains(f.Title, "姓名")):
			n.Name = v
		case f.Key == scoring.NarrativeModelPost || (n.Post == "" && (strings.Contains(f.Title, "岗位") || strings.Contains(f.Title, "职务"))):
			n.Post = v
		case f.Key == scoring.NarrativeModelCertificate || (n.Certificate == "" && strings.Contains(f.Title, "证号")):
			n.Certificate = v
		}
	}
	n.Text = a.Narratives[mat.Key]
	chars := scoring.CountChars(n.Text)
	n.Material = MaterialLength{Key: mat.Key, Title: mat.Title, Chars: chars, Min: mat.MinChars, OK: chars >= mat.MinChars}
	if n.Name == "" {
		return n, false
	}
	return n, true
}
