package storage

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMisnamedPortable: sanxiang.db.txt beside the program (Explorer shows it as sanxiang.db)
// is found when there is no sanxiang.db; a real sanxiang.db wins; a folder of that name is not
// a database.
func TestMisnamedPortable(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, FileName)
	if _, ok := misnamedAt(p); ok {
		t.Error("found in an empty folder")
	}
	os.WriteFile(p+".txt", []byte("SQLite format 3\x00"), 0o644)
	if got, ok := misnamedAt(p); !ok || got != p+".txt" {
		t.Errorf("misnamedAt = %q %v", got, ok)
	}
	os.WriteFile(p, nil, 0o644)
	if _, ok := misnamedAt(p); ok {
		t.Error("found beside a real sanxiang.db")
	}
	os.Remove(p)
	os.Remove(p + ".txt")
	os.Mkdir(p+".txt", 0o755)
	if _, ok := misnamedAt(p); ok {
		t.Error("a folder counted as the database")
	}
}
