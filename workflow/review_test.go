package workflow

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sanxiang/export/bureau"
	"sanxiang/internal/evidencefile"
	"sanxiang/scoring"
	"sanxiang/scoring/review"
	"sanxiang/storage"
	"sanxiang/workflow/reviewtest"
)

func openFixture(t *testing.T) (*storage.DB, reviewtest.IDs, string) {
	t.Helper()
	dir := t.TempDir()
	db, ids := reviewtest.Open(t, dir)
	t.Cleanup(func() { db.Close() })
	return db, ids, dir
}

func TestReviewListRanksAndFillsHistory(t *testing.T) {
	db, ids, _ := openFixture(t)
	groups, err := ReviewList(db, reviewtest.Year, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 1 || groups[0].Year != 2020 || groups[0].CatalogID != reviewtest.Catalog {
		t.Fatalf("groups = %+v", groups)
	}
	type row struct {
		id      int64
		rank    int
		status  review.Status
		changed int
		missing int
		hist    string
	}
	var got []row
	for _, u := range groups[0].Units {
		h := ""
		for _, p := range u.History {
			h += fmt.Sprintf("%d:%s;", p.Year, p.Converted)
		}
		got = append(got, row{u.ID, u.Rank, u.Status, u.Changed, u.MissingEvidence, h})
	}
	a2019 := func() string {
		us, err := db.BureauUnit(ids.A2019)
		if err != nil {
			t.Fatal(err)
		}
		s := review.Summarize(us)
		return fmt.Sprintf("2019:%s;", s.Review.Converted)
	}()
	want := []row{
		{ids.A, 1, review.Done, 2, 1, a2019},
		{ids.B, 2, review.InProgress, 0, 0, ""},
		{ids.C, 2, review.Pending, 0, 0, ""},
		{ids.D, 0, review.Pending, 0, 0, ""},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ranked rows\n got %v\nwant %v", got, want)
	}
	all, err := ReviewList(db, 0, nil)
	if err != nil || len(all) != 2 || all[0].Year != 2020 || all[1].Year != 2019 || len(all[1].Units) != 1 {
		t.Errorf("ReviewList(0) = %d groups, %v", len(all), err)
	}
	if g, err := ReviewList(db, 2018, nil); err != nil || len(g) != 0 {
		t.Errorf("ReviewList(2018) = %v, %v", g, err)
	}
	if _, err := ReviewList(db, 1999, nil); err == nil {
		t.Error("ReviewList(1999) accepted")
	}
}

// reviewState is every review row and item, to prove that a refused file changed nothing.
func reviewState(t *testing.T, db *storage.DB, ids ...int64) string {
	t.Helper()
	var b strings.Builder
	for _, id := range ids {
		r, err := db.Review(id)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%d:%+v\n", id, *r)
		a, err := db.Load(id)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%v\n", scoring.Score(a.Catalog, a.Answers).Overall)
	}
	return b.String()
}

func TestApplyReviewFile(t *testing.T) {
	db, ids, dir := openFixture(t)
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	own := func() int64 { // the bureau's own self-assessment: not reviewable
		uid, err := db.CreateUnit(scoring.Unit{Name: "雁塔区司法局", CreditCode: reviewtest.Code("11610113MB0000009")})
		if err != nil {
			t.Fatal(err)
		}
		cat, _ := scoring.Builtin()
		id, err := db.CreateAssessment(uid, 2020, cat)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}()
	before := reviewState(t, db, ids.A, ids.B, ids.C, ids.D, own)

	invalid := []struct{ name, text, want string }{
		{"not json", `{"format":`, "复核文件格式错误"},
		{"unknown unit", reviewtest.ReviewFile(reviewtest.Code("11610113MB0000008")), "请先导入该单位的报送包"},
		{"own assessment", reviewtest.ReviewFile(reviewtest.Code("11610113MB0000009")), "不是从报送包导入的"},
		{"wrong year", strings.Replace(reviewtest.ReviewFile(reviewtest.CodeB), `"year":2020`, `"year":2021`, 1), "请先导入"},
		{"other catalog", strings.Replace(reviewtest.ReviewFile(reviewtest.CodeB), `"catalog":"shaanxi-2020"`, `"catalog":"other"`, 1), "指标体系"},
		{"unknown criterion", reviewtest.ReviewFile(reviewtest.CodeB, `{"no":5,"score":0,"comment":""}`, `{"no":999,"score":0,"comment":""}`), "(999)"},
		{"over points", reviewtest.ReviewFile(reviewtest.CodeB, `{"no":5,"score":0,"comment":""}`, `{"no":2,"score":0.6,"comment":""}`), "(2)"},
		{"not a tenth", reviewtest.ReviewFile(reviewtest.CodeB, `{"no":3,"score":0.25,"comment":""}`), "第 1 项（评分要点(3)）"},
		{"duplicate", reviewtest.ReviewFile(reviewtest.CodeB, `{"no":3,"score":0,"comment":""}`, `{"no":3,"score":0.1,"comment":""}`), "第 2 项（评分要点(3)）"},
		{"na without reason", reviewtest.ReviewFile(reviewtest.CodeB, `{"no":3,"na":true,"comment":""}`), "(3)"},
		{"quoted score", reviewtest.ReviewFile(reviewtest.CodeB, `{"no":3,"score":"0.1","comment":""}`), "(3)"},
		{"comment too long", reviewtest.ReviewFile(reviewtest.CodeB, `{"no":2,"score":0.1,"comment":"佐证不足"}`, `{"no":3,"score":0,"comment":"`+strings.Repeat("实", review.MaxComment+1)+`"}`), "评分要点(3)的复核意见有 5001 个字，超过上限 5000 个字"},
		{"no reviewer", strings.Replace(reviewtest.ReviewFile(reviewtest.CodeB), `"reviewer":"赵六"`, `"reviewer":" "`, 1), "复核人"},
	}
	for _, tc := range invalid {
		_, err := ApplyReviewFile(db, write(tc.name+".json", tc.text))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to contain %q", tc.name, err, tc.want)
		}
		if got := reviewState(t, db, ids.A, ids.B, ids.C, ids.D, own); got != before {
			t.Fatalf("%s: a refused file changed the database", tc.name)
		}
	}
	if _, err := ApplyReviewFile(db, dir); err == nil || !strings.Contains(err.Error(), "不是普通文件") {
		t.Errorf("a folder as review file: %v", err)
	}
	if _, err := ApplyReviewFile(db, filepath.Join(dir, "无此文件.json")); err == nil {
		t.Error("a missing file was accepted")
	}

	// valid: replaces B's review whole (B had reviewer 李四, 复核中), the unit's answers stay
	selfBefore, err := db.Load(ids.B)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ApplyReviewFile(db, write("ok.json", reviewtest.ReviewFile(reviewtest.CodeB,
		`{"no":2,"score":0.1,"comment":"佐证不足"}`, `{"no":3,"na":true,"comment":"无此职能"}`, `{"no":4,"score":0.3,"comment":""}`)))
	if err != nil {
		t.Fatal(err)
	}
	if res.ID != ids.B || res.Items != 3 || res.Reviewer != "赵六" || res.Year != 2020 || res.CreditCode != reviewtest.CodeB {
		t.Errorf("result = %+v", res)
	}
	r, err := db.Review(ids.B)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != review.Done || r.Reviewer != "赵六" || r.Conclusion != "属实" || len(r.Items) != 3 || !r.Items[3].NA || r.Items[2].Score != 1 {
		t.Errorf("review after apply = %+v", r)
	}
	selfAfter, err := db.Load(ids.B)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(selfBefore.Answers) != fmt.Sprint(selfAfter.Answers) {
		t.Error("applying a review changed the unit's own answers")
	}
	if res.Changed != 2 {
		t.Errorf("changed = %d, want 2 ((2) 0.5→0.1, (3) →不适用; (4) unchanged)", res.Changed)
	}
}

func TestMarks(t *testing.T) {
	db, _, _ := openFixture(t)
	if _, err := Mark(db, 2020, "", reviewtest.CodeA, MarkUnit, true); err != nil {
		t.Fatal(err)
	}
	if _, err := Mark(db, 2020, "", reviewtest.CodeA, MarkPerson, true); err != nil {
		t.Fatal(err)
	}
	refused := []struct {
		name string
		code string
		kind MarkKind
		want string
	}{
		{"second unit over the places", reviewtest.CodeB, MarkUnit, "尚未复核完成"},
		{"no rank", reviewtest.CodeD, MarkUnit, "没有复核折算得分"},
		{"no nominee", reviewtest.CodeC, MarkPerson, "没有填写姓名"},
		{"unknown unit", reviewtest.Code("11610113MB0000008"), MarkUnit, "不在 2020 年度"},
		{"bad code", "123", MarkUnit, "信用代码无效"},
	}
	for _, tc := range refused {
		_, err := Mark(db, 2020, "", tc.code, tc.kind, true)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
	m, err := db.Marks(2020, reviewtest.Catalog)
	if err != nil || len(m.Units) != 1 || !m.Units[reviewtest.CodeA] || len(m.Persons) != 1 {
		t.Errorf("marks after refusals = %+v, %v", m, err)
	}
	if changed, err := Mark(db, 2020, "", reviewtest.CodeA, MarkUnit, true); err != nil || changed {
		t.Errorf("marking a marked unit again: changed %v, %v", changed, err)
	}
	if changed, err := Mark(db, 2020, "", reviewtest.CodeB, MarkPerson, false); err != nil || changed {
		t.Errorf("clearing a mark that is not there: changed %v, %v", changed, err)
	}
	if err := db.SetPlaces(review.Places{Units: 0, Persons: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := Mark(db, 2020, "", reviewtest.CodeA, MarkPerson, false); err == nil || !strings.Contains(err.Error(), "超过名额") {
		t.Errorf("clearing one mark while another exceeds the places: %v", err)
	}
	if _, err := Mark(db, 2020, "", reviewtest.CodeA, MarkUnit, false); err != nil {
		t.Errorf("clearing the mark that exceeds the places: %v", err)
	}
	if _, err := Mark(db, 2019, "", reviewtest.CodeA, MarkUnit, true); err == nil || !strings.Contains(err.Error(), "尚未复核完成") {
		t.Errorf("2019 mark of an unreviewed unit: %v", err)
	}
}

func TestExportReview(t *testing.T) {
	db, _, dir := openFixture(t)
	if _, err := Mark(db, 2020, "", reviewtest.CodeA, MarkUnit, true); err != nil {
		t.Fatal(err)
	}
	if _, err := Mark(db, 2020, "", reviewtest.CodeA, MarkPerson, true); err != nil {
		t.Fatal(err)
	}
	if err := db.SetBureauName("西安市雁塔区司法局"); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "复核导出")
	files, err := ExportReviewWith(context.Background(), db, 2020, out, ReviewExportOptions{Date: time.Date(2020, 12, 20, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(files.Opinions) != 4 {
		t.Errorf("%d opinions, want 4", len(files.Opinions))
	}
	for _, p := range append([]string{files.Workbook, files.Recommendation}, mapValues(files.Opinions)...) {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", p, err)
		}
	}
	groups, err := ReviewList(db, 2020, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(files.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	num := func(s string) string {
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
	for i, u := range groups[0].Units {
		row := 3 + i // the ranking sheet's first unit row
		for _, c := range []struct{ col, want string }{
			{"E", num(u.Self.Overall.Score.String())}, {"G", conv(u.Self)},
			{"H", num(u.Review.Overall.Score.String())}, {"J", conv(u.Review)},
		} {
			v, err := f.CalcCellValue("复核排名", fmt.Sprintf("%s%d", c.col, row))
			if err != nil {
				t.Fatal(err)
			}
			if num(v) != c.want {
				t.Errorf("%s %s%d recalculates to %s, want %s", u.Unit.Name, c.col, row, v, c.want)
			}
		}
	}
	rec := pdfText(t, files.Recommendation)
	for _, want := range []string{"西安市雁塔区市场监督管理局", "雁塔区城市管理和综合执法局", "雁塔区档案馆", "李明", "西安市雁塔区司法局"} {
		if !strings.Contains(rec, want) {
			t.Errorf("推荐名单.pdf lacks %q", want)
		}
	}
	op := pdfText(t, files.Opinions[reviewtest.CodeA])
	for _, want := range []string{"西安市雁塔区市场监督管理局", "公示信息不全", "王喆"} {
		if !strings.Contains(op, want) {
			t.Errorf("复核意见书 of A lacks %q", want)
		}
	}
}

func TestExportReviewRefusesAndWritesNothing(t *testing.T) {
	db, _, dir := openFixture(t)
	ctx := context.Background()
	cases := []struct {
		name string
		year int
		out  string
		want string
	}{
		{"no units that year", 2018, filepath.Join(dir, "a"), "没有 2018 年度"},
		{"bad year", 1990, filepath.Join(dir, "b"), "年度"},
		{"into the evidence folder", 2020, storage.EvidenceDir(db.Path()), "evidence"},
		{"into the backups folder", 2020, storage.BackupDir(db.Path()), "backups"},
	}
	for _, tc := range cases {
		_, err := ExportReview(ctx, db, tc.year, tc.out)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
		if _, err := os.Stat(filepath.Join(tc.out, bureau.NameWorkbook)); err == nil {
			t.Errorf("%s: a workbook was written", tc.name)
		}
	}
	for _, p := range []string{filepath.Join(dir, "a"), filepath.Join(dir, "b")} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s was created by a refused export", p)
		}
	}
	// marks that no longer hold (the review went back to 复核中) refuse the export. Storage
	// removes the marks when a review leaves 已复核, so such a mark comes only from a database
	// written before that rule: stored here directly, past workflow's checks
	if _, err := Mark(db, 2020, "", reviewtest.CodeA, MarkUnit, true); err != nil {
		t.Fatal(err)
	}
	us, err := db.BureauUnits(2020)
	if err != nil {
		t.Fatal(err)
	}
	var a review.Unit
	for _, u := range us {
		if u.Assessment.Unit.CreditCode == reviewtest.CodeA {
			a = u
		}
	}
	if u, err := db.SetReviewStatus(a.ID, review.InProgress); err != nil || !u.Unit {
		t.Fatalf("取消已复核: %+v, %v (want the 示范单位 mark removed)", u, err)
	}
	if err := db.SetMarks(2020, a.Assessment.Catalog.ID, review.Marks{Units: map[string]bool{reviewtest.CodeA: true}}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "c")
	if _, err := ExportReview(ctx, db, 2020, out); err == nil || !strings.Contains(err.Error(), "尚未复核完成") {
		t.Errorf("export with a stale mark: %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused export left its folder")
	}
	// the 区司法局's name given for the documents (`review export --bureau`) follows the same rule
	// as the stored one: too long or with a control character, it is refused and nothing written
	for _, name := range []string{"雁塔区司法局\u202e", strings.Repeat("局", review.MaxBureauName+1), "雁塔区\n司法局"} {
		out := filepath.Join(dir, "f")
		_, err := ExportReviewWith(ctx, db, 2019, out, ReviewExportOptions{Bureau: name})
		if err == nil || !strings.Contains(err.Error(), "区司法局名称") {
			t.Errorf("bureau name %q: %v", name, err)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("bureau name %q: the refused export left its folder", name)
		}
		if err := db.SetBureauName(name); err == nil || !strings.Contains(err.Error(), "区司法局名称") {
			t.Errorf("SetBureauName(%q) = %v", name, err)
		}
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := ExportReview(canceled, db, 2019, filepath.Join(dir, "d")); err == nil || !strings.Contains(err.Error(), "取消") {
		t.Errorf("canceled export: %v", err)
	}
	// 取消 while the 复核意见书 are written (the GUI's progress dialog): the folder the export
	// created is gone again, nothing half-written stays
	mid, stop := context.WithCancel(ctx)
	defer stop()
	out = filepath.Join(dir, "e")
	last := bureau.Progress{}
	_, err = ExportReviewWith(mid, db, 2019, out, ReviewExportOptions{Progress: func(p bureau.Progress) {
		last = p
		if p.Unit == 1 {
			stop()
		}
	}})
	if !errors.Is(err, bureau.ErrCanceled) || last.Unit != 1 {
		t.Errorf("export canceled at the first 复核意见书: %v (last progress %+v)", err, last)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a canceled export left its folder")
	}
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
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
	return strings.Join(strings.Fields(string(out)), "")
}

// eachIndex calls fn once for every index, whatever the number of workers.
func TestEachIndexCallsEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 7, 500} {
		seen := make([]int32, n)
		eachIndex(n, func(i int) { atomic.AddInt32(&seen[i], 1) })
		for i, c := range seen {
			if c != 1 {
				t.Fatalf("n=%d: index %d called %d times", n, i, c)
			}
		}
	}
}

// The evidence check of the imported copies counts a copy whose SHA-256 differs from the
// package's (one byte changed, same size) once the file has been read (the review of the unit
// verifies the files of each page it shows, evidencefile.Copies.Verify); a copy of another
// size counts at once; a missing one as before. The list itself reads no file in full.
func TestCheckEvidenceCountsChangedCopies(t *testing.T) {
	db, ids, dir := openFixture(t)
	copies := evidencefile.NewCopies()
	missing := func() int {
		t.Helper()
		units, err := BureauUnits(db, copies)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range units {
			if u.ID == ids.A {
				return u.MissingEvidence
			}
		}
		t.Fatal("unit A not listed")
		return 0
	}
	if n := missing(); n != 1 {
		t.Fatalf("untouched copies: %d missing, want 1 (the deleted file)", n)
	}
	present := filepath.Join(dir, "制度.pdf")
	a, err := db.Load(ids.A)
	if err != nil {
		t.Fatal(err)
	}
	rec := a.Answers[2].Evidence[0]
	if rec.Path != present {
		t.Fatalf("fixture: %+v", rec)
	}
	if copies.Verify(rec) != evidencefile.CopyIntact {
		t.Fatal("the fixture's present file does not match its recorded SHA-256")
	}
	later := time.Now().Add(time.Minute)
	if err := os.WriteFile(present, []byte("%PDX"), 0o644); err != nil { // same size
		t.Fatal(err)
	}
	os.Chtimes(present, later, later)
	if n := missing(); n != 1 || copies.Hashed() != 1 {
		t.Errorf("the list read the file: %d missing, %d files read", n, copies.Hashed())
	}
	if copies.Verify(rec) != evidencefile.CopyChanged {
		t.Fatal("Verify did not find the changed byte")
	}
	if n := missing(); n != 2 {
		t.Errorf("after the review read the changed copy: %d missing or changed, want 2", n)
	}
	if err := os.WriteFile(present, []byte("%PDF-1.7"), 0o644); err != nil { // another size
		t.Fatal(err)
	}
	if n := missing(); n != 2 || copies.Hashed() != 2 {
		t.Errorf("a copy of another size: %d, %d files read", n, copies.Hashed())
	}
	units, err := BureauUnits(db, nil) // no memory: size and presence only
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, u := range units {
		total += u.MissingEvidence
	}
	if total != 2 {
		t.Errorf("without a memory: %d missing or changed in all, want 2", total)
	}
}
