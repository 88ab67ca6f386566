// Package reviewtest builds the bureau's test database for the tests of workflow and of
// sanxiang-cli's `review` commands, so both check the same four units: a fully scored unit whose
// review re-scores two criteria and that was also imported for the year before (its history),
// two units with equal scores (a shared rank), and a unit with every criterion 不适用 (no
// converted score, no rank). It is used by tests only.
package reviewtest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sanxiang/scoring"
	"sanxiang/scoring/review"
	"sanxiang/storage"
)

// Fixed facts of the fixture, for the tests' expectations.
const (
	Year    = 2020
	Catalog = "shaanxi-2020"
)

// Credit codes of the four units (valid, with their check characters).
var (
	CodeA = Code("11610113MB0000001") // 雁塔区市场监督管理局: full marks, re-scored, 2019 as well
	CodeB = Code("11610113MB0000002") // 城市管理和综合执法局: tie with C
	CodeC = Code("11610113MB0000003") // 文化和旅游局: tie with B
	CodeD = Code("11610113MB0000004") // 档案馆: everything 不适用
)

// Code completes a 17-character body with its 统一社会信用代码 check character.
func Code(body string) string {
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	w := [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	sum := 0
	for i, r := range body {
		sum += strings.IndexRune(chars, r) * w[i]
	}
	return body + string(chars[(31-sum%31)%31])
}

// Assessment is a unit's assessment on the built-in catalog with every criterion answered by score.
func Assessment(t testing.TB, name, code string, year int, score func(no int, pts scoring.Tenths) scoring.Answer) *scoring.Assessment {
	t.Helper()
	cat, err := scoring.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	a := &scoring.Assessment{Catalog: cat, Year: year, Unit: scoring.Unit{Name: name, CreditCode: code},
		Answers: map[int]scoring.Answer{}, Narratives: map[string]string{}}
	for _, no := range cat.Numbers() {
		ref, _ := cat.Criterion(no)
		a.Answers[no] = score(no, ref.Criterion.Points)
	}
	return a
}

// Full scores every criterion at its points.
func Full(no int, pts scoring.Tenths) scoring.Answer {
	return scoring.Answer{No: no, Status: scoring.Scored, Score: pts}
}

// MinusTenth scores every tenth criterion 0, the others at their points.
func MinusTenth(no int, pts scoring.Tenths) scoring.Answer {
	if no%10 == 0 {
		pts = 0
	}
	return scoring.Answer{No: no, Status: scoring.Scored, Score: pts}
}

// AllNA marks every criterion 不适用.
func AllNA(no int, _ scoring.Tenths) scoring.Answer {
	return scoring.Answer{No: no, Status: scoring.NA, NAReason: "无此职能"}
}

// PresentSHA256 is the SHA-256 of unit A's evidence file that is present ("%PDF"), so that an
// evidence check that reads the file finds it intact.
const PresentSHA256 = "315d429b7714cedb6ad04ac31240145257692630457f3c88253c5beceac76027"

// IDs are the assessment ids of the fixture's imports.
type IDs struct{ A, B, C, D, A2019 int64 }

// Build fills db with the four units of 2020 (and unit A's 2019) as imported packages, unit A's
// evidence (one file present in dir, one missing) and unit A's review (done, two re-scored
// criteria and one comment only).
func Build(t testing.TB, db *storage.DB, dir string) IDs {
	t.Helper()
	at := time.Date(2020, 12, 1, 9, 0, 0, 0, time.UTC)
	present := filepath.Join(dir, "制度.pdf")
	if err := os.WriteFile(present, []byte("%PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	a := Assessment(t, "西安市雁塔区市场监督管理局", CodeA, Year, Full)
	ans := a.Answers[2]
	ans.Evidence = []scoring.Evidence{
		{Path: present, Name: "制度", Size: 4, SHA256: PresentSHA256, Added: at},
		{Path: filepath.Join(dir, "已删除.pdf"), Name: "已删除", Size: 9, SHA256: strings.Repeat("b", 64), Added: at},
	}
	a.Answers[2] = ans
	a.Narratives[scoring.NarrativeModelName] = "李明"
	a.Narratives[scoring.NarrativeModelPost] = "执法大队副大队长"
	a.Narratives[scoring.NarrativeModelCertificate] = "61010020001"
	a.Narratives[scoring.NarrativeModelApplication] = strings.Repeat("李明同志十年如一日坚守执法一线。", 60)
	a.Narratives[scoring.NarrativeUnitApplication] = strings.Repeat("我局全面推行三项制度。", 117)
	b := Assessment(t, "雁塔区城市管理和综合执法局", CodeB, Year, MinusTenth)
	b.Answers[7] = scoring.Answer{No: 7, Status: scoring.Unanswered, Note: "待补"}
	c := Assessment(t, "雁塔区文化和旅游局", CodeC, Year, MinusTenth)
	c.Answers[7] = scoring.Answer{No: 7, Status: scoring.Unanswered}
	d := Assessment(t, "雁塔区档案馆", CodeD, Year, AllNA)
	old := Assessment(t, "西安市雁塔区市场监督管理局", CodeA, Year-1, MinusTenth)
	imp := func(a *scoring.Assessment, digest string, verified bool) int64 {
		id, err := db.ImportPackage(a, storage.PackageRecord{Digest: digest, Verified: verified, Source: "/media/stick/" + a.Unit.Name, ImportedAt: at}, false)
		if err != nil {
			t.Fatalf("import %s %d: %v", a.Unit.Name, a.Year, err)
		}
		return id
	}
	var ids IDs
	ids.A2019 = imp(old, "OLD0-2019-AAAA", true)
	ids.A = imp(a, "ABCD-EFGH-JKLM", true)
	ids.B = imp(b, "BBBB-2020-0002", true)
	ids.C = imp(c, "CCCC-2020-0003", true)
	ids.D = imp(d, "DDDD-2020-0004", false)
	if err := db.ApplyReview(ids.A, &review.Review{Reviewer: "王喆", Conclusion: "自评基本属实，个别要点佐证不足，予以扣分。", Status: review.Done,
		Items: map[int]review.Item{
			36: {No: 36, Score: 3, Comment: "公示信息不全"},
			52: {No: 52, NA: true, Comment: "本单位无行政强制职能"},
			60: {No: 60, Score: mustPoints(t, a.Catalog, 60), Comment: "佐证充分"},
		}}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveReviewMeta(ids.B, "李四", ""); err != nil {
		t.Fatal(err)
	}
	return ids
}

func mustPoints(t testing.TB, cat *scoring.Catalog, no int) scoring.Tenths {
	ref, ok := cat.Criterion(no)
	if !ok {
		t.Fatalf("criterion (%d) missing", no)
	}
	return ref.Criterion.Points
}

// Open creates a database in dir and builds the fixture in it.
func Open(t testing.TB, dir string) (*storage.DB, IDs) {
	t.Helper()
	cats, err := scoring.BuiltinSet()
	if err != nil {
		t.Fatal(err)
	}
	db, err := storage.Open(filepath.Join(dir, storage.FileName), cats)
	if err != nil {
		t.Fatal(err)
	}
	ids := Build(t, db, dir)
	return db, ids
}

// ReviewFile is a review file's text for unit code of Year with the given items (JSON text of
// the items array's elements).
func ReviewFile(code string, items ...string) string {
	return fmt.Sprintf(`{"format":"sanxiang.review","version":1,"credit_code":%q,"year":%d,"catalog":%q,"reviewer":"赵六","conclusion":"属实","items":[%s]}`,
		code, Year, Catalog, strings.Join(items, ","))
}
