package pack

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sanxiang/scoring"
)

func otherCatalog(t testing.TB) *scoring.Catalog {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "catalog-other.json"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := scoring.ParseCatalog(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// onOther is an assessment on the second test catalog, with one evidence file.
func onOther(t testing.TB) *scoring.Assessment {
	t.Helper()
	ev := filepath.Join(t.TempDir(), "公示截图.txt")
	if err := os.WriteFile(ev, []byte("门户网站公示截图"), 0o644); err != nil {
		t.Fatal(err)
	}
	a := sample(t)
	a.Catalog = otherCatalog(t)
	a.Answers = map[int]scoring.Answer{
		1: {No: 1, Status: scoring.Scored, Score: 15, Evidence: []scoring.Evidence{{Path: ev, Name: "公示截图.txt", Size: 24, SHA256: sha256Hex([]byte("门户网站公示截图"))}}},
		7: {No: 7, Status: scoring.Scored, Score: 40, DeductionReason: "个别案件未审核"},
		8: {No: 8, Status: scoring.NA, NAReason: "本单位无此事项"},
	}
	a.Narratives = map[string]string{"summary": "全年工作总结。"}
	return a
}

// A package on a catalog that is not built in carries it, listed in the manifest and covered by
// the digest; it imports with only the built-in known; a package on the built-in carries none.
func TestPackageCarriesItsCatalog(t *testing.T) {
	for _, zipped := range []bool{false, true} {
		a := onOther(t)
		res, _ := build(t, a, zipped)
		m := manifestOf(t, res.Path, zipped)
		var listed bool
		for _, e := range m.Entries {
			if e.Path == CatalogName {
				listed = e.SHA256 == a.Catalog.Hash && e.Size == int64(len(a.Catalog.File))
			}
		}
		if !listed {
			t.Fatalf("zip=%v: %s missing from the manifest or not the catalog file: %+v", zipped, CatalogName, m.Entries)
		}
		without := make([]Entry, 0, len(m.Entries))
		for _, e := range m.Entries {
			if e.Path != CatalogName {
				without = append(without, e)
			}
		}
		if ComputeDigest(without) == res.Digest {
			t.Errorf("zip=%v: the digest does not cover %s", zipped, CatalogName)
		}
		got, err := Import(context.Background(), res.Path, filepath.Join(t.TempDir(), "ev"), testCats)
		if err != nil {
			t.Fatalf("zip=%v: %v", zipped, err)
		}
		if got.Catalog.Hash != a.Catalog.Hash || got.Catalog.Materials[0].MinChars != 300 {
			t.Errorf("zip=%v: imported on catalog %.8s", zipped, got.Catalog.Hash)
		}
		if got.Answers[7].Score != 40 || got.Answers[8].Status != scoring.NA || got.Narratives["summary"] != "全年工作总结。" {
			t.Errorf("zip=%v: answers %+v", zipped, got.Answers)
		}
	}

	b := sample(t)
	res, _ := build(t, b, false)
	if _, err := os.Stat(filepath.Join(res.Path, CatalogName)); !os.IsNotExist(err) {
		t.Errorf("a package on the built-in catalog has %s (%v)", CatalogName, err)
	}
	if strings.Contains(string(mustRead(t, filepath.Join(res.Path, ReadmeName))), CatalogName) {
		t.Errorf("说明.txt of a built-in package mentions %s", CatalogName)
	}
}

// A carried catalog that was changed after packing fails verification; one that does not belong
// to the assessment is refused.
func TestCarriedCatalogTampered(t *testing.T) {
	a := onOther(t)
	res, _ := build(t, a, false)
	p := filepath.Join(res.Path, CatalogName)
	changed := strings.Replace(string(a.Catalog.File), "年度工作总结", "年度工作总节", 1)
	if err := os.WriteFile(p, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Import(context.Background(), res.Path, filepath.Join(t.TempDir(), "ev"), testCats); err == nil {
		t.Fatal("a package with a changed 指标体系.json was imported")
	}
	if r, err := Verify(context.Background(), res.Path); err != nil || r.OK {
		t.Errorf("Verify of a changed 指标体系.json = %+v, %v", r.OK, err)
	}

	b, err := scoring.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b.File, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Import(context.Background(), res.Path, filepath.Join(t.TempDir(), "ev"), testCats)
	if err == nil || !strings.Contains(err.Error(), "指标体系") {
		t.Errorf("a package carrying another catalog than its assessment's: %v", err)
	}
}

// manifestOf reads the manifest of a built package folder or zip.
func manifestOf(t testing.TB, path string, zipped bool) *Manifest {
	t.Helper()
	var data []byte
	if zipped {
		zr, err := zip.OpenReader(path)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		f, err := zr.Open(strings.TrimSuffix(filepath.Base(path), ".zip") + "/" + ManifestName)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if data, err = io.ReadAll(f); err != nil {
			t.Fatal(err)
		}
	} else {
		data = mustRead(t, filepath.Join(path, ManifestName))
	}
	m, err := ParseManifest(data)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
