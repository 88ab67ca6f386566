package storage

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"sanxiang/scoring"
)

// creditCode completes a 17-character prefix with its check character.
func creditCode(t testing.TB, prefix string) string {
	t.Helper()
	for _, c := range "0123456789ABCDEFGHJKLMNPQRTUWXY" {
		if code := prefix + string(c); scoring.ValidateCreditCode(code) == nil {
			return code
		}
	}
	t.Fatalf("no check character for %q", prefix)
	return ""
}

// codeN is the n-th distinct valid test credit code.
func codeN(t testing.TB, n int) string {
	return creditCode(t, fmt.Sprintf("11610000MB%07d", n))
}

func builtin(t testing.TB) *scoring.Catalog {
	t.Helper()
	c, err := scoring.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// openTemp opens a new database in a fresh temporary folder.
func openTemp(t testing.TB) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "sanxiang.db"), testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// newAssessment creates unit number n and an assessment of it for 2024.
func newAssessment(t testing.TB, db *DB, n int) int64 {
	t.Helper()
	uid, err := db.CreateUnit(scoring.Unit{Name: fmt.Sprintf("测试单位%d", n), CreditCode: codeN(t, n), Contact: "张三", Phone: "029-1234567"})
	if err != nil {
		t.Fatal(err)
	}
	id, err := db.CreateAssessment(uid, 2024, builtin(t))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// pragma reads one pragma value as text.
func pragma(t testing.TB, db *DB, name string) string {
	t.Helper()
	return query1(t, db, "PRAGMA "+name)
}

// query1 reads the one value a query returns, as text.
func query1(t testing.TB, db *DB, q string) string {
	t.Helper()
	var v string
	if err := db.sql.QueryRow(q).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}

// hasZh reports whether s contains a Han character, i.e. is a Chinese message.
func hasZh(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// openSQLRaw opens a plain SQLite connection to path, bypassing our lock file.
func openSQLRaw(path string) (*sql.DB, error) {
	s, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, err
	}
	s.SetMaxOpenConns(1)
	return s, nil
}

// testCats is the program's catalog registry as main builds it (the built-in catalog).
func testCats(t testing.TB) *scoring.Set {
	t.Helper()
	s, err := scoring.BuiltinSet()
	if err != nil {
		t.Fatal(err)
	}
	return s
}
