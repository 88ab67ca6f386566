package pack

import (
	"fmt"
	"sanxiang/export"
	"strings"
	"time"

	"sanxiang/scoring"
)

// readme writes 说明.txt for the person who opens the package: what each file is, the digest
// and how to check it, and the evidence problems found while building. CRLF line ends and a
// UTF-8 BOM, so that Notepad on older Windows shows the Chinese correctly.
func readme(a *scoring.Assessment, digest string, date time.Time, entries []Entry, issues []EvidenceIssue) []byte {
	var files int
	var size int64
	for _, e := range entries {
		if strings.HasPrefix(e.Path, EvidenceFolder+"/") {
			files++
			size += e.Size
		}
	}
	r := scoring.Score(a.Catalog, a.Answers)
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\r\n", args...) }
	b.WriteString("\ufeff")
	line("三项制度示范创建自评报送包")
	line("")
	line("单位名称：%s", a.Unit.Name)
	if a.Unit.CreditCode != "" {
		line("统一社会信用代码：%s", a.Unit.CreditCode)
	}
	line("年度：%d", a.Year)
	if a.Unit.Contact != "" || a.Unit.Phone != "" {
		line("联系人：%s  %s", a.Unit.Contact, a.Unit.Phone)
	}
	score := r.Overall.Score.String()
	if r.ConvertedOK {
		line("自评得分：%s 分（折算后 %s 分）", score, r.Converted)
	} else {
		line("自评得分：%s 分（折算分无法计算）", score)
	}
	line("生成日期：%s", date.Format("2006年1月2日"))
	line("报送包校验码：%s", digest)
	line("")
	line("本报送包包括：")
	item := func(name, what string) { line("  %s%s", padRight(name, 18), what) }
	item(WorkbookName, "自评表（可用 Excel 或 WPS 打开，修改得分后合计自动重算）")
	item(ScoreSheetName, "评分表（打印、签字、盖章用）")
	item(ReportName, "自评报告")
	item(EvidenceFolder+`\`, fmt.Sprintf("佐证材料 %d 个，共 %s；文件名开头的数字是评分要点序号", files, export.SizeText(size)))
	item(AssessmentName, "自评数据文件，可用“三项制度示范创建自评工具”导入")
	for _, e := range entries {
		if e.Path == CatalogName {
			item(CatalogName, "本次自评使用的指标体系（不是本程序内置的，导入时一并保存）")
		}
	}
	item(ManifestName, "每个文件的大小和 SHA-256 校验值")
	line("")
	line("如何核对：")
	line("  1. 评分表.pdf 和 自评报告.pdf 每页页脚印有“报送包校验码 %s”，", digest)
	line("     纸质材料上的校验码应与本文件、校验清单中的校验码一致。")
	line("  2. 用“三项制度示范创建自评工具”的“校验报送包”功能，或命令")
	line("     sanxiang-cli verify <本文件夹或 .zip 文件>，可检查每个文件是否缺失、多出或被改动。")
	line("     校验码由自评数据（assessment.json）和全部佐证材料的大小和 SHA-256 计算得出；")
	line("     用同样的数据重新生成报送包，校验码不变。")
	if len(issues) > 0 {
		line("")
		line("注意：生成报送包时发现以下佐证材料缺失或已变化（缺失的未放入报送包）：")
		for _, is := range issues {
			line("  评分要点(%d) %s：%s", is.No, is.Path, is.Problem)
		}
	}
	return []byte(b.String())
}

// padRight pads s with spaces to width columns of a fixed-width font, Chinese characters
// counting two, so that Notepad shows the file list aligned.
func padRight(s string, width int) string {
	w := 0
	for _, r := range s {
		w++
		if r >= 0x2e80 {
			w++
		}
	}
	if w >= width {
		return s + " "
	}
	return s + strings.Repeat(" ", width-w)
}
