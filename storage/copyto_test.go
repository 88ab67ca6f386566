package storage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sanxiang/scoring"
)

// TestCopyTo: the copy opens as a database with the same data; an existing file is never
// replaced and nothing is left behind.
func TestCopyTo(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(filepath.Join(dir, FileName), testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.CreateUnit(scoring.Unit{Name: "测试局", CreditCode: "11610113MB12345675"}); err != nil {
		t.Fatal(err)
	}
	stick := filepath.Join(t.TempDir(), "U盘 便携")
	os.MkdirAll(stick, 0o755)
	dst := filepath.Join(stick, FileName)
	if err := db.CopyTo(dst); err != nil {
		t.Fatal(err)
	}
	c, err := Open(dst, testCats(t))
	if err != nil {
		t.Fatalf("the copy does not open: %v", err)
	}
	units, err := c.Units()
	c.Close()
	if err != nil || len(units) != 1 || units[0].Name != "测试局" {
		t.Errorf("the copy holds %v (%v)", units, err)
	}
	os.Remove(dst + ".lock")
	before, _ := os.ReadFile(dst)
	if err := db.CopyTo(dst); err == nil || !strings.Contains(err.Error(), "已存在") {
		t.Errorf("copy over an existing file: %v", err)
	}
	if after, _ := os.ReadFile(dst); string(after) != string(before) {
		t.Error("the existing file was changed")
	}
	ents, _ := os.ReadDir(stick)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".tmp-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}
