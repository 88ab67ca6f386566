package app

import (
	"context"
	"fmt"
	"path/filepath"

	xbureau "sanxiang/export/bureau"
	"sanxiang/internal/evidencefile"
	"sanxiang/scoring/review"
	"sanxiang/storage"
	"sanxiang/workflow"
)

// dbBureau is the bureauStore of the program: the database's review calls and the jobs of
// workflow on it.
type dbBureau struct {
	db     *storage.DB
	copies *evidencefile.Copies // what the review of a unit read of the evidence copies (CheckEvidence)
}

func (s dbBureau) ReviewList(year int) ([]review.Group, error) {
	return workflow.ReviewList(s.db, year, s.copies)
}
func (s dbBureau) BureauUnits(year int) ([]review.Unit, error) { return s.db.BureauUnits(year) }
func (s dbBureau) BureauUnit(id int64) (review.Unit, error)    { return s.db.BureauUnit(id) }
func (s dbBureau) SaveReviewItem(id int64, it review.Item) error {
	return s.db.SaveReviewItem(id, it)
}
func (s dbBureau) DeleteReviewItem(id int64, no int) error { return s.db.DeleteReviewItem(id, no) }
func (s dbBureau) SaveReviewMeta(id int64, reviewer, conclusion string) error {
	return s.db.SaveReviewMeta(id, reviewer, conclusion)
}
func (s dbBureau) SetReviewStatus(id int64, st review.Status) (review.Unmarked, error) {
	return s.db.SetReviewStatus(id, st)
}
func (s dbBureau) RecommendedFor(id int64) (review.Unmarked, error) {
	return s.db.RecommendedFor(id)
}
func (s dbBureau) Marks(year int, catalogID string) (review.Marks, error) {
	return s.db.Marks(year, catalogID)
}

// SetMarks goes through workflow.SetMarks, which checks the marks against the ranked group again.
func (s dbBureau) SetMarks(year int, catalogID string, m review.Marks) error {
	return workflow.SetMarks(s.db, year, catalogID, m)
}
func (s dbBureau) Places() (review.Places, error)  { return s.db.Places() }
func (s dbBureau) SetPlaces(p review.Places) error { return s.db.SetPlaces(p) }
func (s dbBureau) BureauName() (string, error)     { return s.db.BureauName() }
func (s dbBureau) SetBureauName(name string) error { return s.db.SetBureauName(name) }

func (s dbBureau) CountPackages(ctx context.Context, roots []string) (int, error) {
	cs, err := workflow.FindPackages(ctx, roots)
	return len(cs), err
}

func (s dbBureau) ImportStick(ctx context.Context, roots []string, replace bool, progress func(stickProgress)) ([]stickResult, error) {
	opt := workflow.StickOptions{Replace: replace}
	if progress != nil {
		opt.Progress = func(p workflow.StickProgress) { progress(stickProgress(p)) }
	}
	res, err := workflow.ImportStick(ctx, s.db, roots, opt)
	out := make([]stickResult, len(res))
	for i, r := range res {
		out[i] = stickResult{Path: r.Path, Status: r.Status, Unit: r.Unit, CreditCode: r.CreditCode, Year: r.Year,
			Digest: r.Digest, Reason: r.Reason, Duplicate: r.Duplicate, ID: r.ID, Unmarked: r.Unmarked}
		if r.Status == workflow.StatusDuplicate {
			imported := true // matched by name only (ID 0): an older record, replaceable as before
			if r.ID != 0 {
				_, imported, _ = s.db.Package(r.ID)
			}
			out[i].Replaceable = imported
		}
	}
	return out, err
}

func (s dbBureau) ExportReview(ctx context.Context, year int, catalogID, dir string, progress func(xbureau.Progress)) ([]string, error) {
	f, err := workflow.ExportReviewWith(ctx, s.db, year, dir, workflow.ReviewExportOptions{CatalogID: catalogID, Copies: s.copies, Progress: progress})
	if err != nil {
		return nil, err
	}
	out := []string{f.Workbook, f.Recommendation}
	if len(f.Opinions) > 0 {
		out = append(out, fmt.Sprintf("%s（%d 份）", filepath.Join(dir, xbureau.DirOpinions), len(f.Opinions)))
	}
	return out, nil
}
