package export

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"sanxiang/exchange"
	"sanxiang/scoring"
)

// testDate is the 填报日期 of every test export, so outputs are reproducible.
var testDate = time.Date(2020, 12, 15, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// sample reads testdata/sample-assessment.json with its evidence resolved to real files.
func sample(t testing.TB) *scoring.Assessment {
	t.Helper()
	a, err := exchange.ReadFile(filepath.Join("..", "testdata", "sample-assessment.json"), testCats)
	if err != nil {
		t.Fatalf("sample assessment: %v", err)
	}
	return a
}

// phrases are bits of what officers write, mixing Chinese, Latin, digits and punctuation.
var phrases = []string{
	"已按要求落实，", "制定了《行政执法公示办法》", "2020年7月1日起施行。", "见附件3-2；", "（详见门户网站 www.example.gov.cn）",
	"执法人员128名", "抽查比例5.5%", "“双随机、一公开”", "整改期限：2020-12-31", "Email: fzk@example.cn", "……",
	"一是加强培训；二是完善制度！", "ABC-123", "第39条", "已完成？", "【重点】", "责任人：李明、张慧。",
}

// randomText joins n random phrases.
func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(phrases[r.IntN(len(phrases))])
	}
	return b.String()
}

// randomAssessment answers every criterion of cat at random: scored (any tenth up to full
// points), N/A or unanswered, with notes, reasons and evidence paths that may not exist.
func randomAssessment(t testing.TB, seed uint64, cat *scoring.Catalog) *scoring.Assessment {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, seed*7+1))
	a := &scoring.Assessment{Catalog: cat, Year: 2019 + r.IntN(5), Answers: map[int]scoring.Answer{},
		Unit:       scoring.Unit{Name: "测试市" + randomText(r, 1) + "执法局", CreditCode: "11610113MB12345675", Contact: "王喆", Phone: "029-85550123"},
		Narratives: map[string]string{}}
	for _, no := range cat.Numbers() {
		ref, _ := cat.Criterion(no)
		pts := ref.Criterion.Points
		ans := scoring.Answer{No: no}
		switch k := r.IntN(10); {
		case k < 7:
			ans.Status = scoring.Scored
			ans.Score = scoring.Tenths(r.Int64N(int64(pts) + 1))
			ans.Note = randomText(r, 1+r.IntN(4))
			if ans.Score < pts {
				ans.DeductionReason = randomText(r, 1+r.IntN(3))
				ans.Rectification = randomText(r, r.IntN(3))
			}
			for i := r.IntN(3); i > 0; i-- {
				ans.Evidence = append(ans.Evidence, scoring.Evidence{Path: fmt.Sprintf("佐证材料/%03d_证明%d.pdf", no, i),
					Size: int64(r.IntN(1 << 20)), SHA256: strings.Repeat("ab", 32), Added: testDate})
			}
		case k < 8:
			ans.Status = scoring.NA
			ans.NAReason = randomText(r, 1+r.IntN(2))
		}
		if ans.Status != scoring.Unanswered || r.IntN(2) == 0 {
			a.Answers[no] = ans
		}
	}
	if r.IntN(2) == 0 {
		a.Narratives[scoring.NarrativeWorkSummary] = randomText(r, 40)
		a.Narratives[scoring.NarrativeModelName] = "李明"
		a.Narratives[scoring.NarrativeModelApplication] = randomText(r, 60)
	}
	return a
}

// builtin is the embedded catalog, or a copy with another N/A policy.
func builtin(t testing.TB, policy scoring.NAPolicy) *scoring.Catalog {
	t.Helper()
	c, err := scoring.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if policy != "" {
		c.NAPolicy = policy
	}
	return c
}

// pdfText extracts the text of a PDF in content order (pdftotext -raw), one string per page.
func pdfText(t testing.TB, path string) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext not found: install poppler-utils (make test / .ci/run does)")
	}
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// squeeze removes all white space, since wrapping and extraction add and drop it.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// isSubsequence reports whether the runes of want occur in have in order (maybe with gaps).
func isSubsequence(want, have string) bool {
	h := []rune(have)
	i := 0
	for _, r := range want {
		for i < len(h) && h[i] != r {
			i++
		}
		if i == len(h) {
			return false
		}
		i++
	}
	return true
}

// writeAll exports a into a fresh folder and returns the files.
func writeAll(t testing.TB, a *scoring.Assessment, opt Options) Files {
	t.Helper()
	if opt.Date.IsZero() {
		opt.Date = testDate
	}
	dir := t.TempDir()
	files, err := WriteAll(dir, a, opt)
	if err != nil {
		t.Fatalf("WriteAll: %v", err)
	}
	return files
}

// keepOutput copies files to $SANXIANG_EXPORT_KEEP (when set) for looking at them by eye.
func keepOutput(t testing.TB, name string, files Files) {
	dir := os.Getenv("SANXIANG_EXPORT_KEEP")
	if dir == "" {
		return
	}
	for _, p := range []string{files.XLSX, files.ScoreSheet, files.Report} {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+"-"+filepath.Base(p)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
