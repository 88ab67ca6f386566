package bureau

import (
	"fmt"
	"io"
	"strings"

	"sanxiang/export"
	"sanxiang/scoring/review"
)

// writeRecommendation renders 推荐名单.pdf (A4 portrait): the ranked table of all units with
// self and review converted scores, the recommended 示范单位 and the recommended 执法标兵 with
// 姓名/岗位/执法证号, the length of their applications and the earlier years' scores, and the
// bureau's signature block.
func (in *Input) writeRecommendation(w io.Writer, fs *export.FontSubset) error {
	title := fmt.Sprintf("%d 年度三项制度示范创建推荐名单", in.Year)
	d := newDoc(fs, false, title, in.bureauName(), in.date(), in.footer(), "")
	d.AddPage()
	d.title(title, 16)
	d.SetFont(false, 10)
	d.Paragraph(fmt.Sprintf("推荐单位：%s　　指标体系：%s　　参评单位：%d 个", in.bureauName(), in.Catalog.Title, len(in.Units)), 0)
	d.Paragraph("根据各行政执法单位报送的总结、台账资料和先进材料，经复核评分，按复核折算得分从高到低排列如下。", 0)

	d.heading("一、复核排名", 20)
	var rows []row
	for _, u := range in.Units {
		mu, mp := in.recommended(u.Unit.CreditCode)
		var marks []string
		if mu {
			marks = append(marks, "示范单位")
		}
		if mp {
			marks = append(marks, "执法标兵")
		}
		rows = append(rows, row{bold: mu || mp, cells: []string{rankText(u.Rank), unitName(u.Unit), convertedText(u.Self),
			convertedText(u.Review), fmt.Sprint(u.Changed), u.Status.String(), strings.Join(marks, "、")}})
	}
	d.table([]column{{"名次", 12, 'C'}, {"单位", 58, 'L'}, {"自评折算得分", 22, 'C'}, {"复核折算得分", 22, 'C'},
		{"改动项", 14, 'C'}, {"复核状态", 18, 'C'}, {"推荐", 34, 'C'}}, rows, 9.5)

	d.heading(fmt.Sprintf("二、推荐全省行政执法示范单位（名额 %d 个）", in.Places.Units), 20)
	rows = nil
	for _, u := range in.Units {
		if mu, _ := in.recommended(u.Unit.CreditCode); !mu {
			continue
		}
		var mats []string
		for _, m := range u.Materials {
			if m.Min > 0 || m.Chars > 0 {
				mats = append(mats, fmt.Sprintf("%s %d 字%s", m.Title, m.Chars, minNote(m)))
			}
		}
		rows = append(rows, row{cells: []string{unitName(u.Unit), u.Unit.CreditCode, rankText(u.Rank), convertedText(u.Review),
			strings.Join(mats, "\n")}})
	}
	if len(rows) == 0 {
		d.Paragraph("（未推荐）", 0)
	} else {
		d.table([]column{{"单位", 52, 'L'}, {"统一社会信用代码", 38, 'C'}, {"名次", 12, 'C'}, {"复核折算得分", 22, 'C'},
			{"申报材料", 56, 'L'}}, rows, 9.5)
	}

	d.heading(fmt.Sprintf("三、推荐全省行政执法标兵（名额 %d 名）", in.Places.Persons), 20)
	rows = nil
	for _, u := range in.Units {
		if _, mp := in.recommended(u.Unit.CreditCode); !mp {
			continue
		}
		n, _ := review.NomineeOf(u.Assessment)
		hist := []string{fmt.Sprintf("%d 年 %s", in.Year, convertedText(u.Review))}
		for _, h := range u.History {
			s := "无法计算"
			if h.OK {
				s = h.Converted.String()
			}
			hist = append(hist, fmt.Sprintf("%d 年 %s", h.Year, s))
		}
		rows = append(rows, row{cells: []string{n.Name, n.Post, n.Certificate, unitName(u.Unit),
			fmt.Sprintf("%d 字%s", n.Material.Chars, minNote(n.Material)), strings.Join(hist, "\n")}})
	}
	if len(rows) == 0 {
		d.Paragraph("（未推荐）", 0)
	} else {
		d.table([]column{{"姓名", 20, 'C'}, {"岗位", 30, 'L'}, {"执法证号", 30, 'C'}, {"所在单位", 42, 'L'},
			{"申报材料字数", 28, 'C'}, {"历年复核折算得分", 30, 'L'}}, rows, 9.5)
	}
	d.Signature([][2]string{
		{"推荐单位（盖章）：", in.bureauName()}, {"负责人（签字）：", ""},
		{"经办人（签字）：", ""}, {"日期：", in.dateText()},
	})
	return d.Output(w)
}

// minNote is "（要求不少于 1200 字，不足）" when a material is below its minimum, else "".
func minNote(m review.MaterialLength) string {
	if m.Min > 0 && !m.OK {
		return fmt.Sprintf("（要求不少于 %d 字，不足）", m.Min)
	}
	return ""
}
