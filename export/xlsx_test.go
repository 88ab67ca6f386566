package export

import (
	"archive/zip"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"sanxiang/scoring"
)

// sheetLayout mirrors the row order of the 自评表 sheet: the row of every subtotal and criterion.
// A criterion takes one row, plus one continuation row for each evidence file after the first.
type sheetLayout struct {
	section   map[string]int // code → row of its section row
	criterion map[int]int    // criterion number → its (first) row
	last      map[int]int    // criterion number → its last row (the row of its last evidence file)
	total     int
}

func layoutOf(cat *scoring.Catalog, answers map[int]scoring.Answer) sheetLayout {
	l := sheetLayout{section: map[string]int{}, criterion: map[int]int{}, last: map[int]int{}}
	row := 3
	for _, a := range cat.Areas {
		l.section[a.Code] = row
		row++
		for _, c := range a.Categories {
			l.section[c.Code] = row
			row++
			for _, ind := range c.Indicators {
				l.section[ind.Code] = row
				row++
				for _, cr := range ind.Criteria {
					l.criterion[cr.No] = row
					row += max(1, len(answers[cr.No].Evidence))
					l.last[cr.No] = row - 1
				}
			}
		}
	}
	l.total = row
	return l
}

// calcTenths recalculates a cell and reads it as exact tenths.
func calcTenths(t *testing.T, f *excelize.File, sheet, cell string) scoring.Tenths {
	t.Helper()
	v, err := f.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, cell, err)
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("%s!%s = %q, not a number", sheet, cell, v)
	}
	tenths := math.Round(x * 10)
	if math.Abs(x*10-tenths) > 1e-6 {
		t.Fatalf("%s!%s = %q, not a whole number of tenths", sheet, cell, v)
	}
	return scoring.Tenths(tenths)
}

// calcText recalculates a cell and returns its raw value as text.
func calcText(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, cell, err)
	}
	return v
}

// hundredthsText formats a recalculated percentage or converted score the way scoring does.
func hundredthsText(t *testing.T, v string) string {
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v // "—" or "无法计算"
	}
	return scoring.Hundredths(math.Round(x * 100)).String()
}

// checkWorkbook recalculates every subtotal, total, rate and the converted score of an exported
// workbook and compares them with scoring.Score on answers.
func checkWorkbook(t *testing.T, f *excelize.File, cat *scoring.Catalog, answers map[int]scoring.Answer) {
	t.Helper()
	r := scoring.Score(cat, answers)
	l := layoutOf(cat, answers)
	for code, row := range l.section {
		want, _ := r.Lookup(code)
		if got := calcTenths(t, f, sheetMain, fmt.Sprintf("D%d", row)); got != want.Score {
			t.Errorf("subtotal %s (row %d): xlsx %s, scoring %s", code, row, got, want.Score)
		}
	}
	if got := calcTenths(t, f, sheetMain, fmt.Sprintf("D%d", l.total)); got != r.Overall.Score {
		t.Errorf("grand total: xlsx %s, scoring %s", got, r.Overall.Score)
	}
	// 汇总: rows follow Areas and their Categories
	row := 3
	check := func(title string, s scoring.Subtotal) {
		if got := calcTenths(t, f, sheetSummary, fmt.Sprintf("E%d", row)); got != s.Score {
			t.Errorf("汇总 %s score: %s, want %s", title, got, s.Score)
		}
		if got := calcTenths(t, f, sheetSummary, fmt.Sprintf("D%d", row)); got != s.ApplicableMax() {
			t.Errorf("汇总 %s applicable: %s, want %s", title, got, s.ApplicableMax())
		}
		want := "—"
		if h, ok := s.Rate(); ok {
			want = h.String()
		}
		if got := hundredthsText(t, calcText(t, f, sheetSummary, fmt.Sprintf("F%d", row))); got != want {
			t.Errorf("汇总 %s rate: %s, want %s", title, got, want)
		}
		row++
	}
	for ai, a := range cat.Areas {
		check(a.Title, r.Areas[ai].Subtotal)
		for ci, c := range a.Categories {
			check(c.Title, r.Areas[ai].Categories[ci].Subtotal)
		}
	}
	check("合计", r.Overall)
	want := "无法计算"
	if r.ConvertedOK {
		want = r.Converted.String()
	}
	if got := hundredthsText(t, calcText(t, f, sheetSummary, fmt.Sprintf("E%d", row))); got != want {
		t.Errorf("converted score: xlsx %s, scoring %s", got, want)
	}
}

func openXLSX(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestXLSXRecalculatesLikeScoring(t *testing.T) {
	type tc struct {
		name string
		a    *scoring.Assessment
	}
	cases := []tc{{"sample", sample(t)}}
	for seed := uint64(1); seed <= 6; seed++ {
		policy := []scoring.NAPolicy{scoring.NARescale, scoring.NAFull, scoring.NAZero}[seed%3]
		a := randomAssessment(t, seed, builtin(t, policy))
		if seed%2 == 0 {
			moreEvidence(a, seed)
		}
		cases = append(cases, tc{fmt.Sprintf("random-%d-%s", seed, policy), a})
	}
	empty := &scoring.Assessment{Catalog: builtin(t, ""), Answers: map[int]scoring.Answer{}}
	cases = append(cases, tc{"empty", empty})
	allNA := &scoring.Assessment{Catalog: builtin(t, ""), Answers: map[int]scoring.Answer{}}
	for _, no := range allNA.Catalog.Numbers() {
		allNA.Answers[no] = scoring.Answer{No: no, Status: scoring.NA, NAReason: "测试"}
	}
	cases = append(cases, tc{"all-na", allNA})
	for seed := uint64(7); seed <= 9; seed++ { // a catalog totalling 200: the 折算得分 is still out of 100
		policy := []scoring.NAPolicy{scoring.NARescale, scoring.NAFull, scoring.NAZero}[seed%3]
		cases = append(cases, tc{fmt.Sprintf("total-200-%s", policy), randomAssessment(t, seed, doubled(t, policy))})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := writeAll(t, c.a, Options{})
			f := openXLSX(t, files.XLSX)
			checkWorkbook(t, f, c.a.Catalog, c.a.Answers)
			checkTotalFormulas(t, f, c.a.Catalog, c.a.Answers)
		})
	}
}

// moreEvidence gives a random assessment criteria with 3 and more evidence files (randomAssessment
// attaches at most 2), on scored, N/A and unanswered criteria alike, up to the per-criterion limit.
func moreEvidence(a *scoring.Assessment, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 99))
	for _, no := range a.Catalog.Numbers() {
		if r.IntN(6) != 0 {
			continue
		}
		n := 3 + r.IntN(4)
		if r.IntN(10) == 0 {
			n = scoring.MaxEvidencePerCriterion
		}
		ans := a.Answers[no]
		ans.No = no
		ans.Evidence = nil
		for i := 1; i <= n; i++ {
			ans.Evidence = append(ans.Evidence, scoring.Evidence{Path: fmt.Sprintf("佐证材料/%03d_附件%d.pdf", no, i), Size: int64(i)})
		}
		a.Answers[no] = ans
	}
}

// A reviewer who edits a score sees the totals change: the totals are live formulas.
func TestXLSXReviewerEdit(t *testing.T) {
	a := sample(t)
	files := writeAll(t, a, Options{})
	f := openXLSX(t, files.XLSX)
	l := layoutOf(a.Catalog, a.Answers)
	answers := map[int]scoring.Answer{}
	for k, v := range a.Answers {
		answers[k] = v
	}
	for _, edit := range []struct {
		no    int
		score scoring.Tenths
	}{{1, 0}, {36, 3}, {100, 10}, {170, 1}} {
		if err := f.SetCellFloat(sheetMain, fmt.Sprintf("D%d", l.criterion[edit.no]), edit.score.Float(), 1, 64); err != nil {
			t.Fatal(err)
		}
		ans := answers[edit.no]
		ans.Status, ans.Score = scoring.Scored, edit.score
		answers[edit.no] = ans
	}
	checkWorkbook(t, f, a.Catalog, answers)
}

// zipText returns the XML of one part of the xlsx.
func zipText(t *testing.T, path, part string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == part {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("%s has no %s", path, part)
	return ""
}

func TestXLSXStructure(t *testing.T) {
	a := sample(t)
	files := writeAll(t, a, Options{Digest: "ABCD-EFGH-JKLM"})
	f := openXLSX(t, files.XLSX)
	if got := f.GetSheetList(); strings.Join(got, ",") != "自评表,汇总,扣分与整改,不适用,佐证清单" {
		t.Errorf("sheets: %v", got)
	}
	l := layoutOf(a.Catalog, a.Answers)
	// header and title
	hdr, _ := f.GetRows(sheetMain)
	if strings.Join(hdr[1], ",") != "序号,评分要点,分值,自评得分,状态,扣分原因,自评说明,整改措施,佐证材料,,计分" {
		t.Errorf("header row: %v", hdr[1])
	}
	if !strings.Contains(hdr[0][0], a.Unit.Name) || !strings.Contains(hdr[0][0], "2020") {
		t.Errorf("title row: %q", hdr[0][0])
	}
	// criterion rows: text, number cells, formulas on subtotals
	for _, no := range a.Catalog.Numbers() {
		ref, _ := a.Catalog.Criterion(no)
		row := l.criterion[no]
		if v, _ := f.GetCellValue(sheetMain, fmt.Sprintf("B%d", row)); v != ref.Criterion.Text {
			t.Fatalf("criterion %d: B%d = %q", no, row, v)
		}
		if typ, _ := f.GetCellType(sheetMain, fmt.Sprintf("C%d", row)); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("points of %d are not a number: %v", no, typ)
		}
		ans := a.Answers[no]
		if ans.Note != "" {
			if v, _ := f.GetCellValue(sheetMain, fmt.Sprintf("G%d", row)); v != ans.Note {
				t.Errorf("note of %d: %q", no, v)
			}
		}
	}
	checkTotalFormulas(t, f, a.Catalog, a.Answers)
	// validation on every score cell
	dvs, err := f.GetDataValidations(sheetMain)
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, dv := range dvs {
		if dv.Type != "decimal" || dv.Operator != "between" || dv.PromptTitle == nil || !strings.Contains(*dv.Prompt, "请输入") {
			t.Errorf("validation %+v", dv)
		}
		for _, c := range strings.Fields(dv.Sqref) {
			covered[c] = true
		}
	}
	for _, no := range a.Catalog.Numbers() {
		if !covered[fmt.Sprintf("D%d", l.criterion[no])] {
			t.Errorf("score cell of %d has no validation", no)
		}
	}
	// score cells unlocked, text cells locked
	unlocked := func(cell string) bool {
		id, _ := f.GetCellStyle(sheetMain, cell)
		st, _ := f.GetStyle(id)
		return st.Protection != nil && !st.Protection.Locked
	}
	if !unlocked(fmt.Sprintf("D%d", l.criterion[1])) || unlocked(fmt.Sprintf("B%d", l.criterion[1])) || unlocked(fmt.Sprintf("D%d", l.total)) {
		t.Error("score cells must be unlocked, text and formula cells locked")
	}
	// evidence link: a single file links to the file, relative to the xlsx folder
	link, target, _ := f.GetCellHyperLink(sheetMain, fmt.Sprintf("I%d", l.criterion[1]))
	if !link || strings.HasPrefix(target, "/") || !strings.HasSuffix(target, "事前公开规定.pdf") {
		t.Errorf("evidence link of 1: %v %q", link, target)
	}
	// raw parts: full calculation on load, protection, print setup, footer
	wb := zipText(t, files.XLSX, "xl/workbook.xml")
	for _, want := range []string{`fullCalcOnLoad="true"`, `_xlnm.Print_Titles`, `$1:$2`} {
		if !strings.Contains(wb, want) {
			t.Errorf("workbook.xml lacks %s", want)
		}
	}
	sh := zipText(t, files.XLSX, "xl/worksheets/sheet1.xml")
	for _, want := range []string{`<sheetProtection`, `paperSize="9"`, `orientation="landscape"`, `fitToWidth="1"`,
		`fitToHeight="0"`, `fitToPage="true"`, `第 &amp;P 页 共 &amp;N 页`, `报送包校验码 ABCD-EFGH-JKLM`, `state="frozen"`} {
		if !strings.Contains(sh, want) {
			t.Errorf("sheet1.xml lacks %s", want)
		}
	}
	if strings.Contains(sh, `password=`) {
		t.Error("sheet protection must have no password")
	}
	if !strings.Contains(zipText(t, files.XLSX, "xl/styles.xml"), "宋体") {
		t.Error("styles do not use 宋体")
	}
	// 扣分与整改 and 不适用 list exactly the right criteria
	lost, _ := f.GetRows(sheetLost)
	na, _ := f.GetRows(sheetNA)
	r := scoring.Score(a.Catalog, a.Answers)
	if got, want := len(lost)-2, r.Overall.Deducted+r.Overall.Unanswered; got != want {
		t.Errorf("扣分与整改 has %d rows, want %d", got, want)
	}
	if got, want := len(na)-2, r.Overall.NA; got != want {
		t.Errorf("不适用 has %d rows, want %d", got, want)
	}
	// the chart is there
	if pics := zipText(t, files.XLSX, "xl/charts/chart1.xml"); !strings.Contains(pics, "barChart") {
		t.Error("no bar chart")
	}
}

// checkTotalFormulas requires every subtotal and the grand total on 自评表 to be exactly
// ROUND(SUM(K<a>:K<b>),1) over the rows of that node, and the hidden, locked helper column K to
// hold =D<row> on every criterion row and nothing on section rows; J stays an empty column.
func checkTotalFormulas(t *testing.T, f *excelize.File, cat *scoring.Catalog, answers map[int]scoring.Answer) {
	t.Helper()
	l := layoutOf(cat, answers)
	// rows spanned by a node: its section row's next row to its last criterion's last row
	span := map[string][2]int{}
	for _, a := range cat.Areas {
		for _, c := range a.Categories {
			for _, ind := range c.Indicators {
				last := l.last[ind.Criteria[len(ind.Criteria)-1].No]
				for _, code := range []string{a.Code, c.Code, ind.Code} {
					span[code] = [2]int{l.section[code] + 1, last}
				}
			}
		}
	}
	span["合计"] = [2]int{3, l.total - 1}
	rows := map[string]int{"合计": l.total}
	for code, row := range l.section {
		rows[code] = row
	}
	if len(span) != len(rows) || len(rows) != 5+20+59+1 {
		t.Fatalf("layout: %d spans, %d total rows", len(span), len(rows))
	}
	for code, row := range rows {
		fm, err := f.GetCellFormula(sheetMain, fmt.Sprintf("D%d", row))
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("ROUND(SUM(K%d:K%d),1)", span[code][0], span[code][1]); fm != want {
			t.Errorf("total %s (D%d) = %q, want %q", code, row, fm, want)
		}
		for _, col := range []string{"J", "K"} {
			if v, _ := f.GetCellValue(sheetMain, fmt.Sprintf("%s%d", col, row)); v != "" {
				t.Errorf("%s%d on the %s section row holds %q, want nothing", col, row, code, v)
			}
			if fm, _ := f.GetCellFormula(sheetMain, fmt.Sprintf("%s%d", col, row)); fm != "" {
				t.Errorf("%s%d on the %s section row holds =%s, want nothing", col, row, code, fm)
			}
		}
	}
	locked := func(cell string) bool {
		id, err := f.GetCellStyle(sheetMain, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return st.Protection != nil && st.Protection.Locked
	}
	for no, row := range l.criterion {
		c := fmt.Sprintf("K%d", row)
		if fm, _ := f.GetCellFormula(sheetMain, c); fm != fmt.Sprintf("D%d", row) {
			t.Errorf("helper %s of criterion %d = %q, want D%d", c, no, fm, row)
		}
		if !locked(c) {
			t.Errorf("helper %s of criterion %d is not locked", c, no)
		}
		if v, _ := f.GetCellValue(sheetMain, fmt.Sprintf("J%d", row)); v != "" {
			t.Errorf("J%d of criterion %d holds %q, want nothing", row, no, v)
		}
		// continuation rows (further evidence files) add nothing to any total
		for r := row + 1; r <= l.last[no]; r++ {
			for _, col := range []string{"J", "K"} {
				c := fmt.Sprintf("%s%d", col, r)
				if v, _ := f.GetCellValue(sheetMain, c); v != "" {
					t.Errorf("%s on a continuation row of criterion %d holds %q, want nothing", c, no, v)
				}
				if fm, _ := f.GetCellFormula(sheetMain, c); fm != "" {
					t.Errorf("%s on a continuation row of criterion %d holds =%s, want nothing", c, no, fm)
				}
			}
		}
	}
	if v, _ := f.GetCellValue(sheetMain, "K2"); v != "计分" {
		t.Errorf("helper column header K2 = %q", v)
	}
	if vis, err := f.GetColVisible(sheetMain, "K"); err != nil || vis {
		t.Errorf("helper column K visible=%v err=%v, want hidden", vis, err)
	}
	if vis, err := f.GetColVisible(sheetMain, "J"); err != nil || !vis {
		t.Errorf("column J visible=%v err=%v, want an ordinary empty column", vis, err)
	}
	// the print area stops at 佐证材料 (column I)
	names := f.GetDefinedName()
	found := false
	for _, n := range names {
		if n.Name == "_xlnm.Print_Area" && n.Scope == sheetMain {
			found = true
			if want := fmt.Sprintf("'%s'!$A$1:$I$%d", sheetMain, l.total); n.RefersTo != want {
				t.Errorf("print area %q, want %q", n.RefersTo, want)
			}
		}
	}
	if !found {
		t.Error("自评表 has no print area")
	}
}

// Row heights grow with wrapped text, so that Excel shows every line.
func TestXLSXRowHeights(t *testing.T) {
	a := sample(t)
	ans := a.Answers[5]
	ans.Note = strings.Repeat("很长的自评说明，", 40)
	a.Answers[5] = ans
	files := writeAll(t, a, Options{})
	f := openXLSX(t, files.XLSX)
	l := layoutOf(a.Catalog, a.Answers)
	short, _ := f.GetRowHeight(sheetMain, l.criterion[1])
	long, _ := f.GetRowHeight(sheetMain, l.criterion[5])
	if want := rowHeight(lineCount(ans.Note, mainColumns()[6].width)); long != want || long < 8*short {
		t.Errorf("row heights: short %v, long %v (want %v)", short, long, want)
	}
}

// doubled is the built-in catalog with every point doubled (total 200), under policy.
func doubled(t testing.TB, policy scoring.NAPolicy) *scoring.Catalog {
	t.Helper()
	c := builtin(t, policy)
	c.Total *= 2
	for ai := range c.Areas {
		a := &c.Areas[ai]
		a.Points *= 2
		for ci := range a.Categories {
			cat := &a.Categories[ci]
			cat.Points *= 2
			for ii := range cat.Indicators {
				ind := &cat.Indicators[ii]
				ind.Points *= 2
				for ri := range ind.Criteria {
					ind.Criteria[ri].Points *= 2
				}
			}
		}
	}
	c.ID = "doubled"
	_, back, err := scoring.EncodeCatalog(c)
	if err != nil {
		t.Fatal(err)
	}
	return back
}

// Every evidence file of a criterion is a link of its own on 自评表: the criterion row links its
// first file and each further file has a continuation row directly below, with the other cells
// empty (and locked, without validation, adding nothing to any total). The links are relative to
// the folder of the xlsx and resolve from there, whatever the characters in the names.
func TestXLSXEvidenceLinks(t *testing.T) {
	dir := t.TempDir() // the package folder: the xlsx and 佐证材料/ side by side
	put := func(rel string) string {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(rel), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ev := func(p string) scoring.Evidence { return scoring.Evidence{Path: p, Added: testDate} }
	a := sample(t)
	set := func(no int, files ...scoring.Evidence) {
		ans := a.Answers[no]
		ans.No, ans.Evidence = no, files
		a.Answers[no] = ans
	}
	set(36, ev(put("佐证材料/会议 纪要#1.pdf")), ev(put("佐证材料/100%完成.png")), ev(put("佐证材料/子目录/台账（2020）.xlsx")))
	set(100, ev(put("佐证材料/刘䶮执法证.png")), ev(filepath.Join(dir, "佐证材料", "已删除的文件.pdf")))
	var limit []scoring.Evidence
	for i := 1; i <= scoring.MaxEvidencePerCriterion; i++ {
		limit = append(limit, ev(put(fmt.Sprintf("佐证材料/170/第%02d份.pdf", i))))
	}
	set(170, limit...)
	set(169, ev(put("佐证材料/很长的文件名"+strings.Repeat("执法公示", 12)+".pdf")), ev(put("佐证材料/短.pdf")))
	files, err := WriteAll(dir, a, Options{Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, files.XLSX)
	l := layoutOf(a.Catalog, a.Answers)

	checkWorkbook(t, f, a.Catalog, a.Answers)
	checkTotalFormulas(t, f, a.Catalog, a.Answers)
	// inside the package folder the links are plain relative paths, escaped where a URL needs it
	for i, want := range []string{"佐证材料/会议%20纪要%231.pdf", "佐证材料/100%25完成.png", "佐证材料/子目录/台账（2020）.xlsx"} {
		if _, target, _ := f.GetCellHyperLink(sheetMain, fmt.Sprintf("I%d", l.criterion[36]+i)); target != want {
			t.Errorf("file %d of criterion 36 links to %q, want %q", i+1, target, want)
		}
	}
	validated := map[string]bool{}
	dvs, err := f.GetDataValidations(sheetMain)
	if err != nil {
		t.Fatal(err)
	}
	for _, dv := range dvs {
		for _, c := range strings.Fields(dv.Sqref) {
			validated[c] = true
		}
	}
	locked := func(c string) bool {
		id, _ := f.GetCellStyle(sheetMain, c)
		st, _ := f.GetStyle(id)
		return st.Protection == nil || st.Protection.Locked
	}

	linked := map[int]bool{} // rows of 自评表 whose 佐证材料 cell is a link
	total := 0
	for _, no := range a.Catalog.Numbers() {
		evs := a.Answers[no].Evidence
		total += len(evs)
		for i, e := range evs {
			row := l.criterion[no] + i
			c := fmt.Sprintf("I%d", row)
			ok, target, err := f.GetCellHyperLink(sheetMain, c)
			if err != nil || !ok {
				t.Errorf("criterion %d file %d (%s): no link (%v)", no, i+1, c, err)
				continue
			}
			linked[row] = true
			// relative, with forward slashes, resolving from the xlsx folder to this very file
			if filepath.IsAbs(target) || strings.Contains(target, `\`) || strings.HasPrefix(target, "'") {
				t.Errorf("criterion %d file %d (%s): target %q is not a relative file link", no, i+1, c, target)
				continue
			}
			plain, err := url.PathUnescape(target)
			if err != nil {
				t.Errorf("criterion %d file %d: target %q: %v", no, i+1, target, err)
				continue
			}
			got := filepath.Clean(filepath.Join(filepath.Dir(files.XLSX), filepath.FromSlash(plain)))
			if want := filepath.Clean(e.Path); filepath.IsAbs(want) && got != want {
				t.Errorf("criterion %d file %d: link %q resolves to %s, want %s", no, i+1, target, got, want)
			}
			if _, err := os.Stat(e.Path); err == nil {
				if _, err := os.Stat(got); err != nil {
					t.Errorf("criterion %d file %d: link %q does not resolve: %v", no, i+1, target, err)
				}
			}
			text, _ := f.GetCellValue(sheetMain, c)
			want := e.DisplayName()
			if _, err := os.Stat(e.Path); err != nil { // export checked the files itself
				want += "（" + ProblemMissing + "）"
			}
			if text != want {
				t.Errorf("criterion %d file %d: %s shows %q, want %q", no, i+1, c, text, want)
			}
			if i == 0 {
				continue
			}
			// a continuation row: only the link, everything else empty, locked and unvalidated
			for col := 'A'; col <= 'H'; col++ {
				cc := fmt.Sprintf("%c%d", col, row)
				if v, _ := f.GetCellValue(sheetMain, cc); v != "" {
					t.Errorf("continuation row %d of criterion %d: %s = %q, want empty", row, no, cc, v)
				}
				if !locked(cc) {
					t.Errorf("continuation row %d of criterion %d: %s is editable", row, no, cc)
				}
			}
			if validated[fmt.Sprintf("D%d", row)] {
				t.Errorf("continuation row %d of criterion %d has score validation", row, no)
			}
			if h, _ := f.GetRowHeight(sheetMain, row); h != rowHeight(lineCount(text, mainColumns()[8].width)) {
				t.Errorf("continuation row %d of criterion %d: height %v, want %v", row, no, h, rowHeight(lineCount(text, mainColumns()[8].width)))
			}
		}
	}
	// no other cell of the sheet links anywhere, and the sheet holds exactly one link per file
	for row := 3; row <= l.total; row++ {
		for col := 'A'; col <= 'K'; col++ {
			if ok, target, _ := f.GetCellHyperLink(sheetMain, fmt.Sprintf("%c%d", col, row)); ok && !(col == 'I' && linked[row]) {
				t.Errorf("%c%d links to %q", col, row, target)
			}
		}
	}
	if n := strings.Count(zipText(t, files.XLSX, "xl/worksheets/sheet1.xml"), "<hyperlink "); n != total {
		t.Errorf("自评表 has %d links, want %d (one per evidence file)", n, total)
	}
	// the three files of criterion 36 are three links to three files
	targets := map[string]bool{}
	for i := 0; i < 3; i++ {
		_, target, _ := f.GetCellHyperLink(sheetMain, fmt.Sprintf("I%d", l.criterion[36]+i))
		targets[target] = true
	}
	if len(targets) != 3 || l.last[36] != l.criterion[36]+2 {
		t.Errorf("criterion 36: links %v over rows %d–%d, want 3 different files on 3 rows", targets, l.criterion[36], l.last[36])
	}
	// the edges make each column of criterion 36 one box over its three rows; each file has its own box
	sides := func(c string) string {
		id, _ := f.GetCellStyle(sheetMain, c)
		st, _ := f.GetStyle(id)
		var out []string
		for _, b := range st.Border {
			out = append(out, b.Type)
		}
		return strings.Join(out, ",")
	}
	r36 := l.criterion[36]
	for _, e := range []struct{ cell, want string }{
		{fmt.Sprintf("B%d", r36), "left,right,top"}, {fmt.Sprintf("B%d", r36+1), "left,right"}, {fmt.Sprintf("B%d", r36+2), "left,right,bottom"},
		{fmt.Sprintf("D%d", r36+1), "left,right"}, {fmt.Sprintf("H%d", r36+2), "left,right,bottom"},
		{fmt.Sprintf("I%d", r36), "left,right,top,bottom"}, {fmt.Sprintf("I%d", r36+1), "left,right,top,bottom"},
		{fmt.Sprintf("B%d", l.criterion[1]), "left,right,top,bottom"},
	} {
		if got := sides(e.cell); got != e.want {
			t.Errorf("%s has edges %q, want %q", e.cell, got, e.want)
		}
	}
	if v, _ := f.GetCellValue(sheetMain, fmt.Sprintf("I%d", l.criterion[100]+1)); v != "已删除的文件.pdf（文件缺失）" {
		t.Errorf("missing second file of criterion 100 shows %q", v)
	}
	// 佐证清单 still lists every file with its link
	list, _ := f.GetRows(sheetEvidence)
	if len(list)-2 != total {
		t.Errorf("佐证清单 has %d rows, want %d", len(list)-2, total)
	}
	for row := 3; row < 3+total; row++ {
		if ok, _, _ := f.GetCellHyperLink(sheetEvidence, fmt.Sprintf("C%d", row)); !ok {
			t.Errorf("佐证清单!C%d has no link", row)
		}
	}
	keepOutput(t, "evidence-links", files)
}

// At the limit of 2 000 evidence files (50 on each of 40 criteria) the workbook holds 2 000 links
// on 自评表, far below Excel's 65 530 per sheet, and its totals still recalculate like scoring.
func TestXLSXEvidenceAtTotalLimit(t *testing.T) {
	a := evidenceAtLimit(t)
	nos := a.Catalog.Numbers()
	total := scoring.MaxEvidenceTotal
	path := filepath.Join(t.TempDir(), NameXLSX)
	if err := WriteXLSX(path, a, Options{Date: testDate, EvidenceIssues: []EvidenceIssue{}}); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, path)
	checkWorkbook(t, f, a.Catalog, a.Answers)
	checkTotalFormulas(t, f, a.Catalog, a.Answers)
	if n := strings.Count(zipText(t, path, "xl/worksheets/sheet1.xml"), "<hyperlink "); n != total {
		t.Errorf("自评表 has %d links, want %d", n, total)
	}
	l := layoutOf(a.Catalog, a.Answers)
	if _, target, _ := f.GetCellHyperLink(sheetMain, fmt.Sprintf("I%d", l.last[nos[0]])); target != fmt.Sprintf("佐证材料/%03d/50.pdf", nos[0]) {
		t.Errorf("last file of criterion %d links to %q", nos[0], target)
	}
}

// evidenceAtLimit is a random assessment with the most evidence files allowed: 50 on each of 40
// criteria, 2 000 in all.
func evidenceAtLimit(t testing.TB) *scoring.Assessment {
	t.Helper()
	a := randomAssessment(t, 11, builtin(t, ""))
	total := 0
	for i, no := range a.Catalog.Numbers() {
		ans := a.Answers[no]
		ans.No, ans.Evidence = no, nil
		if i%4 == 0 && total < scoring.MaxEvidenceTotal {
			for k := 1; k <= scoring.MaxEvidencePerCriterion; k++ {
				ans.Evidence = append(ans.Evidence, scoring.Evidence{Path: fmt.Sprintf("佐证材料/%03d/%02d.pdf", no, k)})
			}
			total += len(ans.Evidence)
		}
		a.Answers[no] = ans
	}
	if total != scoring.MaxEvidenceTotal {
		t.Fatalf("set up %d files, want %d", total, scoring.MaxEvidenceTotal)
	}
	if err := scoring.CheckLimits(a); err != nil {
		t.Fatal(err)
	}
	return a
}

// BenchmarkWriteXLSXEvidenceLimit writes the workbook of an assessment at the evidence limit
// (2 000 files: 2 000 links on 自评表 and 2 000 on 佐证清单); docs/export.md records the time.
func BenchmarkWriteXLSXEvidenceLimit(b *testing.B) {
	a := evidenceAtLimit(b)
	path := filepath.Join(b.TempDir(), NameXLSX)
	opt := Options{Date: testDate, EvidenceIssues: []EvidenceIssue{}}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := WriteXLSX(path, a, opt); err != nil {
			b.Fatal(err)
		}
	}
}
