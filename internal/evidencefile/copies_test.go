package evidencefile

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sanxiang/scoring"
)

// record is the package's record of a file with body.
func record(path, body string) scoring.Evidence {
	s := sha256.Sum256([]byte(body))
	return scoring.Evidence{Path: path, Name: filepath.Base(path), Size: int64(len(body)), SHA256: hex.EncodeToString(s[:])}
}

// A copy with one byte changed and the same size is CopyChanged by its SHA-256; an unchanged
// file is read once however often it is verified, and read again when its time changes.
func TestCopiesVerifyBySHA256(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "执法台账.pdf")
	body := "%PDF-1.4 执法台账 第1页"
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2025, 3, 1, 9, 0, 0, 0, time.Local)
	os.Chtimes(p, t0, t0)
	rec := record(p, body)
	c := NewCopies()
	for i := 0; i < 3; i++ { // a page shown three times
		if got := c.Verify(rec); got != CopyIntact {
			t.Fatalf("Verify of the untouched copy = %v", got)
		}
	}
	if c.Hashed() != 1 {
		t.Errorf("the unchanged file was read %d times, want 1", c.Hashed())
	}
	upper := rec
	upper.SHA256 = strings.ToUpper(rec.SHA256)
	if got := c.Verify(upper); got != CopyIntact || c.Hashed() != 1 {
		t.Errorf("a digest in capitals: %v, read %d times", got, c.Hashed())
	}

	// one byte changed, same size, written later
	changed := []byte(body)
	changed[len(changed)-1] = '2'
	if err := os.WriteFile(p, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	t1 := t0.Add(time.Minute)
	os.Chtimes(p, t1, t1)
	if got := c.Quick(rec); got != CopyIntact {
		t.Errorf("Quick read the changed file: %v (it reads nothing new)", got)
	}
	if got := c.Verify(rec); got != CopyChanged {
		t.Errorf("Verify of the copy with a changed byte = %v, want CopyChanged", got)
	}
	if c.Hashed() != 2 {
		t.Errorf("the changed file was read %d times in all, want 2", c.Hashed())
	}
	if got := c.Quick(rec); got != CopyChanged {
		t.Errorf("Quick after Verify found the change = %v, want CopyChanged (remembered)", got)
	}
	if got := c.Verify(rec); got != CopyChanged || c.Hashed() != 2 {
		t.Errorf("verified again: %v, read %d times", got, c.Hashed())
	}
	// the list of units carries no digests: it learns what Verify found for the file as it is
	bare := rec
	bare.SHA256 = ""
	if got := c.Quick(bare); got != CopyChanged {
		t.Errorf("Quick of a record without digest after Verify = %v, want CopyChanged", got)
	}
	if got := NewCopies().Quick(bare); got != CopyIntact {
		t.Errorf("Quick of a record without digest, nothing read = %v", got)
	}
	t2 := t1.Add(time.Minute) // touched again: what was read no longer applies
	os.Chtimes(p, t2, t2)
	if got := c.Quick(bare); got != CopyIntact {
		t.Errorf("Quick after the file's time changed = %v (it cannot know)", got)
	}
	// without a cache every Verify reads
	var none *Copies
	if got := none.Verify(rec); got != CopyChanged {
		t.Errorf("nil Copies: %v", got)
	}
	if got := none.Quick(rec); got != CopyIntact {
		t.Errorf("nil Copies Quick: %v", got)
	}
	if none.Hashed() != 0 {
		t.Error("nil Copies counts")
	}
}

func TestCopiesStates(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "制度.pdf")
	os.WriteFile(p, []byte("%PDF"), 0o644)
	folder := filepath.Join(dir, "文件夹.pdf")
	os.Mkdir(folder, 0o755)
	noSum := record(p, "%PDF")
	noSum.SHA256 = ""
	wrongSize := record(p, "%PDF-1.4")
	for _, tc := range []struct {
		name string
		e    scoring.Evidence
		want CopyState
	}{
		{"intact", record(p, "%PDF"), CopyIntact},
		{"gone", record(filepath.Join(dir, "已删除.pdf"), "%PDF"), CopyMissing},
		{"a folder in its place", record(folder, "%PDF"), CopyMissing},
		{"another size", wrongSize, CopyChanged},
		{"same size, other bytes", record(p, "%PDX"), CopyChanged},
		{"no SHA-256 recorded: by size", noSum, CopyIntact},
	} {
		c := NewCopies()
		if got := c.Verify(tc.e); got != tc.want {
			t.Errorf("%s: Verify = %v, want %v", tc.name, got, tc.want)
		}
		if tc.want != CopyIntact && tc.name != "same size, other bytes" && c.Hashed() != 0 {
			t.Errorf("%s: read the file although stat decided", tc.name)
		}
	}
}

func TestCopyStateTexts(t *testing.T) {
	for s, want := range map[CopyState]string{CopyIntact: "与报送包一致", CopyMissing: "文件已不存在", CopyChanged: "文件已被修改（与报送包不一致）"} {
		if s.String() != want {
			t.Errorf("%d: %q", s, s.String())
		}
	}
}

// BenchmarkCopies is the cost of checking one 8 MiB evidence copy: read in full (the first
// Verify, or after a change) and remembered (a page shown again: one stat).
func BenchmarkCopies(b *testing.B) {
	p := filepath.Join(b.TempDir(), "扫描件.pdf")
	body := strings.Repeat("%PDF-1.4 扫描件", 8<<20/len("%PDF-1.4 扫描件"))
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		b.Fatal(err)
	}
	rec := record(p, body)
	b.Run("read", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			if NewCopies().Verify(rec) != CopyIntact {
				b.Fatal("changed")
			}
		}
	})
	b.Run("remembered", func(b *testing.B) {
		c := NewCopies()
		c.Verify(rec)
		for b.Loop() {
			if c.Verify(rec) != CopyIntact {
				b.Fatal("changed")
			}
		}
		if c.Hashed() != 1 {
			b.Fatalf("read %d times", c.Hashed())
		}
	})
}
