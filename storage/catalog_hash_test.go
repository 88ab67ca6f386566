package storage

import (
	"path/filepath"
	"testing"

	"sanxiang/scoring"
)

// An assessment created on an earlier file of the built-in catalog (format version 1, before it
// declared its materials) names that file's hash; after the program is updated its answers are
// still checked against the built-in's points.
func TestFormerBuiltinHashStillChecksScores(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sanxiang.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	cur := builtin(t)
	if len(cur.FormerHashes) == 0 {
		t.Fatal("built-in catalog knows no former hash")
	}
	old := *cur
	old.Hash, old.FormerHashes = cur.FormerHashes[0], nil
	uid, err := db.CreateUnit(scoring.Unit{Name: "旧版本创建的单位", CreditCode: codeN(t, 7)})
	if err != nil {
		t.Fatal(err)
	}
	id, err := db.CreateAssessment(uid, 2024, &old)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(path) // a fresh program: only the current built-in is registered
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.SaveAnswer(id, scoring.Answer{No: 1, Status: scoring.Scored, Score: 6}); err == nil {
		t.Fatal("score 0.6 stored for criterion (1) worth 0.5 on an assessment made on the former built-in file")
	}
	if err := db.SaveAnswer(id, scoring.Answer{No: 999, Status: scoring.Unanswered, Note: "x"}); err == nil {
		t.Fatal("answer to a criterion the catalog does not have was stored")
	}
	if err := db.SaveAnswer(id, scoring.Answer{No: 1, Status: scoring.Scored, Score: 5}); err != nil {
		t.Fatal(err)
	}
}
