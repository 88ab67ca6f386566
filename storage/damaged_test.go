package storage

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sanxiang/scoring"
)

// filledDB writes a closed database with enough data to span many pages, and one backup.
func filledDB(t *testing.T, dir string) (path string, id int64) {
	t.Helper()
	path = filepath.Join(dir, "sanxiang.db")
	db, err := Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	cat := builtin(t)
	full := &scoring.Assessment{Catalog: cat, Year: 2024, Answers: map[int]scoring.Answer{},
		Unit: scoring.Unit{Name: "测试单位1", CreditCode: codeN(t, 1)}}
	for _, no := range cat.Numbers() {
		full.Answers[no] = scoring.Answer{No: no, Status: scoring.Scored, Note: strings.Repeat("自评说明文字", 40),
			Evidence: []scoring.Evidence{{Path: fmt.Sprintf("/证据/%d.pdf", no), Size: 1, SHA256: "00"}}}
	}
	if id, err = db.Import(full, false); err != nil { // one transaction: fast
		t.Fatal(err)
	}
	if _, err := db.Backup(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path, id
}

func digest(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestDamagedFilesAreRefusedAndRestorable(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	random := func(n int) []byte { b := make([]byte, n); rng.Read(b); return b }
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, path string)
		want   error
	}{
		{"random bytes", func(t *testing.T, p string) { os.WriteFile(p, random(64<<10), 0o644) }, ErrDamaged},
		{"a text file", func(t *testing.T, p string) { os.WriteFile(p, []byte("这不是数据库\n"), 0o644) }, ErrDamaged},
		{"truncated to 10 bytes", truncateTo(10), ErrDamaged},
		{"truncated to the header", truncateTo(100), ErrDamaged},
		{"truncated to half", truncateFraction(2), ErrDamaged},
		{"truncated to a tenth", truncateFraction(10), ErrDamaged},
		{"pages overwritten with noise", func(t *testing.T, p string) {
			b, _ := os.ReadFile(p)
			copy(b[4096:], random(len(b)-4096))
			os.WriteFile(p, b, 0o644)
		}, ErrDamaged},
		{"valid header, random body", func(t *testing.T, p string) {
			b, _ := os.ReadFile(p)
			os.WriteFile(p, append(b[:100:100], random(len(b)-100)...), 0o644)
		}, ErrDamaged},
		{"zero bytes next to backups", func(t *testing.T, p string) { os.WriteFile(p, nil, 0o644) }, ErrDamaged},
		{"another program's SQLite database", func(t *testing.T, p string) {
			os.Remove(p)
			s, _ := sql.Open("sqlite", p)
			defer s.Close()
			if _, err := s.Exec(`CREATE TABLE notes(x); INSERT INTO notes VALUES (1)`); err != nil {
				t.Fatal(err)
			}
		}, ErrDamaged},
		{"newer schema version", func(t *testing.T, p string) {
			s, _ := sql.Open("sqlite", p)
			defer s.Close()
			if _, err := s.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, SchemaVersion()+1)); err != nil {
				t.Fatal(err)
			}
		}, ErrNewerSchema},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, id := filledDB(t, t.TempDir())
			tc.damage(t, path)
			before := digest(t, path)
			db, err := Open(path, testCats(t))
			if err == nil {
				db.Close()
				t.Fatal("Open accepted the file")
			}
			if !errors.Is(err, tc.want) || !hasZh(err.Error()) {
				t.Fatalf("Open = %v, want %v", err, tc.want)
			}
			if digest(t, path) != before {
				t.Fatal("the refused file was changed")
			}
			if _, err := os.Stat(path + "-wal"); !errors.Is(err, os.ErrNotExist) {
				t.Error("a refused Open left a -wal file")
			}
			backup, ok := LatestBackup(path)
			if !ok {
				t.Fatal("LatestBackup found nothing")
			}
			if err := RestoreClosed(path, backup); err != nil {
				t.Fatal(err)
			}
			aside, _ := filepath.Glob(path + ".bad-*")
			if len(aside) != 1 || digest(t, aside[0]) != before {
				t.Errorf("the unusable file was not kept aside: %v", aside)
			}
			db, err = Open(path, testCats(t))
			if err != nil {
				t.Fatalf("Open after RestoreClosed: %v", err)
			}
			defer db.Close()
			a, err := db.Load(id)
			if err != nil || len(a.Answers) != builtin(t).Len() {
				t.Fatalf("restored data: %v, %d answers", err, len(a.Answers))
			}
		})
	}
}

func truncateTo(n int64) func(t *testing.T, p string) {
	return func(t *testing.T, p string) {
		if err := os.Truncate(p, n); err != nil {
			t.Fatal(err)
		}
	}
}

func truncateFraction(d int64) func(t *testing.T, p string) {
	return func(t *testing.T, p string) {
		st, _ := os.Stat(p)
		truncateTo(st.Size()/d)(t, p)
	}
}

func TestZeroByteFileWithoutBackupsIsNew(t *testing.T) {
	// A zero-byte file is what a crash during the very first Open leaves; with no backups
	// beside it there never was any data, so starting empty loses nothing.
	path := filepath.Join(t.TempDir(), "sanxiang.db")
	os.WriteFile(path, nil, 0o644)
	db, err := Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	// With a backup beside it, the same file is refused (see TestDamagedFilesAreRefusedAndRestorable).
}

func TestSetAsideStartsEmpty(t *testing.T) {
	path, _ := filledDB(t, t.TempDir())
	os.WriteFile(path, []byte("garbage"), 0o644)
	aside, err := SetAside(path)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(aside); string(b) != "garbage" {
		t.Errorf("set-aside file holds %q", b)
	}
	db, err := Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if units, _ := db.Units(); len(units) != 0 {
		t.Errorf("new database has units %v", units)
	}
	if again, err := SetAside(filepath.Join(t.TempDir(), "none.db")); again != "" || err != nil {
		t.Errorf("SetAside of a missing file = %q, %v", again, err)
	}
}

func TestRestoreClosedRefusesBadBackup(t *testing.T) {
	path, _ := filledDB(t, t.TempDir())
	os.WriteFile(path, []byte("garbage"), 0o644)
	bad := filepath.Join(filepath.Dir(path), "bad.db")
	os.WriteFile(bad, bytes.Repeat([]byte{7}, 5000), 0o644)
	for _, b := range []string{bad, filepath.Join(filepath.Dir(path), "missing.db")} {
		if err := RestoreClosed(path, b); err == nil || !hasZh(err.Error()) {
			t.Errorf("RestoreClosed(%s) = %v", filepath.Base(b), err)
		}
	}
	if b, _ := os.ReadFile(path); string(b) != "garbage" {
		t.Error("a refused restore changed the database file")
	}
}

// FuzzOpen feeds arbitrary bytes as a database file: Open must never panic, must refuse with a
// Chinese ErrDamaged/ErrNewerSchema, and must leave a refused file byte-for-byte unchanged.
func FuzzOpen(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("SQLite format 3\x00"))
	f.Add(append([]byte("SQLite format 3\x00\x10\x00\x01\x01"), make([]byte, 4096)...))
	dir := f.TempDir()
	path := filepath.Join(dir, "seed.db")
	if db, err := Open(path, testCats(f)); err == nil {
		newAssessment(f, db, 1)
		db.Close()
		b, _ := os.ReadFile(path)
		f.Add(b)
		f.Add(b[:len(b)/2])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "sanxiang.db")
		os.WriteFile(path, data, 0o644)
		db, err := Open(path, testCats(t))
		if err == nil {
			db.Close()
			return
		}
		if !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrNewerSchema) {
			t.Fatalf("unexpected kind of error: %v", err)
		}
		if !hasZh(err.Error()) {
			t.Fatalf("error not in Chinese: %v", err)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
			t.Fatal("a refused file was changed")
		}
	})
}
