package catalogtext

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"sanxiang/assets"
	"sanxiang/scoring"
)

func seedText(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "shaanxi-2020.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The seed's appendix, from 附件 to criterion (170), converts to the built-in catalog byte for byte.
func TestSeedAppendixIsTheBuiltinCatalog(t *testing.T) {
	data, c, err := Convert(strings.NewReader(seedText(t)), Options{ID: scoring.BuiltinID})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, assets.BuiltinCatalogJSON) {
		t.Fatalf("converted appendix differs from assets/catalogs/shaanxi-2020.json:\n%s", firstDiff(data, assets.BuiltinCatalogJSON))
	}
	b, err := scoring.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if c.Hash != b.Hash || c.Len() != 170 {
		t.Fatalf("hash %s len %d; built-in %s", c.Hash, c.Len(), b.Hash)
	}
}

func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return "line " + strconv.Itoa(i+1) + ":\n got  " + la[i] + "\n want " + lb[i]
		}
	}
	return "lengths differ"
}

// What comes out of a Word or PDF copy converts to the same catalog: Windows line ends, a BOM,
// full-width brackets and digits in the numbering and points, stray spaces, page numbers,
// table headers repeated on a new page, a criterion's text broken over two lines.
func TestToleratedNoise(t *testing.T) {
	want, _, err := Convert(strings.NewReader(seedText(t)), Options{ID: scoring.BuiltinID})
	if err != nil {
		t.Fatal(err)
	}
	wide := func(s string) string {
		return strings.Map(func(r rune) rune {
			switch {
			case r >= '0' && r <= '9':
				return r - '0' + '０'
			case r == '(':
				return '（'
			case r == ')':
				return '）'
			case r == '.':
				return '．'
			}
			return r
		}, s)
	}
	var b strings.Builder
	b.WriteString("\ufeff")
	for i, l := range strings.Split(seedText(t), "\n") {
		switch {
		case strings.HasPrefix(l, "(1)"): // the numbering and the points, full width, spaced out
			l = "  （ １ ）" + strings.TrimSuffix(strings.TrimPrefix(l, "(1)"), "(0.5分)") + " （０．５ 分） "
		case strings.HasPrefix(l, "(2)"):
			l = "(2)规定与《政府信息公开条例》 《中共中央办公厅" + strings.SplitN(l, "《中共中央办公厅", 2)[1]
		case strings.HasPrefix(l, "(5)"): // broken over two lines, points on the second
			head, tail := l[:len("(5)")+3*6], l[len("(5)")+3*6:]
			l = head + "\r\n" + tail
		case strings.HasPrefix(l, "(二)"):
			l = wide(l)
		case strings.HasPrefix(l, "3."):
			l = "3 . " + strings.TrimPrefix(l, "3.")
		}
		b.WriteString(l)
		b.WriteString("\r\n")
		if i == 200 {
			b.WriteString("\r\n- 3 -\r\n\r\n一级指标　二级指标　三级指标　工作要求及分值构成　备注\r\n\u3000\r\n— 4 —\r\n第 5 页 共 12 页\r\n")
		}
	}
	got, _, err := Convert(strings.NewReader(b.String()), Options{ID: scoring.BuiltinID})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("noisy text converts differently:\n%s", firstDiff(got, want))
	}
}

// A table copied out of Word comes row by row with tab-separated cells, empty where a heading's
// cell is merged over several rows; it converts to the same catalog as the paragraph text.
func TestTabSeparatedTableRows(t *testing.T) {
	want, _, err := Convert(strings.NewReader(seedText(t)), Options{ID: scoring.BuiltinID})
	if err != nil {
		t.Fatal(err)
	}
	var entries []string // one per entry, its points joined
	for _, l := range strings.Split(seedText(t), "\n") {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		if strings.HasPrefix(l, "(") && strings.HasSuffix(l, "分)") && !strings.ContainsAny(l[1:len(l)-len("分)")], "()一二三四五六七八九十") &&
			len(entries) > 0 && !strings.HasSuffix(entries[len(entries)-1], "分)") {
			entries[len(entries)-1] += l
			continue
		}
		entries = append(entries, l)
	}
	var b strings.Builder
	var row [4]string
	flush := func() {
		if row != [4]string{} {
			b.WriteString(strings.Join(row[:], "\t") + "\t\r\n") // the empty 备注 column
			row = [4]string{}
		}
	}
	for _, e := range entries {
		switch {
		case strings.HasPrefix(e, "一级指标"), e == "二级指标", e == "三级指标", e == "备注":
			continue
		case e == "工作要求及分值构成":
			b.WriteString("一级指标\t二级指标\t三级指标\t工作要求及分值构成\t备注\r\n")
		case reArea.MatchString(e):
			flush()
			row[0] = e
		case reCategory.MatchString(e):
			if row[1] != "" || row[3] != "" {
				flush()
			}
			row[1] = e
		case reCriterion.MatchString(e):
			if row[3] != "" {
				flush()
			}
			row[3] = e
		case reIndicator.MatchString(e):
			if row[2] != "" || row[3] != "" {
				flush()
			}
			row[2] = e
		default: // title lines
			b.WriteString(e + "\r\n")
		}
	}
	flush()
	table := b.String()
	if !strings.Contains(table, "一、全面推行行政执法公示制度(24分)\t(一)强化事前公开(8分)\t1.统筹推进") ||
		!strings.Contains(table, "\n\t\t\t(2)规定与") {
		t.Fatalf("table not built as Word copies it:\n%s", table[:600])
	}
	got, _, err := Convert(strings.NewReader(table), Options{ID: scoring.BuiltinID})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("table rows convert differently:\n%s", firstDiff(got, want))
	}
}

// Notepad saves "ANSI" (GBK on Chinese Windows) or "Unicode" (UTF-16 LE with BOM); both convert.
func TestEncodings(t *testing.T) {
	want, _, err := Convert(strings.NewReader(tiny), Options{ID: "t"})
	if err != nil {
		t.Fatal(err)
	}
	gbk := []byte{}
	{
		// "附件\n测试体系\n一、甲(1分)\n(一)乙\n1.丙(1分)\n(1)丁(1分)\n" in GBK, written out so that the test needs no encoder
		gbk = append(gbk, 0xB2, 0xE2, 0xCA, 0xD4, 0xCC, 0xE5, 0xCF, 0xB5, '\n') // 测试体系
		gbk = append(gbk, 0xD2, 0xBB, 0xA1, 0xA2, 0xBC, 0xD7, '(', '1', 0xB7, 0xD6, ')', '\n')
		gbk = append(gbk, '(', 0xD2, 0xBB, ')', 0xD2, 0xD2, '\n')
		gbk = append(gbk, '1', '.', 0xB1, 0xFB, '(', '1', 0xB7, 0xD6, ')', '\n')
		gbk = append(gbk, '(', '1', ')', 0xB6, 0xA1, '(', '1', 0xB7, 0xD6, ')', '\n')
	}
	got, _, err := Convert(bytes.NewReader(gbk), Options{ID: "t"})
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("GBK text: %v\n%s", err, got)
	}
	u16 := []byte{0xFF, 0xFE}
	for _, r := range tiny {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	got, _, err = Convert(bytes.NewReader(u16), Options{ID: "t"})
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("UTF-16 text: %v\n%s", err, got)
	}
	for _, bad := range [][]byte{{0xFF, 0xFE, 0x41}, {0x81, 0x20, 0x81}, []byte("一、\x00")} {
		if _, _, err := Convert(bytes.NewReader(bad), Options{ID: "t"}); err == nil || !hasHan(err.Error()) {
			t.Errorf("bytes %q: %v", bad, err)
		}
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}

const tiny = "测试体系\n一、甲(1分)\n(一)乙\n1.丙(1分)\n(1)丁(1分)\n"

// Every broken text is refused with the problem at the right line, in Chinese.
func TestBrokenTextsRefusedAtTheirLine(t *testing.T) {
	base := "附件\n" + // 1
		"某省指标体系\n" + // 2
		"一、公示(3分)\n" + // 3
		"(一)事前公开\n" + // 4
		"1.公开规定。(1分)\n" + // 5
		"(1)制定规定。(0.5分)\n" + // 6
		"(2)衔接规定。\n" + // 7
		"(0.5分)\n" + // 8
		"2.公开信息。(2分)\n" + // 9
		"(3)公开主体。(2分)\n" + // 10
		"二、记录(1分)\n" + // 11
		"(一)文字记录(1分)\n" + // 12
		"1.文书。(1分)\n" + // 13
		"(4)规范文书。(1分)\n" // 14
	if _, c, err := Convert(strings.NewReader(base), Options{ID: "t"}); err != nil {
		t.Fatalf("base text refused: %v", err)
	} else if c.Total != 40 || c.Title != "某省指标体系" || c.Areas[0].Categories[0].Points != 30 {
		t.Fatalf("base catalog %s %q %s", c.Total, c.Title, c.Areas[0].Categories[0].Points)
	}
	lines := strings.Split(strings.TrimSuffix(base, "\n"), "\n")
	edit := func(fn func(l []string) []string) string {
		l := append([]string(nil), lines...)
		return strings.Join(fn(l), "\n") + "\n"
	}
	set := func(n int, s string) string { return edit(func(l []string) []string { l[n-1] = s; return l }) }
	drop := func(n int) string { return edit(func(l []string) []string { return append(l[:n-1], l[n:]...) }) }
	for _, tc := range []struct {
		name string
		text string
		line int
		want string
	}{
		{"criterion without points", set(10, "(3)公开主体。"), 10, "评分要点没有分值"},
		{"points line lost", drop(8), 7, "评分要点没有分值"},
		{"indicator sum", set(6, "(1)制定规定。(0.4分)"), 5, "三级指标“1.”的分值 1 与其评分要点分值之和 0.9 不符"},
		{"category sum", set(12, "(一)文字记录(2分)"), 12, "二级指标“(一)”的分值 2 与其三级指标分值之和 1 不符"},
		{"area sum", set(3, "一、公示(4分)"), 3, "一级指标“一、”的分值 4 与其二级指标分值之和 3 不符"},
		{"area sum via category without points", set(9, "2.公开信息。(3分)"), 3, "与其二级指标分值之和 4 不符"},
		{"criterion skips", set(10, "(5)公开主体。(2分)"), 10, "评分要点编号跳号：这里应为“(3)”"},
		{"criterion repeats", set(10, "(2)公开主体。(2分)"), 10, "评分要点编号 (2) 重复（第 7 行已有），这里应为 (3)"},
		{"indicator skips", set(9, "3.公开信息。(2分)"), 9, "三级指标编号跳号：这里应为“2.”"},
		{"indicator repeats", set(9, "1.公开信息。(2分)"), 9, "三级指标编号重复或倒退：这里应为“2.”"},
		{"category does not start at 一", set(12, "(二)文字记录(1分)"), 12, "二级指标编号跳号：这里应为“(一)”"},
		{"area skips", set(11, "三、记录(1分)"), 11, "一级指标编号跳号：这里应为“二、”"},
		{"area repeats", set(11, "一、记录(1分)"), 11, "一级指标编号重复或倒退：这里应为“二、”"},
		{"indicator without criteria", edit(func(l []string) []string {
			return append(l[:13], "2.空的三级指标。(1分)")
		}), 14, "三级指标“2.”下没有评分要点"},
		{"category without indicators", edit(func(l []string) []string { return append(l, "(二)空的二级指标(1分)") }), 15, "二级指标“(二)”下没有三级指标"},
		{"area without categories", edit(func(l []string) []string { return append(l, "三、空的一级指标(1分)") }), 15, "一级指标“三、”下没有二级指标"},
		{"area without points", set(11, "二、记录"), 11, "一级指标没有分值"},
		{"indicator without points", set(13, "1.文书。"), 13, "三级指标没有分值"},
		{"points in hundredths", set(8, "(0.25分)"), 8, "分值 0.25 不是 0.1 的整数倍"},
		{"zero points", set(14, "(4)规范文书。(0分)"), 14, "必须大于 0"},
		{"extra points line", edit(func(l []string) []string { return append(l[:10], append([]string{"(1分)"}, l[10:]...)...) }), 11, "多余的分值"},
		{"stray text after a complete entry", edit(func(l []string) []string {
			return append(l[:10], append([]string{"备注：查看资料"}, l[10:]...)...)
		}), 11, "无法识别"},
		{"criterion before any indicator", set(5, "(1)顶替。(1分)"), 5, "评分要点之前没有三级指标"},
		{"category before any area", "名称\n(一)乙(1分)\n", 2, "二级指标之前没有一级指标"},
		{"criterion without text", set(6, "(1)(0.5分)"), 6, "评分要点“(1)”没有内容"},
		{"no title", drop(2), 2, "没有指标体系名称"},
		{"title too long", set(2, strings.Repeat("很长的正文", 20)), 2, "不像指标体系名称"},
		{"numeral beyond 九十九", set(11, "一百、记录(1分)"), 11, "无法识别"},
		{"criterion numbered 0", set(10, "(0)公开主体。(2分)"), 10, "评分要点编号无法识别（应为 1 至"},
		{"area numeral that is not one", set(11, "十十、记录(1分)"), 11, "一级指标编号无法识别（应为一至九十九）"},
		{"stated total in the title differs", set(2, "某省指标体系（5分）"), 2, "总分 5 与一级指标分值之和 4 不符"},
		{"合计 line differs", edit(func(l []string) []string { return append(l, "合计：3分") }), 15, "总分 3 与一级指标分值之和 4 不符"},
		{"two 合计 lines", edit(func(l []string) []string { return append(l, "合计(40分)", "总分 40") }), 16, "总分写了两次"},
		{"huge criterion number", set(10, "(99999999999999999999)公开主体。(2分)"), 10, "编号无法识别"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, c, err := Convert(strings.NewReader(tc.text), Options{ID: "t"})
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("accepted (%v) or not a problem list: %v", c != nil, err)
			}
			for _, p := range pe.Problems {
				if p.Line == tc.line && strings.Contains(p.Message, tc.want) {
					if !strings.Contains(err.Error(), "第 "+strconv.Itoa(tc.line)+" 行") {
						t.Fatalf("error text does not name line %d: %s", tc.line, err)
					}
					return
				}
			}
			t.Fatalf("no problem %q at line %d in:\n%s", tc.want, tc.line, err)
		})
	}
}

// A total stated after the title or in a 合计 line is checked and left out of the title.
func TestStatedTotal(t *testing.T) {
	body := "一、甲(1分)\n(一)乙\n1.丙(1分)\n(1)丁(1分)\n"
	for _, text := range []string{
		"附件\n某省指标体系(1分)\n" + body,
		"某省指标体系\n（１分）\n" + body,
		"某省指标体系\n" + body + "合计\t1分\n",
		"某省指标体系\n" + body + "总 分：（1）\n",
	} {
		_, c, err := Convert(strings.NewReader(text), Options{ID: "t"})
		if err != nil {
			t.Errorf("%q: %v", text, err)
			continue
		}
		if c.Title != "某省指标体系" || c.Total != 10 {
			t.Errorf("%q: title %q total %s", text, c.Title, c.Total)
		}
	}
}

// A (N分) line after a line whose numbering was refused belongs to it: not reported again.
func TestPointsAfterBadNumberNotExtra(t *testing.T) {
	_, _, err := Convert(strings.NewReader("名称\n一、甲(1分)\n(一)乙\n1.丙(1分)\n(1)丁(1分)\n(十十)戊\n(1分)\n"), Options{ID: "t"})
	var pe *Error
	if !errors.As(err, &pe) || len(pe.Problems) != 1 || pe.Problems[0].Line != 6 || !strings.Contains(pe.Problems[0].Message, "二级指标编号无法识别") {
		t.Fatalf("want only the numbering problem at line 6, got %v", err)
	}
}

// A heading whose criteria are numbered wrongly is reported once, not at every following line.
func TestOneProblemPerBreak(t *testing.T) {
	text := "名称\n一、甲(4分)\n(一)乙(4分)\n1.丙(4分)\n(1)a(1分)\n(3)b(1分)\n(4)c(1分)\n(5)d(1分)\n"
	_, _, err := Convert(strings.NewReader(text), Options{ID: "t"})
	var pe *Error
	if !errors.As(err, &pe) || len(pe.Problems) != 1 || pe.Problems[0].Line != 6 {
		t.Fatalf("want one problem at line 6, got %v", err)
	}
}

func TestNoIndicatorSystem(t *testing.T) {
	for _, text := range []string{"", "\n\n", "只是一段说明文字。\n"} {
		_, _, err := Convert(strings.NewReader(text), Options{ID: "t"})
		var pe *Error
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), "没有找到一级指标") {
			t.Errorf("%q: %v", text, err)
		}
	}
}

func TestOptions(t *testing.T) {
	if _, _, err := Convert(strings.NewReader(tiny), Options{}); err == nil || !strings.Contains(err.Error(), "编号") {
		t.Fatalf("missing id: %v", err)
	}
	if _, _, err := Convert(strings.NewReader(tiny), Options{ID: "t", NAPolicy: "magic"}); err == nil || !strings.Contains(err.Error(), "计分方式") {
		t.Fatalf("bad policy: %v", err)
	}
	own := []scoring.Material{{Key: "report", Title: "创建报告", MinChars: 300}}
	_, c, err := Convert(strings.NewReader(tiny), Options{ID: "next-2025", Title: "另一个名称", NAPolicy: scoring.NAZero, Materials: own})
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != "next-2025" || c.Title != "另一个名称" || c.NAPolicy != scoring.NAZero || !reflect.DeepEqual(c.Materials, own) {
		t.Fatalf("options not applied: %+v", c)
	}
	_, c, err = Convert(strings.NewReader(tiny), Options{ID: "t", Materials: []scoring.Material{}})
	if err != nil || len(c.Materials) != 0 {
		t.Fatalf("no materials: %v %+v", err, c.Materials)
	}
	_, c, err = Convert(strings.NewReader(tiny), Options{ID: "t"})
	if err != nil {
		t.Fatal(err)
	}
	def, _ := scoring.DefaultMaterials()
	if !reflect.DeepEqual(c.Materials, def) {
		t.Fatalf("default materials %+v", c.Materials)
	}
	big := strings.Repeat("一", MaxInput/3+1)
	if _, _, err := Convert(strings.NewReader(big), Options{ID: "t"}); err == nil || !strings.Contains(err.Error(), "过大") {
		t.Fatalf("oversized text: %v", err)
	}
}

func FuzzConvert(f *testing.F) {
	f.Add([]byte(tiny))
	f.Add([]byte("附件\n名称\n一、甲(1分)\n(一)乙\n1.丙\n(1分)\n(1)丁\n(1分)\n- 2 -\n"))
	f.Add([]byte("（一）（１）１．一、(0.25分)\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, c, err := Convert(bytes.NewReader(data), Options{ID: "f"})
		if err != nil {
			var pe *Error
			if errors.As(err, &pe) {
				if len(pe.Problems) == 0 {
					t.Fatal("refused without a problem")
				}
				for _, p := range pe.Problems {
					if !hasHan(p.Message) {
						t.Fatalf("problem not in Chinese: %q", p.Message)
					}
				}
			}
			return
		}
		back, err := scoring.ParseCatalog(out)
		if err != nil {
			t.Fatalf("converter wrote a file the loader refuses: %v", err)
		}
		if back.Hash != c.Hash || back.Len() != c.Len() {
			t.Fatal("returned catalog is not the written file")
		}
	})
}

// BenchmarkConvertSeed converts the seed's appendix (170 criteria, 28 KB); see docs/catalog-format.md.
func BenchmarkConvertSeed(b *testing.B) {
	text := seedText(b)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, _, err := Convert(strings.NewReader(text), Options{ID: scoring.BuiltinID}); err != nil {
			b.Fatal(err)
		}
	}
}
