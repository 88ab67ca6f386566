package pack

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sanxiang/internal/staging"
	"strings"
	"testing"

	"sanxiang/scoring"
)

// sameAssessment compares everything but evidence paths (which Import rewrites).
func sameAssessment(t *testing.T, got, want *scoring.Assessment) {
	t.Helper()
	if got.Unit != want.Unit || got.Year != want.Year || got.Catalog.ID != want.Catalog.ID {
		t.Errorf("unit/year/catalog: %+v %d, want %+v %d", got.Unit, got.Year, want.Unit, want.Year)
	}
	if !reflect.DeepEqual(got.Narratives, want.Narratives) {
		t.Error("narratives differ")
	}
	if !reflect.DeepEqual(scoring.Score(got.Catalog, got.Answers), scoring.Score(want.Catalog, want.Answers)) {
		t.Error("scores differ")
	}
	if len(got.Answers) != len(want.Answers) {
		t.Fatalf("%d answers, want %d", len(got.Answers), len(want.Answers))
	}
	for no, w := range want.Answers {
		g := got.Answers[no]
		ge, we := g.Evidence, w.Evidence
		g.Evidence, w.Evidence = nil, nil
		if !reflect.DeepEqual(g, w) {
			t.Errorf("(%d) answer %+v, want %+v", no, g, w)
		}
		if len(ge) != len(we) {
			t.Errorf("(%d) %d evidence files, want %d", no, len(ge), len(we))
			continue
		}
		for i := range we {
			if ge[i].Name != we[i].Name || ge[i].Size != we[i].Size || ge[i].SHA256 != we[i].SHA256 || !ge[i].Added.Equal(we[i].Added) {
				t.Errorf("(%d) evidence %+v, want %+v", no, ge[i], we[i])
			}
			if sha256Hex(mustRead(t, ge[i].Path)) != we[i].SHA256 {
				t.Errorf("(%d) imported file %s has the wrong content", no, ge[i].Path)
			}
		}
	}
}

func TestImportFolderAndZip(t *testing.T) {
	a := sample(t)
	evDir := filepath.Join(t.TempDir(), "evidence")
	for i, zipped := range []bool{false, true} {
		res, _ := build(t, a, zipped)
		got, err := Import(context.Background(), res.Path, evDir, testCats)
		if err != nil {
			t.Fatalf("zip=%v: %v", zipped, err)
		}
		sameAssessment(t, got, a)
		wantDir := filepath.Join(evDir, "西安市雁塔区示范执法局（虚构）_2020_"+itoa(int64(i+1)))
		for _, ans := range got.Answers {
			for _, e := range ans.Evidence {
				if filepath.Dir(e.Path) != wantDir || !filepath.IsAbs(e.Path) {
					t.Errorf("zip=%v: evidence at %s, want in %s", zipped, e.Path, wantDir)
				}
			}
		}
		// the evidence, plus the marker that storage.Import removes once the assessment is stored
		if n := len(listDir(t, wantDir)); n != evidenceCount(a)+1 {
			t.Errorf("zip=%v: %d files in %s", zipped, n, wantDir)
		}
		if _, err := os.Stat(filepath.Join(wantDir, staging.Marker)); err != nil {
			t.Errorf("zip=%v: the published folder is not marked unfinished: %v", zipped, err)
		}
	}
	if got := listDir(t, evDir); len(got) != 2 {
		t.Errorf("evidence folder holds %v", got)
	}
}

func TestImportRefusesTamperedPackage(t *testing.T) {
	a := sample(t)
	res, _ := build(t, a, false)
	// the last evidence file is altered: all the earlier ones have been copied by then
	evFiles := listDir(t, filepath.Join(res.Path, EvidenceFolder))
	victim := filepath.Join(res.Path, EvidenceFolder, evFiles[len(evFiles)-1])
	os.WriteFile(victim, []byte("被替换"), 0o644)
	evDir := filepath.Join(t.TempDir(), "evidence")
	_, err := Import(context.Background(), res.Path, evDir, testCats)
	if !errors.Is(err, ErrVerify) || !strings.Contains(err.Error(), evFiles[len(evFiles)-1]) {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(evDir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused import left the evidence folder it created (%v)", err)
	}
}

func TestImportCancelAndDiscard(t *testing.T) {
	a := sample(t)
	res, _ := build(t, a, true)
	evDir := filepath.Join(t.TempDir(), "evidence")
	ctx, cancel := context.WithCancel(context.Background())
	_, err := ImportProgress(ctx, res.Path, evDir, testCats, func(p Progress) {
		if p.Files == 2 {
			cancel()
		}
	})
	if !errors.Is(err, ErrCanceled) {
		t.Errorf("cancel: %v", err)
	}
	if _, err := os.Stat(evDir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a cancelled import left the evidence folder it created (%v)", err)
	}
	got, err := Import(context.Background(), res.Path, evDir, testCats)
	if err != nil {
		t.Fatal(err)
	}
	outside := *got
	outside.Answers = map[int]scoring.Answer{1: {No: 1, Evidence: []scoring.Evidence{{Path: "/etc/passwd"}}}}
	if err := DiscardImport(&outside, evDir); err == nil {
		t.Error("DiscardImport accepted a path outside the evidence folder")
	}
	if err := DiscardImport(got, evDir); err != nil {
		t.Fatal(err)
	}
	if left := listDir(t, evDir); len(left) != 0 {
		t.Errorf("DiscardImport left %v", left)
	}
}
