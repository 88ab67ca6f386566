package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"sanxiang/scoring"
)

// sheetColumns are the columns of the 评分表, the same as the xlsx sheet; widths fill the
// 277 mm between the margins of A4 landscape.
func sheetColumns() []Column {
	return []Column{
		{"序号", 11, 'C'}, {"评分要点", 70, 'L'}, {"分值", 11, 'C'}, {"自评得分", 14, 'C'},
		{"状态", 12, 'C'}, {"扣分原因", 40, 'L'}, {"自评说明", 49, 'L'}, {"整改措施", 38, 'L'},
		{"佐证材料", 32, 'L'},
	}
}

// Grey levels of section rows, darker for higher levels.
const (
	fillArea      = 200
	fillCategory  = 220
	fillIndicator = 238
)

// writeScoreSheet renders the 评分表: title, one table row per criterion under Area, Category and
// Indicator subtotal rows, the grand total and the signature block, on A4 landscape.
func (m *model) writeScoreSheet(w io.Writer, fs *fontSet) error {
	d := newDoc(m, fs, true, "三项制度示范创建自评评分表")
	d.AddPage()
	d.SetFont(true, 15)
	title := "三项制度示范创建自评评分表"
	d.LineAt(d.ml+(d.ContentW()-d.Width(title))/2, d.y, title)
	d.y += d.LineH() + 1
	d.SetFont(false, 9)
	d.Paragraph(fmt.Sprintf("填报单位：%s　　评价年度：%s　　指标体系：%s", m.unitName(), m.yearText(), m.cat.Title), 0)
	d.y += 1.5

	t := Table{Cols: sheetColumns(), Size: 8, Pad: 1.1, Header: true}
	d.Table(t, m.sheetRows())
	m.signatureBlock(d)
	return d.Output(w)
}

// sheetRows lists the table rows of the 评分表 in catalog order, ending with the total row.
func (m *model) sheetRows() []Row {
	var rows []Row
	for ai, a := range m.cat.Areas {
		ar := m.res.Areas[ai]
		rows = append(rows, m.sectionRow(a.Label+"、"+a.Title, ar.Subtotal, fillArea))
		for ci, cat := range a.Categories {
			cr := ar.Categories[ci]
			rows = append(rows, m.sectionRow(cat.Label+cat.Title, cr.Subtotal, fillCategory))
			for ii, ind := range cat.Indicators {
				rows = append(rows, m.sectionRow(ind.Label+ind.Title, cr.Indicators[ii].Subtotal, fillIndicator))
				for _, c := range ind.Criteria {
					rows = append(rows, m.criterionRow(c))
				}
			}
		}
	}
	o := m.res.Overall
	rows = append(rows, Row{Bold: true, Fill: fillArea, Cells: []Cell{
		{Text: "合计", Span: 2, Align: 'C'}, {Text: o.Points.String()}, {Text: o.Score.String()}, {Text: "总分"},
		{Text: fmt.Sprintf("不适用分值 %s 分，适用分值 %s 分，折算得分 %s；已评 %d 项，不适用 %d 项，未评 %d 项",
			o.NAPoints, m.res.ApplicableMax, m.convertedText(), o.Scored, o.NA, o.Unanswered), Span: 4, Align: 'L'},
	}})
	return rows
}

// sectionRow is an Area, Category or Indicator row with its points and subtotal; it stays on
// the page of the row that follows it.
func (m *model) sectionRow(title string, s scoring.Subtotal, fill int) Row {
	return Row{Bold: true, Fill: fill, Keep: true, Cells: []Cell{
		{Text: title, Span: 2, Align: 'L'}, {Text: s.Points.String()}, {Text: s.Score.String()}, {Text: "小计"},
		{Text: subtotalText(s), Span: 4, Align: 'L'},
	}}
}

// subtotalText sums up a section for its row.
func subtotalText(s scoring.Subtotal) string {
	parts := []string{fmt.Sprintf("已评 %d 项", s.Scored)}
	if s.NA > 0 {
		parts = append(parts, fmt.Sprintf("不适用 %d 项（%s 分）", s.NA, s.NAPoints))
	}
	if s.Unanswered > 0 {
		parts = append(parts, fmt.Sprintf("未评 %d 项", s.Unanswered))
	}
	if s.Deducted > 0 {
		parts = append(parts, fmt.Sprintf("扣分 %d 项", s.Deducted))
	}
	return strings.Join(parts, "，") + "；得分率 " + rateText(s)
}

// criterionRow is one 评分要点 with the unit's answer.
func (m *model) criterionRow(c scoring.Criterion) Row {
	a := m.answer(c.No)
	return Row{Cells: []Cell{
		{Text: strconv.Itoa(c.No)}, {Text: c.Text}, {Text: c.Points.String()}, {Text: m.scoreText(a, c.Points)},
		{Text: a.Status.String()}, {Text: reasonText(a)}, {Text: a.Note}, {Text: a.Rectification},
		{Text: m.evidenceText(c.No, a)},
	}}
}

// evidenceText lists the evidence file names of an answer, one per line, marking problems.
func (m *model) evidenceText(no int, a scoring.Answer) string {
	var lines []string
	for _, e := range a.Evidence {
		s := e.DisplayName()
		if p := m.issueFor(no, e.Path); p != "" {
			s += "（" + p + "）"
		}
		lines = append(lines, s)
	}
	return strings.Join(lines, "\n")
}

// unitName is the unit's name, or a visible placeholder.
func (m *model) unitName() string {
	if n := strings.TrimSpace(m.a.Unit.Name); n != "" {
		return n
	}
	return "（未填写单位名称）"
}

// yearText is "2020 年度", or a placeholder.
func (m *model) yearText() string {
	if m.a.Year > 0 {
		return fmt.Sprintf("%d 年度", m.a.Year)
	}
	return "（未填写年度）"
}

// signatureBlock prints the fields that are signed and stamped on the last page, two per row,
// each with a line to write or stamp on; a long unit name wraps above its line.
func (m *model) signatureBlock(d *PDF) {
	d.Signature([][2]string{
		{"填报单位（盖章）：", m.unitName()},
		{"单位主要负责人（签字）：", ""},
		{"法制审核机构负责人（签字）：", ""},
		{"填表人（签字）：", ""},
		{"联系电话：", m.a.Unit.Phone},
		{"填报日期：", m.dateText()},
	})
}
