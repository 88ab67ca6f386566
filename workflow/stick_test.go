package workflow

import (
	"archive/zip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"sanxiang/export/pack"
	"sanxiang/export/pack/packtest"
	"sanxiang/internal/staging"
	"sanxiang/scoring"
	"sanxiang/scoring/review"
	"sanxiang/storage"
)

// stick is a bureau's USB stick as it arrives: packages as folders and zips at several depths,
// damaged and hostile ones, a duplicate, and the things that are no package at all.
type stick struct {
	root string
	want map[string]wantLine // by path relative to root
	// dupID is the assessment stored before the import whose package is on the stick again
	dupID int64
}

type wantLine struct {
	status, unit, reason string
}

func makeStick(t *testing.T, db *storage.DB) *stick {
	t.Helper()
	work := t.TempDir()
	root := filepath.Join(t.TempDir(), "U盘")
	s := &stick{root: root, want: map[string]wantLine{}}
	spec := func(n int, unit string) packtest.Spec {
		return packtest.Spec{Unit: unit, Code: packtest.CreditCode(t, n), Year: 2024, Files: 3, Size: 40 << 10}
	}
	rel := func(p string) string { r, _ := filepath.Rel(root, p); return filepath.ToSlash(r) }

	// a valid folder at the root and a valid zip two folders down
	res := packtest.Package(t, work, root, spec(1, "甲区市场监督管理局"), false)
	s.want[rel(res.Path)] = wantLine{StatusImported, "甲区市场监督管理局", ""}
	res = packtest.Package(t, work, filepath.Join(root, "二街道", "报送"), spec(2, "乙区城市管理执法局"), true)
	s.want[rel(res.Path)] = wantLine{StatusImported, "乙区城市管理执法局", ""}
	// a zip renamed by the unit, four levels down (the deepest searched)
	res = packtest.Package(t, work, work, spec(3, "丙区交通运输局"), true)
	deep := filepath.Join(root, "a", "b", "c", "丙区报送包.zip")
	os.MkdirAll(filepath.Dir(deep), 0o755)
	os.Rename(res.Path, deep)
	s.want[rel(deep)] = wantLine{StatusImported, "丙区交通运输局", ""}

	// tampered folder, truncated zip, hostile zip
	res = packtest.Package(t, work, filepath.Join(root, "丁"), spec(4, "丁区应急管理局"), false)
	packtest.Tamper(t, res.Path)
	s.want[rel(res.Path)] = wantLine{StatusRefused, "丁区应急管理局", "被改动的文件"}
	res = packtest.Package(t, work, filepath.Join(root, "戊"), spec(5, "戊区水务局"), true)
	packtest.Truncate(t, res.Path)
	s.want[rel(res.Path)] = wantLine{StatusRefused, "", "不完整"}
	res = packtest.Package(t, work, work, spec(6, "己区文化和旅游局"), true)
	hostile := filepath.Join(root, "己区.zip")
	packtest.Hostile(t, res.Path, hostile, packtest.Climb)
	s.want[rel(hostile)] = wantLine{StatusRefused, "", "压缩包不安全"}
	bomb := filepath.Join(root, "己", "己区(2).zip")
	os.MkdirAll(filepath.Dir(bomb), 0o755)
	packtest.Hostile(t, res.Path, bomb, packtest.Bomb)
	s.want[rel(bomb)] = wantLine{StatusRefused, "", "压缩炸弹"}

	// a unit whose 2024 assessment the bureau has already imported
	dup := spec(7, "庚区农业农村局")
	res = packtest.Package(t, work, filepath.Join(work, "早先"), dup, true)
	st, err := StagePackage(context.Background(), db, res.Path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.dupID, err = st.Store(false); err != nil {
		t.Fatal(err)
	}
	res = packtest.Package(t, work, root, dup, false)
	s.want[rel(res.Path)] = wantLine{StatusDuplicate, "庚区农业农村局", "报送包校验码相同"}
	// … and a changed package of the same unit and year (one evidence file less)
	changed := dup
	changed.Files = 2
	res = packtest.Package(t, filepath.Join(work, "改"), filepath.Join(root, "庚区新交的"), changed, true)
	s.want[rel(res.Path)] = wantLine{StatusDuplicate, "庚区农业农村局", "与本报送包"}
	// a unit whose own 2024 assessment (not from a package) is in the same database
	own := spec(9, "壬区司法局")
	uid, err := db.CreateUnit(scoring.Unit{Name: own.Unit, CreditCode: own.Code})
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := db.Catalogs().Default()
	if _, err := db.CreateAssessment(uid, 2024, cat); err != nil {
		t.Fatal(err)
	}
	res = packtest.Package(t, work, root, own, true)
	s.want[rel(res.Path)] = wantLine{StatusDuplicate, "壬区司法局", "不是从报送包导入的；报送包不会替换它"}

	// passed over silently: notices, a random zip, packages too deep, in junk folders,
	// behind a link or left over by a build
	os.MkdirAll(filepath.Join(root, "会议通知"), 0o755)
	os.WriteFile(filepath.Join(root, "会议通知", "关于报送材料的通知.docx"), []byte("通知"), 0o644)
	zf, _ := os.Create(filepath.Join(root, "照片.zip"))
	zw := zip.NewWriter(zf)
	w, _ := zw.Create("照片/合影.jpg")
	w.Write([]byte("jpeg"))
	zw.Close()
	zf.Close()
	other := packtest.Package(t, work, filepath.Join(work, "别处"), spec(8, "辛区卫生健康委员会"), false)
	for _, dir := range []string{
		filepath.Join(root, "a", "b", "c", "d"), // package at depth 5
		filepath.Join(root, "System Volume Information"),
		filepath.Join(root, "$RECYCLE.BIN", "S-1-5-21"),
		filepath.Join(root, ".Trashes"),
		filepath.Join(root, staging.Prefix+"12345"),
	} {
		copyDir(t, other.Path, filepath.Join(dir, filepath.Base(other.Path)))
	}
	if err := os.Symlink(other.Path, filepath.Join(root, "链接")); err != nil {
		t.Fatal(err)
	}
	return s
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		r, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, r), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, r), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// evidenceFolders lists the database's evidence folder (staging folders included).
func evidenceFolders(t *testing.T, db *storage.DB) []string {
	t.Helper()
	ents, err := os.ReadDir(storage.EvidenceDir(db.Path()))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

func unitsStored(t *testing.T, db *storage.DB) []string {
	t.Helper()
	infos, err := db.Assessments()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, in := range infos {
		out = append(out, in.UnitName)
	}
	sort.Strings(out)
	return out
}

// TestImportStick (issue 12): every package on the stick gets its line — imported, refused
// with the reason, or duplicate — and the refused ones leave no rows, no evidence copies and no
// staging folders; things that are no package are passed over silently.
func TestImportStick(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "局", storage.FileName))
	defer db.Close()
	s := makeStick(t, db)
	before := evidenceFolders(t, db)

	cands, err := FindPackages(context.Background(), []string{s.root})
	if err != nil {
		t.Fatal(err)
	}
	if len(cands) != len(s.want) {
		var got []string
		for _, c := range cands {
			got = append(got, c.Path)
		}
		t.Fatalf("FindPackages found %d: %v; want the %d of %v", len(cands), got, len(s.want), s.want)
	}

	var last StickProgress
	calls := 0
	res, err := ImportStick(context.Background(), db, []string{s.root}, StickOptions{Progress: func(p StickProgress) {
		calls++
		if p.PackagesDone < last.PackagesDone || p.BytesDone < last.BytesDone || p.BytesDone > p.Bytes {
			t.Errorf("progress went back or beyond: %+v after %+v", p, last)
		}
		last = p
	}})
	if err != nil {
		t.Fatal(err)
	}
	if last.PackagesDone != len(s.want) || last.BytesDone != last.Bytes || last.Bytes == 0 || calls < 2*len(s.want) {
		t.Errorf("last progress %+v after %d calls", last, calls)
	}
	imported := 0
	for _, r := range res {
		rel, _ := filepath.Rel(s.root, r.Path)
		w, ok := s.want[filepath.ToSlash(rel)]
		if !ok {
			t.Errorf("unexpected line %+v", r)
			continue
		}
		if r.Status != w.status || r.Unit != w.unit || !strings.Contains(r.Reason, w.reason) || (w.reason == "") != (r.Reason == "") {
			t.Errorf("%s: %s %q %q; want %s %q …%q…", rel, r.Status, r.Unit, r.Reason, w.status, w.unit, w.reason)
		}
		switch r.Status {
		case StatusImported:
			imported++
			if r.ID == 0 || len(r.Digest) != 14 || r.Year != 2024 || r.CreditCode == "" {
				t.Errorf("%s: imported line %+v", rel, r)
			}
			if rec, ok, err := db.Package(r.ID); err != nil || !ok || rec.Digest != r.Digest || !rec.Verified || rec.Source != r.Path || rec.ImportedAt.IsZero() {
				t.Errorf("%s: package record %+v %v %v", rel, rec, ok, err)
			}
		case StatusDuplicate:
			if (r.Unit == "庚区农业农村局" && r.ID != s.dupID) || r.ID == 0 || len(r.Digest) != 14 {
				t.Errorf("%s: duplicate line %+v, want id %d", rel, r, s.dupID)
			}
			// Reason is the CLI's (naming --replace); Duplicate is the same fact without the
			// advice, for the window that has its own 替换 button
			if !strings.HasPrefix(r.Reason, r.Duplicate) || r.Duplicate == "" || strings.Contains(r.Duplicate, "replace") || strings.Contains(r.Duplicate, "命令行") {
				t.Errorf("%s: Reason %q, Duplicate %q", rel, r.Reason, r.Duplicate)
			}
		}
	}
	if got, want := unitsStored(t, db), []string{"乙区城市管理执法局", "丙区交通运输局", "壬区司法局", "庚区农业农村局", "甲区市场监督管理局"}; !equalSorted(got, want) {
		t.Errorf("stored %v, want %v", got, want)
	}
	ev := evidenceFolders(t, db)
	if len(ev) != len(before)+imported {
		t.Errorf("evidence folders %v (before %v): want one more per imported package (%d)", ev, before, imported)
	}
	for _, name := range ev {
		if !strings.HasPrefix(name, "甲区") && !strings.HasPrefix(name, "乙区") && !strings.HasPrefix(name, "丙区") && !strings.HasPrefix(name, "庚区") {
			t.Errorf("the evidence folder holds %s", name)
		}
	}

	// the same stick again: all valid ones are duplicates now, nothing is copied
	res, err = ImportStick(context.Background(), db, []string{s.root}, StickOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Status == StatusImported {
			t.Errorf("imported twice: %+v", r)
		}
	}
	if got := evidenceFolders(t, db); !equalSorted(got, ev) {
		t.Errorf("a second pass changed the evidence folder: %v", got)
	}

	// with Replace the duplicate replaces the stored one
	dupPath := ""
	for rel, w := range s.want {
		if w.status == StatusDuplicate && w.unit == "庚区农业农村局" && !strings.Contains(rel, "新交") {
			dupPath = filepath.Join(s.root, rel)
		}
	}
	// … and a 已复核, recommended unit goes back to 复核中 without its recommendations
	if err := db.ApplyReview(s.dupID, &review.Review{Reviewer: "王喆", Status: review.Done}); err != nil {
		t.Fatal(err)
	}
	dup, err := db.BureauUnit(s.dupID)
	if err != nil {
		t.Fatal(err)
	}
	code, catID := dup.Assessment.Unit.CreditCode, dup.Assessment.Catalog.ID
	if err := db.SetMarks(2024, catID, review.Marks{Units: map[string]bool{code: true}}); err != nil {
		t.Fatal(err)
	}
	res, err = ImportStick(context.Background(), db, []string{dupPath}, StickOptions{Replace: true})
	if err != nil || len(res) != 1 || res[0].Status != StatusImported || res[0].ID == s.dupID {
		t.Fatalf("replace: %v %+v", err, res)
	}
	if res[0].Unmarked != (review.Unmarked{Unit: true}) {
		t.Errorf("replace of a recommended unit: Unmarked %+v, want the 示范单位 mark", res[0].Unmarked)
	}
	if m, err := db.Marks(2024, catID); err != nil || len(m.Units) != 0 {
		t.Errorf("marks after the replace: %v, %v", m, err)
	}
	if _, err := db.Load(s.dupID); err == nil {
		t.Error("the replaced assessment is still there")
	}

	// but never the unit's own assessment, filled in with the program
	for rel, w := range s.want {
		if w.unit != "壬区司法局" {
			continue
		}
		res, err = ImportStick(context.Background(), db, []string{filepath.Join(s.root, rel)}, StickOptions{Replace: true})
		if err != nil || len(res) != 1 || res[0].Status != StatusDuplicate || !strings.Contains(res[0].Reason, "报送包不会替换它") {
			t.Fatalf("replace of the unit's own: %v %+v", err, res)
		}
		if _, ok, _ := db.Package(res[0].ID); ok {
			t.Error("the unit's own assessment became a package import")
		}
	}
}

func equalSorted(a, b []string) bool {
	a, b = append([]string(nil), a...), append([]string(nil), b...)
	sort.Strings(a)
	sort.Strings(b)
	return strings.Join(a, "|") == strings.Join(b, "|")
}

// TestImportStickCancel: cancelling in the middle of a package leaves nothing of it; the
// packages done stay and every other line says 已取消.
func TestImportStickCancel(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "局", storage.FileName))
	defer db.Close()
	work, root := t.TempDir(), t.TempDir()
	var paths []string
	for i, unit := range []string{"一局", "二局", "三局"} {
		res := packtest.Package(t, work, root, packtest.Spec{Unit: unit, Code: packtest.CreditCode(t, 10+i), Year: 2023, Files: 6, Size: 64 << 10}, i == 1)
		paths = append(paths, res.Path)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var second bool
	res, err := ImportStick(ctx, db, paths, StickOptions{Progress: func(p StickProgress) {
		if p.PackagesDone == 1 && p.Current == paths[1] {
			if second { // a progress call from inside the second package: some files copied
				cancel()
			}
			second = true
		}
	}})
	if !errors.Is(err, pack.ErrCanceled) {
		t.Fatalf("err = %v", err)
	}
	if len(res) != 3 || res[0].Status != StatusImported || res[1].Status != StatusRefused || res[1].Reason != "已取消，未导入" || res[2].Reason != "已取消，未导入" {
		t.Fatalf("results %+v", res)
	}
	if got := unitsStored(t, db); !equalSorted(got, []string{"一局"}) {
		t.Errorf("stored %v", got)
	}
	if got := evidenceFolders(t, db); len(got) != 1 || !strings.HasPrefix(got[0], "一局_2023_") {
		t.Errorf("evidence folder holds %v", got)
	}
}

// TestFindPackagesRoots: a package named as the root is listed itself, a missing root is an
// error, overlapping roots list a package once.
func TestFindPackagesRoots(t *testing.T) {
	work, root := t.TempDir(), t.TempDir()
	res := packtest.Package(t, work, root, packtest.Spec{Unit: "某局", Code: packtest.CreditCode(t, 20), Year: 2022, Files: 1, Size: 100}, false)
	cands, err := FindPackages(context.Background(), []string{res.Path, root, root})
	if err != nil || len(cands) != 1 || cands[0].Path != res.Path || cands[0].Zip || cands[0].Bytes < 100 {
		t.Errorf("%v %+v", err, cands)
	}
	if _, err := FindPackages(context.Background(), []string{filepath.Join(root, "没有")}); err == nil || !strings.Contains(err.Error(), "找不到") {
		t.Errorf("missing root: %v", err)
	}
	if os.Geteuid() != 0 { // root reads every folder
		locked := filepath.Join(root, "锁定")
		os.Mkdir(locked, 0)
		defer os.Chmod(locked, 0o755)
		lockedZip := filepath.Join(root, "锁定.zip")
		os.WriteFile(lockedZip, []byte("PK"), 0)
		cands, err = FindPackages(context.Background(), []string{root})
		if err != nil || len(cands) != 3 || cands[1].Path != locked || cands[1].Problem == "" || cands[2].Path != lockedZip || !strings.Contains(cands[2].Problem, "没有权限") {
			t.Errorf("unreadable folder and zip: %v %+v", err, cands)
		}
	}
}
