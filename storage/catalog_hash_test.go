package storage

import (
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"sanxiang/scoring"
)

func otherCatalog(t testing.TB) *scoring.Catalog {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "catalog-other.json"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := scoring.ParseCatalog(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// schemaV1 writes a database as the program of schema version 1 left it: two units, one
// assessment on the built-in's version-1 file (its former hash), one on the current built-in,
// and one on a catalog the program does not know.
func schemaV1(t *testing.T, path string, unknownHash string) {
	t.Helper()
	s, err := sql.Open("sqlite", openDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b := builtin(t)
	stmts := []string{migrations[0].sql, "PRAGMA user_version = 1", "PRAGMA application_id = " + strconv.Itoa(appID),
		`INSERT INTO units(id, name, credit_code, created, updated) VALUES (1, '旧单位', '` + codeN(t, 1) + `', 1, 1), (2, '另一单位', '` + codeN(t, 2) + `', 1, 1)`,
		`INSERT INTO assessments(id, unit_id, year, catalog_id, catalog_hash, created, updated) VALUES
			(1, 1, 2023, '` + scoring.BuiltinID + `', '` + b.FormerHashes[0] + `', 1, 1),
			(2, 1, 2024, '` + scoring.BuiltinID + `', '` + b.Hash + `', 1, 1),
			(3, 2, 2024, 'lost-2019', '` + unknownHash + `', 1, 1)`,
		`INSERT INTO answers(assessment_id, no, status, score, updated) VALUES (1, 1, 1, 5, 1), (1, 2, 1, 10, 1), (2, 3, 1, 5, 1)`,
	}
	for _, q := range stmts {
		if _, err := s.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// An existing version-1 database migrates: the built-in catalog is stored for its assessments,
// the version-1 file's hash is mapped to the current one, answers are kept and still checked;
// an assessment on an unknown catalog says so in Chinese until that catalog is stored.
func TestMigrateStoresCatalogs(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	other := otherCatalog(t)
	schemaV1(t, path, other.Hash)

	db, err := Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	if v := pragma(t, db, "user_version"); v != strconv.Itoa(SchemaVersion()) {
		t.Errorf("user_version = %s", v)
	}
	b := builtin(t)
	if got := query1(t, db, `SELECT group_concat(hash) FROM catalogs`); got != b.Hash {
		t.Errorf("stored catalogs %q, want only the built-in", got)
	}
	if got := query1(t, db, `SELECT count(*) FROM assessments WHERE catalog_hash = '`+b.Hash+`'`); got != "2" {
		t.Errorf("%s assessments name the current built-in hash, want 2", got)
	}
	a, err := db.Load(1)
	if err != nil {
		t.Fatal(err)
	}
	if a.Catalog.Hash != b.Hash || a.Answers[2].Score != 10 {
		t.Errorf("migrated assessment: catalog %.8s, answer (2) %v", a.Catalog.Hash, a.Answers[2])
	}
	if err := db.SaveAnswer(1, scoring.Answer{No: 1, Status: scoring.Scored, Score: 6}); err == nil {
		t.Error("score 0.6 stored for criterion (1) worth 0.5 after the migration")
	}
	_, err = db.Load(3)
	if err == nil || !strings.Contains(err.Error(), "lost-2019") || !strings.Contains(err.Error(), "--catalog") {
		t.Fatalf("Load of an assessment on an unknown catalog = %v", err)
	}
	if err := db.StoreCatalog(other); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	// a fresh program knows only the built-in: the stored catalog comes from the database
	db, err = Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a, err = db.Load(3)
	if err != nil {
		t.Fatal(err)
	}
	if a.Catalog.Hash != other.Hash || a.Catalog.Materials[0].MinChars != 300 {
		t.Errorf("catalog after reopening: %.8s %+v", a.Catalog.Hash, a.Catalog.Materials)
	}
	if err := db.SaveAnswer(3, scoring.Answer{No: 9, Status: scoring.Unanswered, Note: "x"}); err == nil {
		t.Error("an answer to criterion (9), which the stored catalog lacks, was stored")
	}
	if err := db.SaveAnswer(3, scoring.Answer{No: 7, Status: scoring.Scored, Score: 55}); err != nil {
		t.Error(err)
	}
}

// A catalog whose file does not match its hash is never stored (it would load as another one).
func TestStoreCatalogChecksHash(t *testing.T) {
	db := openTemp(t)
	c := *otherCatalog(t)
	c.Hash = builtin(t).Hash
	if err := db.StoreCatalog(&c); err == nil {
		t.Fatal("a catalog with a wrong hash was stored")
	}
	uid, err := db.CreateUnit(scoring.Unit{Name: "单位", CreditCode: codeN(t, 3)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateAssessment(uid, 2025, &c); err == nil {
		t.Fatal("an assessment was created on a catalog with a wrong hash")
	}
	if n := query1(t, db, `SELECT count(*) FROM assessments`); n != "0" {
		t.Errorf("%s assessments after the refusal", n)
	}
}

// A backup taken by a program of schema 1 restores into this one: it is migrated like any old
// database, so its assessments open with the built-in stored for them.
func TestRestoreMigratesOldBackup(t *testing.T) {
	db := openTemp(t)
	old := filepath.Join(t.TempDir(), "旧备份.db")
	schemaV1(t, old, otherCatalog(t).Hash)
	if err := db.Restore(old); err != nil {
		t.Fatal(err)
	}
	if v := pragma(t, db, "user_version"); v != strconv.Itoa(SchemaVersion()) {
		t.Errorf("user_version after restoring a schema-1 backup = %s", v)
	}
	a, err := db.Load(1)
	if err != nil {
		t.Fatal(err)
	}
	if a.Catalog.Hash != builtin(t).Hash || a.Answers[2].Score != 10 {
		t.Errorf("restored assessment on %.8s with %+v", a.Catalog.Hash, a.Answers)
	}
}
