package bureau

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"sanxiang/export"
	"sanxiang/scoring"
	"sanxiang/scoring/review"
)

var testDate = time.Date(2020, 12, 20, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))

// code makes a valid 统一社会信用代码 from a 17-character body.
func code(body string) string {
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	w := [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	sum := 0
	for i, r := range body {
		sum += strings.IndexRune(chars, r) * w[i]
	}
	return body + string(chars[(31-sum%31)%31])
}

// testUnits are five units of 2020 on the built-in catalog (one answered fully and re-scored,
// two tied, one with everything N/A, one with the nominee) and one of 2019 for the history.
func testUnits(t testing.TB) []review.Unit {
	t.Helper()
	cat, err := scoring.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	mk := func(name, body string, year int, score func(no int, pts scoring.Tenths) scoring.Answer) *scoring.Assessment {
		a := &scoring.Assessment{Catalog: cat, Year: year, Unit: scoring.Unit{Name: name, CreditCode: code(body)},
			Answers: map[int]scoring.Answer{}, Narratives: map[string]string{}}
		for _, no := range cat.Numbers() {
			ref, _ := cat.Criterion(no)
			a.Answers[no] = score(no, ref.Criterion.Points)
		}
		return a
	}
	full := func(no int, pts scoring.Tenths) scoring.Answer {
		return scoring.Answer{No: no, Status: scoring.Scored, Score: pts}
	}
	minusOne := func(no int, pts scoring.Tenths) scoring.Answer {
		s := pts
		if no%10 == 0 {
			s = 0
		}
		return scoring.Answer{No: no, Status: scoring.Scored, Score: s}
	}
	allNA := func(no int, pts scoring.Tenths) scoring.Answer {
		return scoring.Answer{No: no, Status: scoring.NA, NAReason: "无此职能"}
	}
	a := mk("西安市雁塔区市场监督管理局", "11610113MB0000001", 2020, full)
	a.Narratives["model_name"] = "李明"
	a.Narratives["model_post"] = "执法大队副大队长"
	a.Narratives["model_certificate"] = "61010020001"
	a.Narratives["model_application"] = strings.Repeat("李明同志十年如一日坚守执法一线。", 60)
	a.Narratives["unit_application"] = strings.Repeat("我局全面推行三项制度。", 117)
	b := mk("雁塔区城市管理和综合执法局", "11610113MB0000002", 2020, minusOne)
	c := mk("雁塔区文化和旅游局", "11610113MB0000003", 2020, minusOne)
	d := mk("雁塔区档案馆", "11610113MB0000004", 2020, allNA)
	old := mk(a.Unit.Name, "11610113MB0000001", 2019, minusOne)
	return []review.Unit{
		{Assessment: a, Digest: "ABCD-EFGH-JKLM", Verified: true, EvidenceFiles: 40, MissingEvidence: 1,
			Review: &review.Review{Reviewer: "王喆", Conclusion: "自评基本属实，评分要点(36)(52)佐证不足，予以扣分。", Status: review.Done,
				Items: map[int]review.Item{
					36: {No: 36, Score: 3, Comment: "公示信息不全，仅公示了执法主体"},
					52: {No: 52, NA: true, Comment: "本单位无行政强制职能"},
					60: {No: 60, Score: 10, Comment: "属实"},
				}}},
		{Assessment: b, Digest: "NPQR-TUWX-Y234", Verified: true, Review: &review.Review{Status: review.Done}},
		{Assessment: c, Digest: "5678-9ABC-DEFG", Verified: false, Review: &review.Review{Status: review.InProgress}},
		{Assessment: d},
		{Assessment: old, Review: &review.Review{Status: review.Done}},
	}
}

func testInput(t testing.TB) *Input {
	t.Helper()
	in, err := Collect(testUnits(t), 2020, scoring.BuiltinID)
	if err != nil {
		t.Fatal(err)
	}
	in.Bureau = "西安市雁塔区司法局"
	in.Date = testDate
	in.Marks = review.Marks{Units: map[string]bool{code("11610113MB0000001"): true}, Persons: map[string]bool{code("11610113MB0000001"): true}}
	return in
}

func TestCollect(t *testing.T) {
	in := testInput(t)
	var got []string
	for _, u := range in.Units {
		got = append(got, fmt.Sprintf("%d %s", u.Rank, u.Unit.Name))
	}
	// 雁塔区市场监督管理局: 100 − (criterion 36: 0.5 → 0.3) − (52 N/A) ; the two minus-one units tie
	want := "1 西安市雁塔区市场监督管理局; 2 雁塔区城市管理和综合执法局; 2 雁塔区文化和旅游局; 0 雁塔区档案馆"
	if strings.Join(got, "; ") != want {
		t.Errorf("order %s\nwant %s", strings.Join(got, "; "), want)
	}
	if len(in.Units[0].History) != 1 || in.Units[0].History[0].Year != 2019 {
		t.Errorf("history %+v", in.Units[0].History)
	}
	if _, err := Collect(testUnits(t), 2021, scoring.BuiltinID); err == nil {
		t.Error("an empty group must be refused")
	}
}

func writeAll(t *testing.T, in *Input) (string, Files) {
	t.Helper()
	dir := t.TempDir()
	files, err := WriteAll(dir, in)
	if err != nil {
		t.Fatal(err)
	}
	if keep := os.Getenv("SANXIANG_EXPORT_KEEP"); keep != "" {
		out, _ := exec.Command("cp", "-r", dir+"/.", keep).CombinedOutput()
		t.Logf("kept in %s %s", keep, out)
	}
	return dir, files
}

// TestWorkbookRecalculates: every total, converted score and rank of 复核排名, recalculated by
// excelize from the formulas, equals what scoring/review computed; changing a score in
// 一级指标对比 moves the totals, converted scores and ranks.
func TestWorkbookRecalculates(t *testing.T) {
	in := testInput(t)
	_, files := writeAll(t, in)
	f, err := excelize.OpenFile(files.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	calc := func(sheet, c string) string {
		v, err := f.CalcCellValue(sheet, c)
		if err != nil {
			t.Fatalf("%s!%s: %v", sheet, c, err)
		}
		return v
	}
	num := func(s string) string { // "95.3" / "95.30" / "95" → the same text for comparison
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			return strconv.FormatFloat(v, 'f', 2, 64)
		}
		return s
	}
	conv := func(r scoring.Result) string {
		if !r.ConvertedOK {
			return "无法计算"
		}
		return num(r.Converted.String())
	}
	for i, u := range in.Units {
		r := firstRow + i
		checks := []struct{ col, want string }{
			{"E", num(u.Self.Overall.Score.String())}, {"G", conv(u.Self)},
			{"H", num(u.Review.Overall.Score.String())}, {"J", conv(u.Review)},
			{"A", map[bool]string{true: num(strconv.Itoa(u.Rank)), false: "—"}[u.Rank > 0]},
		}
		for _, c := range checks {
			if got := num(calc(sheetRanking, fmt.Sprintf("%s%d", c.col, r))); got != c.want {
				t.Errorf("%s %s%d = %s, want %s", u.Unit.Name, c.col, r, got, c.want)
			}
		}
	}
	if in.Units[0].Review.Overall.Score == in.Units[0].Self.Overall.Score {
		t.Fatal("test data: the first unit must be re-scored")
	}
	// the reviewer lowers the first unit's first area by 10 points in Excel: it drops to rank 3
	if err := f.SetCellFloat(sheetAreas, "D3", in.Units[0].Review.Areas[0].Score.Float()-10, 1, 64); err != nil {
		t.Fatal(err)
	}
	if got := calc(sheetRanking, "A3"); got != "3" {
		t.Errorf("rank after lowering by 10 points = %s, want 3", got)
	}
	if got, want := num(calc(sheetRanking, "H3")), num((in.Units[0].Review.Overall.Score - 100).String()); got != want {
		t.Errorf("review total after the change = %s, want %s", got, want)
	}
	// the changes sheet lists the re-scored and commented criteria
	rows, err := f.GetRows(sheetChanges)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, r := range rows[2:] {
		lines = append(lines, strings.Join(r, "|"))
	}
	text := strings.Join(lines, "\n")
	for _, want := range []string{"|36|", "|1.0|1.0|0.3|改分|公示信息不全", "|52|", "|0.5|0.5|不适用|改分|本单位无行政强制职能", "|60|", "|0.5|0.5|0.5|意见|属实"} {
		if !strings.Contains(text, want) {
			t.Errorf("改分明细 lacks %q:\n%s", want, text)
		}
	}
	// A4 landscape, fitted to the width, full calculation on load
	for _, s := range []string{sheetRanking, sheetAreas, sheetChanges} {
		pl, err := f.GetPageLayout(s)
		if err != nil || pl.Orientation == nil || *pl.Orientation != "landscape" || pl.Size == nil || *pl.Size != 9 {
			t.Errorf("%s page layout %+v %v", s, pl, err)
		}
	}
	cp, err := f.GetCalcProps()
	if err != nil || cp.FullCalcOnLoad == nil || !*cp.FullCalcOnLoad {
		t.Errorf("fullCalcOnLoad not set: %+v %v", cp, err)
	}
}

// pdfText extracts a PDF's text (pdftotext -raw) with all white space removed.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext not found: install poppler-utils")
	}
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, string(out))
}

// inOrder reports the first of wants (white space removed) not found in text after the previous.
func inOrder(text string, wants ...string) string {
	pos := 0
	for _, w := range wants {
		w = strings.Join(strings.Fields(w), "")
		i := strings.Index(text[pos:], w)
		if i < 0 {
			return w
		}
		pos += i + len(w)
	}
	return ""
}

func TestOpinionPDFText(t *testing.T) {
	in := testInput(t)
	_, files := writeAll(t, in)
	u := in.Units[0]
	text := pdfText(t, files.Opinions[u.Unit.CreditCode])
	if missing := inOrder(text,
		"三项制度示范创建复核意见书", "被复核单位：西安市雁塔区市场监督管理局", "统一社会信用代码："+u.Unit.CreditCode,
		"评价年度：2020 年度", "报送包校验码：ABCD-EFGH-JKLM", "复核人：王喆", "复核状态：已复核", "名次：1（共 4 个单位）",
		"一、得分情况", "合计 100 100 "+u.Review.Overall.Score.String(),
		"折算得分（百分制）100 100.00 "+u.Review.Converted.String(),
		"二、改动得分的评分要点（2 项）", "36", "1 1 0.3 公示信息不全，仅公示了执法主体", "52", "0.5 0.5 不适用 本单位无行政强制职能",
		"三、其他复核意见（1 项，得分未变）", "60", "0.5 0.5 0.5 属实",
		"四、复核结论", "自评基本属实，评分要点(36)(52)佐证不足，予以扣分。",
		"复核人（签字）：", "复核单位（盖章）：西安市雁塔区司法局", "日期：2020年12月20日",
	); missing != "" {
		t.Errorf("复核意见书 lacks %q in order:\n%s", missing, text)
	}
	if strings.Contains(text, "□") {
		t.Errorf("复核意见书 prints □:\n%s", text)
	}
	// a unit nobody re-scored says so
	text = pdfText(t, files.Opinions[in.Units[3].Unit.CreditCode])
	if missing := inOrder(text, "复核状态：未复核", "名次：—", "无法计算", "二、改动得分的评分要点（0 项）",
		"复核未改动任何评分要点的得分", "三、复核结论", "（未填写）"); missing != "" {
		t.Errorf("unreviewed unit's 复核意见书 lacks %q:\n%s", missing, text)
	}
}

func TestRecommendationPDFText(t *testing.T) {
	in := testInput(t)
	_, files := writeAll(t, in)
	text := pdfText(t, files.Recommendation)
	u := in.Units[0]
	if missing := inOrder(text,
		"2020 年度三项制度示范创建推荐名单", "推荐单位：西安市雁塔区司法局", "参评单位：4 个",
		"一、复核排名", "1 西安市雁塔区市场监督管理局 100.00 "+u.Review.Converted.String()+" 2 已复核 示范单位、执法标兵",
		"2 雁塔区城市管理和综合执法局", "2 雁塔区文化和旅游局", "复核中", "— 雁塔区档案馆 无法计算 无法计算 0 未复核",
		"二、推荐全省行政执法示范单位（名额 1 个）", "西安市雁塔区市场监督管理局", u.Unit.CreditCode, "示范单位申报材料 1170 字（要求不少于 1200 字，不足）",
		"三、推荐全省行政执法标兵（名额 1 名）", "李明 执法大队副大队长 61010020001", "西安市雁塔区市场监督管理局", "900 字",
		"2020 年 "+u.Review.Converted.String(), "2019 年",
		"推荐单位（盖章）：西安市雁塔区司法局", "负责人（签字）：", "经办人（签字）：", "日期：2020年12月20日",
	); missing != "" {
		t.Errorf("推荐名单 lacks %q in order:\n%s", missing, text)
	}
	if strings.Contains(text, "□") {
		t.Errorf("推荐名单 prints □:\n%s", text)
	}
	// nothing recommended
	in.Marks = review.Marks{}
	_, files = writeAll(t, in)
	if missing := inOrder(pdfText(t, files.Recommendation), "二、推荐全省行政执法示范单位", "（未推荐）", "三、推荐全省行政执法标兵", "（未推荐）"); missing != "" {
		t.Errorf("empty recommendation lacks %q", missing)
	}
}

// TestWriteAllRefusesAndKeepsOldFiles: bad marks refuse before anything is written; a failure
// while writing leaves the earlier export exactly as it was and no new file.
func TestWriteAllRefusesAndKeepsOldFiles(t *testing.T) {
	in := testInput(t)
	dir := t.TempDir()
	bad := *in
	bad.Marks = review.Marks{Units: map[string]bool{code("11610113MB0000003"): true}}
	if _, err := WriteAll(dir, &bad); err == nil || err.Error() != "“雁塔区文化和旅游局”尚未复核完成（复核中），不能推荐为示范单位" {
		t.Fatalf("bad marks: %v", err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Fatalf("refused export left %v", ents)
	}
	files, err := WriteAll(dir, in)
	if err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	// make one opinion impossible: its path becomes a folder
	victim := files.Opinions[in.Units[2].Unit.CreditCode]
	if err := os.Remove(victim); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(victim, 0o755); err != nil {
		t.Fatal(err)
	}
	delete(before, victim)
	before[victim+"/"] = ""
	in.Units[0].Record.Conclusion = "改过的结论"
	if _, err := WriteAll(dir, in); err == nil || !strings.Contains(err.Error(), "是一个文件夹") {
		t.Fatalf("write over a folder: %v", err)
	}
	after := snapshot(t, dir)
	if fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("a failed export changed the folder:\nbefore %v\nafter  %v", keys(before), keys(after))
	}
	// a failure in the middle of rendering (here: a unit whose results do not match the catalog,
	// which panics inside the PDF code) aborts every temporary file
	if err := os.Remove(victim); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(victim, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	delete(before, victim+"/")
	before[victim] = "old"
	in.Units[3].Self.Areas = nil
	if _, err := WriteAll(dir, in); err == nil || !strings.Contains(err.Error(), "内部错误") {
		t.Fatalf("panic while rendering: %v", err)
	}
	if after := snapshot(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("a failed export changed the folder:\nbefore %v\nafter  %v", keys(before), keys(after))
	}
	fresh := t.TempDir()
	if _, err := WriteAll(fresh, in); err == nil {
		t.Fatal("expected the failure again")
	}
	if ents, _ := os.ReadDir(fresh); len(ents) != 0 {
		t.Errorf("a failed first export left %v", ents)
	}
	if _, err := WriteAll(filepath.Join(dir, "不存在"), in); err == nil {
		t.Error("a missing output folder must be refused")
	}
}

func snapshot(t *testing.T, dir string) map[string]string {
	out := map[string]string{}
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || p == dir {
			return err
		}
		if fi.IsDir() {
			out[p+"/"] = ""
			return nil
		}
		b, _ := os.ReadFile(p)
		out[p] = string(b)
		return nil
	})
	return out
}

func keys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, filepath.Base(k))
	}
	return ks
}

func TestOpinionNames(t *testing.T) {
	us := []Unit{
		{Ranked: review.Ranked{Summary: review.Summary{Unit: scoring.Unit{Name: "甲局", CreditCode: "A"}}}},
		{Ranked: review.Ranked{Summary: review.Summary{Unit: scoring.Unit{Name: "乙/丙局?", CreditCode: "B"}}}},
		{Ranked: review.Ranked{Summary: review.Summary{Unit: scoring.Unit{Name: "甲局", CreditCode: "C"}}}},
		{Ranked: review.Ranked{Summary: review.Summary{Unit: scoring.Unit{Name: "", CreditCode: "D"}}}},
	}
	got := OpinionNames(us)
	want := map[string]string{"A": "复核意见书_甲局_A.pdf", "B": "复核意见书_乙_丙局_.pdf", "C": "复核意见书_甲局_C.pdf", "D": "复核意见书_（未填写单位名称）.pdf"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("names %v, want %v", got, want)
	}
}

// TestStaticTextCoversLiterals: every character of every string literal of this package is in
// the font subset cut from the static texts alone, so no label ever prints as □.
func TestStaticTextCoversLiterals(t *testing.T) {
	fs, err := export.CutFonts(func(add func(string)) { add(staticText) })
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		for name, f := range p.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					return true
				}
				for _, r := range s {
					if r > 0x7f && !fs.Has(r) && r != '\uFFFD' {
						t.Errorf("%s: %q of %q is not in staticText", name, r, s)
					}
				}
				return true
			})
		}
	}
}

func TestInputChecks(t *testing.T) {
	if _, err := WriteAll(t.TempDir(), &Input{}); err == nil || err.Error() != "没有可导出的复核单位" {
		t.Errorf("empty input: %v", err)
	}
	in := testInput(t)
	in.Units[1].Assessment = &scoring.Assessment{Catalog: &scoring.Catalog{ID: "other"}}
	err := WriteWorkbook(filepath.Join(t.TempDir(), NameWorkbook), in)
	if err == nil || !strings.Contains(err.Error(), "不能与其他单位一起导出") {
		t.Errorf("mixed catalogs: %v", err)
	}
	in = testInput(t)
	dir := t.TempDir()
	if err := WriteOpinion(filepath.Join(dir, "x.pdf"), in, "nobody"); err == nil {
		t.Error("unknown unit")
	}
	if err := WriteOpinion(filepath.Join(dir, "x.pdf"), in, in.Units[1].Unit.CreditCode); err != nil {
		t.Error(err)
	}
	if err := WriteRecommendation(filepath.Join(dir, NameRecommendation), in); err != nil {
		t.Error(err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("files %v", ents)
	}
	var pe *os.PathError
	_ = errors.As(nil, &pe)
}

// TestWriteAllContextProgressAndCancel: the progress counts every document up to the total (the
// 复核意见书 as 第 k/n 家 with the unit's name); a cancel in the middle returns ErrCanceled and
// leaves a fresh folder empty and an earlier export exactly as it was.
func TestWriteAllContextProgressAndCancel(t *testing.T) {
	in := testInput(t)
	dir := t.TempDir()
	var got []string
	if _, err := WriteAllContext(context.Background(), dir, in, func(p Progress) {
		got = append(got, fmt.Sprintf("%d/%d %d/%d %s", p.Done, p.Total, p.Unit, p.Units, p.Name))
	}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"0/6 0/4 " + NameWorkbook,
		"1/6 0/4 " + NameRecommendation,
		"2/6 1/4 " + in.Units[0].Unit.Name,
		"3/6 2/4 " + in.Units[1].Unit.Name,
		"4/6 3/4 " + in.Units[2].Unit.Name,
		"5/6 4/4 " + in.Units[3].Unit.Name,
		"6/6 0/4 ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("progress\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	in.Units[0].Record.Conclusion = "改过的结论"
	for _, c := range []struct {
		name     string
		dir      string
		cancelAt int // the unit whose 复核意见书 is about to be written when 取消 is pressed
	}{{"earlier export", dir, 3}, {"fresh folder", t.TempDir(), 1}, {"last unit", t.TempDir(), 4}} {
		t.Run(c.name, func(t *testing.T) {
			before := snapshot(t, c.dir)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			calls := 0
			_, err := WriteAllContext(ctx, c.dir, in, func(p Progress) {
				calls++
				if p.Unit == c.cancelAt {
					cancel()
				}
			})
			if !errors.Is(err, ErrCanceled) {
				t.Fatalf("canceled export = %v, want ErrCanceled", err)
			}
			if calls != 2+c.cancelAt {
				t.Errorf("%d progress calls after the cancel at unit %d", calls, c.cancelAt)
			}
			if after := snapshot(t, c.dir); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("a canceled export changed the folder:\nbefore %v\nafter  %v", keys(before), keys(after))
			}
		})
	}
}
