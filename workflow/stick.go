package workflow

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"sanxiang/export/pack"
	"sanxiang/internal/dirsize"
	"sanxiang/internal/junk"
	"sanxiang/internal/oserr"
	"sanxiang/scoring/review"
	"sanxiang/storage"
)

// MaxStickDepth is how far below a chosen folder FindPackages looks for packages: a stick's
// root, a folder per 街道/科室, a folder per year, a folder per unit and the package in it.
const MaxStickDepth = 4

// Candidate is one package (or a folder that could not be read) found by FindPackages.
type Candidate struct {
	// Path is the package folder or .zip (absolute).
	Path string
	// Zip says Path is a .zip file.
	Zip bool
	// Bytes is its size on disk (the zip, or the files of the folder), for the progress bar.
	Bytes int64
	// Problem, when not empty, says why a folder could not be searched or a zip not read;
	// ImportStick reports it as refused (it may be or hold a package).
	Problem string
}

// FindPackages walks the chosen folders (a USB stick's root, a folder of zips) up to
// MaxStickDepth levels down and lists every package folder or .zip (pack.LooksLikePackage),
// without descending into a package. Folders and zips holding no package, operating-system
// by-products (internal/junk), leftovers of a build (~报送包生成中-…) and links are passed over
// silently; a folder or zip that cannot be read is listed with its Problem. A root that is a package
// itself, or a file named explicitly, is listed as it is. Only a root that does not exist is an
// error; ctx cancels the walk.
func FindPackages(ctx context.Context, roots []string) ([]Candidate, error) {
	w := &stickWalk{ctx: ctx, seen: map[string]bool{}}
	for _, root := range roots {
		abs, err := filepath.Abs(root)
		if err != nil {
			return nil, oserr.Wrap("无法识别路径 "+root, err)
		}
		st, err := os.Stat(abs) // a link named as the root (a shortcut to the stick) is followed once
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("找不到 %s", root)
			}
			return nil, oserr.Wrap("无法读取 "+root, err)
		}
		if st.IsDir() {
			w.dir(abs, 0)
		} else {
			w.add(Candidate{Path: abs, Zip: true, Bytes: st.Size()})
		}
		if err := ctx.Err(); err != nil {
			return nil, pack.ErrCanceled
		}
	}
	return w.found, nil
}

// stickWalk is the state of one FindPackages.
type stickWalk struct {
	ctx   context.Context
	seen  map[string]bool
	found []Candidate
}

func (w *stickWalk) add(c Candidate) {
	if w.seen[c.Path] {
		return // two roots overlap
	}
	w.seen[c.Path] = true
	w.found = append(w.found, c)
}

// dir looks at a folder depth levels below its root: a package is listed, any other folder is
// searched further while depth allows.
func (w *stickWalk) dir(dir string, depth int) {
	if w.ctx.Err() != nil {
		return
	}
	is, err := pack.LooksLikePackage(dir)
	if err != nil {
		w.add(Candidate{Path: dir, Problem: fmt.Sprintf("无法读取文件夹，其中的报送包（如有）未导入：%s", oserr.Reason(err))})
		return
	}
	if is {
		w.add(Candidate{Path: dir, Bytes: dirsize.Of(dir)})
		return
	}
	if depth >= MaxStickDepth {
		return
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		w.add(Candidate{Path: dir, Problem: fmt.Sprintf("无法读取文件夹，其中的报送包（如有）未导入：%s", oserr.Reason(err))})
		return
	}
	for _, e := range ents {
		name := e.Name()
		// links, and on Windows junctions and other reparse points (ModeIrregular), are not followed
		if e.Type()&(fs.ModeSymlink|fs.ModeIrregular) != 0 || pack.IsLeftover(name) {
			continue
		}
		info, err := e.Info()
		if err != nil || junk.Skip(name, junk.HiddenInfo(info)) {
			continue
		}
		p := filepath.Join(dir, name)
		switch {
		case e.IsDir():
			w.dir(p, depth+1)
		case info.Mode().IsRegular() && strings.EqualFold(filepath.Ext(name), ".zip"):
			is, err := pack.LooksLikePackage(p)
			switch {
			case err != nil:
				w.add(Candidate{Path: p, Zip: true, Bytes: info.Size(), Problem: fmt.Sprintf("无法读取压缩包，未导入：%s", oserr.Reason(err))})
			case is:
				w.add(Candidate{Path: p, Zip: true, Bytes: info.Size()})
			}
		}
	}
}

// The statuses of a StickResult (the "status" of `review import --json`).
const (
	StatusImported  = "imported"
	StatusRefused   = "refused"
	StatusDuplicate = "duplicate"
)

// StickOptions says how ImportStick treats duplicates and whom it tells about its progress.
type StickOptions struct {
	// Replace replaces an assessment of the same 统一社会信用代码 and year already in the
	// database; without it such a package is verified, reported as duplicate and not imported.
	Replace bool
	// Progress is called on ImportStick's goroutine (a GUI must hand it to its UI thread).
	Progress func(StickProgress)
}

// StickProgress is how far ImportStick has come, in packages and bytes on disk.
type StickProgress struct {
	Packages, PackagesDone int
	Bytes, BytesDone       int64
	// Current is the package being imported.
	Current string
}

// StickResult is the outcome for one package; the JSON keys are the contract of
// `sanxiang-cli review import --json`.
type StickResult struct {
	Path string `json:"path"`
	// Status is StatusImported, StatusRefused or StatusDuplicate.
	Status     string `json:"status"`
	Unit       string `json:"unit"`
	CreditCode string `json:"credit_code"`
	Year       int    `json:"year"`
	// Digest is the package's 报送包校验码 (verified) when known.
	Digest string `json:"digest"`
	// Reason says in Chinese why a package was refused or is a duplicate; "" when imported.
	Reason string `json:"reason"`
	// ID is the stored assessment (imported) or the one already there (duplicate).
	ID int64 `json:"-"`
	// Duplicate is a duplicate's Reason without the advice on how to replace it, for a
	// caller that offers its own way (the window's 替换 button; Reason names --replace).
	Duplicate string `json:"-"`
	// Unmarked is what an import that replaced a 已复核 unit removed of its recommendations
	// (storage.Imported); the caller tells the user (review.Unmarked.Note).
	Unmarked review.Unmarked `json:"-"`
}

// ImportStick finds every package under roots (FindPackages) and imports them one after the
// other into db: each is verified and its evidence copied beside the database (StagePackage),
// then stored with its PackageRecord in one transaction. One bad package never stops the others
// and a refused one leaves nothing behind (no rows, no evidence copies, no staging folder).
// A package of a unit and year already in db is verified and reported as duplicate, or replaces
// the old one with opt.Replace — but only an assessment imported from a package: one filled in
// with the program (a bureau that is itself a unit) is never replaced by a stick. Cancelling ctx stops at once: the package being imported leaves
// nothing, those done stay, and every package not imported is reported refused with 已取消;
// the error is then pack.ErrCanceled. The results are in the order of the walk.
func ImportStick(ctx context.Context, db *storage.DB, roots []string, opt StickOptions) ([]StickResult, error) {
	cands, err := FindPackages(ctx, roots)
	if err != nil {
		return nil, err
	}
	return ImportCandidates(ctx, db, cands, opt)
}

// canceledReason is the refusal of a package not imported because the user cancelled.
const canceledReason = "已取消，未导入"

// ImportCandidates is ImportStick for packages already found by FindPackages (the GUI counts
// them first and does not walk the stick twice).
func ImportCandidates(ctx context.Context, db *storage.DB, cands []Candidate, opt StickOptions) ([]StickResult, error) {
	pr := StickProgress{Packages: len(cands)}
	for _, c := range cands {
		pr.Bytes += c.Bytes
	}
	emit := func() {
		if opt.Progress != nil {
			opt.Progress(pr)
		}
	}
	emit()
	out := make([]StickResult, 0, len(cands))
	var canceled bool
	for _, c := range cands {
		if canceled || ctx.Err() != nil {
			canceled = true
			out = append(out, StickResult{Path: c.Path, Status: StatusRefused, Reason: canceledReason})
			continue
		}
		base := pr.BytesDone
		pr.Current = c.Path
		emit()
		r := importCandidate(ctx, db, c, opt.Replace, func(p pack.Progress) {
			if p.TotalBytes > 0 && c.Bytes > 0 {
				// the share pack has checked, on the candidate's size on disk (a float: two sizes
				// of up to 8 GiB multiplied would overflow; this is a bar, not a sum)
				share := float64(min(p.Bytes, p.TotalBytes)) / float64(p.TotalBytes)
				pr.BytesDone = base + min(c.Bytes, int64(share*float64(c.Bytes)))
			}
			emit()
		})
		if r.Status == StatusRefused && ctx.Err() != nil {
			canceled = true
			r.Reason = canceledReason
		}
		out = append(out, r)
		pr.PackagesDone++
		pr.BytesDone = base + c.Bytes
		emit()
	}
	pr.Current = ""
	emit()
	if canceled {
		return out, pack.ErrCanceled
	}
	return out, nil
}

// importCandidate imports one package and says how it went: every failure is its result line,
// never an error that would stop the other packages.
func importCandidate(ctx context.Context, db *storage.DB, c Candidate, replace bool, progress func(pack.Progress)) StickResult {
	r := StickResult{Path: c.Path, Status: StatusRefused}
	refuse := func(err error) StickResult {
		r.Status, r.Reason = StatusRefused, oserr.Reason(err)
		if errors.Is(err, pack.ErrCanceled) || ctx.Err() != nil {
			r.Reason = canceledReason
		}
		return r
	}
	if c.Problem != "" {
		r.Reason = c.Problem
		return r
	}
	a, err := pack.Peek(c.Path, db.Catalogs())
	if err != nil {
		return refuse(err)
	}
	r.Unit, r.CreditCode, r.Year = strings.TrimSpace(a.Unit.Name), a.Unit.CreditCode, a.Year
	old, exists, err := db.FindAssessment(a.Unit.CreditCode, a.Year)
	if err != nil {
		return refuse(err)
	}
	fromPackage := false
	if exists {
		if _, fromPackage, err = db.Package(old); err != nil {
			return refuse(err)
		}
	}
	// an assessment the bureau keeps of its own unit (not from a package) is never replaced
	if exists && (!replace || !fromPackage) {
		// nothing is copied: the package is only verified, so the line says whether it is intact
		rep, err := pack.VerifyProgress(ctx, c.Path, progress)
		if err != nil {
			return refuse(err)
		}
		if !rep.OK {
			return refuse(oserr.Explained("未导入。\n"+strings.TrimRight(rep.Summary(), "\n"), pack.ErrVerify))
		}
		r.Digest, r.ID = rep.Digest, old
		r.Status = StatusDuplicate
		r.Reason, r.Duplicate = duplicateReason(db, r, old)
		return r
	}
	staged, err := StagePackage(ctx, db, c.Path, progress)
	if err != nil {
		return refuse(err)
	}
	r.Digest = staged.Digest
	id, err := staged.Store(replace)
	if errors.Is(err, storage.ErrExists) {
		// stored meanwhile by another program on the same database: nothing of ours stays
		if derr := staged.Discard(); derr != nil {
			return refuse(fmt.Errorf("%w（%s）", err, oserr.Reason(derr)))
		}
		if old, ok, ferr := db.FindAssessment(a.Unit.CreditCode, a.Year); ferr == nil && ok {
			r.ID = old
		}
		r.Status = StatusDuplicate
		r.Reason, r.Duplicate = duplicateReason(db, r, r.ID)
		return r
	}
	if err != nil {
		return refuse(err)
	}
	r.Status, r.ID, r.Unmarked = StatusImported, id, staged.Unmarked
	return r
}

// duplicateReason says which stored assessment a duplicate package matches, and whether it
// is the very package imported before (same 报送包校验码) or a different one (the unit handed
// in a changed package: the bureau decides whether to replace). reason is the CLI's text (the
// contract of `review import`, naming --replace); fact is the same without the advice on how
// to replace, which a window completes with its own (StickResult.Duplicate).
func duplicateReason(db *storage.DB, r StickResult, id int64) (reason, fact string) {
	const tail = "，未导入；如要用本报送包替换，请选择“替换”（命令行：加 --replace）"
	if id == 0 { // the unit was matched by its name (an older record without the credit code)
		fact = fmt.Sprintf("数据库中已有单位“%s”%d 年度的自评", r.Unit, r.Year)
		return fact + tail, fact
	}
	same := ""
	if rec, ok, err := db.Package(id); err == nil && ok && r.Digest != "" {
		if rec.Digest == r.Digest {
			same = "，报送包校验码相同（即已导入的报送包）"
		} else {
			same = fmt.Sprintf("，但已导入的报送包校验码为 %s，与本报送包 %s 不同", rec.Digest, r.Digest)
		}
	} else if err == nil && !ok {
		fact = fmt.Sprintf("数据库中已有统一社会信用代码 %s %d 年度的自评（编号 %d），是在本程序中填写的自评，不是从报送包导入的；报送包不会替换它，未导入", r.CreditCode, r.Year, id)
		return fact, fact
	}
	fact = fmt.Sprintf("数据库中已有统一社会信用代码 %s %d 年度的自评（编号 %d）%s", r.CreditCode, r.Year, id, same)
	return fact + tail, fact
}
