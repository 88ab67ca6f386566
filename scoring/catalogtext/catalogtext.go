// Package catalogtext turns an indicator system pasted from the official document (一、 / (一) /
// 1. / (1) … (N分)) into a catalog, so that a unit can assess against a new year's or another
// province's system without a new release. It does no I/O beyond the io.Reader it is given.
//
// The rules are those of docs/catalog-format.md, section 从正式文本转换 (a table row copied with
// tab-separated cells reads cell by cell): lines before the first
// 一、 are the title (附件 and table-header lines are ignored); headings 一、 (一) 1. and criteria
// (1) carry "(N分)" at their end or on the next non-empty line; a 二级指标 may omit its points
// (the sum of its 三级指标 is used); every level must add up; every problem is reported with its
// line number and text.
package catalogtext

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"sanxiang/scoring"
)

// MaxInput bounds the text read, far above any indicator system (the seed's is about 60 KB).
const MaxInput = 8 << 20

// maxTitle bounds the title taken from the lines before the first 一、, so that a pasted
// document body is reported instead of becoming a catalog's name.
const maxTitle = 80

// Options say what the text itself does not: the catalog's id, and optionally its title,
// N/A policy and application materials.
type Options struct {
	// ID is the catalog's stable identifier (required); assessment files name their catalog by it.
	ID string
	// Title replaces the title lines of the text when not empty.
	Title string
	// NAPolicy is the converted-score rule; empty means scoring.NARescale.
	NAPolicy scoring.NAPolicy
	// Materials are the application materials; nil means scoring.DefaultMaterials (those of the
	// built-in catalog), an empty non-nil slice means none.
	Materials []scoring.Material
}

// Problem is one thing wrong with the text, at a line (1-based; 0 for the text as a whole).
type Problem struct {
	Line    int
	Text    string // the line as written, trimmed
	Message string // Chinese
}

// String is the problem as a user reads it: "第 12 行“(3)主体的公开……”：评分要点没有分值".
func (p Problem) String() string {
	if p.Line <= 0 {
		return p.Message
	}
	if p.Text == "" {
		return fmt.Sprintf("第 %d 行：%s", p.Line, p.Message)
	}
	return fmt.Sprintf("第 %d 行“%s”：%s", p.Line, shorten(p.Text, 30), p.Message)
}

// Error is returned when the text does not make a catalog; it lists every problem found.
type Error struct {
	Problems []Problem
}

// Error joins the problems, one per line, after a count.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "指标体系文本有 %d 处问题，未生成指标体系：", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n")
		b.WriteString(p.String())
	}
	return b.String()
}

// Convert reads the text and returns the catalog file (as scoring.EncodeCatalog writes it) and the
// parsed catalog, or an *Error listing every problem with its line; other errors are about the
// options or the input as a whole (unreadable, too large, not text).
func Convert(r io.Reader, opt Options) ([]byte, *scoring.Catalog, error) {
	opt.ID = strings.TrimSpace(opt.ID)
	if opt.ID == "" {
		return nil, nil, errors.New("未指定指标体系编号（id）")
	}
	switch opt.NAPolicy {
	case "":
		opt.NAPolicy = scoring.NARescale
	case scoring.NARescale, scoring.NAFull, scoring.NAZero:
	default:
		return nil, nil, fmt.Errorf("不适用项计分方式 %q 无效（应为 rescale、full 或 zero）", opt.NAPolicy)
	}
	if opt.Materials == nil {
		ms, err := scoring.DefaultMaterials()
		if err != nil {
			return nil, nil, err
		}
		opt.Materials = ms
	}
	raw, err := io.ReadAll(io.LimitReader(r, MaxInput+1))
	if err != nil {
		return nil, nil, fmt.Errorf("读取指标体系文本失败：%w", err)
	}
	if len(raw) > MaxInput {
		return nil, nil, fmt.Errorf("指标体系文本过大（超过 %d MB），请只粘贴指标体系部分", MaxInput>>20)
	}
	text, err := decode(raw)
	if err != nil {
		return nil, nil, err
	}
	p := &parser{}
	for i, line := range splitLines(text) {
		// A table copied out of Word or WPS comes as one row per line with tab-separated cells
		// (empty where a cell is merged with the one above); each cell reads as a line of its own.
		// A 合计 row ("合计\t100分") is one line: its cells belong together.
		if reTotal.MatchString(normalize(line)) {
			p.line(i+1, line)
			continue
		}
		for _, cell := range strings.Split(line, "\t") {
			p.line(i+1, cell)
		}
	}
	cat := p.finish(opt)
	if len(p.problems) > 0 {
		sort.SliceStable(p.problems, func(i, j int) bool { return p.problems[i].Line < p.problems[j].Line })
		return nil, nil, &Error{Problems: p.problems}
	}
	data, back, err := scoring.EncodeCatalog(cat)
	if err != nil {
		return nil, nil, fmt.Errorf("生成的指标体系无效：%w", err)
	}
	return data, back, nil
}

// decode turns the bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM (Notepad's
// "Unicode"), or GBK/GB18030 (Notepad's "ANSI" on Chinese Windows).
func decode(raw []byte) (string, error) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		raw = raw[3:]
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}), bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return decodeUTF16(raw)
	}
	if utf8.Valid(raw) {
		if bytes.IndexByte(raw, 0) >= 0 {
			return "", errors.New("这不是文本文件（含有空字符）")
		}
		return string(raw), nil
	}
	s, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
	if err != nil || bytes.ContainsRune(s, utf8.RuneError) || bytes.IndexByte(s, 0) >= 0 {
		return "", errors.New("指标体系文本既不是 UTF-8 也不是 GBK 编码，请用记事本“另存为”UTF-8 后再转换")
	}
	return string(s), nil
}

func decodeUTF16(raw []byte) (string, error) {
	if len(raw)%2 != 0 {
		return "", errors.New("指标体系文本的 UTF-16 编码不完整")
	}
	big := raw[0] == 0xFE
	u := make([]uint16, 0, len(raw)/2-1)
	for i := 2; i < len(raw); i += 2 {
		if big {
			u = append(u, uint16(raw[i])<<8|uint16(raw[i+1]))
		} else {
			u = append(u, uint16(raw[i+1])<<8|uint16(raw[i]))
		}
	}
	s := string(utf16.Decode(u))
	if strings.ContainsRune(s, utf8.RuneError) || strings.ContainsRune(s, 0) {
		return "", errors.New("指标体系文本的 UTF-16 编码无效")
	}
	return s, nil
}

// splitLines splits at Windows, Unix and old Mac line ends, keeping line numbers as an editor counts them.
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Split(s, "\n")
}

// level of an entry in the indicator system.
const (
	levelArea = iota + 1
	levelCategory
	levelIndicator
	levelCriterion
)

// levelName names a level in problems.
func levelName(level int) string {
	switch level {
	case levelArea:
		return "一级指标"
	case levelCategory:
		return "二级指标"
	case levelIndicator:
		return "三级指标"
	}
	return "评分要点"
}

// entry is a heading or criterion as read, before the sums are checked.
type entry struct {
	level     int
	no        int
	line      int
	raw       string // the line as written, for problems
	text      string
	points    scoring.Tenths
	hasPoints bool
	children  []*entry
}

// label writes the entry's number the way the text does: 一、 (一) 1. (1).
func (e *entry) label() string {
	switch e.level {
	case levelArea:
		return scoring.ChineseNumeral(e.no) + "、"
	case levelCategory:
		return "(" + scoring.ChineseNumeral(e.no) + ")"
	case levelIndicator:
		return strconv.Itoa(e.no) + "."
	}
	return "(" + strconv.Itoa(e.no) + ")"
}

type parser struct {
	problems  []Problem
	title     []string
	titleLine int
	total     *entry // a stated total: "(100分)" after the title, or a 合计 line after the last criterion
	areas     []*entry
	last      *entry // the entry a points line or a continuation line belongs to
	lastCrit  int    // last criterion number, numbered through the whole system
	critLine  map[int]int
}

func (p *parser) problem(line int, raw, format string, args ...any) {
	p.problems = append(p.problems, Problem{Line: line, Text: strings.TrimSpace(raw), Message: fmt.Sprintf(format, args...)})
}

var (
	reArea      = regexp.MustCompile(`^ *([一二三四五六七八九十]+) *、 *`)
	reCategory  = regexp.MustCompile(`^ *\( *([一二三四五六七八九十]+) *\) *`)
	reIndicator = regexp.MustCompile(`^ *([0-9]+) *[.、] *`)
	reCriterion = regexp.MustCompile(`^ *\( *([0-9]+) *\) *`)
	rePoints    = regexp.MustCompile(`\( *([0-9]+(?:\.[0-9]*)?|\.[0-9]+) *分 *\) *。? *$`)
	reOnlyPts   = regexp.MustCompile(`^ *\( *([0-9]+(?:\.[0-9]*)?|\.[0-9]+) *分 *\) *。? *$`)
	rePageNo    = regexp.MustCompile(`^ *(?:[-—–~]+ *[0-9]+ *[-—–~]+|第 *[0-9]+ *页(?: *[,，/]? *共 *[0-9]+ *页)?) *$`)
	reAnnex     = regexp.MustCompile(`^ *附 *件 *[0-9一二三四五六七八九十]* *[:：]? *$`)
	reTotal     = regexp.MustCompile(`^ *(?:合 *计|总 *计|总 *分|满 *分) *[:：]? *(?:\( *([0-9]+(?:\.[0-9]*)?) *分? *\)|([0-9]+(?:\.[0-9]*)?) *分?) *。? *$`)
)

// isHeader reports a line made only of the indicator table's column titles, which a document
// repeats on every page.
func isHeader(norm string) bool {
	ws := strings.Fields(norm)
	for _, w := range ws {
		switch w {
		case "一级指标", "二级指标", "三级指标", "工作要求及分值构成", "工作要求", "分值构成", "备注", "分值",
			"评分要点", "评分标准", "考核内容", "序号":
		default:
			return false
		}
	}
	return len(ws) > 0
}

// line reads one line of the text.
func (p *parser) line(no int, raw string) {
	norm := normalize(raw)
	if strings.TrimSpace(norm) == "" || rePageNo.MatchString(norm) || isHeader(norm) {
		return
	}
	if m := reOnlyPts.FindStringSubmatch(norm); m != nil {
		p.pointsLine(no, raw, m[1])
		return
	}
	level, num, rest, ok := p.marker(no, raw, norm)
	if !ok {
		p.last = &entry{line: no} // reported; its points line and continuation go with it, unused
		return
	}
	if level == 0 {
		p.plainLine(no, raw, norm)
		return
	}
	e := &entry{level: level, no: num, line: no, raw: raw}
	if m := rePoints.FindStringSubmatchIndex(rest.norm); m != nil {
		p.setPoints(e, no, raw, rest.norm[m[2]:m[3]])
		rest = rest.cut(0, m[0])
	}
	e.text = cleanSpaces(rest.orig)
	p.add(e)
}

// marker recognizes the numbering at the start of a line; level 0 means none.
func (p *parser) marker(no int, raw, norm string) (level, num int, rest span, ok bool) {
	whole := span{orig: raw, norm: norm}
	try := func(re *regexp.Regexp, lv int, chinese bool) bool {
		m := re.FindStringSubmatchIndex(norm)
		if m == nil {
			return false
		}
		if lv == levelIndicator && m[1] < len(norm) && norm[m[1]] >= '0' && norm[m[1]] <= '9' {
			return false // "2.5倍" is text, not indicator 2
		}
		digits := norm[m[2]:m[3]]
		if chinese {
			num = parseChinese(digits)
		} else if n, err := strconv.Atoi(digits); err == nil && n <= 1_000_000 {
			num = n
		}
		level, rest = lv, whole.cut(m[1], len(norm))
		return true
	}
	switch {
	case try(reArea, levelArea, true), try(reCategory, levelCategory, true),
		try(reCriterion, levelCriterion, false), try(reIndicator, levelIndicator, false):
	default:
		return 0, 0, whole, true
	}
	if num <= 0 {
		if level <= levelCategory {
			p.problem(no, raw, "%s编号无法识别（应为一至九十九）", levelName(level))
		} else {
			p.problem(no, raw, "%s编号无法识别（应为 1 至 1000000 的整数）", levelName(level))
		}
		return 0, 0, span{}, false
	}
	return level, num, rest, true
}

// pointsLine attaches "(N分)" on a line of its own to the entry above that has none yet.
func (p *parser) pointsLine(no int, raw, pts string) {
	if len(p.areas) == 0 && p.titleLine != 0 && p.total == nil {
		p.statedTotal(no, raw, pts) // the title's "(100分)" on a line of its own
		return
	}
	if p.last == nil {
		p.problem(no, raw, "分值行之前没有指标或评分要点")
		return
	}
	if p.last.hasPoints {
		p.problem(no, raw, "多余的分值：上一项（第 %d 行）已有分值", p.last.line)
		return
	}
	p.setPoints(p.last, no, raw, pts)
}

// setPoints gives e the points read at line no; a bad value is reported there and marks the
// points as unknown (-1), so that "没有分值" and the sums above are not reported again.
func (p *parser) setPoints(e *entry, no int, raw, s string) {
	t, err := scoring.ParseTenths(s)
	switch {
	case errors.Is(err, scoring.ErrNotTenths):
		p.problem(no, raw, "分值 %s 不是 0.1 的整数倍", s)
	case err != nil:
		p.problem(no, raw, "分值 %s 无效", s)
	case t <= 0:
		p.problem(no, raw, "分值 %s 无效：必须大于 0", s)
	default:
		e.points, e.hasPoints = t, true
		return
	}
	e.points, e.hasPoints = -1, true
}

// plainLine is a line without numbering: a title line before the first 一、, a continuation
// of an entry whose points have not come yet, or a problem.
func (p *parser) plainLine(no int, raw, norm string) {
	if len(p.areas) == 0 {
		if reAnnex.MatchString(norm) {
			return
		}
		if p.titleLine == 0 {
			p.titleLine = no
		}
		s := span{orig: raw, norm: norm}
		if m := rePoints.FindStringSubmatchIndex(norm); m != nil && p.total == nil {
			p.statedTotal(no, raw, norm[m[2]:m[3]])
			s = s.cut(0, m[0])
		}
		p.title = append(p.title, cleanSpaces(s.orig))
		return
	}
	if m := reTotal.FindStringSubmatch(norm); m != nil {
		if p.total != nil {
			p.problem(no, raw, "总分写了两次（第 %d 行已有）", p.total.line)
			return
		}
		p.statedTotal(no, raw, m[1]+m[2])
		p.last = nil
		return
	}
	if p.last != nil && !p.last.hasPoints {
		s := span{orig: raw, norm: norm}
		if m := rePoints.FindStringSubmatchIndex(norm); m != nil {
			p.setPoints(p.last, no, raw, norm[m[2]:m[3]])
			s = s.cut(0, m[0])
		}
		p.last.text = join(p.last.text, cleanSpaces(s.orig))
		return
	}
	p.problem(no, raw, "无法识别：不以“一、”“(一)”“1.”“(1)”开头，也不是上一项的续行（上一项已有分值）")
}

// statedTotal remembers the total the text states, to be checked against the sum of the areas.
func (p *parser) statedTotal(no int, raw, pts string) {
	p.total = &entry{line: no, raw: raw}
	p.setPoints(p.total, no, raw, pts)
}

// add places an entry under its parent, checking that its numbering follows its elder sibling.
func (p *parser) add(e *entry) {
	if e.level == levelCriterion {
		p.checkCriterionNo(e) // numbered through the whole system, even when misplaced
	}
	var siblings *[]*entry
	switch e.level {
	case levelArea:
		siblings = &p.areas
	default:
		parent := p.parent(e.level - 1)
		if parent == nil {
			p.problem(e.line, e.raw, "%s之前没有%s", levelName(e.level), levelName(e.level-1))
			p.last = e // its points line and continuation belong to it, not to the entry above
			return
		}
		siblings = &parent.children
	}
	if e.level != levelCriterion {
		want := 1
		if n := len(*siblings); n > 0 {
			want = (*siblings)[n-1].no + 1
		}
		if e.no != want {
			p.numbering(e, want)
		}
	}
	*siblings = append(*siblings, e)
	p.last = e
}

// checkCriterionNo checks that criteria are numbered (1), (2), … through the whole system.
func (p *parser) checkCriterionNo(e *entry) {
	if p.critLine == nil {
		p.critLine = map[int]int{}
	}
	want := p.lastCrit + 1
	if e.no != want {
		if first, dup := p.critLine[e.no]; dup {
			p.problem(e.line, e.raw, "评分要点编号 (%d) 重复（第 %d 行已有），这里应为 (%d)", e.no, first, want)
		} else {
			p.numbering(e, want)
		}
	}
	if _, dup := p.critLine[e.no]; !dup {
		p.critLine[e.no] = e.line
	}
	p.lastCrit = e.no
}

// numbering reports a number that skips or repeats.
func (p *parser) numbering(e *entry, want int) {
	got := &entry{level: e.level, no: want}
	if e.no < want {
		p.problem(e.line, e.raw, "%s编号重复或倒退：这里应为“%s”", levelName(e.level), got.label())
	} else {
		p.problem(e.line, e.raw, "%s编号跳号：这里应为“%s”", levelName(e.level), got.label())
	}
}

// parent is the last entry at level (the open area, category or indicator).
func (p *parser) parent(level int) *entry {
	if len(p.areas) == 0 {
		return nil
	}
	e := p.areas[len(p.areas)-1]
	for lv := levelArea; lv < level; lv++ {
		if len(e.children) == 0 {
			return nil
		}
		e = e.children[len(e.children)-1]
	}
	return e
}

// finish checks names, points and sums at every level and builds the catalog.
func (p *parser) finish(opt Options) *scoring.Catalog {
	c := &scoring.Catalog{ID: opt.ID, NAPolicy: opt.NAPolicy, Materials: opt.Materials}
	c.Title = strings.TrimSpace(opt.Title)
	if c.Title == "" {
		c.Title = strings.Join(p.title, "")
		switch {
		case len(p.areas) == 0:
		case c.Title == "":
			p.problem(p.areas[0].line, p.areas[0].raw, "第一个一级指标之前没有指标体系名称（名称应在“一、”之前单独成行）")
		case utf8.RuneCountInString(c.Title) > maxTitle:
			p.problem(p.titleLine, p.title[0], "第一个“一、”之前的文字超过 %d 字，不像指标体系名称；请从“附件”或名称那一行开始粘贴", maxTitle)
		}
	}
	if len(p.areas) == 0 {
		p.problems = append(p.problems, Problem{Message: "没有找到一级指标（以“一、”开头、以“(N分)”结尾的行）"})
		return c
	}
	for _, a := range p.areas {
		area := scoring.Area{Title: a.text, Points: a.points}
		for _, cat := range a.children {
			category := scoring.Category{Title: cat.text, Points: cat.points}
			for _, ind := range cat.children {
				indicator := scoring.Indicator{Title: ind.text, Points: ind.points}
				for _, cr := range ind.children {
					p.check(cr, nil)
					indicator.Criteria = append(indicator.Criteria, scoring.Criterion{No: cr.no, Text: cr.text, Points: cr.points})
				}
				p.check(ind, ind.children)
				category.Indicators = append(category.Indicators, indicator)
			}
			if !cat.hasPoints {
				if sum, ok := sumOf(cat.children); ok {
					cat.points, cat.hasPoints = sum, true
					category.Points = sum
				}
			}
			p.check(cat, cat.children)
			area.Categories = append(area.Categories, category)
		}
		p.check(a, a.children)
		c.Areas = append(c.Areas, area)
		c.Total += a.points
	}
	if sum, ok := sumOf(p.areas); ok && p.total != nil && p.total.points >= 0 && p.total.points != sum {
		p.problem(p.total.line, p.total.raw, "总分 %s 与一级指标分值之和 %s 不符", p.total.points, sum)
	}
	return c
}

// check reports a missing name, missing points, no children or a sum that differs, at e's line.
func (p *parser) check(e *entry, children []*entry) {
	if e.text == "" {
		p.problem(e.line, e.raw, "%s“%s”没有内容", levelName(e.level), e.label())
	}
	if !e.hasPoints && e.level != levelCategory {
		p.problem(e.line, e.raw, "%s没有分值（应以“(N分)”结尾，或在下一行单独写“(N分)”）", levelName(e.level))
	}
	if e.level == levelCriterion {
		return
	}
	if len(children) == 0 {
		p.problem(e.line, e.raw, "%s“%s”下没有%s", levelName(e.level), e.label(), levelName(e.level+1))
		return
	}
	if sum, ok := sumOf(children); ok && e.hasPoints && e.points >= 0 && sum != e.points {
		p.problem(e.line, e.raw, "%s“%s”的分值 %s 与其%s分值之和 %s 不符", levelName(e.level), e.label(), e.points, levelName(e.level+1), sum)
	}
}

// sumOf adds the children's points; false when one of them has none (already reported).
func sumOf(children []*entry) (scoring.Tenths, bool) {
	var s scoring.Tenths
	for _, c := range children {
		if !c.hasPoints || c.points < 0 {
			return 0, false
		}
		s += c.points
	}
	return s, true
}

// parseChinese reads 一…九十九 as scoring.ChineseNumeral writes them; 0 when it is not one.
func parseChinese(s string) int {
	for n := 1; n < 100; n++ {
		if scoring.ChineseNumeral(n) == s {
			return n
		}
	}
	return 0
}

// span is a piece of a line in its original and normalized spelling, which have the same length
// in runes, so that what is recognized in the normalized form is cut from the original.
type span struct{ orig, norm string }

// cut returns the part between byte offsets i and j of the normalized form.
func (s span) cut(i, j int) span {
	ri, rj := utf8.RuneCountInString(s.norm[:i]), utf8.RuneCountInString(s.norm[:j])
	o := []rune(s.orig)
	n := []rune(s.norm)
	return span{orig: string(o[ri:rj]), norm: string(n[ri:rj])}
}

// normalize maps full-width ASCII (（）０-９．－), ideographic and no-break spaces and tabs to their
// ASCII form, rune for rune, for recognizing numbering and points; titles keep their own spelling.
func normalize(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '！' && r <= '～':
			return r - '！' + '!'
		case r == '\u3000', r == '\u00a0', r == '\t', r == '\u2002', r == '\u2003', r == '\u2009', r == '\u200b', r == '\ufeff':
			return ' '
		case r == '﹙':
			return '('
		case r == '﹚':
			return ')'
		}
		return r
	}, s)
}

// cleanSpaces trims a text and drops the stray spaces a document leaves between Chinese
// characters; a run of spaces between two Latin letters or digits becomes one space.
func cleanSpaces(s string) string {
	rs := []rune(strings.TrimSpace(normalizeSpaces(s)))
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		if rs[i] != ' ' {
			b.WriteRune(rs[i])
			continue
		}
		j := i
		for j < len(rs) && rs[j] == ' ' {
			j++
		}
		if rs[i-1] < utf8.RuneSelf && rs[j] < utf8.RuneSelf {
			b.WriteByte(' ')
		}
		i = j - 1
	}
	return b.String()
}

// normalizeSpaces maps every kind of space to ' ' and leaves everything else as written.
func normalizeSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u3000', '\u00a0', '\t', '\u2002', '\u2003', '\u2009', '\u200b', '\ufeff':
			return ' '
		}
		return r
	}, s)
}

// join appends a continuation line: directly after Chinese, with a space between Latin words.
func join(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	last, _ := utf8.DecodeLastRuneInString(a)
	first, _ := utf8.DecodeRuneInString(b)
	if last < utf8.RuneSelf && first < utf8.RuneSelf {
		return a + " " + b
	}
	return a + b
}

// shorten cuts s to n runes with an ellipsis, for quoting long lines in problems.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
