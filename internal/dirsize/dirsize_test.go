package dirsize

import (
	"os"
	"path/filepath"
	"testing"
)

func TestOf(t *testing.T) {
	dir := t.TempDir()
	write := func(rel string, n int) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, make([]byte, n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.pdf", 10)
	write("子文件夹/b.docx", 32)
	write("子文件夹/更深/c", 0)
	outside := filepath.Join(t.TempDir(), "big")
	if err := os.WriteFile(outside, make([]byte, 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		root string
		want int64
	}{
		{dir, 42}, // the link is not followed
		{filepath.Join(dir, "子文件夹"), 32},
		{filepath.Join(dir, "a.pdf"), 10},
		{filepath.Join(dir, "不存在"), 0},
	}
	for _, c := range cases {
		if got := Of(c.root); got != c.want {
			t.Errorf("Of(%s) = %d, want %d", c.root, got, c.want)
		}
	}
}
