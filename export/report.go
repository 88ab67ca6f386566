package export

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"sanxiang/scoring"
)

// writeReport renders the 自评报告 on A4 portrait: cover, score tables, the chart of the five
// Areas, completion figures, 失分项, 不适用项, evidence statistics and the narratives.
func (m *model) writeReport(w io.Writer, fs *fontSet) error {
	d := newDoc(m, fs, false, "三项制度示范创建自评报告")
	m.reportCover(d)
	d.AddPage()
	sec := sectionNumberer()
	m.reportScores(d, sec())
	m.reportChart(d, sec())
	m.reportCompletion(d, sec())
	m.reportLost(d, sec())
	m.reportNA(d, sec())
	m.reportEvidence(d, sec())
	if m.hasNarratives() {
		m.reportNarratives(d, sec())
	}
	return d.Output(w)
}

// sectionNumberer hands out the Chinese section numbers 一、二、… in order.
func sectionNumberer() func() string {
	n := 0
	return func() string {
		n++
		return scoring.ChineseNumeral(n) + "、"
	}
}

// reportCover is the first page: title, unit, year, total and converted score, date.
func (m *model) reportCover(d *PDF) {
	d.AddPage()
	d.y = 55
	d.SetFont(true, 24)
	title := "三项制度示范创建自评报告"
	d.LineAt(d.ml+(d.ContentW()-d.Width(title))/2, d.y, title)
	d.y += d.LineH() + 4
	d.SetFont(false, 12)
	for _, l := range d.Wrap(m.cat.Title, d.ContentW()-20) {
		d.LineAt(d.ml+(d.ContentW()-d.Width(l))/2, d.y, l)
		d.y += d.LineH()
	}
	d.y = 115
	o := m.res.Overall
	rows := [][2]string{
		{"填报单位", m.unitName()},
		{"统一社会信用代码", orDash(m.a.Unit.CreditCode)},
		{"评价年度", m.yearText()},
		{"自评总分", fmt.Sprintf("%s 分（满分 %s 分）", o.Score, o.Points)},
		{"不适用分值", o.NAPoints.String() + " 分"},
		{"折算得分", m.convertedWithUnit()},
		{"联系人", orDash(m.a.Unit.Contact)},
		{"联系电话", orDash(m.a.Unit.Phone)},
		{"填报日期", m.dateText()},
	}
	if m.digest != "" {
		rows = append(rows, [2]string{"报送包校验码", m.digest})
	}
	t := Table{Cols: []Column{{"", 42, 'C'}, {"", 108, 'L'}}, Size: 12, Pad: 2.2, Left: d.ml + 10}
	var trs []Row
	for _, r := range rows {
		trs = append(trs, Row{Cells: []Cell{{Text: r[0]}, {Text: r[1]}}})
	}
	d.Table(t, trs)
}

// convertedWithUnit is the 折算得分 with "分", or the reason it cannot be computed.
func (m *model) convertedWithUnit() string {
	if !m.res.ConvertedOK {
		return m.convertedText()
	}
	return m.res.Converted.String() + " 分"
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// policyText explains how 不适用 criteria were counted.
func (m *model) policyText() string {
	switch m.cat.NAPolicy {
	case scoring.NAFull:
		return "不适用的评分要点按满分计入"
	case scoring.NAZero:
		return "不适用的评分要点按零分计入"
	}
	return "不适用的评分要点不计入满分，总分按适用分值折算为百分制"
}

// reportScores is the table of Areas and Categories with points, N/A points, score and rate.
func (m *model) reportScores(d *PDF, no string) {
	d.Heading(no+"得分情况", 14, 3, 30)
	o := m.res.Overall
	d.SetFont(false, 10.5)
	d.Paragraph(fmt.Sprintf("本单位对照《%s》逐项开展自评，共 %d 个评分要点，满分 %s 分。自评总分 %s 分，"+
		"不适用分值 %s 分，适用分值 %s 分，折算得分 %s（%s）。",
		m.cat.Title, o.Total(), o.Points, o.Score, o.NAPoints, m.res.ApplicableMax, m.convertedWithUnit(), m.policyText()), 0)
	d.y += 2
	t := Table{Size: 9.5, Pad: 1.3, Header: true, Cols: []Column{
		{"指标", 86, 'L'}, {"分值", 18, 'C'}, {"不适用分值", 22, 'C'}, {"自评得分", 20, 'C'}, {"得分率", 24, 'C'}}}
	var rows []Row
	for ai, a := range m.cat.Areas {
		ar := m.res.Areas[ai]
		rows = append(rows, subtotalRow(a.Label+"、"+a.Title, ar.Subtotal, true))
		for ci, c := range a.Categories {
			rows = append(rows, subtotalRow("　"+c.Label+c.Title, ar.Categories[ci].Subtotal, false))
		}
	}
	total := subtotalRow("合计", o, true)
	total.Cells[0].Align = 'C'
	rows = append(rows, total)
	d.Table(t, rows)
}

func subtotalRow(title string, s scoring.Subtotal, strong bool) Row {
	r := Row{Cells: []Cell{{Text: title}, {Text: s.Points.String()}, {Text: s.NAPoints.String()},
		{Text: s.Score.String()}, {Text: rateText(s)}}}
	if strong {
		r.Bold, r.Fill = true, fillCategory
	}
	return r
}

// reportChart draws a horizontal bar of each Area's 得分率 on a 0–100 % axis.
func (m *model) reportChart(d *PDF, no string) {
	const barH, rowH, labelW = 7.0, 13.0, 58.0
	h := float64(len(m.cat.Areas))*rowH + 14
	d.Heading(no+"各一级指标得分率", 14, 3, h)
	p := d.p
	x0 := d.ml + labelW
	plotW := d.ContentW() - labelW - 24
	top := d.y
	// grid and axis labels
	d.SetFont(false, 8)
	p.SetDrawColor(190, 190, 190)
	for pct := 0; pct <= 100; pct += 20 {
		x := x0 + plotW*float64(pct)/100
		p.Line(x, top, x, top+float64(len(m.cat.Areas))*rowH)
		s := fmt.Sprintf("%d%%", pct)
		d.LineAt(x-d.Width(s)/2, top+float64(len(m.cat.Areas))*rowH+1, s)
	}
	p.SetDrawColor(0, 0, 0)
	for i, a := range m.cat.Areas {
		s := m.res.Areas[i].Subtotal
		y := top + float64(i)*rowH
		d.SetFont(false, 9)
		lines := d.Wrap(a.Label+"、"+a.Title, labelW-4)
		ly := y + (rowH-float64(len(lines))*d.LineH())/2
		for k, l := range lines {
			d.LineAt(d.ml, ly+float64(k)*d.LineH(), l)
		}
		rate, ok := s.Rate()
		by := y + (rowH-barH)/2
		label := "—（无适用分值）"
		if ok {
			bw := plotW * rate.Float() / 100
			p.SetFillColor(178, 34, 34)
			if bw > 0 {
				p.Rect(x0, by, bw, barH, "F")
			}
			label = fmt.Sprintf("%s%%（%s/%s）", rate, s.Score, s.ApplicableMax())
		}
		d.SetFont(false, 8)
		lx := x0 + 1.5
		if ok {
			lx = x0 + plotW*rate.Float()/100 + 1.5
		}
		if lx+d.Width(label) > d.ml+d.ContentW() {
			lx = d.ml + d.ContentW() - d.Width(label)
		}
		d.LineAt(lx, by+(barH-d.LineH())/2, label)
	}
	p.Line(x0, top, x0, top+float64(len(m.cat.Areas))*rowH)
	d.y = top + float64(len(m.cat.Areas))*rowH + 8
}

// reportCompletion gives the completion figures and lists what is still unanswered.
func (m *model) reportCompletion(d *PDF, no string) {
	d.Heading(no+"完成情况", 14, 3, 20)
	o := m.res.Overall
	withEvidence := 0
	for _, n := range m.cat.Numbers() {
		if len(m.answer(n).Evidence) > 0 {
			withEvidence++
		}
	}
	done, _ := scoring.Percent(scoring.Tenths(o.Answered()), scoring.Tenths(o.Total()))
	d.SetFont(false, 10.5)
	d.Paragraph(fmt.Sprintf("评分要点共 %d 项：已评 %d 项，不适用 %d 项，未评 %d 项，完成率 %s%%；其中扣分 %d 项，"+
		"附有佐证材料的评分要点 %d 项。", o.Total(), o.Scored, o.NA, o.Unanswered, done, o.Deducted, withEvidence), 0)
	if o.Unanswered > 0 {
		var nos []string
		for _, n := range m.cat.Numbers() {
			if m.answer(n).Status == scoring.Unanswered {
				nos = append(nos, strconv.Itoa(n))
			}
		}
		d.Paragraph("尚未评分的评分要点（序号）："+strings.Join(nos, "、")+"。", 0)
	}
}

// lostRows lists the criteria below full points: deducted ones and unanswered ones (0 分).
func (m *model) lostCriteria() []scoring.Criterion {
	var out []scoring.Criterion
	for _, ind := range m.cat.Indicators() {
		for _, c := range ind.Criteria {
			a := m.answer(c.No)
			if (a.Status == scoring.Scored && scoring.Clamp(a.Score, c.Points) < c.Points) || a.Status == scoring.Unanswered {
				out = append(out, c)
			}
		}
	}
	return out
}

// naCriteria lists the criteria marked 不适用.
func (m *model) naCriteria() []scoring.Criterion {
	var out []scoring.Criterion
	for _, ind := range m.cat.Indicators() {
		for _, c := range ind.Criteria {
			if m.answer(c.No).Status == scoring.NA {
				out = append(out, c)
			}
		}
	}
	return out
}

// reportLost lists every criterion below full points with its reason and rectification.
func (m *model) reportLost(d *PDF, no string) {
	d.Heading(no+"失分项", 14, 3, 20)
	lost := m.lostCriteria()
	d.SetFont(false, 10.5)
	if len(lost) == 0 {
		d.Paragraph("无失分项，全部评分要点均得满分（不适用项除外）。", 0)
		return
	}
	d.Paragraph(fmt.Sprintf("得分低于分值的评分要点共 %d 项（含未评项），扣分原因及整改措施如下：", len(lost)), 0)
	d.y += 1
	t := Table{Size: 8.5, Pad: 1.2, Header: true, Cols: []Column{
		{"序号", 11, 'C'}, {"评分要点", 55, 'L'}, {"分值", 11, 'C'}, {"得分", 11, 'C'},
		{"扣分原因", 41, 'L'}, {"整改措施", 41, 'L'}}}
	var rows []Row
	for _, c := range lost {
		a := m.answer(c.No)
		score, reason := scoring.Clamp(a.Score, c.Points).String(), a.DeductionReason
		if a.Status == scoring.Unanswered {
			score, reason = "未评", "尚未评分，按 0 分计"
		}
		rows = append(rows, Row{Cells: []Cell{{Text: strconv.Itoa(c.No)}, {Text: c.Text}, {Text: c.Points.String()},
			{Text: score}, {Text: orDash(reason)}, {Text: orDash(a.Rectification)}}})
	}
	d.Table(t, rows)
}

// reportNA lists every 不适用 criterion with its reason.
func (m *model) reportNA(d *PDF, no string) {
	d.Heading(no+"不适用项", 14, 3, 20)
	na := m.naCriteria()
	d.SetFont(false, 10.5)
	if len(na) == 0 {
		d.Paragraph("无不适用项。", 0)
		return
	}
	d.Paragraph(fmt.Sprintf("标为不适用的评分要点共 %d 项，合计 %s 分（%s），理由如下：",
		len(na), m.res.Overall.NAPoints, m.policyText()), 0)
	d.y += 1
	t := Table{Size: 8.5, Pad: 1.2, Header: true, Cols: []Column{
		{"序号", 11, 'C'}, {"评分要点", 75, 'L'}, {"分值", 12, 'C'}, {"不适用理由", 72, 'L'}}}
	var rows []Row
	for _, c := range na {
		rows = append(rows, Row{Cells: []Cell{{Text: strconv.Itoa(c.No)}, {Text: c.Text}, {Text: c.Points.String()},
			{Text: orDash(m.answer(c.No).NAReason)}}})
	}
	d.Table(t, rows)
}

// reportEvidence gives the evidence statistics and names missing or changed files.
func (m *model) reportEvidence(d *PDF, no string) {
	d.Heading(no+"佐证材料", 14, 3, 20)
	files, criteria := 0, 0
	var size int64
	for _, n := range m.cat.Numbers() {
		ev := m.answer(n).Evidence
		if len(ev) > 0 {
			criteria++
		}
		for _, e := range ev {
			files++
			size += e.Size
		}
	}
	d.SetFont(false, 10.5)
	if files == 0 {
		d.Paragraph("未附佐证材料。", 0)
	} else {
		d.Paragraph(fmt.Sprintf("共附佐证材料 %d 个文件，合计 %s，涉及评分要点 %d 项。", files, SizeText(size), criteria), 0)
	}
	issues := m.sortedIssues()
	if len(issues) == 0 {
		if files > 0 {
			d.Paragraph("经核对，全部佐证文件均存在且未发生变更。", 0)
		}
		return
	}
	d.Paragraph(fmt.Sprintf("以下 %d 个佐证文件缺失或已变更：", len(issues)), 0)
	d.y += 1
	t := Table{Size: 8.5, Pad: 1.2, Header: true, Cols: []Column{
		{"序号", 12, 'C'}, {"文件", 128, 'L'}, {"问题", 30, 'C'}}}
	var rows []Row
	for _, is := range issues {
		rows = append(rows, Row{Cells: []Cell{{Text: strconv.Itoa(is.No)}, {Text: is.Path}, {Text: is.Problem}}})
	}
	d.Table(t, rows)
}

// hasNarratives reports whether any application material or summary was written.
func (m *model) hasNarratives() bool {
	for k, v := range m.a.Narratives {
		if strings.TrimSpace(v) != "" && k != "" {
			return true
		}
	}
	return false
}

// reportNarratives prints the application materials and work summary in full.
func (m *model) reportNarratives(d *PDF, no string) {
	d.Heading(no+"申报材料及工作总结", 14, 3, 20)
	nar := m.a.Narratives
	known := map[string]bool{}
	sub := 0
	part := func(key, title, intro, text string) {
		sub++
		d.Heading(fmt.Sprintf("（%s）%s", scoring.ChineseNumeral(sub), title), 12, 3, 12)
		d.SetFont(false, 10.5)
		if intro != "" {
			d.Paragraph(intro, 0)
			d.y += 1
		}
		for _, para := range strings.Split(strings.TrimSpace(text), "\n") {
			if strings.TrimSpace(para) == "" {
				continue
			}
			d.Paragraph(para, 0)
			d.y += 1
		}
		d.SetFont(false, 9)
		n := scoring.CountChars(text)
		if min, ok := m.cat.MinChars(key); ok && n < min {
			d.Paragraph(fmt.Sprintf("（共 %d 字，不足要求的 %d 字）", n, min), 0)
		} else {
			d.Paragraph(fmt.Sprintf("（共 %d 字）", n), 0)
		}
	}
	// The catalog's materials in its order; a material's fields (执法标兵 姓名…) head its text.
	for _, mat := range m.cat.Materials {
		known[mat.Key] = true
		var who []string
		for _, f := range mat.Fields {
			known[f.Key] = true
			if v := strings.TrimSpace(nar[f.Key]); v != "" {
				who = append(who, f.Title+"："+v)
			}
		}
		text, intro := nar[mat.Key], strings.Join(who, "　")
		if strings.TrimSpace(text) != "" || intro != "" {
			part(mat.Key, mat.Title, intro, text)
		}
	}
	var other []string
	for k, v := range nar {
		if !known[k] && strings.TrimSpace(v) != "" {
			other = append(other, k)
		}
	}
	sort.Strings(other)
	for _, k := range other {
		part(k, m.cat.NarrativeTitle(k), "", nar[k])
	}
}
