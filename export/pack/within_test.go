package pack

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoPackageInsidePackage: after 校验 the user may be looking at a package folder; a new
// package (folder or zip) is never written inside it or below it, and nothing is left there.
func TestNoPackageInsidePackage(t *testing.T) {
	a := sample(t)
	res, _ := build(t, a, false)
	if got := Within(filepath.Join(res.Path, EvidenceFolder)); got != res.Path {
		t.Errorf("Within(evidence folder) = %q, want %q", got, res.Path)
	}
	if got := Within(filepath.Dir(res.Path)); got != "" {
		t.Errorf("Within(parent) = %q", got)
	}
	for _, dir := range []string{res.Path, filepath.Join(res.Path, EvidenceFolder)} {
		before, _ := os.ReadDir(dir)
		for _, zipped := range []bool{false, true} {
			_, err := Build(context.Background(), a, dir, Options{Catalogs: testCats, Zip: zipped, Date: testDate})
			if err == nil || !strings.Contains(err.Error(), "不能把报送包生成在另一个报送包") || !strings.Contains(err.Error(), res.Path) {
				t.Errorf("build into %s (zip %v): %v", dir, zipped, err)
			}
		}
		if after, _ := os.ReadDir(dir); len(after) != len(before) {
			t.Errorf("%s changed: %d → %d entries", dir, len(before), len(after))
		}
	}
	if rep, err := Verify(context.Background(), res.Path); err != nil || !rep.OK {
		t.Errorf("the package no longer verifies: %v %s", err, rep.Summary())
	}
	// beside it is fine
	if _, err := Build(context.Background(), a, filepath.Dir(res.Path), Options{Catalogs: testCats, Zip: true, Date: testDate}); err != nil {
		t.Errorf("build beside the package: %v", err)
	}
}
