// Package bureau writes what the district bureau (区司法局) hands on after reviewing the units:
// 复核汇总表.xlsx (ranking with live formulas, per-一级指标 comparison, every re-scored criterion),
// one 复核意见书 PDF per unit, and 推荐名单.pdf. Everything it prints comes from scoring/review;
// it uses the fonts, CJK wrapping and atomic writes of the unit's exports.
package bureau

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"sanxiang/export"
	"sanxiang/export/pack"
	"sanxiang/internal/atomicfile"
	"sanxiang/internal/oserr"
	"sanxiang/scoring"
	"sanxiang/scoring/review"
)

// File and folder names inside the output folder (a contract: extend, never rename).
const (
	NameWorkbook       = "复核汇总表.xlsx"
	NameRecommendation = "推荐名单.pdf"
	DirOpinions        = "复核意见书"
)

// Unit is one ranked unit with what the documents print beyond its summary.
type Unit struct {
	review.Ranked
	Assessment *scoring.Assessment // as imported, never changed
	Record     *review.Review      // the review itself (reviewer, conclusion, items); nil: not reviewed
	History    []review.HistoryPoint
}

// Input is one group of units (one year, one catalog) in rank order, with the bureau's marks.
type Input struct {
	Year    int
	Catalog *scoring.Catalog
	Units   []Unit
	Bureau  string    // the 区司法局's name, printed in titles, footers and the signature block
	Date    time.Time // printed as the date of the documents; zero means today
	Places  review.Places
	Marks   review.Marks
}

// Collect summarizes and ranks units and returns the group of year and catalogID ready for the
// writers (with each unit's history from all units), or an error when the group is empty.
func Collect(units []review.Unit, year int, catalogID string) (*Input, error) {
	all := make([]review.Summary, len(units))
	byCode := map[string]review.Unit{}
	for i, u := range units {
		all[i] = review.Summarize(u)
		if all[i].Year == year && all[i].CatalogID == catalogID {
			byCode[all[i].Unit.CreditCode] = u
		}
	}
	for _, g := range review.Rank(all) {
		if g.Year != year || g.CatalogID != catalogID {
			continue
		}
		in := &Input{Year: year, Places: review.DefaultPlaces()}
		for _, r := range g.Units {
			u := byCode[r.Unit.CreditCode]
			in.Catalog = u.Assessment.Catalog
			in.Units = append(in.Units, Unit{Ranked: r, Assessment: u.Assessment, Record: u.Review,
				History: review.History(all, r.Unit.CreditCode, year)})
		}
		return in, nil
	}
	return nil, fmt.Errorf("没有 %d 年度使用指标体系 %q 的单位", year, catalogID)
}

// group is the review.Group of the input, for the checks of review.
func (in *Input) group() review.Group {
	g := review.Group{Year: in.Year}
	if in.Catalog != nil {
		g.CatalogID = in.Catalog.ID
	}
	for _, u := range in.Units {
		g.Units = append(g.Units, u.Ranked)
	}
	return g
}

// check refuses an input the documents cannot be made from, in Chinese.
func (in *Input) check() error {
	if in == nil || in.Catalog == nil || len(in.Units) == 0 {
		return errors.New("没有可导出的复核单位")
	}
	for _, u := range in.Units {
		if u.Assessment == nil || u.Assessment.Catalog == nil {
			return fmt.Errorf("单位“%s”缺少自评数据，无法导出", u.Unit.Name)
		}
		if u.Assessment.Catalog.ID != in.Catalog.ID || u.Year != in.Year {
			return fmt.Errorf("单位“%s”不属于 %d 年度指标体系“%s”，不能与其他单位一起导出", u.Unit.Name, in.Year, in.Catalog.Title)
		}
	}
	nominees := map[string]bool{}
	for _, u := range in.Units {
		_, nominees[u.Unit.CreditCode] = review.NomineeOf(u.Assessment)
	}
	return review.CheckMarks(in.group(), in.Marks, in.Places, nominees)
}

func (in *Input) date() time.Time {
	if in.Date.IsZero() {
		return time.Now()
	}
	return in.Date
}

func (in *Input) dateText() string {
	d := in.date()
	return fmt.Sprintf("%d年%d月%d日", d.Year(), int(d.Month()), d.Day())
}

// bureauName is the bureau's name or a visible placeholder.
func (in *Input) bureauName() string {
	if s := strings.TrimSpace(in.Bureau); s != "" {
		return s
	}
	return "（未填写区司法局名称）"
}

// footer is "雁塔区司法局 2020 年度" for the page footers.
func (in *Input) footer() string { return fmt.Sprintf("%s %d 年度", in.bureauName(), in.Year) }

// unitName is a unit's name or a visible placeholder.
func unitName(u scoring.Unit) string {
	if s := strings.TrimSpace(u.Name); s != "" {
		return s
	}
	return "（未填写单位名称）"
}

// rankText is "3" or "—" for a unit without rank.
func rankText(r int) string {
	if r <= 0 {
		return "—"
	}
	return fmt.Sprint(r)
}

// convertedText is a converted score or "无法计算".
func convertedText(res scoring.Result) string {
	if !res.ConvertedOK {
		return "无法计算"
	}
	return res.Converted.String()
}

// recommended reports the marks of a unit.
func (in *Input) recommended(code string) (unit, person bool) {
	return in.Marks.Units[code], in.Marks.Persons[code]
}

// OpinionNames gives each unit (by credit code) the file name of its 复核意见书 inside
// DirOpinions: "复核意见书_<单位名称>.pdf", Windows-safe, with the credit code added when two
// units' names would give the same file name.
func OpinionNames(units []Unit) map[string]string {
	base := func(u Unit) string { return pack.WindowsName("复核意见书_"+unitName(u.Unit), 60) }
	count := map[string]int{}
	for _, u := range units {
		count[strings.ToUpper(base(u))]++
	}
	out := map[string]string{}
	for _, u := range units {
		b := base(u)
		if count[strings.ToUpper(b)] > 1 {
			b = pack.WindowsName(b, 40) + "_" + pack.WindowsName(u.Unit.CreditCode, 20)
		}
		out[u.Unit.CreditCode] = b + ".pdf"
	}
	return out
}

// Files are the paths WriteAll wrote.
type Files struct {
	Workbook       string
	Recommendation string
	Opinions       map[string]string // by credit code
}

// Progress is how far WriteAllContext has got, for a progress bar: Done of Total documents are
// written (the workbook, the 推荐名单 and one 复核意见书 per unit); while a 复核意见书 is written,
// Unit is its unit's place (1…Units) and Name the unit's name, else Unit is 0 and Name the
// document's name.
type Progress struct {
	Done, Total int
	Unit, Units int
	Name        string
}

// ErrCanceled is returned when the context of WriteAllContext was canceled; nothing was written.
var ErrCanceled = errors.New("导出已取消，没有写入任何文件")

// WriteAll writes DIR/复核汇总表.xlsx, DIR/推荐名单.pdf and DIR/复核意见书/复核意见书_<单位>.pdf for
// every unit (WriteAllContext without cancel or progress).
func WriteAll(dir string, in *Input) (Files, error) {
	return WriteAllContext(context.Background(), dir, in, nil)
}

// WriteAllContext is WriteAll that reports each document before it is written (progress may be
// nil; it is called on the caller's goroutine) and stops when ctx is canceled. The marks are
// checked first (review.CheckMarks); every document is written to a temporary file and all are
// renamed into place together only when each one succeeded and ctx was not canceled
// (atomicfile.CommitAll): a failure or a cancel leaves no new file and every earlier one as it was.
func WriteAllContext(ctx context.Context, dir string, in *Input, progress func(Progress)) (Files, error) {
	if err := in.check(); err != nil {
		return Files{}, err
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return Files{}, fmt.Errorf("输出文件夹 %s 不存在或不是文件夹", dir)
	}
	fs, err := in.fonts()
	if err != nil {
		return Files{}, err
	}
	opDir := filepath.Join(dir, DirOpinions)
	out := Files{Workbook: filepath.Join(dir, NameWorkbook), Recommendation: filepath.Join(dir, NameRecommendation),
		Opinions: map[string]string{}}
	type job struct {
		path, name string
		unit       int    // 1… for a 复核意见书, 0 for the others
		unitName   string // the unit's name for a 复核意见书
		fill       func(io.Writer) error
	}
	jobs := []job{
		{path: out.Workbook, name: NameWorkbook, fill: in.writeWorkbook},
		{path: out.Recommendation, name: NameRecommendation, fill: func(w io.Writer) error { return in.writeRecommendation(w, fs) }},
	}
	names := OpinionNames(in.Units)
	for i := range in.Units {
		u := &in.Units[i]
		p := filepath.Join(opDir, names[u.Unit.CreditCode])
		out.Opinions[u.Unit.CreditCode] = p
		jobs = append(jobs, job{path: p, name: "复核意见书（" + unitName(u.Unit) + "）", unit: i + 1, unitName: unitName(u.Unit),
			fill: func(w io.Writer) error { return in.writeOpinion(w, fs, u) }})
	}
	for _, j := range jobs {
		if st, err := os.Stat(j.path); err == nil && st.IsDir() {
			return Files{}, fmt.Errorf("无法生成%s：%s 是一个文件夹", j.name, j.path)
		}
	}
	if ctx.Err() != nil {
		return Files{}, ErrCanceled
	}
	madeDir := false
	if _, err := os.Stat(opDir); errors.Is(err, os.ErrNotExist) {
		if err := os.Mkdir(opDir, 0o755); err != nil {
			return Files{}, oserr.Wrap("无法创建文件夹 "+opDir, err)
		}
		madeDir = true
	}
	temps := make([]*atomicfile.File, 0, len(jobs))
	fail := func(err error) (Files, error) {
		for _, t := range temps {
			t.Abort()
		}
		if madeDir {
			os.Remove(opDir) // only if still empty
		}
		return Files{}, err
	}
	for k, j := range jobs {
		if ctx.Err() != nil {
			return fail(ErrCanceled)
		}
		if progress != nil {
			p := Progress{Done: k, Total: len(jobs), Unit: j.unit, Units: len(in.Units), Name: j.name}
			if j.unit > 0 {
				p.Name = j.unitName
			}
			progress(p)
		}
		t, err := atomicfile.Create(j.path)
		if err != nil {
			return fail(fmt.Errorf("无法生成%s：%w", j.name, err))
		}
		temps = append(temps, t)
		if err := export.FillFile(t, j.fill); err != nil {
			return fail(fmt.Errorf("无法生成%s：%w", j.name, err))
		}
	}
	if ctx.Err() != nil {
		return fail(ErrCanceled)
	}
	if err := atomicfile.CommitAll(temps); err != nil {
		temps = nil
		return fail(fmt.Errorf("无法保存复核导出文件：%w", err))
	}
	if progress != nil {
		progress(Progress{Done: len(jobs), Total: len(jobs), Units: len(in.Units)})
	}
	return out, nil
}

// WriteWorkbook writes 复核汇总表.xlsx alone to path, atomically.
func WriteWorkbook(path string, in *Input) error {
	if err := in.check(); err != nil {
		return err
	}
	return export.WriteAtomic(path, NameWorkbook, in.writeWorkbook)
}

// WriteRecommendation writes 推荐名单.pdf alone to path, atomically.
func WriteRecommendation(path string, in *Input) error {
	if err := in.check(); err != nil {
		return err
	}
	fs, err := in.fonts()
	if err != nil {
		return err
	}
	return export.WriteAtomic(path, NameRecommendation, func(w io.Writer) error { return in.writeRecommendation(w, fs) })
}

// WriteOpinion writes the 复核意见书 of the unit with creditCode alone to path, atomically.
func WriteOpinion(path string, in *Input, creditCode string) error {
	if err := in.check(); err != nil {
		return err
	}
	for i := range in.Units {
		if u := &in.Units[i]; u.Unit.CreditCode == creditCode {
			fs, err := in.fonts()
			if err != nil {
				return err
			}
			return export.WriteAtomic(path, "复核意见书", func(w io.Writer) error { return in.writeOpinion(w, fs, u) })
		}
	}
	return fmt.Errorf("信用代码为 %s 的单位不在本次导出的单位中", creditCode)
}
