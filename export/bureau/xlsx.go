package bureau

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"sanxiang/export"
	"sanxiang/export/cjk"
	"sanxiang/internal/oserr"
	"sanxiang/scoring"
)

// Sheet names of 复核汇总表.xlsx.
const (
	sheetRanking = "复核排名"
	sheetAreas   = "一级指标对比"
	sheetChanges = "改分明细"
)

// maxCellText is Excel's limit on characters in one cell.
const maxCellText = 32767

type xlsxStyles struct {
	title, header, text, center, number, decimal2, bold, boldNumber, boldDecimal2 int
}

type workbook struct {
	in *Input
	f  *excelize.File
	st xlsxStyles
	// the total cells of each unit (by index) on the 一级指标对比 sheet, self and review
	selfTotal, reviewTotal []string
}

// firstRow is the first unit row of every sheet (row 1 title, row 2 header).
const firstRow = 3

// writeWorkbook renders 复核汇总表.xlsx: 复核排名 (totals, converted scores and ranks as formulas
// over the 一级指标对比 sheet, recalculated on load), 一级指标对比 (every unit's self and review
// score per 一级指标) and 改分明细 (every criterion the reviewers changed or commented on).
func (in *Input) writeWorkbook(w io.Writer) error {
	f, err := export.XLSXNew(export.XLSXDoc{Sheets: []string{sheetRanking, sheetAreas, sheetChanges},
		Title: "三项制度示范创建复核汇总表", Subject: in.footer(), Created: in.date()})
	if err != nil {
		return oserr.Wrap("生成 Excel 失败", err)
	}
	defer f.Close()
	x := &workbook{in: in, f: f}
	return export.XLSXWrite(w, f, x.styles, x.areasSheet, x.rankingSheet, x.changesSheet, x.finish)
}

func (x *workbook) styles() error {
	const oneDec, twoDec = "0.0", "0.00"
	mk := func(dst *int, bold bool, horiz, bg, num string) error {
		id, err := export.XLSXNewStyle(x.f, export.XLSXCellStyle{Edges: export.XLSXAllEdges, Bold: bold, Size: 10,
			Horizontal: horiz, Fill: bg, NumFmt: num})
		*dst = id
		return err
	}
	st := &x.st
	for _, err := range []error{
		mk(&st.header, true, "center", "D9D9D9", ""),
		mk(&st.text, false, "left", "", ""),
		mk(&st.center, false, "center", "", ""),
		mk(&st.number, false, "center", "", oneDec),
		mk(&st.decimal2, false, "center", "", twoDec),
		mk(&st.bold, true, "left", "EFEFEF", ""),
		mk(&st.boldNumber, true, "center", "EFEFEF", oneDec),
		mk(&st.boldDecimal2, true, "center", "EFEFEF", twoDec),
	} {
		if err != nil {
			return err
		}
	}
	var err error
	st.title, err = export.XLSXTitleStyle(x.f)
	return err
}

// formula marks a cell value as a formula (without "=").
type formula = export.XLSXFormula

func cell(col, row int) string { return export.XLSXCell(col, row) }

func colName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

// cellText makes user text safe for a cell: no control characters, within Excel's limit.
func cellText(s string) string {
	s = cjk.StripControls(s)
	if n := len([]rune(s)); n > maxCellText {
		s = string([]rune(s)[:maxCellText-20]) + "……（超出单元格长度）"
	}
	return s
}

func (x *workbook) setRow(sheet string, row int, values []any, styles []int) error {
	return export.XLSXSetRow(x.f, sheet, row, values, styles, cellText)
}

// fitRow sets a row's height so that every text (by 0-based column) shows completely.
func (x *workbook) fitRow(sheet string, row int, values []any, widths []float64) error {
	n := 1
	for i, v := range values {
		if s, ok := v.(string); ok && i < len(widths) {
			n = max(n, export.XLSXLines(s, widths[i]))
		}
	}
	return x.f.SetRowHeight(sheet, row, export.XLSXRowHeight(n))
}

// head writes the merged title row and the header row (its height fitted to the headers) and
// sets the column widths.
func (x *workbook) head(sheet, title string, cols []string, widths []float64) error {
	if err := export.XLSXHead(x.f, sheet, title, cols, widths, x.st.title, x.st.header, cellText); err != nil {
		return err
	}
	vals := make([]any, len(cols))
	for i, c := range cols {
		vals[i] = c
	}
	return x.fitRow(sheet, 2, vals, widths)
}

// pageSetup prints a sheet on A4 landscape fitted to the page width, rows 1–2 repeated on every
// page, "第 N 页 共 M 页" and the bureau in the footer, and freezes the header and frozenCols.
func (x *workbook) pageSetup(sheet string, frozenCols int) error {
	return export.XLSXPageSetup(x.f, sheet, export.XLSXPage{Landscape: true, FooterLeft: x.in.footer(), FrozenCols: frozenCols}, cellText)
}

// areasSheet: one row per unit in rank order; for each 一级指标 the self and the review score,
// then the two totals as ROUND(SUM(...),1) over them, which the ranking sheet refers to.
func (x *workbook) areasSheet() error {
	in, st := x.in, &x.st
	cat := in.Catalog
	cols := []string{"名次", "单位"}
	widths := []float64{6, 30}
	for _, a := range cat.Areas {
		t := fmt.Sprintf("%s、%s（%s分）", a.Label, a.Title, a.Points)
		cols = append(cols, t+"\n自评", t+"\n复核")
		widths = append(widths, 14, 14)
	}
	cols = append(cols, fmt.Sprintf("合计（%s分）\n自评", cat.Total), fmt.Sprintf("合计（%s分）\n复核", cat.Total))
	widths = append(widths, 11, 11)
	if err := x.head(sheetAreas, fmt.Sprintf("%d 年度各一级指标自评与复核得分对比（%s）", in.Year, cat.Title), cols, widths); err != nil {
		return err
	}
	selfCol := 3 + 2*len(cat.Areas)
	for i, u := range in.Units {
		r := firstRow + i
		vals := []any{rankText(u.Rank), unitName(u.Unit)}
		styles := []int{st.center, st.text}
		var selfCells, revCells []string
		for ai := range cat.Areas {
			vals = append(vals, u.Self.Areas[ai].Score, u.Review.Areas[ai].Score)
			styles = append(styles, st.number, st.number)
			selfCells = append(selfCells, cell(3+2*ai, r))
			revCells = append(revCells, cell(4+2*ai, r))
		}
		vals = append(vals, formula("ROUND(SUM("+strings.Join(selfCells, ",")+"),1)"),
			formula("ROUND(SUM("+strings.Join(revCells, ",")+"),1)"))
		styles = append(styles, st.boldNumber, st.boldNumber)
		if err := x.setRow(sheetAreas, r, vals, styles); err != nil {
			return err
		}
		if err := x.fitRow(sheetAreas, r, vals, widths); err != nil {
			return err
		}
		x.selfTotal = append(x.selfTotal, fmt.Sprintf("'%s'!%s", sheetAreas, cell(selfCol, r)))
		x.reviewTotal = append(x.reviewTotal, fmt.Sprintf("'%s'!%s", sheetAreas, cell(selfCol+1, r)))
	}
	return x.pageSetup(sheetAreas, 2)
}

// Columns of the ranking sheet that the formulas refer to.
const (
	colSelfTotal   = 5  // E
	colSelfMax     = 6  // F
	colSelfConv    = 7  // G
	colReviewTotal = 8  // H
	colReviewMax   = 9  // I
	colReviewConv  = 10 // J
)

// convFormula is total/max×100 rounded half-up to 0.01 on integer tenths, exactly as
// scoring.Rescale, or "无法计算" when max is 0.
func convFormula(totalCol, maxCol, row int) formula {
	t, m := cell(totalCol, row), cell(maxCol, row)
	return formula(fmt.Sprintf(`IF(ROUND(%[2]s*10,0)<=0,"无法计算",INT((20000*ROUND(%[1]s*10,0)+ROUND(%[2]s*10,0))/(2*ROUND(%[2]s*10,0)))/100)`, t, m))
}

func (x *workbook) rankingSheet() error {
	in, st := x.in, &x.st
	cols := []string{"名次", "单位", "统一社会信用代码", "报送包校验码", "自评得分", "自评适用分值", "自评折算得分",
		"复核得分", "复核适用分值", "复核折算得分", "改动项", "已评", "不适用", "未评", "佐证文件", "缺失或变更", "复核状态", "推荐"}
	widths := []float64{6, 30, 21, 17, 9, 9, 10, 9, 9, 10, 7, 6, 7, 6, 8, 9, 9, 16}
	if err := x.head(sheetRanking, fmt.Sprintf("%s %d 年度三项制度示范创建复核汇总表（%s）", in.bureauName(), in.Year, in.Catalog.Title), cols, widths); err != nil {
		return err
	}
	last := firstRow + len(in.Units) - 1
	conv := colName(colReviewConv)
	for i, u := range in.Units {
		r := firstRow + i
		mu, mp := in.recommended(u.Unit.CreditCode)
		var marks []string
		if mu {
			marks = append(marks, "示范单位")
		}
		if mp {
			marks = append(marks, "执法标兵")
		}
		digest := u.Digest
		if !u.Verified && digest != "" {
			digest += "（未通过校验）"
		}
		vals := []any{
			formula(fmt.Sprintf(`IF(ISNUMBER(%[1]s%[2]d),RANK(%[1]s%[2]d,$%[1]s$%[3]d:$%[1]s$%[4]d),"—")`, conv, r, firstRow, last)),
			unitName(u.Unit), u.Unit.CreditCode, digest,
			formula(x.selfTotal[i]), u.Self.ApplicableMax, convFormula(colSelfTotal, colSelfMax, r),
			formula(x.reviewTotal[i]), u.Review.ApplicableMax, convFormula(colReviewTotal, colReviewMax, r),
			u.Changed, u.Scored, u.NA, u.Unanswered, u.EvidenceFiles, u.MissingEvidence, u.Status.String(), strings.Join(marks, "、"),
		}
		styles := []int{st.center, st.text, st.center, st.center, st.number, st.number, st.decimal2,
			st.boldNumber, st.number, st.boldDecimal2, st.center, st.center, st.center, st.center, st.center, st.center, st.center, st.center}
		if err := x.setRow(sheetRanking, r, vals, styles); err != nil {
			return err
		}
		if err := x.fitRow(sheetRanking, r, vals, widths); err != nil {
			return err
		}
	}
	note := last + 2
	if err := x.setRow(sheetRanking, note, []any{"说明：复核得分默认等于自评得分，复核人改动的要点见“改分明细”；" +
		"折算得分 = 得分 ÷ 适用分值 × 100（四舍五入到 0.01，与程序的计算逐位一致）；按复核折算得分排名，得分相同名次相同，" +
		"无适用分值的单位不排名。修改“一级指标对比”表中的得分，合计、折算得分和名次随之重算。"}, []int{st.text}); err != nil {
		return err
	}
	if err := x.f.MergeCell(sheetRanking, cell(1, note), cell(len(cols), note)); err != nil {
		return err
	}
	if err := x.f.SetRowHeight(sheetRanking, note, 44); err != nil {
		return err
	}
	return x.pageSetup(sheetRanking, 2)
}

// changesSheet lists every criterion a reviewer changed (改分) or commented on (意见), unit by
// unit in rank order, with the self and the review outcome and the comment.
func (x *workbook) changesSheet() error {
	in, st := x.in, &x.st
	cols := []string{"名次", "单位", "序号", "评分要点", "分值", "自评得分", "复核得分", "类型", "复核意见"}
	widths := []float64{6, 26, 6, 50, 7, 9, 9, 7, 40}
	if err := x.head(sheetChanges, fmt.Sprintf("%d 年度复核改分明细", in.Year), cols, widths); err != nil {
		return err
	}
	outcome := func(o interface {
		String() string
	}, scored bool, score scoring.Tenths) any {
		if scored {
			return score
		}
		return o.String()
	}
	r := firstRow
	for _, u := range in.Units {
		for _, c := range u.Changes {
			kind := "意见"
			if c.Changed {
				kind = "改分"
			}
			vals := []any{rankText(u.Rank), unitName(u.Unit), c.No, c.Text, c.Points,
				outcome(c.Self, c.Self.Status == scoring.Scored, c.Self.Score),
				outcome(c.Review, c.Review.Status == scoring.Scored, c.Review.Score), kind, c.Comment}
			styles := []int{st.center, st.text, st.center, st.text, st.number, st.number, st.number, st.center, st.text}
			if err := x.setRow(sheetChanges, r, vals, styles); err != nil {
				return err
			}
			if err := x.fitRow(sheetChanges, r, vals, widths); err != nil {
				return err
			}
			r++
		}
	}
	if r == firstRow {
		if err := x.setRow(sheetChanges, r, []any{"复核未改动任何评分要点，也没有复核意见。"}, []int{st.text}); err != nil {
			return err
		}
		if err := x.f.MergeCell(sheetChanges, cell(1, r), cell(len(cols), r)); err != nil {
			return err
		}
	}
	return x.pageSetup(sheetChanges, 2)
}

func (x *workbook) finish() error {
	idx, err := x.f.GetSheetIndex(sheetRanking)
	if err != nil {
		return err
	}
	x.f.SetActiveSheet(idx)
	return nil
}
