package export

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"sanxiang/assets"
	"sanxiang/export/cjk"
	"sanxiang/scoring"
)

// Every character a PDF prints by itself must be in the font subset: the subset is cut from
// staticText plus the assessment's own text, so a label character missing from staticText would
// print as □. This checks every string literal of the package's code.
func TestStaticTextCoversLiterals(t *testing.T) {
	var set runeSet
	for r := rune(0x20); r < 0x7F; r++ {
		set.add(r)
	}
	for _, r := range staticText {
		set.add(r)
	}
	cov, err := cjk.ParseCoverage(assets.FontRegular)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("*.go")
	missing := map[rune]bool{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "xlsx.go" {
			continue // the xlsx does not embed fonts
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
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
				if r >= 0x80 && !set.has(r) && cov.Has(r) {
					missing[r] = true
				}
			}
			return true
		})
	}
	if len(missing) > 0 {
		var rs []rune
		for r := range missing {
			rs = append(rs, r)
		}
		t.Errorf("add to staticText: %q", string(rs))
	}
	for _, r := range staticText {
		if !cov.Has(r) {
			t.Errorf("staticText has %q, which the font cannot draw", r)
		}
	}
}

// checkNoLoss asserts that a PDF printed no substitute box and that no drawn character was
// missing from the subset.
func checkNoBoxes(t *testing.T, name string, pages []string) {
	t.Helper()
	for i, p := range pages {
		if strings.ContainsRune(p, cjk.Substitute) {
			at := strings.IndexRune(p, cjk.Substitute)
			t.Errorf("%s page %d prints □: …%s…", name, i+1, shorten(p[max(0, at-30):]))
		}
	}
}

// The score sheet holds every criterion text in catalog order and every note, reason and
// rectification character for character; the report holds the narratives, 失分项 and 不适用项.
func TestPDFTextSample(t *testing.T) {
	a := sample(t)
	files := writeAll(t, a, Options{Digest: "ABCD-EFGH-JKLM"})
	keepOutput(t, "sample", files)
	sheet := pdfText(t, files.ScoreSheet)
	report := pdfText(t, files.Report)
	checkNoBoxes(t, "评分表", sheet)
	checkNoBoxes(t, "自评报告", report)
	checkSheet(t, a, sheet)

	all := squeeze(strings.Join(report, ""))
	for _, key := range []string{scoring.NarrativeUnitApplication, scoring.NarrativeModelApplication, scoring.NarrativeWorkSummary} {
		for _, para := range strings.Split(a.Narratives[key], "\n") {
			// a paragraph may run over a page break, where the footer text comes in between
			if p := squeeze(para); p != "" && !isSubsequence(p, all) {
				t.Errorf("report lacks narrative %s paragraph %q", key, shorten(p))
			}
		}
	}
	for _, no := range a.Catalog.Numbers() {
		ans := a.Answers[no]
		if ans.Status == scoring.NA && !strings.Contains(all, squeeze(ans.NAReason)) {
			t.Errorf("report lacks the N/A reason of %d", no)
		}
		if ans.Status == scoring.Scored && ans.DeductionReason != "" && !strings.Contains(all, squeeze(ans.DeductionReason)) {
			t.Errorf("report lacks the deduction reason of %d", no)
		}
	}
	r := scoring.Score(a.Catalog, a.Answers)
	for _, want := range []string{a.Unit.Name, "折算得分" + r.Converted.String(), "2020年12月15日", a.Unit.CreditCode} {
		if !strings.Contains(all, squeeze(want)) {
			t.Errorf("report lacks %q", want)
		}
	}
	// the digest and the page numbers are in every page footer of both PDFs
	for name, pages := range map[string][]string{"评分表": sheet, "自评报告": report} {
		for i, p := range pages {
			if !strings.Contains(p, "报送包校验码 ABCD-EFGH-JKLM") {
				t.Errorf("%s page %d lacks the digest", name, i+1)
			}
			if want := "第 " + strconv.Itoa(i+1) + " 页 共 " + strconv.Itoa(len(pages)) + " 页"; !strings.Contains(p, want) {
				t.Errorf("%s page %d lacks %q", name, i+1, want)
			}
		}
	}
	// the signature block is on the last page of the score sheet
	last := squeeze(sheet[len(sheet)-1])
	for _, f := range []string{"填报单位（盖章）", "单位主要负责人", "法制审核机构负责人", "填表人", "联系电话", "填报日期"} {
		if !strings.Contains(last, f) {
			t.Errorf("last page lacks %s", f)
		}
	}
}

// checkSheet finds every criterion text in order, then every user text of each criterion.
func checkSheet(t *testing.T, a *scoring.Assessment, pages []string) {
	t.Helper()
	all := squeeze(strings.Join(pages, ""))
	at := 0
	for _, no := range a.Catalog.Numbers() {
		ref, _ := a.Catalog.Criterion(no)
		text := squeeze(ref.Criterion.Text)
		i := strings.Index(all[at:], text)
		if i < 0 {
			t.Fatalf("criterion %d not found (in order) in the score sheet: %q", no, text)
		}
		at += i + len(text)
		ans := a.Answers[no]
		for _, s := range []string{ans.Note, ans.DeductionReason, ans.Rectification, ans.NAReason} {
			s = squeeze(cjk.Sanitize(s, func(rune) bool { return true }))
			if s != "" && !strings.Contains(all, s) {
				t.Errorf("criterion %d: user text missing or altered: %q", no, s)
			}
		}
	}
	// the header row is on every page (but a last page holding only the signature block)
	for i, p := range pages {
		if i == len(pages)-1 && !strings.Contains(p, "小计") {
			continue
		}
		if !strings.Contains(squeeze(p), "序号评分要点分值自评得分状态扣分原因自评说明整改措施佐证材料") {
			t.Errorf("score sheet page %d has no header row", i+1)
		}
	}
}

func shorten(s string) string {
	if r := []rune(s); len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}

func TestPDFTextRandom(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		policy := []scoring.NAPolicy{scoring.NARescale, scoring.NAFull, scoring.NAZero}[seed%3]
		a := randomAssessment(t, seed, builtin(t, policy))
		files := writeAll(t, a, Options{})
		sheet := pdfText(t, files.ScoreSheet)
		checkNoBoxes(t, "评分表", sheet)
		checkNoBoxes(t, "自评报告", pdfText(t, files.Report))
		checkSheet(t, a, sheet)
	}
}

// Hostile user text: a note taller than a page, control characters, characters outside the BMP
// and the font, punctuation everywhere. Nothing fails, nothing printable is lost.
func TestPDFHostileText(t *testing.T) {
	a := randomAssessment(t, 9, builtin(t, ""))
	long := strings.Repeat("超长说明，包含English words、数字12345与标点；（括号）「引号」……", 120)
	weird := "控制\x00字符\x07与\r\n换行\t制表𠀀扩展区\U0001F600表情\ue000私用\u200b零宽"
	ans := a.Answers[36]
	ans.Status, ans.Score, ans.Note, ans.Rectification = scoring.Scored, 0, long, weird
	a.Answers[36] = ans
	files := writeAll(t, a, Options{})
	keepOutput(t, "hostile", files)
	sheet := pdfText(t, files.ScoreSheet)
	all := squeeze(strings.Join(sheet, ""))
	if !isSubsequence(squeeze(long), all) {
		t.Error("the long note lost characters across pages")
	}
	if n := strings.Count(all, "超"); n < 120 {
		t.Errorf("long note: %d of 120 「超」 found", n)
	}
	want := squeeze("控制字符与\n换行 制表□扩展区□表情□私用零宽")
	if !strings.Contains(all, want) {
		t.Errorf("weird note printed wrongly; want %q in the score sheet", want)
	}
	pdfText(t, files.Report)
}

func TestPDFFontsEmbeddedSubset(t *testing.T) {
	if _, err := exec.LookPath("pdffonts"); err != nil {
		t.Fatal("pdffonts not found: install poppler-utils")
	}
	files := writeAll(t, sample(t), Options{})
	for _, p := range []string{files.ScoreSheet, files.Report} {
		out, err := exec.Command("pdffonts", p).Output()
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
		if len(lines) != 2 {
			t.Fatalf("%s: want 2 fonts, got:\n%s", p, out)
		}
		for _, l := range lines {
			f := strings.Fields(l)
			// name type... encoding emb sub uni
			n := len(f)
			if f[n-5] != "yes" || f[n-4] != "yes" || f[n-3] != "yes" || !strings.Contains(f[0], "+NotoSansSC") {
				t.Errorf("%s: font not embedded as an extractable subset: %s", p, l)
			}
		}
		st, _ := os.Stat(p)
		if st.Size() > 2<<20 {
			t.Errorf("%s is %d bytes: the font is not subset", p, st.Size())
		}
	}
}

// The report prints the materials the catalog declares, in its order, with its titles, fields
// and minimums; a text under a key the catalog does not declare is kept as 其他材料.
func TestReportPrintsTheCatalogsMaterials(t *testing.T) {
	a := sample(t)
	c := *a.Catalog
	c.Materials = []scoring.Material{
		{Key: "report", Title: "创建工作报告", MinChars: 500, Fields: []scoring.MaterialField{{Key: "leader", Title: "牵头领导"}}},
		{Key: scoring.NarrativeWorkSummary, Title: "年度总结"},
	}
	a.Catalog = &c
	a.Narratives = map[string]string{
		"report":                         "本单位建立了三项制度工作台账。",
		"leader":                         "张三",
		scoring.NarrativeWorkSummary:     "全年推进情况良好。",
		scoring.NarrativeUnitApplication: "旧目录下写的示范单位材料。",
	}
	files := writeAll(t, a, Options{})
	report := pdfText(t, files.Report)
	checkNoBoxes(t, "自评报告", report) // the catalog's titles are in the font subset
	all := squeeze(strings.Join(report, ""))
	order := []string{"（一）创建工作报告", "牵头领导：张三", "本单位建立了三项制度工作台账。", "（共14字，不足要求的500字）",
		"（二）年度总结", "全年推进情况良好。", "（三）其他材料（unit_application）", "旧目录下写的示范单位材料。"}
	at := 0
	for _, want := range order {
		i := strings.Index(all[at:], squeeze(want))
		if i < 0 {
			t.Fatalf("report lacks %q after position %d in %s", want, at, all[at:min(len(all), at+300)])
		}
		at += i
	}
	if strings.Contains(all, "示范单位申报材料") || strings.Contains(all, "执法标兵") {
		t.Error("report prints the built-in's material titles for a catalog that does not declare them")
	}
}
