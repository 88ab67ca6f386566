package export

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"sanxiang/scoring"
)

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func TestWriteAllRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		dir  string
		a    *scoring.Assessment
		want string
	}{
		{"nil assessment", dir, nil, "没有可导出的自评"},
		{"no catalog", dir, &scoring.Assessment{}, "缺少指标体系"},
		{"missing folder", filepath.Join(dir, "无此文件夹"), sample(t), "不存在"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := WriteAll(c.dir, c.a, Options{Date: testDate})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
			if names := listDir(t, dir); len(names) != 0 {
				t.Fatalf("something was written: %v", names)
			}
		})
	}
}

// A failure leaves the old files as they were and no temporary file behind.
func TestWriteAllFailureKeepsOldFiles(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, NameXLSX)
	if err := os.WriteFile(old, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, NameReport), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := WriteAll(dir, sample(t), Options{Date: testDate})
	if err == nil || !strings.Contains(err.Error(), "自评报告.pdf") {
		t.Fatalf("err = %v, want one naming 自评报告.pdf", err)
	}
	if b, _ := os.ReadFile(old); string(b) != "old" {
		t.Error("the old xlsx was replaced")
	}
	if got := listDir(t, dir); strings.Join(got, ",") != NameReport+","+NameXLSX {
		t.Errorf("folder holds %v", got)
	}
}

func TestWriteSingleFiles(t *testing.T) {
	dir := t.TempDir()
	a := sample(t)
	opt := Options{Date: testDate, LinkBase: dir}
	for name, write := range map[string]func(string, *scoring.Assessment, Options) error{
		"a.xlsx": WriteXLSX, "b.pdf": WriteScoreSheet, "c.pdf": WriteReport} {
		p := filepath.Join(dir, name)
		if err := write(p, a, opt); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		st, err := os.Stat(p)
		if err != nil || st.Size() < 1000 || st.Mode().Perm() != 0o644 {
			t.Errorf("%s: %v %v", name, err, st)
		}
		if err := write(filepath.Join(dir, "无此文件夹", name), a, opt); err == nil || !strings.Contains(err.Error(), "无法生成") {
			t.Errorf("%s into a missing folder: %v", name, err)
		}
	}
	if got := listDir(t, dir); strings.Join(got, ",") != "a.xlsx,b.pdf,c.pdf" {
		t.Errorf("folder holds %v", got)
	}
}

func TestEvidenceIssues(t *testing.T) {
	a := sample(t)
	// one file gone, one changed since it was attached
	var gone, changed string
	for _, no := range a.Catalog.Numbers() {
		ans := a.Answers[no]
		for i := range ans.Evidence {
			switch {
			case gone == "":
				ans.Evidence[i].Path += ".已删除"
				gone = ans.Evidence[i].Path
			case changed == "":
				ans.Evidence[i].Size++
				changed = ans.Evidence[i].Path
			}
		}
		a.Answers[no] = ans
	}
	m, err := newModel(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := m.sortedIssues()
	if len(got) != 2 || got[0].Path != gone || got[0].Problem != ProblemMissing || got[1].Path != changed || got[1].Problem != ProblemChanged {
		t.Fatalf("issues = %+v", got)
	}
	files := writeAll(t, a, Options{})
	report := squeeze(strings.Join(pdfText(t, files.Report), ""))
	for _, want := range []string{"以下2个佐证文件缺失或已变更", squeeze(gone), "文件缺失", "文件已变更"} {
		if !isSubsequence(want, report) {
			t.Errorf("report lacks %q", want)
		}
	}
	sheet := squeeze(strings.Join(pdfText(t, files.ScoreSheet), ""))
	if !strings.Contains(sheet, "（文件缺失）") {
		t.Error("score sheet does not mark the missing file")
	}
	// issues given by the caller (the package helper) are used as they are
	m, _ = newModel(a, Options{EvidenceIssues: []EvidenceIssue{}})
	if len(m.sortedIssues()) != 0 {
		t.Error("an empty non-nil list must mean: checked, nothing wrong")
	}
	given := []EvidenceIssue{{No: 36, Path: "x.pdf", Problem: "文件已变更"}, {No: 999, Path: "y", Problem: ProblemMissing}}
	m, _ = newModel(a, Options{EvidenceIssues: given})
	if got := m.sortedIssues(); len(got) != 2 || got[0].No != 36 || got[1].No != 999 {
		t.Errorf("given issues: %+v", got)
	}
}

func TestLinkPath(t *testing.T) {
	base := t.TempDir()
	m := &model{base: base}
	cases := []struct{ in, want string }{
		{"佐证材料/036_截图.png", "佐证材料/036_截图.png"},
		{filepath.Join(base, "佐证材料", "a b.pdf"), "佐证材料/a b.pdf"},
		{filepath.Join(filepath.Dir(base), "别处", "c.pdf"), "../别处/c.pdf"},
	}
	for _, c := range cases {
		if got := m.linkPath(c.in); got != c.want {
			t.Errorf("linkPath(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := linkTarget("佐证材料/a b#1%.pdf"); got != "佐证材料/a%20b%231%25.pdf" {
		t.Errorf("linkTarget = %q", got)
	}
}

func TestSizeAndNumbers(t *testing.T) {
	for n, want := range map[int64]string{0: "0 字节", 1023: "1023 字节", 1024: "1.0 KB", 1536: "1.5 KB",
		5 << 20: "5.0 MB", 3<<30 + 1<<29: "3.5 GB"} {
		if got := SizeText(n); got != want {
			t.Errorf("SizeText(%d) = %q, want %q", n, got, want)
		}
	}
}

// BenchmarkWriteAll exports the full catalog (xlsx and both PDFs) for a filled assessment;
// the target is under 300 ms per export on the project's 2-core machine.
func BenchmarkWriteAll(b *testing.B) {
	a := randomAssessment(b, 42, builtin(b, ""))
	for _, no := range a.Catalog.Numbers() { // every criterion answered, with notes
		ans := a.Answers[no]
		if ans.Status == scoring.Unanswered {
			ans.No, ans.Status, ans.Note = no, scoring.Scored, "已按要求落实。"
		}
		a.Answers[no] = ans
	}
	dir := b.TempDir()
	opt := Options{Date: testDate, Digest: "ABCD-EFGH-JKLM", EvidenceIssues: []EvidenceIssue{}}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := WriteAll(dir, a, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWriteAllCanceled: a cancellation before the files are replaced writes nothing — not the
// documents, not their temporary files — and leaves an earlier export as it was.
func TestWriteAllCanceled(t *testing.T) {
	dir := t.TempDir()
	a := sample(t)
	canceled := make(chan struct{})
	close(canceled)
	if _, err := WriteAll(dir, a, Options{Canceled: canceled}); !errors.Is(err, ErrCanceled) {
		t.Fatalf("err = %v", err)
	}
	if es, _ := os.ReadDir(dir); len(es) != 0 {
		t.Errorf("a canceled export left %v", es)
	}
}
