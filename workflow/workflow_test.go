package workflow

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"sanxiang/export"
	"sanxiang/export/pack"
	"sanxiang/scoring"
	"sanxiang/storage"
)

// program is what main builds at every start: a fresh registry of the built-in catalogs.
func program(t testing.TB) *scoring.Set {
	t.Helper()
	s, err := scoring.BuiltinSet()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func otherCatalog(t *testing.T) *scoring.Catalog {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "catalog-other.json"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := scoring.ParseCatalog(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func open(t *testing.T, path string) *storage.DB {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	db, err := storage.Open(path, program(t))
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func validCode(t *testing.T) string {
	t.Helper()
	for _, c := range "0123456789ABCDEFGHJKLMNPQRTUWXY" {
		if code := "11610000MB0000001" + string(c); scoring.ValidateCreditCode(code) == nil {
			return code
		}
	}
	t.Fatal("no valid credit code")
	return ""
}

// A second catalog (other materials and minimums, 20 points, na_policy full) goes the whole way:
// create → answer → reopen after a restart (the program knows only the built-in) → export →
// package → import on a fresh database → the same scores, answers and narratives.
func TestSecondCatalogEndToEnd(t *testing.T) {
	dir := t.TempDir()
	other := otherCatalog(t)
	ev := filepath.Join(dir, "公示截图.txt")
	if err := os.WriteFile(ev, []byte("门户网站公示截图"), 0o644); err != nil {
		t.Fatal(err)
	}

	dbPath := filepath.Join(dir, "一号机", storage.FileName)
	db := open(t, dbPath)
	uid, err := db.CreateUnit(scoring.Unit{Name: "某县市场监督管理局", CreditCode: validCode(t), Contact: "李四", Phone: "0916-1234567"})
	if err != nil {
		t.Fatal(err)
	}
	id, err := db.CreateAssessment(uid, 2025, other)
	if err != nil {
		t.Fatal(err)
	}
	answers := []scoring.Answer{
		{No: 1, Status: scoring.Scored, Score: 15, Evidence: []scoring.Evidence{{Path: ev, Name: "公示截图.txt", Size: 24}}},
		{No: 2, Status: scoring.Scored, Score: 10, DeductionReason: "清单未及时更新"},
		{No: 6, Status: scoring.Scored, Score: 40},
		{No: 7, Status: scoring.Scored, Score: 55},
		{No: 8, Status: scoring.NA, NAReason: "本单位无此事项"},
	}
	for _, a := range answers {
		if err := db.SaveAnswer(id, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SaveAnswer(id, scoring.Answer{No: 7, Status: scoring.Scored, Score: 56}); err == nil {
		t.Fatal("5.6 stored for criterion (7) worth 5.5 of the second catalog")
	}
	summary := strings.Repeat("全年推行三项制度，", 40)
	if err := db.SaveNarrative(id, "summary", summary); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	// restart: a new registry without the second catalog; the database brings it
	db = open(t, dbPath)
	a, err := db.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	if a.Catalog.Hash != other.Hash || a.Catalog.Materials[0].MinChars != 300 || a.Catalog.NAPolicy != scoring.NAFull {
		t.Fatalf("reopened on catalog %.8s %+v", a.Catalog.Hash, a.Catalog.Materials)
	}
	if got, ok := db.Catalogs().ByHash(other.Hash); !ok || got.ID != other.ID {
		t.Error("the stored catalog is not in the program's registry after opening")
	}
	want := scoring.Score(other, a.Answers)
	// 1.5 + 1.0 + 4.0 + 5.5, and (8) 不适用 credited with its 2.5 under na_policy full
	if want.Overall.Score != 145 || !want.ConvertedOK {
		t.Fatalf("score on the second catalog = %s (converted ok %v), want 14.5", want.Overall.Score, want.ConvertedOK)
	}

	files, err := Export(filepath.Join(dir, "导出"), a, ExportOptions{DBPath: db.Path()})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{files.XLSX, files.ScoreSheet, files.Report} {
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("export %s: %v", f, err)
		}
	}

	usb := filepath.Join(dir, "U盘")
	os.MkdirAll(usb, 0o755)
	res, err := pack.Build(context.Background(), a, usb, pack.Options{Catalogs: db.Catalogs()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(res.Path, pack.CatalogName)); err != nil {
		t.Fatalf("the package does not carry its catalog: %v", err)
	}
	db.Close()

	// the bureau's PC: a fresh database and a program that knows only the built-in
	fresh := filepath.Join(dir, "二号机", storage.FileName)
	db2 := open(t, fresh)
	staged, err := StagePackage(context.Background(), db2, res.Path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if staged.EvidenceCount() != 1 {
		t.Errorf("%d evidence files copied, want 1", staged.EvidenceCount())
	}
	id2, err := staged.Store(false)
	if err != nil {
		t.Fatal(err)
	}
	db2.Close()
	db2 = open(t, fresh) // and after a restart there
	defer db2.Close()
	b, err := db2.Load(id2)
	if err != nil {
		t.Fatal(err)
	}
	got := scoring.Score(b.Catalog, b.Answers)
	if b.Catalog.Hash != other.Hash || got.Overall.Score != want.Overall.Score || got.Converted != want.Converted || got.ApplicableMax != want.ApplicableMax {
		t.Errorf("after import: catalog %.8s, score %s/%s, converted %s; want %s/%s, %s",
			b.Catalog.Hash, got.Overall.Score, got.ApplicableMax, got.Converted, want.Overall.Score, want.ApplicableMax, want.Converted)
	}
	if !reflect.DeepEqual(b.Narratives, a.Narratives) {
		t.Errorf("narratives after import %v", b.Narratives)
	}
	for no, wa := range a.Answers {
		ga := b.Answers[no]
		if ga.Status != wa.Status || ga.Score != wa.Score || ga.DeductionReason != wa.DeductionReason || ga.NAReason != wa.NAReason || len(ga.Evidence) != len(wa.Evidence) {
			t.Errorf("answer (%d) after import %+v, want %+v", no, ga, wa)
		}
	}
}

// A staged import that meets an existing unit+year keeps its copies for the caller to decide;
// Discard removes them; a store that fails otherwise removes them itself.
func TestStagedImportCleansUp(t *testing.T) {
	dir := t.TempDir()
	src := open(t, filepath.Join(dir, "src", storage.FileName))
	ev := filepath.Join(dir, "材料.txt")
	os.WriteFile(ev, []byte("材料"), 0o644)
	uid, err := src.CreateUnit(scoring.Unit{Name: "某局", CreditCode: validCode(t)})
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := src.Catalogs().Default()
	id, err := src.CreateAssessment(uid, 2024, cat)
	if err != nil {
		t.Fatal(err)
	}
	src.SaveAnswer(id, scoring.Answer{No: 1, Status: scoring.Scored, Score: 5, Evidence: []scoring.Evidence{{Path: ev, Name: "材料.txt", Size: 6}}})
	a, _ := src.Load(id)
	src.Close()
	res, err := pack.Build(context.Background(), a, dir, pack.Options{Catalogs: program(t)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(res.Path, pack.CatalogName)); !os.IsNotExist(err) {
		t.Errorf("a package on the built-in carries %s", pack.CatalogName)
	}

	dbPath := filepath.Join(dir, "dst", storage.FileName)
	db := open(t, dbPath)
	first, err := StagePackage(context.Background(), db, res.Path, nil)
	if err != nil {
		t.Fatal(err)
	}
	firstID, err := first.Store(false)
	if err != nil {
		t.Fatal(err)
	}
	// a single package's import reaches the bureau's 汇总 like a stick's: with its PackageRecord
	if rec, ok, err := db.Package(firstID); err != nil || !ok || rec.Digest != res.Digest || rec.Source != res.Path || !rec.Verified {
		t.Errorf("PackageRecord = %+v, %v, %v; want digest %s from %s", rec, ok, err, res.Digest, res.Path)
	}
	second, err := StagePackage(context.Background(), db, res.Path, nil)
	if err != nil {
		t.Fatal(err)
	}
	copyPath := second.Assessment.Answers[1].Evidence[0].Path
	if _, err := second.Store(false); !errors.Is(err, storage.ErrExists) {
		t.Fatalf("second Store = %v, want ErrExists", err)
	}
	if _, err := os.Stat(copyPath); err != nil {
		t.Fatalf("the copies of an import that met an existing year are gone before the caller decided: %v", err)
	}
	if err := second.Discard(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(copyPath); !os.IsNotExist(err) {
		t.Errorf("Discard left %s", copyPath)
	}

	third, err := StagePackage(context.Background(), db, res.Path, nil)
	if err != nil {
		t.Fatal(err)
	}
	copyPath = third.Assessment.Answers[1].Evidence[0].Path
	db.Close() // the store fails
	if _, err := third.Store(true); err == nil {
		t.Fatal("Store on a closed database succeeded")
	}
	if _, err := os.Stat(copyPath); !os.IsNotExist(err) {
		t.Errorf("a failed Store left its copy %s", copyPath)
	}
}

// Export writes nothing over the evidence or the database, and removes a folder it created
// when it fails.
func TestExportGuards(t *testing.T) {
	dir := t.TempDir()
	a := &scoring.Assessment{Catalog: otherCatalog(t), Unit: scoring.Unit{Name: "某局"}, Year: 2025,
		Answers: map[int]scoring.Answer{1: {No: 1, Status: scoring.Scored, Score: 15,
			Evidence: []scoring.Evidence{{Path: filepath.Join(dir, export.NameReport), Name: export.NameReport}}}}}
	os.WriteFile(filepath.Join(dir, export.NameReport), []byte("佐证"), 0o644)
	if _, err := Export(dir, a, ExportOptions{}); err == nil || !strings.Contains(err.Error(), "输入文件") {
		t.Fatalf("export over an evidence file: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, export.NameReport)); string(b) != "佐证" {
		t.Error("the evidence file was overwritten")
	}
	dbPath := filepath.Join(dir, storage.FileName)
	if _, err := Export(storage.EvidenceDir(dbPath), &scoring.Assessment{Catalog: a.Catalog, Unit: a.Unit, Year: 2025}, ExportOptions{DBPath: dbPath}); err == nil {
		t.Error("export into the database's evidence folder was allowed")
	}
	if _, err := os.Stat(storage.EvidenceDir(dbPath)); !os.IsNotExist(err) {
		t.Error("a refused export created its folder")
	}
	if _, err := Export(filepath.Join(dir, "新文件夹"), nil, ExportOptions{}); err == nil {
		t.Error("export of nothing succeeded")
	}
}

// A package of a 已定稿 assessment is imported 已定稿 (with the unit's time of finalizing), a
// package of a 草稿 as 草稿: the bureau sees the status the unit handed in.
func TestPackageKeepsFinalStatus(t *testing.T) {
	dir := t.TempDir()
	src := open(t, filepath.Join(dir, "src", storage.FileName))
	defer src.Close()
	uid, err := src.CreateUnit(scoring.Unit{Name: "某局", CreditCode: validCode(t)})
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := src.Catalogs().Default()
	draft, err := src.CreateAssessment(uid, 2023, cat)
	if err != nil {
		t.Fatal(err)
	}
	final, err := src.CreateAssessment(uid, 2024, cat)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{draft, final} {
		if err := src.SaveAnswer(id, scoring.Answer{No: 1, Status: scoring.Scored, Score: 5}); err != nil {
			t.Fatal(err)
		}
	}
	if err := src.Finalize(final); err != nil {
		t.Fatal(err)
	}
	srcInfo, err := src.AssessmentInfo(final)
	if err != nil {
		t.Fatal(err)
	}
	db := open(t, filepath.Join(dir, "dst", storage.FileName))
	defer db.Close()
	for _, tc := range []struct {
		id   int64
		want storage.Status
	}{{draft, storage.StatusDraft}, {final, storage.StatusFinal}} {
		a, err := src.Load(tc.id)
		if err != nil {
			t.Fatal(err)
		}
		usb := filepath.Join(dir, "usb", tc.want.String())
		os.MkdirAll(usb, 0o755)
		res, err := pack.Build(context.Background(), a, usb, pack.Options{Catalogs: program(t)})
		if err != nil {
			t.Fatal(err)
		}
		staged, err := StagePackage(context.Background(), db, res.Path, nil)
		if err != nil {
			t.Fatal(err)
		}
		id, err := staged.Store(false)
		if err != nil {
			t.Fatal(err)
		}
		info, err := db.AssessmentInfo(id)
		if err != nil {
			t.Fatal(err)
		}
		if info.Status != tc.want {
			t.Errorf("%d: imported as %s, the package was %s", a.Year, info.Status, tc.want)
		}
		if tc.want == storage.StatusFinal && !info.FinalizedAt.Equal(srcInfo.FinalizedAt.Truncate(time.Second)) {
			t.Errorf("finalized at %v, the unit finalized at %v", info.FinalizedAt, srcInfo.FinalizedAt)
		}
	}
}
