// Package pack builds, verifies and imports the USB submission package (报送包): one folder or
// zip with the exports, the assessment file, every evidence file and a manifest whose digest is
// printed on every PDF page, so that stamped paper and files can be matched
// (docs/package-format.md).
package pack

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"sanxiang/exchange"
	"sanxiang/export"
	"sanxiang/internal/oserr"
	"sanxiang/internal/safefile"
	"sanxiang/scoring"
)

// EvidenceIssue is an evidence file that is missing or changed since it was attached; the
// report PDF lists them.
type EvidenceIssue = export.EvidenceIssue

// Progress is reported while a package is built, verified or imported, for a progress bar.
type Progress struct {
	Files, TotalFiles int
	Bytes, TotalBytes int64
	Current           string // the file being worked on, for display
}

// Options controls Build.
type Options struct {
	Zip      bool           // one .zip instead of a folder
	Replace  bool           // replace a package of the same name at the target (only once the new one is complete)
	Progress func(Progress) // called from Build's goroutine; may be nil
	Date     time.Time      // printed date; zero means now
	// Catalogs is the program's catalog registry: a package on a catalog that is not built in
	// carries it as 指标体系.json (nil: every catalog is carried).
	Catalogs *scoring.Set

	wrap func(io.Writer) io.Writer // tests: inject write failures into the target
}

// Result describes a finished package.
type Result struct {
	Path   string // the package folder or zip
	Digest string // 报送包校验码 XXXX-XXXX-XXXX
	Files  int    // files in the package, the manifest included
	Bytes  int64  // their total size
	Issues []EvidenceIssue
	// Leftover names what remains of a replaced package that could not be deleted completely
	// (a file in it held open or protected); "" normally. The new package is in place regardless.
	Leftover string
}

// LeftoverNote is the one sentence the CLI and the GUI show when a replaced package could not be
// deleted completely ("" when it was).
func (r Result) LeftoverNote() string {
	if r.Leftover == "" {
		return ""
	}
	return fmt.Sprintf("注意：旧的报送包未能完全删除（其中的文件可能正被其他程序打开），剩余部分在 %s，可稍后手动删除。", r.Leftover)
}

// plan is one evidence file to copy.
type plan struct {
	no   int
	idx  int    // index in the answer's Evidence
	src  string // where the file is now
	rel  string // where the copy goes, relative to the package root
	ev   scoring.Evidence
	size int64 // from stat; -1 when the file cannot be found
	prob string
}

// Build writes the package for a into targetDir: built in a temporary folder (or zip) beside the
// target and renamed into place only when complete and on disk, so that cancelling, a full disk
// or a pulled-out stick leaves no half package. Missing or changed evidence does not stop it:
// Result.Issues names it, and so do 说明.txt and 自评报告.pdf.
func Build(ctx context.Context, a *scoring.Assessment, targetDir string, opt Options) (res Result, err error) {
	if a == nil || a.Catalog == nil {
		return res, errors.New("没有可生成报送包的自评")
	}
	if err := scoring.CheckSubmittable(a); err != nil {
		return res, fmt.Errorf("无法生成报送包：%w", err)
	}
	st, err := os.Stat(targetDir)
	if err != nil || !st.IsDir() {
		return res, fmt.Errorf("目标文件夹 %s 不存在或无法访问（U 盘是否已插好？）", targetDir)
	}
	if inside := Within(targetDir); inside != "" {
		return res, fmt.Errorf("不能把报送包生成在另一个报送包“%s”里面（那样两个报送包都会校验不通过），请选择其他文件夹，例如它的上一级文件夹", inside)
	}
	date := opt.Date
	if date.IsZero() {
		date = time.Now()
	}
	name := PackageName(a.Unit.Name, a.Year)
	final := filepath.Join(targetDir, name)
	if opt.Zip {
		final += ".zip"
	}
	if _, err := os.Lstat(final); err == nil {
		if !opt.Replace {
			return res, fmt.Errorf("%w：%s；请改名、移走或删除它，或选择替换", ErrExists, final)
		}
		if err := replaceable(final, opt.Zip); err != nil {
			return res, err
		}
	}
	plans := planEvidence(a)
	prog := progressState{fn: opt.Progress}
	for _, p := range plans {
		if p.size >= 0 {
			prog.p.TotalFiles++
			prog.p.TotalBytes += p.size
		}
	}
	prog.p.TotalFiles += 6 // assessment.json, 自评表.xlsx, two PDFs, 说明.txt, the manifest
	carry := !opt.Catalogs.IsBuiltin(a.Catalog)
	if carry {
		if len(a.Catalog.File) == 0 {
			return res, fmt.Errorf("无法生成报送包：指标体系“%s”没有文件内容", a.Catalog.Title)
		}
		prog.p.TotalFiles++
	}
	prog.emit()

	var s sink
	if opt.Zip {
		s, err = newZipSink(targetDir, name, date, opt.wrap)
	} else {
		s, err = newDirSink(targetDir, opt.wrap)
	}
	if err != nil {
		return res, err
	}
	defer func() {
		if err != nil {
			if rerr := s.abort(); rerr != nil {
				err = fmt.Errorf("%w（临时文件 %s 未能删除，可手动删除）", err, s.tempPath())
			}
		}
	}()
	scratch, err := os.MkdirTemp("", "sanxiang-export-")
	if err != nil {
		return res, oserr.Wrap("无法创建临时文件夹", err)
	}
	defer os.RemoveAll(scratch)

	b := &builder{ctx: ctx, sink: s, buf: make([]byte, bufSize), prog: &prog}
	pkg, issues, exportIssues, err := b.copyAll(a, plans)
	if err != nil {
		return res, err
	}
	data, err := exchange.Encode(pkg)
	if err != nil {
		return res, err
	}
	if err := b.putBytes(AssessmentName, data); err != nil {
		return res, err
	}
	if carry {
		if err := b.putBytes(CatalogName, a.Catalog.File); err != nil {
			return res, err
		}
	}
	// The digest covers the data (evidence, assessment.json and a carried catalog), which are all
	// in place now; the documents made from that data print it.
	digest := ComputeDigest(b.entries)
	if err := b.documents(scratch, pkg, date, digest, opt.Zip, exportIssues); err != nil {
		return res, err
	}
	if err := b.putBytes(ReadmeName, readme(pkg, digest, date, b.entries, issues)); err != nil {
		return res, err
	}
	manifest := (&Manifest{Digest: digest, Entries: b.entries}).Marshal()
	if err := b.putBytes(ManifestName, manifest); err != nil {
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return res, ErrCanceled
	}
	prog.p.Current = "正在写入磁盘…"
	prog.emit()
	leftover, err := s.commit(final, opt.Replace)
	if err != nil {
		return res, err
	}
	res = Result{Path: final, Digest: digest, Files: len(b.entries), Issues: issues, Leftover: leftover}
	for _, e := range b.entries {
		res.Bytes += e.Size
	}
	prog.p.Current = ""
	prog.emit()
	return res, nil
}

// copyAll copies the planned evidence into the package and returns the package's assessment
// (evidence paths rewritten to the copies, missing files dropped), the problems as the user knows
// the files, and the problems as the documents name them (by their place in the package).
func (b *builder) copyAll(a *scoring.Assessment, plans []plan) (pkg *scoring.Assessment, issues, exportIssues []EvidenceIssue, err error) {
	pkg = exchange.Clone(a) // deep: evidence slices are rewritten below
	// issues name the files as the user knows them; exportIssues name copies by their place in
	// the package, so the workbook and PDFs can mark the row (missing files have no copy)
	exportIssues = []EvidenceIssue{}
	drop := map[int]map[int]bool{}
	for _, p := range plans {
		ev, prob, err := b.copyEvidence(p)
		if err != nil {
			return nil, nil, nil, err
		}
		if prob != "" {
			issues = append(issues, EvidenceIssue{No: p.no, Path: p.src, Problem: prob})
			is := EvidenceIssue{No: p.no, Path: p.src, Problem: prob}
			if ev != nil {
				is.Path = ev.Path
			}
			exportIssues = append(exportIssues, is)
		}
		if ev == nil {
			if drop[p.no] == nil {
				drop[p.no] = map[int]bool{}
			}
			drop[p.no][p.idx] = true
			continue
		}
		pkg.Answers[p.no].Evidence[p.idx] = *ev
	}
	for no, idx := range drop {
		ans := pkg.Answers[no]
		kept := ans.Evidence[:0]
		for i, e := range ans.Evidence {
			if !idx[i] {
				kept = append(kept, e)
			}
		}
		ans.Evidence = kept
		pkg.Answers[no] = ans
	}

	return pkg, issues, exportIssues, nil
}

func (b *builder) documents(scratch string, pkg *scoring.Assessment, date time.Time, digest string, zipped bool, exportIssues []EvidenceIssue) error {
	eopt := export.Options{Date: date, LinkBase: b.sink.tempPath(), EvidenceIssues: exportIssues, Digest: digest}
	if zipped {
		eopt.LinkBase = scratch
	}
	if err := b.export(scratch, WorkbookName, pkg, eopt, export.WriteXLSX); err != nil {
		return err
	}
	if err := b.export(scratch, ScoreSheetName, pkg, eopt, export.WriteScoreSheet); err != nil {
		return err
	}
	if err := b.export(scratch, ReportName, pkg, eopt, export.WriteReport); err != nil {
		return err
	}
	return nil
}

// progressState throttles calls to the caller's progress function to about one per 4 MiB and file.
type progressState struct {
	fn   func(Progress)
	p    Progress
	last int64
}

func (pr *progressState) emit() {
	if pr.fn != nil {
		pr.fn(pr.p)
	}
	pr.last = pr.p.Bytes
}

func (pr *progressState) add(n int64) {
	pr.p.Bytes += n
	if pr.p.Bytes-pr.last >= 4<<20 {
		pr.emit()
	}
}

// builder writes files into the sink and remembers their manifest entries.
type builder struct {
	ctx     context.Context
	sink    sink
	buf     []byte
	prog    *progressState
	entries []Entry
}

// put streams src into the package at rel; read failures come back as problem (the file is then
// left out), write failures as err (the build stops).
func (b *builder) put(rel string, src io.Reader, limit int64) (e Entry, readProblem error, err error) {
	w, err := b.sink.create(rel)
	if err != nil {
		return e, nil, err
	}
	r := hashCopy(b.ctx, w, src, b.buf, limit, b.prog.add)
	if r.werr != nil {
		return e, nil, writeErr(rel, r.werr)
	}
	if r.rerr != nil {
		return e, r.rerr, nil
	}
	if err := b.sink.finish(); err != nil {
		return e, nil, err
	}
	e = Entry{Path: rel, Size: r.n, SHA256: r.sum}
	b.entries = append(b.entries, e)
	b.prog.p.Files++
	b.prog.emit()
	return e, nil, nil
}

func (b *builder) putBytes(rel string, data []byte) error {
	b.prog.p.TotalBytes += int64(len(data))
	b.prog.p.Current = rel
	_, rp, err := b.put(rel, bytes.NewReader(data), -1)
	if rp != nil {
		return rp
	}
	return err
}

func (b *builder) putFile(rel, src string) error {
	f, err := os.Open(src)
	if err != nil {
		return oserr.Wrap("生成 "+rel+" 失败", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		b.prog.p.TotalBytes += st.Size()
	}
	b.prog.p.Current = rel
	_, rp, err := b.put(rel, f, -1)
	if rp != nil {
		return fmt.Errorf("读取生成的 %s 失败：%w", rel, rp)
	}
	return err
}

// export makes one document with write into the scratch folder and puts it into the package.
func (b *builder) export(scratch, name string, a *scoring.Assessment, opt export.Options,
	write func(string, *scoring.Assessment, export.Options) error) error {
	if err := b.ctx.Err(); err != nil {
		return ErrCanceled
	}
	b.prog.p.Current = "正在生成 " + name
	b.prog.emit()
	p := filepath.Join(scratch, name)
	if err := write(p, a, opt); err != nil {
		return err
	}
	return b.putFile(name, p)
}

// copyEvidence copies one evidence file and returns its record in the package (nil when it could
// not be read) and, when it is missing or changed since it was attached, the problem in Chinese.
func (b *builder) copyEvidence(p plan) (*scoring.Evidence, string, error) {
	if p.size < 0 {
		return nil, p.prob, nil
	}
	b.prog.p.Current = p.rel
	f, err := safefile.Open(p.src) // type-checked first: a FIFO swapped in cannot block the build
	if err != nil {
		b.prog.p.TotalBytes -= p.size
		b.prog.p.TotalFiles--
		return nil, problemOf(err), nil
	}
	defer f.Close()
	// the size from stat bounds the copy, so a file growing while it is copied cannot fill the stick
	e, rp, err := b.put(p.rel, f, p.size)
	if err != nil {
		return nil, "", err
	}
	if rp != nil {
		// a half copy cannot be taken back out of a zip stream: the build stops with the reason
		return nil, "", readErr(p.src, rp)
	}
	ev := p.ev
	ev.Path, ev.Size, ev.SHA256 = e.Path, e.Size, e.SHA256
	return &ev, changeProblem(p.ev, e.Size, e.SHA256), nil
}

// planEvidence lists every evidence file in catalog order with the name its copy gets:
// 佐证材料/<zero-padded criterion number>_<name>, Windows-safe and unique.
func planEvidence(a *scoring.Assessment) []plan {
	width := len(strconv.Itoa(maxNo(a.Catalog)))
	if width < 3 {
		width = 3
	}
	names := nameSet{}
	var out []plan
	for _, no := range a.Catalog.Numbers() {
		ans, ok := a.Answers[no]
		if !ok {
			continue
		}
		for i, ev := range ans.Evidence {
			p := plan{no: no, idx: i, src: ev.Path, ev: ev, size: -1}
			p.rel = EvidenceFolder + "/" + names.take(evidenceName(no, width, ev), MaxFileName)
			st, err := os.Stat(ev.Path)
			switch {
			case err != nil:
				p.prob = problemOf(err)
			case !st.Mode().IsRegular():
				p.prob = "不是文件（可能是文件夹）"
			default:
				p.size = st.Size()
			}
			out = append(out, p)
		}
	}
	return out
}

func maxNo(c *scoring.Catalog) int {
	m := 0
	for _, no := range c.Numbers() {
		if no > m {
			m = no
		}
	}
	return m
}

// problemOf says in Chinese why an evidence file could not be opened.
func problemOf(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return export.ProblemMissing + "（已被移动、改名或删除）"
	case errors.Is(err, os.ErrPermission):
		return "无法读取（没有权限）"
	case errors.Is(err, safefile.ErrNotRegular):
		return "不是文件（可能是文件夹、设备或管道）"
	}
	return "无法读取（" + err.Error() + "）"
}

// changeProblem compares a file's size and SHA-256 now with what was recorded when it was
// attached; unknown records (size 0 and no digest, e.g. typed into a file by hand) are not judged.
func changeProblem(ev scoring.Evidence, size int64, sum string) string {
	if ev.SHA256 == "" && ev.Size == 0 {
		return ""
	}
	if ev.Size != size {
		return fmt.Sprintf("%s（添加时 %d 字节，现为 %d 字节）", export.ProblemChanged, ev.Size, size)
	}
	if ev.SHA256 != "" && !strings.EqualFold(ev.SHA256, sum) {
		return export.ProblemChanged + "（内容与添加时不一致）"
	}
	return ""
}
