package export

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"sanxiang/export/cjk"
	"sanxiang/internal/oserr"
	"sanxiang/scoring"
)

// Sheet names of the workbook.
const (
	sheetMain     = "自评表"
	sheetSummary  = "汇总"
	sheetLost     = "扣分与整改"
	sheetNA       = "不适用"
	sheetEvidence = "佐证清单"
)

// xlsxFont is the font the receiving bureau's Excel or WPS shows; both ship it on Chinese Windows.
const xlsxFont = "宋体"

// maxCellText is Excel's limit on characters in one cell.
const maxCellText = 32767

// mainColumns are the columns of the 自评表 sheet with their widths in Excel character units.
func mainColumns() []struct {
	title string
	width float64
} {
	return []struct {
		title string
		width float64
	}{
		{"序号", 6}, {"评分要点", 46}, {"分值", 7}, {"自评得分", 9}, {"状态", 8},
		{"扣分原因", 28}, {"自评说明", 34}, {"整改措施", 26}, {"佐证材料", 24},
	}
}

// helperCol is the hidden, locked, unprinted column that repeats each criterion's score (=D<row>)
// and is empty on section rows, so every total is a SUM over one plain range of it without counting
// the subtotals below it twice. It is K, not J: LibreOffice paints the numbers of a hidden column
// that touches the print area's edge as clipped "###" into the PDF; an empty J in between avoids it.
const (
	helperCol      = "K"
	helperColTitle = "计分"
	helperColWidth = 7.0
)

// sumFormula is the total of the criterion scores in rows first..last of the 自评表 sheet.
func sumFormula(first, last int) XLSXFormula {
	return XLSXFormula(fmt.Sprintf("ROUND(SUM(%s%d:%s%d),1)", helperCol, first, helperCol, last))
}

// xlsxStyles are the cell styles of the workbook, created once per file.
type xlsxStyles struct {
	title, header, text, center, number, score, link int
	section                                          [3]struct{ text, number int } // Area, Category, Indicator
	total                                            struct{ text, number int }
	helper                                           int // the hidden 计分 column
	percent                                          int
	converted                                        int // total style, two decimals
	// a criterion with several evidence files: its row's cells A–H without a bottom edge, and the
	// empty A–H cells of its continuation rows with side edges only (the last one closes the box),
	// so each column reads as one cell without merging (every row prints on its own, and a page
	// break never falls inside a cell)
	open           struct{ center, text, number, score int }
	cont, contLast int
}

// xlsxWriter builds the workbook; rows remember where each subtotal lives for the formulas.
type xlsxWriter struct {
	m  *model
	f  *excelize.File
	st xlsxStyles
	// cell references on the 自评表 sheet
	scoreCell map[string]string // subtotal cell by Area/Category/Indicator code
	grandCell string
}

// writeXLSX renders the 自评表 workbook: 自评表 (with live formulas, validation and protection),
// 汇总 (with the converted score and a chart), 扣分与整改, 不适用 and 佐证清单.
func (m *model) writeXLSX(w io.Writer) error {
	f, err := XLSXNew(XLSXDoc{Sheets: []string{sheetMain, sheetSummary, sheetLost, sheetNA, sheetEvidence},
		Title: "三项制度示范创建自评表", Subject: m.unitYear(), Created: m.date})
	if err != nil {
		return oserr.Wrap("生成 Excel 失败", err)
	}
	defer f.Close()
	x := &xlsxWriter{m: m, f: f, scoreCell: map[string]string{}}
	return XLSXWrite(w, f, x.styles, x.evidenceSheet, x.mainSheet, x.summarySheet, x.lostSheet, x.naSheet, x.finish)
}

func (x *xlsxWriter) styles() error {
	f := x.f
	openBottom := []string{"left", "right", "top"}
	mkEdged := func(s *int, edges []string, bold bool, size float64, horiz, bg, num string, unlocked bool, link bool) error {
		id, err := XLSXNewStyle(f, XLSXCellStyle{Edges: edges, Bold: bold, Size: size, Horizontal: horiz, Fill: bg,
			NumFmt: num, Unlocked: unlocked, Link: link})
		*s = id
		return err
	}
	mk := func(s *int, bold bool, size float64, horiz, bg, num string, unlocked bool, link bool) error {
		return mkEdged(s, XLSXAllEdges, bold, size, horiz, bg, num, unlocked, link)
	}
	const oneDec, twoPct, twoDec = "0.0", `0.00"%"`, "0.00"
	st := &x.st
	bgs := [3]string{"C9C9C9", "DDDDDD", "EFEFEF"}
	errs := []error{
		mk(&st.title, true, 14, "center", "", "", false, false), // replaced below; kept so the style ids stay as they were
		mk(&st.header, true, 10, "center", "D9D9D9", "", false, false),
		mk(&st.text, false, 10, "left", "", "", false, false),
		mk(&st.center, false, 10, "center", "", "", false, false),
		mk(&st.number, false, 10, "center", "", oneDec, false, false),
		mk(&st.score, false, 10, "center", "FFF9D6", oneDec, true, false),
		mk(&st.link, false, 10, "left", "", "", false, true),
		mk(&st.percent, false, 10, "center", "", twoPct, false, false),
		mk(&st.total.text, true, 10, "center", bgs[0], "", false, false),
		mk(&st.total.number, true, 10, "center", bgs[0], oneDec, false, false),
		mk(&st.converted, true, 10, "center", bgs[0], twoDec, false, false),
		mkEdged(&st.open.center, openBottom, false, 10, "center", "", "", false, false),
		mkEdged(&st.open.text, openBottom, false, 10, "left", "", "", false, false),
		mkEdged(&st.open.number, openBottom, false, 10, "center", "", oneDec, false, false),
		mkEdged(&st.open.score, openBottom, false, 10, "center", "FFF9D6", oneDec, true, false),
		mkEdged(&st.cont, []string{"left", "right"}, false, 10, "left", "", "", false, false),
		mkEdged(&st.contLast, []string{"left", "right", "bottom"}, false, 10, "left", "", "", false, false),
	}
	for i := range st.section {
		errs = append(errs, mk(&st.section[i].text, true, 10, "left", bgs[i], "", false, false),
			mk(&st.section[i].number, true, 10, "center", bgs[i], oneDec, false, false))
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	// the helper column: locked, its =D<row> formulas visible to whoever unhides it
	num := oneDec
	helper, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: xlsxFont, Size: 10, Color: "808080"},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, CustomNumFmt: &num,
		Protection: &excelize.Protection{Locked: true}})
	if err != nil {
		return err
	}
	st.helper = helper
	st.title, err = XLSXTitleStyle(f)
	return err
}

// cellText makes user text safe for a cell: no control characters, at most Excel's limit.
func cellText(s string) string {
	s = cjk.StripControls(s)
	if n := len([]rune(s)); n > maxCellText {
		s = string([]rune(s)[:maxCellText-30]) + "……（超出单元格长度，全文见自评报告）"
	}
	return s
}

// cell is "A1"-style reference of column col (1-based) and row.
func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// setRow writes values into consecutive cells of a row starting at column 1, each with its style.
func (x *xlsxWriter) setRow(sheet string, row int, values []any, styles []int) error {
	return XLSXSetRow(x.f, sheet, row, values, styles, cellText)
}

// XLSXSetRow writes values into consecutive cells of a row starting at column 1, each with its
// style (0: none), as every workbook of the program does (the unit's 自评表, the bureau's
// 复核汇总表): nil leaves the cell empty, a string goes through text (which makes it safe for a
// cell), scoring.Tenths is a number with one decimal, XLSXFormula a formula, anything else
// excelize's own value.
func XLSXSetRow(f *excelize.File, sheet string, row int, values []any, styles []int, text func(string) string) error {
	for i, v := range values {
		c := cell(i+1, row)
		var err error
		switch v := v.(type) {
		case nil:
		case string:
			err = f.SetCellStr(sheet, c, text(v))
		case scoring.Tenths:
			err = f.SetCellFloat(sheet, c, v.Float(), 1, 64)
		case XLSXFormula:
			err = f.SetCellFormula(sheet, c, string(v))
		default:
			err = f.SetCellValue(sheet, c, v)
		}
		if err != nil {
			return err
		}
		if i < len(styles) && styles[i] != 0 {
			if err := f.SetCellStyle(sheet, c, c, styles[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// XLSXFormula marks a cell value for XLSXSetRow as a formula (without the leading "=").
type XLSXFormula string

// lineCount estimates how many lines text takes in a column of width Excel units, with the
// same wrapper as the PDFs (wide characters count 2 units, others 1).
func lineCount(text string, width float64) int {
	if text == "" {
		return 1
	}
	return len(cjk.Wrap(cjk.StripControls(text), width-1.2, func(r rune) float64 {
		if cjk.Wide(r) {
			return 2
		}
		return 1.05
	}))
}

// rowHeight is the height in points that shows n lines of 10 pt 宋体, within Excel's limit.
func rowHeight(n int) float64 { return min(409, float64(n)*13.5+4) }

// fitRow sets a row's height to show the wrapped texts (by column) completely.
func (x *xlsxWriter) fitRow(sheet string, row int, texts map[int]string, widths []float64) error {
	n := 1
	for col, t := range texts {
		n = max(n, lineCount(t, widths[col-1]))
	}
	return x.f.SetRowHeight(sheet, row, rowHeight(n))
}

// mainSheet writes the 自评表 sheet: header, the catalog tree with sum formulas, the grand total,
// one validation rule per points value, and the print area.
func (x *xlsxWriter) mainSheet() error {
	widths, err := x.mainHeader()
	if err != nil {
		return err
	}
	row, pv, err := x.mainTree(widths)
	if err != nil {
		return err
	}
	if err := x.mainTotal(row); err != nil {
		return err
	}
	if err := x.scoreValidation(pv); err != nil {
		return err
	}
	// the helper column stays off paper even where hidden columns print
	if err := x.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area",
		RefersTo: fmt.Sprintf("'%s'!$A$1:$I$%d", sheetMain, row), Scope: sheetMain}); err != nil {
		return err
	}
	return x.pageSetup(sheetMain, "I", true)
}

// mainHeader sets the main sheet's column widths, title row, header row and hidden helper column;
// it returns the column widths for fitting row heights.
func (x *xlsxWriter) mainHeader() ([]float64, error) {
	m, f, st := x.m, x.f, &x.st
	cols := mainColumns()
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = c.width
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheetMain, col, col, c.width); err != nil {
			return nil, err
		}
	}
	title := fmt.Sprintf("%s 三项制度示范创建自评表", m.unitYear())
	if err := x.setRow(sheetMain, 1, []any{title}, []int{st.title}); err != nil {
		return nil, err
	}
	if err := f.MergeCell(sheetMain, "A1", "I1"); err != nil {
		return nil, err
	}
	if err := f.SetRowHeight(sheetMain, 1, 30); err != nil {
		return nil, err
	}
	header := make([]any, len(cols))
	hstyles := make([]int, len(cols))
	for i, c := range cols {
		header[i], hstyles[i] = c.title, st.header
	}
	if err := x.setRow(sheetMain, 2, header, hstyles); err != nil {
		return nil, err
	}
	hc := helperCol + "2"
	if err := f.SetCellStr(sheetMain, hc, helperColTitle); err != nil {
		return nil, err
	}
	if err := f.SetCellStyle(sheetMain, hc, hc, st.header); err != nil {
		return nil, err
	}
	if err := f.SetColWidth(sheetMain, helperCol, helperCol, helperColWidth); err != nil {
		return nil, err
	}
	if err := f.SetColVisible(sheetMain, helperCol, false); err != nil {
		return nil, err
	}
	return widths, nil
}

// pointCells groups the score cells of the criteria by their points, in first-seen order, so
// that one validation rule covers all cells of one maximum.
type pointCells struct {
	cells map[scoring.Tenths][]string
	order []scoring.Tenths
}

func (pv *pointCells) add(p scoring.Tenths, cell string) {
	if _, ok := pv.cells[p]; !ok {
		pv.order = append(pv.order, p)
	}
	pv.cells[p] = append(pv.cells[p], cell)
}

// mainTree writes the catalog from row 3 on: every area, category and indicator as a section
// row with its sum formula above its criteria. It returns the first free row and the score cells.
func (x *xlsxWriter) mainTree(widths []float64) (int, *pointCells, error) {
	m, f, st := x.m, x.f, &x.st
	row := 3
	pv := &pointCells{cells: map[scoring.Tenths][]string{}}
	section := func(level int, title string, points scoring.Tenths, s scoring.Subtotal, sum XLSXFormula) error {
		sst := st.section[level]
		vals := []any{title, nil, points, sum, "小计", subtotalText(s)}
		if err := x.setRow(sheetMain, row, vals, []int{sst.text, sst.text, sst.number, sst.number, sst.number, sst.text}); err != nil {
			return err
		}
		if err := f.MergeCell(sheetMain, cell(1, row), cell(2, row)); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheetMain, cell(6, row), cell(9, row), sst.text); err != nil {
			return err
		}
		if err := f.MergeCell(sheetMain, cell(6, row), cell(9, row)); err != nil {
			return err
		}
		h := max(lineCount(title, widths[0]+widths[1]), lineCount(subtotalText(s), widths[5]+widths[6]+widths[7]+widths[8]))
		return f.SetRowHeight(sheetMain, row, rowHeight(h))
	}
	for ai, a := range m.cat.Areas {
		ar := m.res.Areas[ai]
		areaRow := row
		row++
		for ci, c := range a.Categories {
			cr := ar.Categories[ci]
			catRow := row
			row++
			for ii, ind := range c.Indicators {
				indRow := row
				row++
				for _, cr := range ind.Criteria {
					n, err := x.criterionRows(row, cr, widths)
					if err != nil {
						return 0, nil, err
					}
					pv.add(cr.Points, cell(4, row))
					row += n
				}
				saved := row
				row = indRow
				if err := section(2, ind.Label+ind.Title, ind.Points, cr.Indicators[ii].Subtotal, sumFormula(indRow+1, saved-1)); err != nil {
					return 0, nil, err
				}
				row = saved
				x.scoreCell[ind.Code] = cell(4, indRow)
			}
			saved := row
			row = catRow
			if err := section(1, c.Label+c.Title, c.Points, cr.Subtotal, sumFormula(catRow+1, saved-1)); err != nil {
				return 0, nil, err
			}
			row = saved
			x.scoreCell[c.Code] = cell(4, catRow)
		}
		saved := row
		row = areaRow
		if err := section(0, a.Label+"、"+a.Title, a.Points, ar.Subtotal, sumFormula(areaRow+1, saved-1)); err != nil {
			return 0, nil, err
		}
		row = saved
		x.scoreCell[a.Code] = cell(4, areaRow)
	}
	return row, pv, nil
}

// mainTotal writes the grand-total row at row.
func (x *xlsxWriter) mainTotal(row int) error {
	m, f, st := x.m, x.f, &x.st
	o := m.res.Overall
	x.grandCell = cell(4, row)
	totalText := fmt.Sprintf("不适用分值 %s 分，适用分值 %s 分，折算得分见“汇总”表", o.NAPoints, m.res.ApplicableMax)
	tt := st.total
	if err := x.setRow(sheetMain, row, []any{"合计", nil, o.Points, sumFormula(3, row-1), "总分", totalText},
		[]int{tt.text, tt.text, tt.number, tt.number, tt.text, tt.text}); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheetMain, cell(6, row), cell(9, row), tt.text); err != nil {
		return err
	}
	for _, r := range [][2]int{{1, 2}, {6, 9}} {
		if err := f.MergeCell(sheetMain, cell(r[0], row), cell(r[1], row)); err != nil {
			return err
		}
	}
	return f.SetRowHeight(sheetMain, row, rowHeight(lineCount(totalText, 90)))
}

// scoreValidation adds one data-validation rule per distinct points value to the score cells.
func (x *xlsxWriter) scoreValidation(pv *pointCells) error {
	for _, p := range pv.order {
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(strings.Join(pv.cells[p], " "))
		// the limit as its exact decimal text ("0.2"), not a float rendered as 0.20000000000000001
		if err := dv.SetRange("0", p.String(), excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetInput("自评得分", fmt.Sprintf("请输入 0 至 %s 之间的分数，最小单位 0.1 分。", p))
		dv.SetError(excelize.DataValidationErrorStyleStop, "得分超出范围", fmt.Sprintf("该评分要点分值为 %s 分，自评得分须在 0 至 %s 之间。", p, p))
		if err := x.f.AddDataValidation(sheetMain, dv); err != nil {
			return err
		}
	}
	return nil
}

// criterionRows writes one 评分要点: its row, whose score cell is a number the reviewer may change
// and whose 佐证材料 cell links the first evidence file, then one continuation row per further
// file (an Excel cell holds one link) with only that file's link in 佐证材料 and the other cells
// empty, locked and outside every total. It returns the number of rows written.
func (x *xlsxWriter) criterionRows(row int, c scoring.Criterion, widths []float64) (int, error) {
	m, f, st := x.m, x.f, &x.st
	a := m.answer(c.No)
	var score any
	switch a.Status {
	case scoring.Scored:
		score = scoring.Clamp(a.Score, c.Points)
	case scoring.NA:
		if m.cat.NAPolicy == scoring.NAFull {
			score = c.Points
		}
	}
	names := make([]string, len(a.Evidence))
	for i, e := range a.Evidence {
		// one file at a time, marked as the score sheet marks it
		names[i] = m.evidenceText(c.No, scoring.Answer{Evidence: []scoring.Evidence{e}})
	}
	first := ""
	if len(names) > 0 {
		first = names[0]
	}
	vals := []any{c.No, c.Text, c.Points, score, a.Status.String(), reasonText(a), a.Note, a.Rectification, first}
	styles := []int{st.center, st.text, st.number, st.score, st.center, st.text, st.text, st.text, st.text}
	if len(names) > 1 {
		o := st.open
		styles = []int{o.center, o.text, o.number, o.score, o.center, o.text, o.text, o.text, st.text}
	}
	if len(names) > 0 {
		styles[8] = st.link
	}
	if err := x.setRow(sheetMain, row, vals, styles); err != nil {
		return 0, err
	}
	// the helper column repeats the score cell (N/A under NAFull holds the points, else empty = 0)
	hc := fmt.Sprintf("%s%d", helperCol, row)
	if err := f.SetCellFormula(sheetMain, hc, fmt.Sprintf("D%d", row)); err != nil {
		return 0, err
	}
	if err := f.SetCellStyle(sheetMain, hc, hc, st.helper); err != nil {
		return 0, err
	}
	if err := x.fitRow(sheetMain, row, map[int]string{2: c.Text, 6: reasonText(a), 7: a.Note, 8: a.Rectification, 9: first}, widths); err != nil {
		return 0, err
	}
	for i, e := range a.Evidence {
		r := row + i
		if i > 0 {
			blank := st.cont
			if i == len(a.Evidence)-1 {
				blank = st.contLast
			}
			if err := f.SetCellStyle(sheetMain, cell(1, r), cell(8, r), blank); err != nil {
				return 0, err
			}
			if err := x.setRow(sheetMain, r, []any{nil, nil, nil, nil, nil, nil, nil, nil, names[i]},
				[]int{0, 0, 0, 0, 0, 0, 0, 0, st.link}); err != nil {
				return 0, err
			}
			if err := x.fitRow(sheetMain, r, map[int]string{9: names[i]}, widths); err != nil {
				return 0, err
			}
		}
		tip := "打开佐证材料"
		if err := f.SetCellHyperLink(sheetMain, cell(9, r), linkTarget(m.linkPath(e.Path)), "External",
			excelize.HyperlinkOpts{Tooltip: &tip}); err != nil {
			return 0, err
		}
	}
	return max(1, len(a.Evidence)), nil
}

// linkTarget escapes the characters that would end or break a relative hyperlink target.
func linkTarget(p string) string {
	return strings.NewReplacer("%", "%25", " ", "%20", "#", "%23").Replace(p)
}

// pageSetup prints a sheet on A4 (landscape or portrait), fitted to the page width, with the
// first two rows repeated on every page and "第 N 页 共 M 页" in the footer.
func (x *xlsxWriter) pageSetup(sheet, lastCol string, landscape bool) error {
	p := XLSXPage{Landscape: landscape, FooterLeft: x.m.unitYear()}
	if x.m.digest != "" {
		p.FooterRight = "报送包校验码 " + x.m.digest
	}
	return XLSXPageSetup(x.f, sheet, p, cellText)
}

// headerRows writes a merged title row and a header row and sets the column widths.
func (x *xlsxWriter) headerRows(sheet, title string, cols []string, widths []float64) error {
	return XLSXHead(x.f, sheet, title, cols, widths, x.st.title, x.st.header, cellText)
}

// summarySheet writes the 汇总 sheet: the table of areas and categories with the total, the
// converted score and its rule, the counts, and the chart of the areas.
func (x *xlsxWriter) summarySheet() error {
	row, totalRow, areaRows, err := x.summaryTable()
	if err != nil {
		return err
	}
	if row, err = x.summaryConverted(row, totalRow); err != nil {
		return err
	}
	if row, err = x.summaryCounts(row); err != nil {
		return err
	}
	if err := x.summaryChart(row, areaRows); err != nil {
		return err
	}
	return x.pageSetup(sheetSummary, "F", false)
}

// summaryTable writes the header, one row per area and category and the total row; it returns
// the next row, the total's row and the areas' rows (for the chart).
func (x *xlsxWriter) summaryTable() (row, totalRow int, areaRows []int, err error) {
	m, f, st := x.m, x.f, &x.st
	widths := []float64{44, 10, 12, 12, 12, 12}
	if err := x.headerRows(sheetSummary, m.unitYear()+" 自评得分汇总",
		[]string{"指标", "分值", "不适用分值", "适用分值", "自评得分", "得分率"}, widths); err != nil {
		return 0, 0, nil, err
	}
	rateF := func(row int) XLSXFormula {
		// exact half-up rounding on integer tenths, the same as scoring.Percent
		return XLSXFormula(fmt.Sprintf(`IF(ROUND(D%[1]d*10,0)<=0,"—",INT((20000*ROUND(E%[1]d*10,0)+ROUND(D%[1]d*10,0))/(2*ROUND(D%[1]d*10,0)))/100)`, row))
	}
	row = 3
	line := func(title string, s scoring.Subtotal, code string, level int) error {
		sst := st.section[level]
		vals := []any{title, s.Points, s.NAPoints, XLSXFormula(fmt.Sprintf("ROUND(B%d-C%d,1)", row, row)),
			XLSXFormula(fmt.Sprintf("'%s'!%s", sheetMain, x.scoreCell[code])), rateF(row)}
		styles := []int{sst.text, sst.number, sst.number, sst.number, sst.number, st.percent}
		if level > 0 {
			styles = []int{st.text, st.number, st.number, st.number, st.number, st.percent}
		}
		if err := x.setRow(sheetSummary, row, vals, styles); err != nil {
			return err
		}
		err := f.SetRowHeight(sheetSummary, row, rowHeight(lineCount(title, widths[0])))
		row++
		return err
	}
	for ai, a := range m.cat.Areas {
		areaRows = append(areaRows, row)
		if err := line(a.Label+"、"+a.Title, m.res.Areas[ai].Subtotal, a.Code, 0); err != nil {
			return 0, 0, nil, err
		}
		for ci, c := range a.Categories {
			if err := line("　"+c.Label+c.Title, m.res.Areas[ai].Categories[ci].Subtotal, c.Code, 1); err != nil {
				return 0, 0, nil, err
			}
		}
	}
	o := m.res.Overall
	totalRow = row
	tt := st.total
	if err := x.setRow(sheetSummary, row, []any{"合计", o.Points, o.NAPoints, XLSXFormula(fmt.Sprintf("ROUND(B%d-C%d,1)", row, row)),
		XLSXFormula(fmt.Sprintf("'%s'!%s", sheetMain, x.grandCell)), rateF(row)},
		[]int{tt.text, tt.number, tt.number, tt.number, tt.number, st.percent}); err != nil {
		return 0, 0, nil, err
	}
	return row + 1, totalRow, areaRows, nil
}

// summaryConverted writes the converted score (a formula on the total row) and its rule.
func (x *xlsxWriter) summaryConverted(row, totalRow int) (int, error) {
	m, f, st := x.m, x.f, &x.st
	tt := st.total
	var conv XLSXFormula
	note := ""
	switch m.cat.NAPolicy {
	case scoring.NARescale:
		conv = XLSXFormula(fmt.Sprintf(`IF(ROUND(D%[1]d*10,0)<=0,"无法计算",INT((20000*ROUND(E%[1]d*10,0)+ROUND(D%[1]d*10,0))/(2*ROUND(D%[1]d*10,0)))/100)`, totalRow))
		note = "折算得分 = 自评得分 ÷ 适用分值 × 100（不适用项不计入满分）"
	default: // total/max×100, the score itself when the catalog totals 100
		conv = XLSXFormula(fmt.Sprintf(`IF(ROUND(B%[1]d*10,0)<=0,"无法计算",INT((20000*ROUND(E%[1]d*10,0)+ROUND(B%[1]d*10,0))/(2*ROUND(B%[1]d*10,0)))/100)`, totalRow))
		note = "折算得分 = 自评得分 ÷ 满分 × 100（" + m.policyText() + "）"
	}
	if err := x.setRow(sheetSummary, row, []any{"折算得分（百分制）", nil, nil, nil, conv, nil},
		[]int{tt.text, tt.text, tt.text, tt.text, tt.number, tt.text}); err != nil {
		return 0, err
	}
	if err := f.SetCellStyle(sheetSummary, cell(5, row), cell(5, row), st.converted); err != nil {
		return 0, err
	}
	if err := f.MergeCell(sheetSummary, cell(1, row), cell(4, row)); err != nil {
		return 0, err
	}
	row++
	if err := x.setRow(sheetSummary, row, []any{note}, []int{st.text}); err != nil {
		return 0, err
	}
	if err := f.MergeCell(sheetSummary, cell(1, row), cell(6, row)); err != nil {
		return 0, err
	}
	return row + 2, nil
}

// summaryCounts writes how many criteria are scored, 不适用, unanswered and deducted.
func (x *xlsxWriter) summaryCounts(row int) (int, error) {
	o, st := x.m.res.Overall, &x.st
	counts := [][2]any{{"评分要点总数", o.Total()}, {"已评", o.Scored}, {"不适用", o.NA}, {"未评", o.Unanswered}, {"扣分项", o.Deducted}}
	for _, c := range counts {
		if err := x.setRow(sheetSummary, row, []any{c[0], c[1]}, []int{st.text, st.center}); err != nil {
			return 0, err
		}
		row++
	}
	return row, nil
}

// summaryChart writes the chart data (the areas, contiguous, referring to their rows above)
// after a blank row, and the column chart below it.
func (x *xlsxWriter) summaryChart(row int, areaRows []int) error {
	m, f, st := x.m, x.f, &x.st
	row++
	chartHead := row
	if err := x.setRow(sheetSummary, row, []any{"一级指标（图表数据）", "适用分值", "自评得分"}, []int{st.header, st.header, st.header}); err != nil {
		return err
	}
	row++
	first := row
	for i, a := range m.cat.Areas {
		r := areaRows[i]
		if err := x.setRow(sheetSummary, row, []any{a.Label + "、" + a.Title, XLSXFormula(fmt.Sprintf("D%d", r)), XLSXFormula(fmt.Sprintf("E%d", r))},
			[]int{st.text, st.number, st.number}); err != nil {
			return err
		}
		row++
	}
	last := row - 1
	zero := 0.0
	sheetRef := "'" + sheetSummary + "'"
	chart := &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{
			{Name: fmt.Sprintf("%s!$B$%d", sheetRef, chartHead), Categories: fmt.Sprintf("%s!$A$%d:$A$%d", sheetRef, first, last),
				Values: fmt.Sprintf("%s!$B$%d:$B$%d", sheetRef, first, last), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"BFBFBF"}}},
			{Name: fmt.Sprintf("%s!$C$%d", sheetRef, chartHead), Categories: fmt.Sprintf("%s!$A$%d:$A$%d", sheetRef, first, last),
				Values: fmt.Sprintf("%s!$C$%d:$C$%d", sheetRef, first, last), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"B22222"}}},
		},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "各一级指标适用分值与自评得分", Font: &excelize.Font{Family: xlsxFont, Size: 12, Bold: true}}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		YAxis:     excelize.ChartAxis{Minimum: &zero, MajorGridLines: true, Font: excelize.Font{Family: xlsxFont, Size: 9, Color: "000000"}},
		XAxis:     excelize.ChartAxis{Font: excelize.Font{Family: xlsxFont, Size: 9, Color: "000000"}},
		Dimension: excelize.ChartDimension{Width: 700, Height: 360},
		Format:    excelize.GraphicOptions{OffsetX: 4, OffsetY: 4},
	}
	// below the tables, so the sheet prints on portrait A4 at full width
	if err := f.AddChart(sheetSummary, cell(1, last+2), chart); err != nil {
		return err
	}
	return nil
}

func (x *xlsxWriter) lostSheet() error {
	m, st := x.m, &x.st
	widths := []float64{6, 44, 7, 9, 7, 8, 30, 30}
	if err := x.headerRows(sheetLost, m.unitYear()+" 扣分与整改",
		[]string{"序号", "评分要点", "分值", "自评得分", "失分", "状态", "扣分原因", "整改措施"}, widths); err != nil {
		return err
	}
	row := 3
	for _, c := range m.lostCriteria() {
		a := m.answer(c.No)
		var score any
		got := scoring.Tenths(0)
		if a.Status == scoring.Scored {
			got = scoring.Clamp(a.Score, c.Points)
			score = got
		}
		vals := []any{c.No, c.Text, c.Points, score, c.Points - got, a.Status.String(), a.DeductionReason, a.Rectification}
		if err := x.setRow(sheetLost, row, vals, []int{st.center, st.text, st.number, st.number, st.number, st.center, st.text, st.text}); err != nil {
			return err
		}
		if err := x.fitRow(sheetLost, row, map[int]string{2: c.Text, 7: a.DeductionReason, 8: a.Rectification}, widths); err != nil {
			return err
		}
		row++
	}
	if row == 3 {
		if err := x.setRow(sheetLost, row, []any{"无失分项"}, []int{st.text}); err != nil {
			return err
		}
	}
	return x.pageSetup(sheetLost, "H", true)
}

func (x *xlsxWriter) naSheet() error {
	m, st := x.m, &x.st
	widths := []float64{6, 50, 8, 50}
	if err := x.headerRows(sheetNA, m.unitYear()+" 不适用项",
		[]string{"序号", "评分要点", "分值", "不适用理由"}, widths); err != nil {
		return err
	}
	row := 3
	for _, c := range m.naCriteria() {
		a := m.answer(c.No)
		if err := x.setRow(sheetNA, row, []any{c.No, c.Text, c.Points, a.NAReason}, []int{st.center, st.text, st.number, st.text}); err != nil {
			return err
		}
		if err := x.fitRow(sheetNA, row, map[int]string{2: c.Text, 4: a.NAReason}, widths); err != nil {
			return err
		}
		row++
	}
	if row == 3 {
		if err := x.setRow(sheetNA, row, []any{"无不适用项"}, []int{st.text}); err != nil {
			return err
		}
	}
	return x.pageSetup(sheetNA, "D", false)
}

// evidenceSheet lists every evidence file with its link, size, SHA-256 and check result.
func (x *xlsxWriter) evidenceSheet() error {
	m, f, st := x.m, x.f, &x.st
	widths := []float64{6, 30, 50, 12, 30, 18, 12}
	if err := x.headerRows(sheetEvidence, m.unitYear()+" 佐证材料清单",
		[]string{"序号", "文件名称", "文件位置（点击打开）", "大小（字节）", "SHA-256", "添加时间", "核对结果"}, widths); err != nil {
		return err
	}
	row := 3
	for _, no := range m.cat.Numbers() {
		for _, e := range m.answer(no).Evidence {
			check := m.issueFor(no, e.Path)
			if check == "" {
				check = "正常"
			}
			added := ""
			if !e.Added.IsZero() {
				added = e.Added.Format("2006-01-02 15:04")
			}
			link := m.linkPath(e.Path)
			if err := x.setRow(sheetEvidence, row, []any{no, e.DisplayName(), link, e.Size, e.SHA256, added, check},
				[]int{st.center, st.text, st.link, st.center, st.text, st.center, st.center}); err != nil {
				return err
			}
			tip := "打开佐证材料"
			if err := f.SetCellHyperLink(sheetEvidence, cell(3, row), linkTarget(link), "External", excelize.HyperlinkOpts{Tooltip: &tip}); err != nil {
				return err
			}
			if err := x.fitRow(sheetEvidence, row, map[int]string{2: e.DisplayName(), 3: link, 5: e.SHA256}, widths); err != nil {
				return err
			}
			row++
		}
	}
	if row == 3 {
		if err := x.setRow(sheetEvidence, row, []any{"未附佐证材料"}, []int{st.text}); err != nil {
			return err
		}
	}
	return x.pageSetup(sheetEvidence, "G", true)
}

// finish protects the main sheet (no password: it guards against slips, not people) with only
// the score cells unlocked, and opens the workbook on it.
func (x *xlsxWriter) finish() error {
	if err := x.f.ProtectSheet(sheetMain, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
	}); err != nil {
		return err
	}
	idx, err := x.f.GetSheetIndex(sheetMain)
	if err != nil {
		return err
	}
	x.f.SetActiveSheet(idx)
	return nil
}
