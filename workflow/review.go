package workflow

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"sanxiang/export/bureau"
	"sanxiang/internal/evidencefile"
	"sanxiang/internal/oserr"
	"sanxiang/internal/safefile"
	"sanxiang/scoring"
	"sanxiang/scoring/review"
	"sanxiang/storage"
)

// BureauUnits loads every imported unit of every year (storage.BureauUnits(0)) and counts each
// one's missing or changed evidence (CheckEvidence with copies, which may be nil): what the 汇总
// table, its export and the history need.
func BureauUnits(db *storage.DB, copies *evidencefile.Copies) ([]review.Unit, error) {
	units, err := db.BureauUnits(0)
	if err != nil {
		return nil, err
	}
	CheckEvidence(units, copies)
	return units, nil
}

// CheckEvidence sets each unit's MissingEvidence: the evidence files of its imported copy that
// are gone, are no regular file, have another size than the record, or whose SHA-256, already
// read by copies (the review of that unit verifies the files of each page it shows), differs
// from the record — evidencefile.Copies.Quick. It reads no file in full: the package's SHA-256
// was verified at import, and reading every copy again for a list would read gigabytes. It asks
// the disk, so it never runs on the UI goroutine.
func CheckEvidence(units []review.Unit, copies *evidencefile.Copies) {
	eachIndex(len(units), func(i int) {
		a := units[i].Assessment
		if a == nil {
			return
		}
		n := 0
		for _, ans := range a.Answers {
			for _, e := range ans.Evidence {
				if copies.Quick(e) != evidencefile.CopyIntact {
					n++
				}
			}
		}
		units[i].MissingEvidence = n
	})
}

// eachIndex calls fn(i) for i in 0..n-1, spread over one goroutine per CPU (fn of different i
// must not share anything they write): the bureau's list stats and scores hundreds of units,
// each on its own, and the 2-core office PC does it in about half the time.
func eachIndex(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// RankUnits summarizes every unit, ranks them in groups of one year and catalog and fills each
// ranked unit's history (earlier years of the same credit code, from all units). year 0 keeps
// every group; another year keeps that year's groups only (the history still sees every year).
func RankUnits(units []review.Unit, year int) []review.Group {
	all := make([]review.Summary, len(units))
	eachIndex(len(units), func(i int) { all[i] = review.Summarize(units[i]) })
	groups := review.Rank(all)
	review.FillHistory(groups, all)
	if year == 0 {
		return groups
	}
	kept := groups[:0]
	for _, g := range groups {
		if g.Year == year {
			kept = append(kept, g)
		}
	}
	return kept
}

// ReviewList is `review list`: the imported units of year (0: all years), summarized, ranked in
// groups of one year and catalog, with their history filled; copies (may be nil) is the
// evidence check's memory of the files already read (CheckEvidence).
func ReviewList(db *storage.DB, year int, copies *evidencefile.Copies) ([]review.Group, error) {
	if year != 0 {
		if err := scoring.CheckYear(year); err != nil {
			return nil, err
		}
	}
	units, err := BureauUnits(db, copies)
	if err != nil {
		return nil, err
	}
	return RankUnits(units, year), nil
}

// ApplyResult is what a review file changed: whose review, by whom, how many items.
type ApplyResult struct {
	ID         int64 // the assessment reviewed
	Unit       string
	CreditCode string
	Year       int
	Reviewer   string
	Items      int // items in the file
	Changed    int // of those, re-scored criteria
}

// ApplyReviewFile reads a review file (docs/review-format.md) and makes it the review of the
// unit's imported assessment, whole, in one transaction. The file is refused whole, with a
// Chinese message naming the item, when anything in it is wrong (review.ParseFile), when the
// database has no imported package of that unit and year, or when the unit's catalog differs;
// then nothing changes. The unit's own answers are never written.
func ApplyReviewFile(db *storage.DB, path string) (ApplyResult, error) {
	data, err := safefile.ReadFile(path, review.MaxFileSize)
	switch {
	case errors.Is(err, safefile.ErrNotRegular):
		return ApplyResult{}, oserr.Explained(fmt.Sprintf("%s 不是普通文件（是文件夹、设备或管道），不是复核文件", path), err)
	case errors.Is(err, safefile.ErrTooLarge):
		return ApplyResult{}, oserr.Explained(fmt.Sprintf("%s 超过 %d MB，不是复核文件", path, review.MaxFileSize>>20), err)
	case err != nil:
		return ApplyResult{}, oserr.Wrap("无法读取复核文件 "+path, err)
	}
	var id int64
	f, err := review.ParseFile(data, func(code string, year int) (*scoring.Catalog, error) {
		var ok bool
		var err error
		if id, ok, err = db.FindAssessment(code, year); err != nil {
			return nil, err
		}
		if !ok {
			return nil, &review.UnknownUnitError{CreditCode: code, Year: year}
		}
		if _, imported, err := db.Package(id); err != nil {
			return nil, err
		} else if !imported {
			return nil, fmt.Errorf("统一社会信用代码为 %s 的单位 %d 年度的自评不是从报送包导入的（是本数据库自己的自评），不能复核", code, year)
		}
		u, err := db.BureauUnit(id)
		if err != nil {
			return nil, err
		}
		return u.Assessment.Catalog, nil
	})
	if err != nil {
		return ApplyResult{}, err
	}
	r := f.Review()
	if err := db.ApplyReview(id, r); err != nil {
		return ApplyResult{}, err
	}
	u, err := db.BureauUnit(id)
	if err != nil {
		return ApplyResult{}, err
	}
	s := review.Summarize(u)
	return ApplyResult{ID: id, Unit: s.Unit.Name, CreditCode: s.Unit.CreditCode, Year: s.Year,
		Reviewer: r.Reviewer, Items: len(f.Items), Changed: s.Changed}, nil
}

// group finds the group of year (and catalogID, "" when the year has one catalog only) in
// groups, or says in Chinese why there is none or which catalogs to choose from.
func group(groups []review.Group, year int, catalogID string) (review.Group, error) {
	var ids []string
	for _, g := range groups {
		if g.Year != year {
			continue
		}
		if g.CatalogID == catalogID {
			return g, nil
		}
		ids = append(ids, g.CatalogID)
	}
	switch {
	case len(ids) == 0:
		return review.Group{}, fmt.Errorf("数据库中没有 %d 年度已导入的报送包", year)
	case catalogID != "":
		return review.Group{}, fmt.Errorf("%d 年度没有使用指标体系 %q 的单位（有：%s）", year, catalogID, strings.Join(ids, "、"))
	case len(ids) == 1:
		for _, g := range groups {
			if g.Year == year {
				return g, nil
			}
		}
	}
	sort.Strings(ids)
	return review.Group{}, fmt.Errorf("%d 年度的单位使用了 %d 个不同的指标体系（%s），不同指标体系的单位不能一起排名；请指定指标体系（命令行 --catalog）", year, len(ids), strings.Join(ids, "、"))
}

// nominees says, by credit code, whether each unit of the group named a 执法标兵.
func nominees(units []review.Unit, g review.Group) map[string]bool {
	out := map[string]bool{}
	for _, u := range units {
		if u.Assessment != nil && u.Assessment.Year == g.Year && u.Assessment.Catalog != nil && u.Assessment.Catalog.ID == g.CatalogID {
			_, out[u.Assessment.Unit.CreditCode] = review.NomineeOf(u.Assessment)
		}
	}
	return out
}

// SetMarks checks the recommendation marks of one year and catalog (review.CheckMarks: places,
// ranks, 已复核, a named 执法标兵) against the ranked group and stores them; refused marks change
// nothing. catalogID "" means the year's only catalog.
func SetMarks(db *storage.DB, year int, catalogID string, m review.Marks) error {
	units, err := db.BureauUnits(0) // the ranking needs no evidence check
	if err != nil {
		return err
	}
	g, err := group(RankUnits(units, year), year, catalogID)
	if err != nil {
		return err
	}
	places, err := db.Places()
	if err != nil {
		return err
	}
	if err := review.CheckMarks(g, m, places, nominees(units, g)); err != nil {
		return fmt.Errorf("推荐未保存：%w", err)
	}
	return db.SetMarks(year, g.CatalogID, m)
}

// MarkKind is what a recommendation mark recommends.
type MarkKind int

const (
	// MarkUnit recommends the unit as 全省行政执法示范单位.
	MarkUnit MarkKind = iota
	// MarkPerson recommends the unit's 执法标兵 as 全省行政执法标兵.
	MarkPerson
)

// Mark sets or clears one recommendation (the unit with creditCode, or its 执法标兵) among the
// year's marks, checked as SetMarks checks them; changed is false when the mark already was so.
func Mark(db *storage.DB, year int, catalogID, creditCode string, kind MarkKind, on bool) (changed bool, err error) {
	code := scoring.NormalizeCreditCode(creditCode)
	if err := scoring.ValidateCreditCode(code); err != nil {
		return false, fmt.Errorf("统一社会信用代码无效：%w", err)
	}
	units, err := db.BureauUnits(0) // the ranking needs no evidence check
	if err != nil {
		return false, err
	}
	g, err := group(RankUnits(units, year), year, catalogID)
	if err != nil {
		return false, err
	}
	m, err := db.Marks(year, g.CatalogID)
	if err != nil {
		return false, err
	}
	set := m.Units
	if kind == MarkPerson {
		set = m.Persons
	}
	if set[code] == on {
		return false, nil
	}
	if on {
		set[code] = true
	} else {
		delete(set, code)
	}
	places, err := db.Places()
	if err != nil {
		return false, err
	}
	if err := review.CheckMarks(g, m, places, nominees(units, g)); err != nil {
		return false, fmt.Errorf("推荐未保存：%w", err)
	}
	return true, db.SetMarks(year, g.CatalogID, m)
}

// ReviewExportOptions are the optional parts of ExportReview.
type ReviewExportOptions struct {
	// CatalogID chooses the group when the year's units use more than one catalog ("" otherwise).
	CatalogID string
	// Bureau is the 区司法局's name printed on the documents ("" : the stored setting).
	Bureau string
	// Date is printed on the documents; zero means now.
	Date time.Time
	// Copies is the evidence check's memory of the files already read (nil: none), for the
	// 佐证/缺失 column (CheckEvidence).
	Copies *evidencefile.Copies
	// Progress, when set, hears of each document before it is written (bureau.WriteAllContext),
	// on ExportReviewWith's goroutine.
	Progress func(bureau.Progress)
}

// ExportProgressLine says which document an export is writing (Progress's report), in the
// window's progress dialog and on the command line alike; "" for the last report (every
// document written).
func ExportProgressLine(p bureau.Progress) string {
	switch {
	case p.Total > 0 && p.Done >= p.Total:
		return ""
	case p.Unit > 0:
		return fmt.Sprintf("正在写入复核意见书：第 %d/%d 家（%s）", p.Unit, p.Units, p.Name)
	}
	return fmt.Sprintf("正在写入%s（共 %d 家单位）", p.Name, p.Units)
}

// ExportReview writes 复核汇总表.xlsx, 推荐名单.pdf and 复核意见书/ for the year's units (one
// catalog) with the stored marks and places into dir, creating dir when it does not exist (and
// removing it again when the export fails or is canceled: bureau.ErrCanceled). Nothing is written when an output would overwrite
// an evidence file or a file of the database; all files replace an earlier export together or
// not at all (bureau.WriteAll).
func ExportReview(ctx context.Context, db *storage.DB, year int, dir string) (bureau.Files, error) {
	return ExportReviewWith(ctx, db, year, dir, ReviewExportOptions{})
}

// ExportReviewWith is ExportReview with options.
func ExportReviewWith(ctx context.Context, db *storage.DB, year int, dir string, opt ReviewExportOptions) (bureau.Files, error) {
	if err := scoring.CheckYear(year); err != nil {
		return bureau.Files{}, err
	}
	units, err := BureauUnits(db, opt.Copies)
	if err != nil {
		return bureau.Files{}, err
	}
	g, err := group(RankUnits(units, year), year, opt.CatalogID)
	if err != nil {
		return bureau.Files{}, err
	}
	in, err := bureau.Collect(units, year, g.CatalogID)
	if err != nil {
		return bureau.Files{}, err
	}
	if in.Places, err = db.Places(); err != nil {
		return bureau.Files{}, err
	}
	if in.Marks, err = db.Marks(year, g.CatalogID); err != nil {
		return bureau.Files{}, err
	}
	in.Bureau, in.Date = strings.TrimSpace(opt.Bureau), opt.Date
	if in.Bureau == "" {
		if in.Bureau, err = db.BureauName(); err != nil {
			return bureau.Files{}, err
		}
	}
	if err := review.CheckBureauName(in.Bureau); err != nil {
		return bureau.Files{}, err
	}
	if in.Date.IsZero() {
		in.Date = time.Now()
	}
	var evidence []string
	for _, u := range units {
		evidence = append(evidence, EvidencePaths(u.Assessment)...)
	}
	outs := []string{filepath.Join(dir, bureau.NameWorkbook), filepath.Join(dir, bureau.NameRecommendation)}
	for _, name := range bureau.OpinionNames(in.Units) {
		outs = append(outs, filepath.Join(dir, bureau.DirOpinions, name))
	}
	for _, out := range outs {
		if err := GuardOutput(out, evidence, db.Path()); err != nil {
			return bureau.Files{}, err
		}
	}
	if ctx.Err() != nil {
		return bureau.Files{}, bureau.ErrCanceled
	}
	created := false
	if st, err := os.Stat(dir); err == nil {
		if !st.IsDir() {
			return bureau.Files{}, fmt.Errorf("%s 已存在且不是文件夹", dir)
		}
	} else if os.IsNotExist(err) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return bureau.Files{}, oserr.Wrap("无法创建输出文件夹 "+dir, err)
		}
		created = true
	} else {
		return bureau.Files{}, oserr.Wrap("无法访问输出文件夹 "+dir, err)
	}
	files, err := bureau.WriteAllContext(ctx, dir, in, opt.Progress)
	if err != nil && created {
		os.Remove(dir) // only succeeds when still empty
	}
	return files, err
}
