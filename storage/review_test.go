package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"sanxiang/scoring"
	"sanxiang/scoring/review"
)

// unitAssessment is unit n's assessment for year on the built-in catalog: every criterion 已评
// at full points except (1) 不适用, with one evidence record on (2) and the 示范单位 application.
func unitAssessment(t testing.TB, n, year int) *scoring.Assessment {
	t.Helper()
	cat := builtin(t)
	a := &scoring.Assessment{Catalog: cat, Year: year,
		Unit:       scoring.Unit{Name: fmt.Sprintf("测试单位%d", n), CreditCode: codeN(t, n)},
		Answers:    map[int]scoring.Answer{},
		Narratives: map[string]string{scoring.NarrativeUnitApplication: "本单位申报示范单位。"}}
	for _, no := range cat.Numbers() {
		ref, _ := cat.Criterion(no)
		a.Answers[no] = scoring.Answer{No: no, Status: scoring.Scored, Score: ref.Criterion.Points, Note: "自评说明"}
	}
	a.Answers[1] = scoring.Answer{No: 1, Status: scoring.NA, NAReason: "无此职能"}
	ans := a.Answers[2]
	ans.Evidence = []scoring.Evidence{{Path: filepath.Join(t.TempDir(), "制度.pdf"), Name: "制度", Size: 3, SHA256: strings.Repeat("a", 64)}}
	a.Answers[2] = ans
	return a
}

// importUnit imports unit n's assessment for year as a package and returns its id.
func importUnit(t testing.TB, db *DB, n, year int) int64 {
	t.Helper()
	id, err := db.ImportPackage(unitAssessment(t, n, year), PackageRecord{Digest: fmt.Sprintf("AAAA-BBBB-%04d", n), Verified: true, Source: "/media/u/包" + strconv.Itoa(n)}, false)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// ownData is a digest of everything a unit handed in (answers, evidence, narratives, the
// assessment row), to prove that review calls never write it.
func ownData(t testing.TB, db *DB) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT group_concat(assessment_id||'|'||no||'|'||status||'|'||score||'|'||note||'|'||deduction_reason||'|'||rectification||'|'||na_reason||'|'||updated, ';') FROM (SELECT * FROM answers ORDER BY assessment_id, no)`,
		`SELECT group_concat(assessment_id||'|'||no||'|'||seq||'|'||path||'|'||size||'|'||sha256, ';') FROM (SELECT * FROM evidence ORDER BY assessment_id, no, seq)`,
		`SELECT group_concat(assessment_id||'|'||key||'|'||text||'|'||updated, ';') FROM (SELECT * FROM narratives ORDER BY assessment_id, key)`,
		`SELECT group_concat(id||'|'||unit_id||'|'||year||'|'||catalog_hash||'|'||status||'|'||updated, ';') FROM (SELECT * FROM assessments ORDER BY id)`,
		`SELECT group_concat(id||'|'||name||'|'||credit_code||'|'||updated, ';') FROM (SELECT * FROM units ORDER BY id)`,
	} {
		var v *string
		if err := db.sql.QueryRow(q).Scan(&v); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if v != nil {
			b.WriteString(*v)
		}
		b.WriteByte('\n')
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

func TestMigrateV2AddsReviewTables(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	v3 := migrations
	migrations = v3[:2:2]
	db, err := Open(path, testCats(t))
	if err != nil {
		migrations = v3
		t.Fatal(err)
	}
	id := newAssessment(t, db, 1)
	if err := db.SaveAnswer(id, scoring.Answer{No: 2, Status: scoring.Scored, Score: 5, Note: "v2 的答案"}); err != nil {
		migrations = v3
		t.Fatal(err)
	}
	db.Close()
	migrations = v3
	if v := versionOf(t, path); v != 2 {
		t.Fatalf("fixture is version %d, want 2", v)
	}

	db, err = Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v := pragma(t, db, "user_version"); v != "3" {
		t.Errorf("user_version = %s, want 3", v)
	}
	a, err := db.Load(id)
	if err != nil || a.Answers[2].Note != "v2 的答案" || a.Answers[2].Score != 5 {
		t.Fatalf("v2 assessment after migration: %v, %+v", err, a)
	}
	for _, table := range []string{"packages", "reviews", "review_items", "recommendations"} {
		if n := query1(t, db, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '`+table+`'`); n != "1" {
			t.Errorf("table %s missing after migration", table)
		}
	}
	us, err := db.BureauUnits(0)
	if err != nil || len(us) != 0 {
		t.Errorf("BureauUnits of a migrated unit database = %d units, %v (the unit's own assessment is no package)", len(us), err)
	}
	r, err := db.Review(id)
	if err != nil || r.Status != review.Pending || len(r.Items) != 0 {
		t.Errorf("Review of a migrated assessment = %+v, %v", r, err)
	}
	if p, err := db.Places(); err != nil || p != review.DefaultPlaces() {
		t.Errorf("Places = %+v, %v, want the default", p, err)
	}
}

// versionOf reads a closed database's user_version without our Open.
func versionOf(t *testing.T, path string) int {
	t.Helper()
	s, err := openSQLRaw(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var v int
	if err := s.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestImportPackageAndBureauUnits(t *testing.T) {
	db := openTemp(t)
	own := newAssessment(t, db, 9) // the bureau's own self-assessment: not in the bureau's list
	at := time.Date(2026, 11, 3, 9, 30, 0, 0, time.UTC)
	a := unitAssessment(t, 1, 2020)
	id1, err := db.ImportPackage(a, PackageRecord{Digest: " WG6K-K9FS-F77M ", Verified: true, Source: "/media/u/甲", ImportedAt: at}, false)
	if err != nil {
		t.Fatal(err)
	}
	id2 := importUnit(t, db, 2, 2020)
	id3 := importUnit(t, db, 1, 2019)

	rec, ok, err := db.Package(id1)
	if err != nil || !ok || rec.Digest != "WG6K-K9FS-F77M" || !rec.Verified || rec.Source != "/media/u/甲" || !rec.ImportedAt.Equal(at) {
		t.Errorf("Package = %+v %v %v", rec, ok, err)
	}
	if _, ok, _ := db.Package(own); ok {
		t.Error("the unit's own assessment has a package record")
	}
	if id, ok, err := db.FindAssessment(strings.ToLower(codeN(t, 1)), 2019); err != nil || !ok || id != id3 {
		t.Errorf("FindAssessment = %d %v %v, want %d", id, ok, err, id3)
	}
	if _, ok, err := db.FindAssessment(codeN(t, 1), 2021); err != nil || ok {
		t.Errorf("FindAssessment of a missing year = %v %v", ok, err)
	}
	if _, err := db.ImportPackage(unitAssessment(t, 1, 2020), PackageRecord{Digest: "X"}, false); !errors.Is(err, ErrExists) {
		t.Errorf("second import = %v, want ErrExists", err)
	}
	if _, err := db.ImportPackage(unitAssessment(t, 3, 2020), PackageRecord{}, false); err == nil || !hasZh(err.Error()) {
		t.Errorf("import without digest = %v", err)
	}

	us, err := db.BureauUnits(2020)
	if err != nil {
		t.Fatal(err)
	}
	if len(us) != 2 || us[0].ID != id1 || us[1].ID != id2 {
		t.Fatalf("BureauUnits(2020) = %d units", len(us))
	}
	u := us[0]
	if u.Digest != "WG6K-K9FS-F77M" || !u.Verified || u.EvidenceFiles != 1 || u.Review != nil {
		t.Errorf("unit row: digest %q verified %v evidence %d review %v", u.Digest, u.Verified, u.EvidenceFiles, u.Review)
	}
	if got := u.Assessment; got.Unit.CreditCode != codeN(t, 1) || len(got.Answers) != len(a.Answers) ||
		got.Answers[1].Status != scoring.NA || got.Narratives[scoring.NarrativeUnitApplication] == "" || len(got.Answers[2].Evidence) != 1 {
		t.Errorf("loaded assessment differs: %+v", got.Unit)
	}
	one, err := db.Load(id1)
	if err != nil {
		t.Fatal(err)
	}
	if s1, s2 := scoring.Score(one.Catalog, one.Answers), scoring.Score(u.Assessment.Catalog, u.Assessment.Answers); s1.Overall != s2.Overall {
		t.Errorf("BureauUnits scores %v, Load scores %v", s2.Overall, s1.Overall)
	}
	all, err := db.BureauUnits(0)
	if err != nil || len(all) != 3 || all[2].ID != id3 {
		t.Errorf("BureauUnits(0) = %d, %v", len(all), err)
	}
	bu, err := db.BureauUnit(id2)
	if err != nil || bu.ID != id2 || bu.Digest != "AAAA-BBBB-0002" || bu.EvidenceFiles != 1 {
		t.Errorf("BureauUnit = %+v, %v", bu, err)
	}
	if full, _ := db.BureauUnit(id1); full.Assessment.Answers[3].Note != "自评说明" || full.Assessment.Answers[1].NAReason != "无此职能" ||
		full.Assessment.Answers[2].Evidence[0].SHA256 != strings.Repeat("a", 64) {
		t.Errorf("BureauUnit lacks the answers' texts: %+v", full.Assessment.Answers[1])
	}
	if _, err := db.BureauUnit(999); !errors.Is(err, ErrNotFound) {
		t.Errorf("BureauUnit(999) = %v", err)
	}
}

func TestReviewCallsNeverChangeTheUnitsAnswers(t *testing.T) {
	db := openTemp(t)
	id := importUnit(t, db, 1, 2020)
	other := importUnit(t, db, 2, 2020)
	before := ownData(t, db)

	steps := []struct {
		name string
		do   func() error
	}{
		{"item", func() error { return db.SaveReviewItem(id, review.Item{No: 2, Score: 3, Comment: "佐证不足"}) }},
		{"na item", func() error { return db.SaveReviewItem(id, review.Item{No: 3, NA: true, Comment: "无此职能"}) }},
		{"delete item", func() error { return db.DeleteReviewItem(id, 3) }},
		{"meta", func() error { return db.SaveReviewMeta(id, "王喆", "基本属实") }},
		{"done", func() error { _, err := db.SetReviewStatus(id, review.Done); return err }},
		{"apply", func() error {
			return db.ApplyReview(other, &review.Review{Reviewer: "李四", Status: review.Done,
				Items: map[int]review.Item{5: {No: 5, Score: 0, Comment: "未公开"}}})
		}},
		{"marks", func() error {
			return db.SetMarks(2020, "shaanxi-2020", review.Marks{Units: map[string]bool{codeN(t, 1): true}, Persons: map[string]bool{codeN(t, 2): true}})
		}},
		{"places", func() error { return db.SetPlaces(review.Places{Units: 2, Persons: 1}) }},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got := ownData(t, db); got != before {
			t.Fatalf("after %s the unit's own data changed", s.name)
		}
	}
	r, err := db.Review(id)
	if err != nil {
		t.Fatal(err)
	}
	want := review.Review{Reviewer: "王喆", Conclusion: "基本属实", Status: review.Done,
		Items: map[int]review.Item{2: {No: 2, Score: 3, Comment: "佐证不足"}}}
	if fmt.Sprint(*r) != fmt.Sprint(want) {
		t.Errorf("Review = %+v, want %+v", *r, want)
	}
	if m, err := db.Marks(2020, "shaanxi-2020"); err != nil || !m.Units[codeN(t, 1)] || !m.Persons[codeN(t, 2)] || len(m.Units) != 1 {
		t.Errorf("Marks = %+v, %v", m, err)
	}
	if m, err := db.Marks(2019, "shaanxi-2020"); err != nil || len(m.Units)+len(m.Persons) != 0 {
		t.Errorf("Marks of another year = %+v, %v", m, err)
	}
	if p, err := db.Places(); err != nil || p != (review.Places{Units: 2, Persons: 1}) {
		t.Errorf("Places = %+v, %v", p, err)
	}
}

func TestReviewStatusAndRefusals(t *testing.T) {
	db := openTemp(t)
	id := importUnit(t, db, 1, 2020)
	status := func() review.Status {
		t.Helper()
		r, err := db.Review(id)
		if err != nil {
			t.Fatal(err)
		}
		return r.Status
	}
	if status() != review.Pending {
		t.Fatal("new import is not 未复核")
	}
	bad := []review.Item{
		{No: 999, Score: 1, Comment: ""},                                     // unknown criterion
		{No: 2, Score: 6, Comment: ""},                                       // (2) is worth 0.5
		{No: 2, Score: -1, Comment: ""},                                      // negative
		{No: 2, NA: true, Comment: "  "},                                     // N/A without a reason
		{No: 2, Score: 4, Comment: strings.Repeat("实", review.MaxComment+1)}, // 复核意见 over its limit
		{No: 2, Score: 4, Comment: "属实\u202e"},                               // a bidi control
	}
	for _, it := range bad {
		err := db.SaveReviewItem(id, it)
		if err == nil || !hasZh(err.Error()) {
			t.Errorf("SaveReviewItem(%+v) = %v, want a Chinese refusal", it, err)
		}
	}
	if status() != review.Pending || query1(t, db, `SELECT count(*) FROM reviews`) != "0" {
		t.Error("a refused item left a review behind")
	}
	if _, err := db.SetReviewStatus(id, review.Done); err == nil || !strings.Contains(err.Error(), "复核人") {
		t.Errorf("Done without a reviewer = %v", err)
	}
	if err := db.SaveReviewItem(id, review.Item{No: 2, Score: 4, Comment: ""}); err != nil {
		t.Fatal(err)
	}
	if status() != review.InProgress {
		t.Errorf("after an item the status is %v, want 复核中", status())
	}
	if err := db.SaveReviewItem(999, review.Item{No: 2, Score: 4}); !errors.Is(err, ErrNotFound) {
		t.Errorf("item of a missing assessment = %v", err)
	}
	// ApplyReview is whole: one bad item refuses all and keeps the review as it was
	before := query1(t, db, `SELECT group_concat(no||':'||score) FROM review_items`)
	err := db.ApplyReview(id, &review.Review{Reviewer: "王喆", Status: review.Done, Items: map[int]review.Item{
		3: {No: 3, Score: 1, Comment: ""}, 4: {No: 4, Score: 99, Comment: ""}}})
	if err == nil || !strings.Contains(err.Error(), "(4)") {
		t.Errorf("ApplyReview with a bad item = %v, want the item named", err)
	}
	err = db.ApplyReview(id, &review.Review{Reviewer: "王喆", Status: review.Done, Items: map[int]review.Item{
		3: {No: 3, Score: 1, Comment: ""}, 4: {No: 4, Score: 1, Comment: strings.Repeat("实", review.MaxComment+1)}}})
	if err == nil || !strings.Contains(err.Error(), "评分要点(4)的复核意见有 5001 个字") {
		t.Errorf("ApplyReview with an over-long 复核意见 = %v, want the item named", err)
	}
	if after := query1(t, db, `SELECT group_concat(no||':'||score) FROM review_items`); after != before || status() != review.InProgress {
		t.Errorf("refused ApplyReview changed items %q → %q", before, after)
	}
	if err := db.SetPlaces(review.Places{Units: -1, Persons: 1}); err == nil || !hasZh(err.Error()) {
		t.Errorf("SetPlaces(-1) = %v", err)
	}
	if err := db.SetMarks(2020, "shaanxi-2020", review.Marks{Units: map[string]bool{"123": true}}); err == nil || !hasZh(err.Error()) {
		t.Errorf("SetMarks with a bad code = %v", err)
	}
}

func TestReplacedPackageKeepsItsReview(t *testing.T) {
	db := openTemp(t)
	id := importUnit(t, db, 1, 2020)
	if err := db.ApplyReview(id, &review.Review{Reviewer: "王喆", Conclusion: "属实", Status: review.Done,
		Items: map[int]review.Item{7: {No: 7, Score: 2, Comment: "扣分"}}}); err != nil {
		t.Fatal(err)
	}
	id2, err := db.ImportPackage(unitAssessment(t, 1, 2020), PackageRecord{Digest: "NEW0-0000-0000", Verified: true}, true)
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.Review(id2)
	if err != nil {
		t.Fatal(err)
	}
	if r.Reviewer != "王喆" || r.Status != review.InProgress || r.Items[7].Score != 2 || len(r.Items) != 1 {
		t.Errorf("review after replace = %+v (want kept, back to 复核中)", r)
	}
	if n := query1(t, db, `SELECT count(*) FROM reviews`); n != "1" {
		t.Errorf("%s reviews after replace, want 1", n)
	}
	if rec, ok, _ := db.Package(id2); !ok || rec.Digest != "NEW0-0000-0000" {
		t.Errorf("package record after replace = %+v", rec)
	}
}

// A 复核意见 stored before review.MaxComment existed (longer than it) is the reviewer's work: a
// replaced package on the same catalog carries it whole like every other item.
func TestReplacedPackageKeepsAnOverLongComment(t *testing.T) {
	db := openTemp(t)
	id := importUnit(t, db, 1, 2020)
	if err := db.ApplyReview(id, &review.Review{Reviewer: "王喆", Status: review.InProgress,
		Items: map[int]review.Item{7: {No: 7, Score: 2, Comment: "扣分"}, 8: {No: 8, NA: true, Comment: "无此职能"}}}); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("实", review.MaxComment+100)
	if _, err := db.sql.Exec(`UPDATE review_items SET comment = ? WHERE assessment_id = ?`, long, id); err != nil {
		t.Fatal(err)
	}
	id2, err := db.ImportPackage(unitAssessment(t, 1, 2020), PackageRecord{Digest: "NEW0-0000-0000", Verified: true}, true)
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.Review(id2)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Items) != 2 || r.Items[7].Comment != long || r.Items[7].Score != 2 || !r.Items[8].NA || r.Items[8].Comment != long {
		t.Errorf("items after replace: %d, (7) %d characters, (8) %+v", len(r.Items), len([]rune(r.Items[7].Comment)), r.Items[8].NA)
	}
}

// BureauUnits reads reviews and evidence through packed texts: comments and paths of any content
// (separators, digits, Chinese, empty) come back exactly as Review and Load give them.
func TestBureauUnitsPackedTextsRoundTrip(t *testing.T) {
	db := openTemp(t)
	a := unitAssessment(t, 1, 2020)
	ans := a.Answers[3]
	for _, p := range []string{"/媒体/1:2:3:路径.pdf", "/x/12:", "/x/'\"\\;,"} {
		ans.Evidence = append(ans.Evidence, scoring.Evidence{Path: p, Name: "n", Size: 42})
	}
	a.Answers[3] = ans
	for _, no := range []int{1, 5, 6} { // runs of several criteria, one file or more
		ans := a.Answers[no]
		for k := 0; k < no%4; k++ {
			ans.Evidence = append(ans.Evidence, scoring.Evidence{Path: fmt.Sprintf("/证据/%d-%d.pdf", no, k), Name: "n", Size: int64(no*10 + k)})
		}
		a.Answers[no] = ans
	}
	id, err := db.ImportPackage(a, PackageRecord{Digest: "X"}, false)
	if err != nil {
		t.Fatal(err)
	}
	r := &review.Review{Reviewer: "王喆", Status: review.Done, Items: map[int]review.Item{
		2: {No: 2, Score: 3, Comment: "3:4:5:冒号"},
		3: {No: 3, NA: true, Comment: "12"},
		4: {No: 4, Score: 0, Comment: ""},
		5: {No: 5, Score: 1, Comment: strings.Repeat("长", 3000)},
	}}
	if err := db.ApplyReview(id, r); err != nil {
		t.Fatal(err)
	}
	us, err := db.BureauUnits(2020)
	if err != nil || len(us) != 1 {
		t.Fatalf("BureauUnits = %d, %v", len(us), err)
	}
	want, _ := db.Review(id)
	if fmt.Sprint(us[0].Review.Items) != fmt.Sprint(want.Items) {
		t.Errorf("items via BureauUnits %v\nvia Review %v", us[0].Review.Items, want.Items)
	}
	var got []string
	for _, e := range us[0].Assessment.Answers[3].Evidence {
		got = append(got, fmt.Sprintf("%s|%d", e.Path, e.Size))
	}
	if fmt.Sprint(got) != "[/媒体/1:2:3:路径.pdf|42 /x/12:|42 /x/'\"\\;,|42]" {
		t.Errorf("evidence via BureauUnits: %q", got)
	}
	full, err := db.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	files := 0
	for no, fa := range full.Answers {
		var want, got []string
		for _, e := range fa.Evidence {
			want = append(want, fmt.Sprintf("%s|%d", e.Path, e.Size))
			files++
		}
		for _, e := range us[0].Assessment.Answers[no].Evidence {
			got = append(got, fmt.Sprintf("%s|%d", e.Path, e.Size))
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("criterion %d: evidence via BureauUnits %q, via Load %q", no, got, want)
		}
	}
	if files < 3+1+1+2 || us[0].EvidenceFiles != files {
		t.Errorf("%d files via Load, EvidenceFiles %d", files, us[0].EvidenceFiles)
	}
}

func FuzzUnpack(f *testing.F) {
	for _, s := range []string{"", "3:1:2:abc", "0:1:2:", "5:-1:2:ab", "x", "2:1:2:a", "1:1:1:a1:2:3:b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := 0
		err := unpack(s, func(_, _ int64, text string) { n += len(text) })
		if err == nil && n > len(s) {
			t.Fatalf("unpack(%q) read %d bytes of text from %d", s, n, len(s))
		}
	})
}

// An assessment that arrives 已定稿 is stored 已定稿 with the unit's time, Load gives it back,
// and the bureau can still review it (a review never writes the unit's answers).
func TestImportKeepsFinalizedAndReviewsIt(t *testing.T) {
	db := openTemp(t)
	at := time.Date(2020, 11, 30, 17, 5, 0, 0, time.UTC)
	a := unitAssessment(t, 1, 2020)
	a.Finalized = at
	id, err := db.ImportPackage(a, PackageRecord{Digest: "X"}, false)
	if err != nil {
		t.Fatal(err)
	}
	info, err := db.AssessmentInfo(id)
	if err != nil || info.Status != StatusFinal || !info.FinalizedAt.Equal(at) {
		t.Fatalf("imported as %v at %v (%v), want 已定稿 at %v", info.Status, info.FinalizedAt, err, at)
	}
	back, err := db.Load(id)
	if err != nil || !back.Finalized.Equal(at) {
		t.Errorf("Load().Finalized = %v, %v", back.Finalized, err)
	}
	if err := db.SaveAnswer(id, scoring.Answer{No: 2, Status: scoring.Scored, Score: 1}); !errors.Is(err, ErrFinalized) {
		t.Errorf("editing the imported 已定稿 answers: %v", err)
	}
	if err := db.SaveReviewItem(id, review.Item{No: 2, Score: 1, Comment: "扣分"}); err != nil {
		t.Errorf("reviewing a 已定稿 import: %v", err)
	}
	draft := unitAssessment(t, 2, 2020)
	id2, err := db.Import(draft, false)
	if err != nil {
		t.Fatal(err)
	}
	if info, _ := db.AssessmentInfo(id2); info.Status != StatusDraft {
		t.Errorf("an assessment without finalized imported as %v", info.Status)
	}
}

// A package re-imported on another catalog keeps the reviewer and conclusion (复核中) but not the
// items, which refer to criteria of the old catalog.
func TestReplacedOnAnotherCatalogDropsItems(t *testing.T) {
	db := openTemp(t)
	id := importUnit(t, db, 1, 2020)
	if err := db.ApplyReview(id, &review.Review{Reviewer: "王喆", Conclusion: "属实", Status: review.Done,
		Items: map[int]review.Item{7: {No: 7, Score: 2, Comment: "扣分"}}}); err != nil {
		t.Fatal(err)
	}
	other := otherCatalog(t)
	a := &scoring.Assessment{Catalog: other, Year: 2020, Unit: scoring.Unit{Name: "测试单位1", CreditCode: codeN(t, 1)},
		Answers: map[int]scoring.Answer{1: {No: 1, Status: scoring.Scored, Score: 10}}}
	id2, err := db.ImportPackage(a, PackageRecord{Digest: "Y"}, true)
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.Review(id2)
	if err != nil {
		t.Fatal(err)
	}
	if r.Reviewer != "王喆" || r.Conclusion != "属实" || r.Status != review.InProgress || len(r.Items) != 0 {
		t.Errorf("review after a replace on another catalog = %+v", r)
	}
	if n := query1(t, db, `SELECT count(*) FROM review_items`); n != "0" {
		t.Errorf("%s review items left", n)
	}
}

// doneAndMarked imports units 1 and 2 for 2020, makes unit 1's review 已复核 and recommends
// unit 1 (示范单位 and 执法标兵) and unit 2's 执法标兵; it returns unit 1's assessment.
func doneAndMarked(t *testing.T, db *DB) int64 {
	t.Helper()
	id := importUnit(t, db, 1, 2020)
	importUnit(t, db, 2, 2020)
	if err := db.ApplyReview(id, &review.Review{Reviewer: "王喆", Conclusion: "属实", Status: review.Done}); err != nil {
		t.Fatal(err)
	}
	m := review.Marks{Units: map[string]bool{codeN(t, 1): true}, Persons: map[string]bool{codeN(t, 1): true, codeN(t, 2): true}}
	if err := db.SetMarks(2020, "shaanxi-2020", m); err != nil {
		t.Fatal(err)
	}
	return id
}

// wantMarks checks the 2020 marks: units and persons by unit number.
func wantMarks(t *testing.T, db *DB, units, persons []int) {
	t.Helper()
	m, err := db.Marks(2020, "shaanxi-2020")
	if err != nil {
		t.Fatal(err)
	}
	want := review.Marks{Units: map[string]bool{}, Persons: map[string]bool{}}
	for _, n := range units {
		want.Units[codeN(t, n)] = true
	}
	for _, n := range persons {
		want.Persons[codeN(t, n)] = true
	}
	if fmt.Sprint(m) != fmt.Sprint(want) {
		t.Errorf("marks = %v, want %v", m, want)
	}
}

// A replaced package sends a 已复核 review back to 复核中, and a 示范单位 must be 已复核: the
// unit's marks of the year go in the same transaction, whichever import call replaced it.
func TestReplaceUnmarksADoneReview(t *testing.T) {
	for _, name := range []string{"ImportPackage", "ImportPackageReport", "ImportReport"} {
		t.Run(name, func(t *testing.T) {
			db := openTemp(t)
			doneAndMarked(t, db)
			a := unitAssessment(t, 1, 2020)
			rec := PackageRecord{Digest: "NEW0-0000-0000", Verified: true}
			var im Imported
			var err error
			switch name {
			case "ImportPackage":
				im.ID, err = db.ImportPackage(a, rec, true)
			case "ImportPackageReport":
				im, err = db.ImportPackageReport(a, rec, true)
			default:
				im, err = db.ImportReport(a, true)
			}
			if err != nil {
				t.Fatal(err)
			}
			if r, err := db.Review(im.ID); err != nil || r.Status != review.InProgress {
				t.Fatalf("review after replace = %+v, %v (want 复核中)", r, err)
			}
			wantMarks(t, db, nil, []int{2})
			if name != "ImportPackage" && im.Unmarked != (review.Unmarked{Unit: true, Person: true}) {
				t.Errorf("Unmarked = %+v, want both", im.Unmarked)
			}
		})
	}
}

// A replace of a review that was not 已复核 leaves every mark (a 执法标兵 needs no 已复核), and
// says nothing was removed.
func TestReplaceKeepsMarksOfAnUnfinishedReview(t *testing.T) {
	db := openTemp(t)
	id := doneAndMarked(t, db)
	if _, err := db.SetReviewStatus(id, review.InProgress); err != nil {
		t.Fatal(err)
	}
	if err := db.SetMarks(2020, "shaanxi-2020", review.Marks{Persons: map[string]bool{codeN(t, 1): true}}); err != nil {
		t.Fatal(err)
	}
	im, err := db.ImportPackageReport(unitAssessment(t, 1, 2020), PackageRecord{Digest: "NEW0-0000-0000", Verified: true}, true)
	if err != nil {
		t.Fatal(err)
	}
	if im.Unmarked.Any() {
		t.Errorf("Unmarked = %+v, want none", im.Unmarked)
	}
	wantMarks(t, db, nil, []int{1})
}

// 取消已复核 removes the unit's marks of the year (not another unit's) and says which; marking
// it 已复核 again, or a status change of a review that was not 已复核, removes nothing.
func TestCancelDoneUnmarks(t *testing.T) {
	db := openTemp(t)
	id := doneAndMarked(t, db)
	u, err := db.SetReviewStatus(id, review.Done)
	if err != nil || u.Any() {
		t.Fatalf("Done again: %+v, %v", u, err)
	}
	wantMarks(t, db, []int{1}, []int{1, 2})
	if u, err = db.SetReviewStatus(id, review.InProgress); err != nil {
		t.Fatal(err)
	}
	if u != (review.Unmarked{Unit: true, Person: true}) {
		t.Errorf("Unmarked = %+v, want both", u)
	}
	wantMarks(t, db, nil, []int{2})
	if r, _ := db.Review(id); r.Status != review.InProgress {
		t.Errorf("status = %v, want 复核中", r.Status)
	}
	if u, err = db.SetReviewStatus(id, review.Pending); err != nil || u.Any() {
		t.Errorf("复核中 → 未复核: %+v, %v", u, err)
	}
	// a review set to something else than 已复核 by ApplyReview keeps the rule too
	if err := db.ApplyReview(id, &review.Review{Reviewer: "王喆", Status: review.Done}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetMarks(2020, "shaanxi-2020", review.Marks{Units: map[string]bool{codeN(t, 1): true}}); err != nil {
		t.Fatal(err)
	}
	if err := db.ApplyReview(id, &review.Review{Reviewer: "王喆", Status: review.InProgress}); err != nil {
		t.Fatal(err)
	}
	wantMarks(t, db, nil, nil)
}

// RecommendedFor names the marks 取消已复核 would remove (the window's question) and removes
// none; they are exactly what SetReviewStatus then reports.
func TestRecommendedFor(t *testing.T) {
	db := openTemp(t)
	id := doneAndMarked(t, db)
	u, err := db.RecommendedFor(id)
	if err != nil || u != (review.Unmarked{Unit: true, Person: true}) {
		t.Fatalf("RecommendedFor = %+v, %v; want both", u, err)
	}
	wantMarks(t, db, []int{1}, []int{1, 2})
	got, err := db.SetReviewStatus(id, review.InProgress)
	if err != nil || got != u {
		t.Fatalf("SetReviewStatus removed %+v, %v; RecommendedFor said %+v", got, err, u)
	}
	if u, err = db.RecommendedFor(id); err != nil || u.Any() {
		t.Errorf("after 取消已复核: %+v, %v", u, err)
	}
	if _, err = db.RecommendedFor(99999); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "读取推荐名单失败：未找到该记录") {
		t.Errorf("unknown assessment: %v", err)
	}
}

// Deleting a 已复核 assessment takes its unit's marks of the year with it (a deleted unit is
// no 示范单位); another unit's marks stay.
func TestDeleteDoneAssessmentUnmarks(t *testing.T) {
	db := openTemp(t)
	id := doneAndMarked(t, db)
	if err := db.Unlock(id); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteAssessment(id); err != nil {
		t.Fatal(err)
	}
	wantMarks(t, db, nil, []int{2})
}
