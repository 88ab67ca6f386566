// Package export writes what a unit hands in: the Excel 自评表 that recalculates, the PDF 评分表
// that is signed and stamped, and the PDF 自评报告. It is the only package that knows xlsx and pdf.
package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"sanxiang/internal/atomicfile"
	"sanxiang/internal/inuse"
	"sanxiang/internal/oserr"
	"sanxiang/scoring"
)

// File names inside the output folder, as the receiving bureau expects them.
const (
	NameXLSX       = "自评表.xlsx"
	NameScoreSheet = "评分表.pdf"
	NameReport     = "自评报告.pdf"
)

// Problems an evidence file can have, as EvidenceIssue.Problem.
const (
	ProblemMissing = "文件缺失"
	ProblemChanged = "文件已变更"
)

// EvidenceIssue names an evidence file that is missing or changed, so the report can list it.
type EvidenceIssue struct {
	No      int    // criterion number
	Path    string // the evidence path as recorded
	Problem string // ProblemMissing, ProblemChanged or another short Chinese phrase
}

// Options carries what the exports need beyond the assessment itself.
type Options struct {
	// Digest is the 报送包校验码 "XXXX-XXXX-XXXX"; when set it is printed in every PDF page footer
	// (and the xlsx print footer) so printed pages can be matched to the files.
	Digest string
	// Date is the 填报日期 printed on the score sheet and report; zero means today.
	Date time.Time
	// LinkBase is the folder the xlsx will live in: absolute evidence paths are linked relative to
	// it, and relative ones are used as they are (and checked on disk relative to it).
	LinkBase string
	// EvidenceIssues lists missing or changed evidence; nil makes export check each file itself
	// (existence and size), an empty non-nil slice means "checked, nothing wrong".
	EvidenceIssues []EvidenceIssue
	// Canceled, when set and closed before WriteAll replaces the files, makes WriteAll discard
	// what it rendered and return ErrCanceled: nothing is written (Ctrl-C in the CLI).
	Canceled <-chan struct{}
}

// ErrCanceled is returned by WriteAll when Options.Canceled was closed: no file was written.
var ErrCanceled = errors.New("已取消，未写入任何文件")

// Files holds the paths written by WriteAll.
type Files struct{ XLSX, ScoreSheet, Report string }

// WriteXLSX writes the 自评表 workbook to path atomically.
func WriteXLSX(path string, a *scoring.Assessment, opt Options) error {
	m, err := newModel(a, opt)
	if err != nil {
		return err
	}
	return WriteAtomic(path, NameXLSX, func(w io.Writer) error { return m.writeXLSX(w) })
}

// WriteScoreSheet writes the 评分表 PDF (A4 landscape, for signing and stamping) to path atomically.
func WriteScoreSheet(path string, a *scoring.Assessment, opt Options) error {
	return writePDF(path, NameScoreSheet, a, opt, (*model).writeScoreSheet)
}

// WriteReport writes the 自评报告 PDF (A4 portrait) to path atomically.
func WriteReport(path string, a *scoring.Assessment, opt Options) error {
	return writePDF(path, NameReport, a, opt, (*model).writeReport)
}

// writePDF builds the model and the font subsets for one PDF and writes it atomically.
func writePDF(path, name string, a *scoring.Assessment, opt Options, draw func(*model, io.Writer, *fontSet) error) error {
	m, err := newModel(a, opt)
	if err != nil {
		return err
	}
	fs, err := m.fonts()
	if err != nil {
		return err
	}
	return WriteAtomic(path, name, func(w io.Writer) error { return draw(m, w, fs) })
}

// WriteAll writes DIR/自评表.xlsx, DIR/评分表.pdf and DIR/自评报告.pdf. All three are produced in
// temporary files first and renamed into place together only when every one succeeded, so a
// failure leaves none of them half-written, no new one at all, and an earlier export in dir
// complete and untouched (atomicfile.CommitAll). The font subset is cut once for both
// PDFs, and the three documents are rendered concurrently (they share only read-only data).
// When opt.LinkBase is empty, evidence links are made relative to dir.
func WriteAll(dir string, a *scoring.Assessment, opt Options) (Files, error) {
	if opt.LinkBase == "" {
		opt.LinkBase = dir
	}
	m, err := newModel(a, opt)
	if err != nil {
		return Files{}, err
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return Files{}, fmt.Errorf("输出文件夹 %s 不存在或不是文件夹", dir)
	}
	out := Files{
		XLSX:       filepath.Join(dir, NameXLSX),
		ScoreSheet: filepath.Join(dir, NameScoreSheet),
		Report:     filepath.Join(dir, NameReport),
	}
	var fs *fontSet
	jobs := []struct {
		path, name string
		fill       func(io.Writer) error
		needsFonts bool
	}{
		{out.XLSX, NameXLSX, m.writeXLSX, false},
		{out.ScoreSheet, NameScoreSheet, func(w io.Writer) error { return m.writeScoreSheet(w, fs) }, true},
		{out.Report, NameReport, func(w io.Writer) error { return m.writeReport(w, fs) }, true},
	}
	for _, j := range jobs {
		if st, err := os.Stat(j.path); err == nil && st.IsDir() {
			return Files{}, fmt.Errorf("无法生成%s：%s 是一个文件夹", j.name, j.path)
		}
	}
	temps := make([]*atomicfile.File, len(jobs))
	abort := func() {
		for _, t := range temps {
			if t != nil {
				t.Abort()
			}
		}
	}
	for i, j := range jobs {
		t, err := atomicfile.Create(j.path)
		if err != nil {
			abort()
			return Files{}, fmt.Errorf("无法生成%s：%w", j.name, err)
		}
		temps[i] = t
	}
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	run := func(i int) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = FillFile(temps[i], jobs[i].fill)
		}()
	}
	for i, j := range jobs {
		if !j.needsFonts {
			run(i)
		}
	}
	fs, err = m.fonts()
	if err == nil {
		for i, j := range jobs {
			if j.needsFonts {
				run(i)
			}
		}
	}
	wg.Wait()
	if err != nil {
		abort()
		return Files{}, err
	}
	for i, e := range errs {
		if e != nil {
			abort()
			return Files{}, fmt.Errorf("无法生成%s：%w", jobs[i].name, e)
		}
	}
	select {
	case <-opt.Canceled: // a nil channel never fires
		abort()
		return Files{}, ErrCanceled
	default:
	}
	// a PDF open in a reader would refuse its replacement after the others were replaced:
	// name it and keep the whole old set
	for _, j := range jobs {
		if err := inuse.Check(j.path); err != nil {
			abort()
			return Files{}, fmt.Errorf("无法保存%s：%w。已有的导出文件未改变。", j.name, err)
		}
	}
	// all three replace an earlier export together, or none does
	if err := atomicfile.CommitAll(temps); err != nil {
		return Files{}, fmt.Errorf("无法保存导出文件：%w", err)
	}
	return out, nil
}

// WriteAtomic writes one output through a temporary file beside path (the unit's and the
// bureau's documents alike); name is the document's name in the Chinese error.
func WriteAtomic(path, name string, fill func(io.Writer) error) error {
	t, err := atomicfile.Create(path)
	if err != nil {
		return fmt.Errorf("无法生成%s：%w", name, err)
	}
	if err := FillFile(t, fill); err != nil {
		t.Abort()
		return fmt.Errorf("无法生成%s：%w", name, err)
	}
	if err := t.Commit(); err != nil {
		return fmt.Errorf("无法保存%s：%w", name, err)
	}
	return nil
}

// FillFile runs f on a buffered writer over t and turns a panic inside the PDF or spreadsheet
// library into an error, so a library bug fails one export instead of the whole program.
func FillFile(t *atomicfile.File, f func(io.Writer) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("内部错误（技术信息：%v）", r)
		}
	}()
	bw := bufio.NewWriterSize(t, 256<<10)
	if err := f(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return oserr.Wrap("写入失败（磁盘已满或设备已移除？）", err)
	}
	return nil
}

// model is an assessment prepared for export: scored, with evidence checked and dates fixed.
type model struct {
	a      *scoring.Assessment
	cat    *scoring.Catalog
	res    scoring.Result
	date   time.Time
	digest string
	base   string
	issues map[int][]EvidenceIssue // by criterion number
	nIssue int
}

func newModel(a *scoring.Assessment, opt Options) (*model, error) {
	if a == nil {
		return nil, errors.New("没有可导出的自评")
	}
	if a.Catalog == nil {
		return nil, errors.New("自评缺少指标体系，无法导出")
	}
	m := &model{a: a, cat: a.Catalog, res: scoring.Score(a.Catalog, a.Answers), date: opt.Date,
		digest: strings.TrimSpace(opt.Digest), base: opt.LinkBase}
	if m.date.IsZero() {
		m.date = time.Now()
	}
	issues := opt.EvidenceIssues
	if issues == nil {
		issues = m.checkEvidence()
	}
	m.issues = make(map[int][]EvidenceIssue)
	for _, is := range issues {
		m.issues[is.No] = append(m.issues[is.No], is)
		m.nIssue++
	}
	return m, nil
}

// answer returns the answer to criterion no (the zero Answer, 未评, when absent).
func (m *model) answer(no int) scoring.Answer { return m.a.Answers[no] }

// checkEvidence finds evidence files that are gone or whose size differs from when attached.
func (m *model) checkEvidence() []EvidenceIssue {
	var out []EvidenceIssue
	for _, no := range m.cat.Numbers() {
		for _, e := range m.answer(no).Evidence {
			st, err := os.Stat(m.diskPath(e.Path))
			switch {
			case err != nil || st.IsDir():
				out = append(out, EvidenceIssue{No: no, Path: e.Path, Problem: ProblemMissing})
			case e.Size > 0 && st.Size() != e.Size:
				out = append(out, EvidenceIssue{No: no, Path: e.Path, Problem: ProblemChanged})
			}
		}
	}
	return out
}

// diskPath resolves a recorded evidence path for os.Stat: relative paths are relative to LinkBase.
func (m *model) diskPath(p string) string {
	p = filepath.FromSlash(p)
	if filepath.IsAbs(p) || m.base == "" {
		return p
	}
	return filepath.Join(m.base, p)
}

// linkPath is the hyperlink target of an evidence file as seen from the xlsx's folder.
func (m *model) linkPath(p string) string {
	if !filepath.IsAbs(filepath.FromSlash(p)) {
		return filepath.ToSlash(p)
	}
	if m.base != "" {
		if base, err := filepath.Abs(m.base); err == nil {
			if rel, err := filepath.Rel(base, p); err == nil {
				return filepath.ToSlash(rel)
			}
		}
	}
	return p
}

// issueFor returns the problem recorded for one evidence file of criterion no, or "".
func (m *model) issueFor(no int, path string) string {
	for _, is := range m.issues[no] {
		if is.Path == path {
			return is.Problem
		}
	}
	return ""
}

// sortedIssues lists the evidence issues in catalog order.
func (m *model) sortedIssues() []EvidenceIssue {
	var out []EvidenceIssue
	for _, no := range m.cat.Numbers() {
		out = append(out, m.issues[no]...)
	}
	// issues for criteria the catalog does not know still get listed, after the others
	var extra []int
	for no := range m.issues {
		if _, ok := m.cat.Criterion(no); !ok {
			extra = append(extra, no)
		}
	}
	sort.Ints(extra)
	for _, no := range extra {
		out = append(out, m.issues[no]...)
	}
	return out
}

// scoreText is what the 自评得分 column shows for an answer to a criterion worth points.
func (m *model) scoreText(a scoring.Answer, points scoring.Tenths) string {
	switch a.Status {
	case scoring.Scored:
		return scoring.Clamp(a.Score, points).String()
	case scoring.NA:
		if m.cat.NAPolicy == scoring.NAFull {
			return points.String()
		}
		return "—"
	}
	return ""
}

// reasonText is the 扣分原因 column: the deduction reason, or for N/A the reason it does not apply.
func reasonText(a scoring.Answer) string {
	if a.Status == scoring.NA {
		if strings.TrimSpace(a.NAReason) == "" {
			return "不适用"
		}
		return "不适用：" + a.NAReason
	}
	return a.DeductionReason
}

// unitYear is "单位名称 2020 年度" for titles and footers.
func (m *model) unitYear() string {
	name := strings.TrimSpace(m.a.Unit.Name)
	if name == "" {
		name = "（未填写单位名称）"
	}
	if m.a.Year > 0 {
		return fmt.Sprintf("%s %d 年度", name, m.a.Year)
	}
	return name
}

// dateText formats the report date the way Chinese forms write it.
func (m *model) dateText() string {
	return fmt.Sprintf("%d年%d月%d日", m.date.Year(), int(m.date.Month()), m.date.Day())
}

// convertedText is the 折算得分 or "无法计算" when nothing is applicable.
func (m *model) convertedText() string {
	if !m.res.ConvertedOK {
		return "无法计算（无适用分值）"
	}
	return m.res.Converted.String()
}

// rateText is a 得分率 with a percent sign, or "—" when undefined.
func rateText(s scoring.Subtotal) string {
	r, ok := s.Rate()
	if !ok {
		return "—"
	}
	return r.String() + "%"
}

// SizeText formats a byte count for people ("12.3 MB", "512 字节") with integer arithmetic, so
// the GUI, the CLI, 说明.txt and the report all say the same size the same way.
func SizeText(n int64) string {
	const k = 1024
	switch {
	case n < k:
		return fmt.Sprintf("%d 字节", n)
	case n < k*k:
		return fmt.Sprintf("%d.%d KB", n/k, n%k*10/k)
	case n < k*k*k:
		return fmt.Sprintf("%d.%d MB", n/(k*k), n%(k*k)*10/(k*k))
	}
	return fmt.Sprintf("%d.%d GB", n/(k*k*k), n%(k*k*k)*10/(k*k*k))
}
