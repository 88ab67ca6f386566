package samefile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSameAndWithin(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	os.WriteFile(db, []byte("x"), 0o644)
	other := filepath.Join(dir, "t.db")
	os.WriteFile(other, []byte("x"), 0o644)
	link := filepath.Join(dir, "link.db")
	os.Symlink(db, link)
	hard := filepath.Join(dir, "hard.db")
	os.Link(db, hard)
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	subLink := filepath.Join(dir, "sublink")
	os.Symlink(sub, subLink)
	cases := []struct {
		a, b string
		want bool
	}{
		{db, db, true},
		{db, filepath.Join(dir, ".", "sub", "..", "s.db"), true},
		{db, link, true},
		{db, hard, true},
		{db, other, false},
		{filepath.Join(dir, "new.json"), filepath.Join(dir, "sub", "..", "new.json"), true},
		{filepath.Join(sub, "new.json"), filepath.Join(subLink, "new.json"), true},
		{filepath.Join(dir, "new.json"), filepath.Join(dir, "new2.json"), false},
	}
	for _, tc := range cases {
		if got := Same(tc.a, tc.b); got != tc.want {
			t.Errorf("Same(%s, %s) = %v", tc.a, tc.b, got)
		}
	}
	if !Within(filepath.Join(subLink, "x", "y.json"), sub) || !Within(sub, subLink) || Within(db, sub) {
		t.Error("Within")
	}
}
