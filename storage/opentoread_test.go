package storage

import (
	"database/sql"
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
)

// OpenToRead skips the whole-file check, so a damaged file may open; but then every read of a
// damaged page fails with the Chinese ErrDamaged, and the file is never written (neither at
// open nor at close), so it stays byte-for-byte as it was for RestoreClosed.
func TestOpenToReadDamagedFileFailsAndIsUnchanged(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	random := func(n int) []byte { b := make([]byte, n); rng.Read(b); return b }
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, path string)
	}{
		{"random bytes", func(t *testing.T, p string) { os.WriteFile(p, random(64<<10), 0o644) }},
		{"truncated to the header", truncateTo(100)},
		{"truncated to half", truncateFraction(2)},
		{"pages overwritten with noise", func(t *testing.T, p string) {
			b, _ := os.ReadFile(p)
			copy(b[4096:], random(len(b)-4096))
			os.WriteFile(p, b, 0o644)
		}},
		{"the last pages overwritten with noise", func(t *testing.T, p string) {
			b, _ := os.ReadFile(p)
			copy(b[len(b)/2:], random(len(b)-len(b)/2))
			os.WriteFile(p, b, 0o644)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, id := filledDB(t, t.TempDir())
			tc.damage(t, path)
			before := digest(t, path)
			db, err := OpenToRead(path, testCats(t))
			if err == nil {
				_, err = db.Load(id)
				if err == nil {
					_, err = db.BureauUnits(0)
				}
				if cerr := db.Close(); cerr != nil {
					t.Errorf("Close: %v", cerr)
				}
			}
			if !errors.Is(err, ErrDamaged) || !hasZh(err.Error()) {
				t.Fatalf("OpenToRead and reading = %v, want ErrDamaged", err)
			}
			if digest(t, path) != before {
				t.Fatal("the damaged file was changed")
			}
		})
	}
}

// A sound file opened to read gives what Open gives and is left byte-for-byte unchanged.
func TestOpenToReadReadsAndWritesNothing(t *testing.T) {
	path, id := filledDB(t, t.TempDir())
	before := digest(t, path)
	db, err := OpenToRead(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	a, err := db.Load(id)
	if err != nil || len(a.Answers) != builtin(t).Len() {
		t.Fatalf("Load: %v, %d answers", err, len(a.Answers))
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if digest(t, path) != before {
		t.Error("OpenToRead changed the file")
	}
}

// A file that needs a migration (which writes) is checked whole first even when opened to
// read: a damaged old file is refused and left as it was.
func TestOpenToReadChecksBeforeMigrating(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	schemaV1(t, path, otherCatalog(t).Hash)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	if len(b) < 3*page {
		t.Fatalf("the version-1 file has %d bytes, too few pages to damage one", len(b))
	}
	refusedWhenDamaged(t, path, b, len(b)-page, "OpenToRead migrated a damaged file") // a table's page, not the schema
}

// refusedWhenDamaged overwrites the file at path (its bytes b) from offset from on, then expects
// OpenToRead to refuse it with the Chinese ErrDamaged (else fails with opened) and to leave it
// byte for byte as it was.
func refusedWhenDamaged(t *testing.T, path string, b []byte, from int, opened string) {
	t.Helper()
	for i := from; i < len(b); i++ {
		b[i] = 0xA5
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	before := digest(t, path)
	db, err := OpenToRead(path, testCats(t))
	if err == nil {
		db.Close()
		t.Fatal(opened)
	}
	if !errors.Is(err, ErrDamaged) || !hasZh(err.Error()) {
		t.Fatalf("OpenToRead = %v, want ErrDamaged", err)
	}
	if digest(t, path) != before {
		t.Fatal("the damaged file was changed")
	}
}

// A file still in rollback-journal mode (switching it to the write-ahead log writes its header)
// or with a log left by a crash (written into it at close) is checked whole first even when
// opened to read: damaged, it is refused and left as it was.
func TestOpenToReadChecksBeforeWriting(t *testing.T) {
	for _, tc := range []struct {
		name    string
		prepare func(t *testing.T, path string)
	}{
		{"rollback journal", func(t *testing.T, path string) {
			s, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.Exec(`PRAGMA journal_mode=DELETE`); err != nil {
				t.Fatal(err)
			}
		}},
		{"log left by a crash", func(t *testing.T, path string) {
			if err := os.WriteFile(path+"-wal", make([]byte, 4096), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, _ := filledDB(t, t.TempDir())
			tc.prepare(t, path)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			refusedWhenDamaged(t, path, b, len(b)/2, "OpenToRead opened a damaged file it would write")
		})
	}
}
