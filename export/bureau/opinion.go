package bureau

import (
	"fmt"
	"io"
	"strings"

	"sanxiang/export"
	"sanxiang/scoring"
	"sanxiang/scoring/review"
)

// staticText is every character the bureau's PDFs print by themselves, so the font subset has
// them whatever the data contain (TestStaticTextCoversLiterals checks the package's literals).
const staticText = "复核意见书推荐名单汇总表被单位统一社会信用代码评价年度指标体系报送包校验码复核人状态名次" +
	"得分情况分值自评折算适用不合计改动要点序号其他结论签字盖章日期负责经办示范执法标兵姓名岗位证号" +
	"申报材料字数历年一二三四五六七八九十、，。：；（）“”—…□续共第页未填写区司法局无法计算" +
	"已未中项个名全省行政按从高到低排列同相没有变更的意见附近由根据总结台账资料和先进确定候选" +
	"×÷之也任何使修元参型宋属格比程等细能致舍认起过通重长随额默"

// fonts cuts the subset for every PDF of this input: labels, catalog, units, reviews, nominees.
func (in *Input) fonts() (*export.FontSubset, error) {
	return export.CutFonts(func(add func(string)) {
		add(staticText)
		add(in.bureauName())
		add(in.footer())
		add(in.dateText())
		c := in.Catalog
		add(c.Title)
		for _, a := range c.Areas {
			add(a.Label + a.Title)
		}
		for _, u := range in.Units {
			add(unitName(u.Unit))
			add(u.Unit.CreditCode)
			add(u.Digest)
			add(u.Status.String())
			for _, ch := range u.Changes {
				add(ch.Text)
				add(ch.Comment)
				add(ch.Self.String())
				add(ch.Review.String())
			}
			if u.Record != nil {
				add(u.Record.Reviewer)
				add(u.Record.Conclusion)
			}
			if n, ok := review.NomineeOf(u.Assessment); ok || n.Material.Title != "" {
				add(n.Name + n.Post + n.Certificate + n.Material.Title)
			}
		}
	})
}

// areaRows are the per-一级指标 rows (points, self, review) of a unit, ending with the totals.
func areaRows(cat *scoring.Catalog, u *Unit) []row {
	var rows []row
	for i, a := range cat.Areas {
		rows = append(rows, row{cells: []string{a.Label + "、" + a.Title, a.Points.String(),
			u.Self.Areas[i].Score.String(), u.Review.Areas[i].Score.String()}})
	}
	so, ro := u.Self.Overall, u.Review.Overall
	rows = append(rows,
		row{bold: true, cells: []string{"合计", so.Points.String(), so.Score.String(), ro.Score.String()}},
		row{bold: true, cells: []string{"不适用分值", "", so.NAPoints.String(), ro.NAPoints.String()}},
		row{bold: true, cells: []string{"适用分值", "", u.Self.ApplicableMax.String(), u.Review.ApplicableMax.String()}},
		row{bold: true, cells: []string{"折算得分（百分制）", "100", convertedText(u.Self), convertedText(u.Review)}},
	)
	return rows
}

// writeOpinion renders one unit's 复核意见书 (A4 portrait): who and what was reviewed, the
// scores per 一级指标 self and review, every changed criterion (self → review, comment), other
// comments, the 复核结论 and the signature block.
func (in *Input) writeOpinion(w io.Writer, fs *export.FontSubset, u *Unit) error {
	title := "三项制度示范创建复核意见书"
	footR := ""
	if u.Digest != "" {
		footR = "报送包校验码 " + u.Digest
	}
	d := newDoc(fs, false, title, in.bureauName(), in.date(), fmt.Sprintf("%s %d 年度", unitName(u.Unit), in.Year), footR)
	d.AddPage()
	d.title(title, 16)
	d.SetFont(false, 10.5)
	reviewer, conclusion := "", ""
	if u.Record != nil {
		reviewer, conclusion = strings.TrimSpace(u.Record.Reviewer), strings.TrimSpace(u.Record.Conclusion)
	}
	if reviewer == "" {
		reviewer = "（未填写）"
	}
	digest := u.Digest
	if digest == "" {
		digest = "（无）"
	}
	for _, l := range [][2]string{
		{"被复核单位：", unitName(u.Unit)}, {"统一社会信用代码：", u.Unit.CreditCode},
		{"评价年度：", fmt.Sprintf("%d 年度", in.Year)}, {"指标体系：", in.Catalog.Title},
		{"报送包校验码：", digest}, {"复核人：", reviewer},
		{"复核状态：", u.Status.String()}, {"名次：", rankText(u.Rank) + fmt.Sprintf("（共 %d 个单位）", len(in.Units))},
	} {
		d.Paragraph(l[0]+l[1], 0)
	}

	d.heading("一、得分情况", 30)
	d.table([]column{{"指标", 95, 'L'}, {"分值", 25, 'C'}, {"自评得分", 30, 'C'}, {"复核得分", 30, 'C'}}, areaRows(in.Catalog, u), 9.5)

	var changed, other []review.Change
	for _, c := range u.Changes {
		if c.Changed {
			changed = append(changed, c)
		} else {
			other = append(other, c)
		}
	}
	cols := []column{{"序号", 12, 'C'}, {"评分要点", 68, 'L'}, {"分值", 12, 'C'}, {"自评", 14, 'C'}, {"复核", 14, 'C'}, {"复核意见", 60, 'L'}}
	changeRows := func(cs []review.Change) []row {
		var rows []row
		for _, c := range cs {
			rows = append(rows, row{cells: []string{fmt.Sprint(c.No), c.Text, c.Points.String(), c.Self.String(), c.Review.String(), c.Comment}})
		}
		return rows
	}
	d.heading(fmt.Sprintf("二、改动得分的评分要点（%d 项）", len(changed)), 20)
	if len(changed) == 0 {
		d.Paragraph("复核未改动任何评分要点的得分，复核得分与自评得分相同。", 0)
	} else {
		d.table(cols, changeRows(changed), 9)
	}
	if len(other) > 0 {
		d.heading(fmt.Sprintf("三、其他复核意见（%d 项，得分未变）", len(other)), 20)
		d.table(cols, changeRows(other), 9)
	}
	d.heading(map[bool]string{true: "四、复核结论", false: "三、复核结论"}[len(other) > 0], 20)
	d.SetFont(false, 10.5)
	if conclusion == "" {
		conclusion = "（未填写）"
	}
	d.Paragraph(conclusion, 0)
	d.Signature([][2]string{
		{"复核人（签字）：", ""}, {"复核单位（盖章）：", in.bureauName()},
		{"负责人（签字）：", ""}, {"日期：", in.dateText()},
	})
	return d.Output(w)
}
