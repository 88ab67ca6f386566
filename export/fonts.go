package export

import (
	"fmt"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"sanxiang/assets"
	"sanxiang/export/cjk"
	"sanxiang/internal/oserr"
)

// staticText holds every character the PDFs print by themselves (labels, headings, the
// signature block), so the font subset has them whatever the assessment contains.
// TestStaticTextCoversLiterals checks that every string literal of this package is covered.
const staticText = "　□—…·、。，；：？！（）「」《》“”‘’【】％" +
	"一二三四五六七八九十百千零〇年月日度页第共计合小项分值得率自评说明扣原因整改措施佐证材料状态序号要点" +
	"三项制度示范创建表报告单位名称统一社会信用代码联系人电话填盖章主要负责法审核机构日期" +
	"不适用理由未已全部折算总满无法算校验包缺失文件变更大小数量统计情况完成失各级指标一二级清单" +
	"申请材料执法标兵姓名岗位证号工作结字按照计入说明附录及其他共有个条款附件截止目录封面" +
	"的是否和与在为中有无对于了以下上述本次按各类由其所含超出部分含所有汇总并应当被作请注意续" +
	"限少剪逐尚低移送发题签且问输保写导节裁开外存误磁备除粗具价夹或错置败盘可体生内没展均如涉经设权足求技术息" +
	"何取消任"

// fontSet is the pair of font subsets (regular, bold) cut for one export: only the characters
// the documents can print, so each PDF embeds a small font and parsing stays fast.
type fontSet struct {
	regular, bold []byte
	set           runeSet // characters present in both subsets
}

// has reports whether the subsets can draw r; cjk.Sanitize uses it.
func (fs *fontSet) has(r rune) bool { return fs.set.has(r) }

// runeSet is a bit set over the Basic Multilingual Plane.
type runeSet [65536 / 64]uint64

func (s *runeSet) has(r rune) bool {
	return r >= 0 && r < 0xFFFF && s[r>>6]&(1<<(uint(r)&63)) != 0
}

func (s *runeSet) add(r rune) {
	if r >= 0 && r < 0xFFFF {
		s[r>>6] |= 1 << (uint(r) & 63)
	}
}

func (s *runeSet) String() string {
	var rs []rune
	for r := rune(0); r < 0xFFFF; r++ {
		if s.has(r) {
			rs = append(rs, r)
		}
	}
	return string(rs)
}

// fonts cuts the embedded fonts down to the characters this export prints (see cutFonts).
func (m *model) fonts() (*fontSet, error) { return cutFonts(m.eachText) }

// cutFonts cuts the embedded Noto Sans SC faces down to the characters a document prints: ASCII,
// staticText and every text each yields, after sanitizing (characters the font lacks become □
// and so need no glyph). The two faces are cut in parallel; UTF8CutFont only reads its input,
// so sharing the embedded bytes is safe.
func cutFonts(each func(add func(string))) (*fontSet, error) {
	regCov, err := cjk.ParseCoverage(assets.FontRegular)
	if err != nil {
		return nil, oserr.Wrap("内置字体不可用", err)
	}
	boldCov, err := cjk.ParseCoverage(assets.FontBold)
	if err != nil {
		return nil, oserr.Wrap("内置粗体字体不可用", err)
	}
	covered := func(r rune) bool { return regCov.Has(r) && boldCov.Has(r) }
	fs := &fontSet{}
	add := func(s string) {
		for _, r := range cjk.Sanitize(s, covered) {
			if covered(r) {
				fs.set.add(r)
			}
		}
	}
	for r := rune(0x20); r < 0x7F; r++ {
		fs.set.add(r)
	}
	add(staticText)
	each(add)

	cutset := fs.set.String()
	var wg sync.WaitGroup
	var errs [2]error
	cut := func(i int, src []byte, dst *[]byte) {
		defer wg.Done()
		defer func() {
			if r := recover(); r != nil {
				errs[i] = fmt.Errorf("内置字体无法裁剪（技术信息：%v）", r)
			}
		}()
		*dst = fpdf.UTF8CutFont(src, cutset)
		if len(*dst) == 0 {
			errs[i] = fmt.Errorf("内置字体无法裁剪")
		}
	}
	wg.Add(2)
	go cut(0, assets.FontRegular, &fs.regular)
	go cut(1, assets.FontBold, &fs.bold)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return fs, nil
}

// eachText calls f with every piece of text from the assessment that a PDF may print.
func (m *model) eachText(f func(string)) {
	c := m.cat
	f(c.Title)
	for _, a := range c.Areas {
		f(a.Label + a.Title)
		for _, cat := range a.Categories {
			f(cat.Label + cat.Title)
			for _, ind := range cat.Indicators {
				f(ind.Label + ind.Title)
				for _, cr := range ind.Criteria {
					f(cr.Text)
				}
			}
		}
	}
	u := m.a.Unit
	f(u.Name)
	f(u.CreditCode)
	f(u.Contact)
	f(u.Phone)
	f(m.unitYear())
	f(m.digest)
	f(m.dateText())
	for _, ans := range m.a.Answers {
		f(ans.Note)
		f(ans.DeductionReason)
		f(ans.Rectification)
		f(ans.NAReason)
		for _, e := range ans.Evidence {
			f(e.DisplayName())
			f(e.Path)
		}
	}
	for k, v := range m.a.Narratives {
		f(c.NarrativeTitle(k)) // the report heads an undeclared narrative with this title
		f(v)
	}
	for _, mat := range c.Materials { // the catalog names its own materials and their fields
		f(mat.Title)
		for _, fd := range mat.Fields {
			f(fd.Title)
		}
	}
	for _, list := range m.issues {
		for _, is := range list {
			f(is.Path)
			f(is.Problem)
		}
	}
}
