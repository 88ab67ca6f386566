package storage

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"sanxiang/scoring"
)

func TestOpenMigratesNewAndEmptyFiles(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(path string)
	}{
		{"missing file", func(string) {}},
		{"zero-byte file, no backups", func(p string) { os.WriteFile(p, nil, 0o644) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "数据 目录", "sanxiang.db") // CJK and space in the path
			os.MkdirAll(filepath.Dir(path), 0o755)
			tc.setup(path)
			db, err := Open(path, testCats(t))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			for pragmaName, want := range map[string]string{
				"user_version":   strconv.Itoa(SchemaVersion()),
				"application_id": strconv.Itoa(appID),
				"journal_mode":   "wal",
				"foreign_keys":   "1",
				"synchronous":    "2", // FULL
				"locking_mode":   "exclusive",
			} {
				if got := pragma(t, db, pragmaName); got != want {
					t.Errorf("PRAGMA %s = %q, want %q", pragmaName, got, want)
				}
			}
			for _, table := range []string{"units", "assessments", "answers", "evidence", "narratives", "settings"} {
				var n int
				if err := db.sql.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?`, table).Scan(&n); err != nil || n != 1 {
					t.Errorf("table %s: n=%d err=%v", table, n, err)
				}
			}
			if db.Path() != path {
				t.Errorf("Path() = %q, want %q", db.Path(), path)
			}
		})
	}
}

func TestReopenKeepsDataAndSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sanxiang.db")
	db, err := Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	id := newAssessment(t, db, 1)
	if err := db.SaveAnswer(id, scoring.Answer{No: 1, Status: scoring.Scored, Score: 5}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("write-ahead log left after Close: %v", err)
	}
	db, err = Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a, err := db.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	if a.Answers[1].Score != 5 {
		t.Errorf("answer lost across reopen: %+v", a.Answers)
	}
}

func TestOpenMissingFolder(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "拔出的U盘", "sanxiang.db"), testCats(t))
	if !errors.Is(err, ErrIO) || !hasZh(err.Error()) {
		t.Fatalf("Open in a missing folder: %v", err)
	}
}

func TestUnits(t *testing.T) {
	db := openTemp(t)
	good := codeN(t, 1)
	first, err := db.CreateUnit(scoring.Unit{Name: "西安市某局", CreditCode: good})
	if err != nil {
		t.Fatal(err)
	}
	wide := strings.Map(func(r rune) rune { // full-width, lower case, as pasted from Word
		if r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' {
			return r - '!' + '！'
		}
		return r
	}, strings.ToLower(codeN(t, 2)))
	for _, tc := range []struct {
		name string
		unit scoring.Unit
		want string // substring of the error, "" for success
	}{
		{"valid", scoring.Unit{Name: "  宝鸡市某局 ", CreditCode: codeN(t, 3), Contact: "李四", Phone: "0917"}, ""},
		{"full-width lower-case code", scoring.Unit{Name: "咸阳市某局", CreditCode: wide}, ""},
		{"empty name", scoring.Unit{Name: "  ", CreditCode: codeN(t, 4)}, "单位名称"},
		{"empty code", scoring.Unit{Name: "某局"}, "统一社会信用代码"},
		{"wrong check character", scoring.Unit{Name: "某局", CreditCode: codeN(t, 5)[:17] + "0"}, "校验位"},
		{"too short", scoring.Unit{Name: "某局", CreditCode: "123"}, "18 位"},
		{"duplicate code", scoring.Unit{Name: "另一局", CreditCode: good}, "西安市某局"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id, err := db.CreateUnit(tc.unit)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				r, err := db.Unit(id)
				if err != nil {
					t.Fatal(err)
				}
				if r.Name != strings.TrimSpace(tc.unit.Name) || r.CreditCode != scoring.NormalizeCreditCode(tc.unit.CreditCode) || r.Created.IsZero() {
					t.Errorf("stored %+v", r)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !hasZh(err.Error()) {
				t.Errorf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
	if err := db.UpdateUnit(first, scoring.Unit{Name: "西安市某局（更名）", CreditCode: good, Contact: "王五"}); err != nil {
		t.Fatal(err)
	}
	if err := db.UpdateUnit(first, scoring.Unit{Name: "x", CreditCode: codeN(t, 3)}); err == nil {
		t.Error("UpdateUnit accepted another unit's credit code")
	}
	if err := db.UpdateUnit(9999, scoring.Unit{Name: "x", CreditCode: codeN(t, 9)}); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateUnit(missing) = %v", err)
	}
	if _, err := db.Unit(9999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Unit(missing) = %v", err)
	}
	units, err := db.Units()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range units {
		names = append(names, u.Name)
	}
	if want := []string{"咸阳市某局", "宝鸡市某局", "西安市某局（更名）"}; !reflect.DeepEqual(names, want) {
		t.Errorf("Units() = %v, want %v", names, want)
	}
}

func TestAssessmentLifecycle(t *testing.T) {
	db := openTemp(t)
	cat := builtin(t)
	clock := time.Date(2026, 3, 1, 9, 0, 0, 0, time.Local)
	db.now = func() time.Time { clock = clock.Add(time.Second); return clock }
	uid, err := db.CreateUnit(scoring.Unit{Name: "汉中市某局", CreditCode: codeN(t, 1)})
	if err != nil {
		t.Fatal(err)
	}
	id, err := db.CreateAssessment(uid, 2024, cat)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateAssessment(uid, 2024, cat); !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), "2024") {
		t.Errorf("second 2024 assessment: %v", err)
	}
	if _, err := db.CreateAssessment(uid, 1999, cat); err == nil {
		t.Error("year 1999 accepted")
	}
	if _, err := db.CreateAssessment(777, 2024, cat); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown unit: %v", err)
	}

	ref, _ := cat.Criterion(1)
	full := ref.Criterion.Points
	added := time.Date(2026, 2, 3, 4, 5, 6, 789, time.Local)
	ev := []scoring.Evidence{
		{Path: "/证据/会议纪要.pdf", Name: "会议纪要.pdf", Size: 1234, SHA256: strings.Repeat("ab", 32), Added: added},
		{Path: `C:\证据\照片.jpg`, Size: 1, SHA256: strings.Repeat("cd", 32)}, // name defaults to the base name
	}
	for _, tc := range []struct {
		name string
		a    scoring.Answer
		want string // error substring, "" when the save must succeed
	}{
		{"scored with evidence", scoring.Answer{No: 1, Status: scoring.Scored, Score: full - 1, Note: "已制定", DeductionReason: "缺一份", Rectification: "补齐", Evidence: ev}, ""},
		{"full points", scoring.Answer{No: 2, Status: scoring.Scored, Score: 0}, ""},
		{"not applicable", scoring.Answer{No: 3, Status: scoring.NA, NAReason: "本单位无此职能", Score: 7}, ""},
		{"note only", scoring.Answer{No: 4, Note: "待定"}, ""},
		{"score above points", scoring.Answer{No: 5, Status: scoring.Scored, Score: 999}, "超过"},
		{"negative score", scoring.Answer{No: 5, Status: scoring.Scored, Score: -1}, "负数"},
		{"unknown criterion", scoring.Answer{No: 171, Status: scoring.Scored}, "171"},
		{"criterion zero", scoring.Answer{No: 0}, "编号"},
		{"bad status", scoring.Answer{No: 5, Status: 9}, "状态"},
		{"evidence without path", scoring.Answer{No: 5, Status: scoring.Scored, Evidence: []scoring.Evidence{{Name: "x"}}}, "路径"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := db.SaveAnswer(id, tc.a)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !hasZh(err.Error()) {
				t.Errorf("SaveAnswer(%+v) = %v, want %q", tc.a, err, tc.want)
			}
		})
	}
	if err := db.SaveNarrative(id, scoring.NarrativeWorkSummary, "全年工作总结……"); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveNarrative(id, scoring.NarrativeModelName, "王五"); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveNarrative(id, scoring.NarrativeModelName, ""); err != nil { // empty deletes
		t.Fatal(err)
	}

	a, err := db.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	ev[1].Name = "照片.jpg"
	want := map[int]scoring.Answer{
		1: {No: 1, Status: scoring.Scored, Score: full - 1, Note: "已制定", DeductionReason: "缺一份", Rectification: "补齐", Evidence: ev},
		2: {No: 2, Status: scoring.Scored, Score: 0},
		3: {No: 3, Status: scoring.NA, NAReason: "本单位无此职能"}, // score of an N/A answer is not kept
		4: {No: 4, Note: "待定"},
	}
	if len(a.Answers) != len(want) {
		t.Fatalf("answers = %+v", a.Answers)
	}
	for no, w := range want {
		g := a.Answers[no]
		for i := range g.Evidence {
			if !g.Evidence[i].Added.Equal(w.Evidence[i].Added) {
				t.Errorf("evidence %d added %v, want %v", i, g.Evidence[i].Added, w.Evidence[i].Added)
			}
			g.Evidence[i].Added = w.Evidence[i].Added
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("answer %d:\n got %+v\nwant %+v", no, g, w)
		}
	}
	if !reflect.DeepEqual(a.Narratives, map[string]string{scoring.NarrativeWorkSummary: "全年工作总结……"}) {
		t.Errorf("narratives = %v", a.Narratives)
	}
	if a.Unit.Name != "汉中市某局" || a.Year != 2024 || a.Catalog.Hash != cat.Hash {
		t.Errorf("header = %+v %d", a.Unit, a.Year)
	}

	// Replacing an answer replaces its evidence list; an empty answer deletes the row.
	if err := db.SaveAnswer(id, scoring.Answer{No: 1, Status: scoring.Scored, Score: full, Evidence: ev[:1]}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveAnswer(id, scoring.Answer{No: 4}); err != nil {
		t.Fatal(err)
	}
	a, _ = db.Load(id)
	if len(a.Answers[1].Evidence) != 1 || a.Answers[1].DeductionReason != "" {
		t.Errorf("answer 1 after replace: %+v", a.Answers[1])
	}
	if _, ok := a.Answers[4]; ok {
		t.Error("empty answer was not deleted")
	}
	var evRows int
	db.sql.QueryRow(`SELECT count(*) FROM evidence`).Scan(&evRows)
	if evRows != 1 {
		t.Errorf("%d evidence rows, want 1", evRows)
	}

	// Finalized assessments are frozen until unlocked.
	before, _ := db.AssessmentInfo(id)
	if err := db.Finalize(id); err != nil {
		t.Fatal(err)
	}
	if err := db.Finalize(id); err != nil {
		t.Errorf("second Finalize: %v", err)
	}
	info, _ := db.AssessmentInfo(id)
	if info.Status != StatusFinal || info.Status.String() != "已定稿" || info.FinalizedAt.IsZero() || !info.Updated.After(before.Updated) {
		t.Errorf("after Finalize: %+v", info)
	}
	for name, err := range map[string]error{
		"SaveAnswer":       db.SaveAnswer(id, scoring.Answer{No: 2, Status: scoring.Scored, Score: 1}),
		"SaveNarrative":    db.SaveNarrative(id, scoring.NarrativeWorkSummary, "改"),
		"DeleteAssessment": db.DeleteAssessment(id),
	} {
		if !errors.Is(err, ErrFinalized) || !hasZh(err.Error()) {
			t.Errorf("%s on 已定稿: %v", name, err)
		}
	}
	if err := db.Unlock(id); err != nil {
		t.Fatal(err)
	}
	if info, _ := db.AssessmentInfo(id); info.Status != StatusDraft || !info.FinalizedAt.IsZero() || info.Status.String() != "草稿" {
		t.Errorf("after Unlock: %+v", info)
	}
	if err := db.SaveAnswer(id, scoring.Answer{No: 2, Status: scoring.Scored, Score: 1}); err != nil {
		t.Errorf("SaveAnswer after Unlock: %v", err)
	}
	for name, err := range map[string]error{
		"SaveAnswer":    db.SaveAnswer(999, scoring.Answer{No: 1}),
		"SaveNarrative": db.SaveNarrative(999, "k", "v"),
		"Finalize":      db.Finalize(999),
		"Unlock":        db.Unlock(999),
		"Delete":        db.DeleteAssessment(999),
	} {
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("%s(missing) = %v", name, err)
		}
	}

	// Copy to the next year keeps answers, evidence and narratives; the copy is a 草稿.
	db.Finalize(id)
	cp, err := db.CopyAssessment(id, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CopyAssessment(id, 2025); !errors.Is(err, ErrExists) {
		t.Errorf("second copy: %v", err)
	}
	if _, err := db.CopyAssessment(999, 2026); !errors.Is(err, ErrNotFound) {
		t.Errorf("copy of missing: %v", err)
	}
	orig, _ := db.Load(id)
	copied, err := db.Load(cp)
	if err != nil {
		t.Fatal(err)
	}
	if copied.Year != 2025 || !reflect.DeepEqual(orig.Answers, copied.Answers) || !reflect.DeepEqual(orig.Narratives, copied.Narratives) {
		t.Errorf("copy differs:\n%+v\n%+v", orig, copied)
	}
	if info, _ := db.AssessmentInfo(cp); info.Status != StatusDraft {
		t.Errorf("copy status %v", info.Status)
	}

	list, err := db.Assessments()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Year != 2025 || list[1].Year != 2024 || list[0].UnitName != "汉中市某局" || list[0].CatalogID != cat.ID || list[0].CatalogHash != cat.Hash {
		t.Errorf("Assessments() = %+v", list)
	}

	// Last opened survives, and forgets a deleted assessment.
	if _, ok, err := db.LastOpened(); ok || err != nil {
		t.Errorf("LastOpened on new db: %v %v", ok, err)
	}
	if err := db.SetLastOpened(cp); err != nil {
		t.Fatal(err)
	}
	if got, ok, err := db.LastOpened(); got != cp || !ok || err != nil {
		t.Errorf("LastOpened = %d %v %v", got, ok, err)
	}
	if err := db.DeleteAssessment(cp); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := db.LastOpened(); ok {
		t.Error("LastOpened points at a deleted assessment")
	}
	if _, err := db.AssessmentInfo(cp); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted assessment still there: %v", err)
	}
	var orphans int
	db.sql.QueryRow(`SELECT (SELECT count(*) FROM answers WHERE assessment_id = ?) + (SELECT count(*) FROM narratives WHERE assessment_id = ?)`, cp, cp).Scan(&orphans)
	if orphans != 0 {
		t.Errorf("%d rows of the deleted assessment left", orphans)
	}
}

func TestImport(t *testing.T) {
	db := openTemp(t)
	cat := builtin(t)
	code := codeN(t, 1)
	mk := func(name, code string, year int, note string) *scoring.Assessment {
		return &scoring.Assessment{Catalog: cat, Unit: scoring.Unit{Name: name, CreditCode: code, Contact: "赵六"}, Year: year,
			Answers: map[int]scoring.Answer{
				7:  {No: 7, Status: scoring.Scored, Score: 1, Note: note, Evidence: []scoring.Evidence{{Path: "/e/1.pdf", Name: "1.pdf", Size: 3, SHA256: "00"}}},
				30: {No: 30, Status: scoring.NA, NAReason: "无"},
			},
			Narratives: map[string]string{scoring.NarrativeUnitApplication: "申报材料", "empty": ""}}
	}
	id1, err := db.Import(mk("延安市某局", code, 2023, "第一次"), false)
	if err != nil {
		t.Fatal(err)
	}
	// Same credit code, different spelling of the name: same unit.
	id2, err := db.Import(mk("延安市某局（新名）", strings.ToLower(code), 2024, "x"), false)
	if err != nil {
		t.Fatal(err)
	}
	// No credit code: found by name.
	id3, err := db.Import(mk("延安市某局", "", 2025, "x"), false)
	if err != nil {
		t.Fatal(err)
	}
	units, _ := db.Units()
	if len(units) != 1 || units[0].Contact != "赵六" {
		t.Fatalf("units after imports: %+v", units)
	}
	i1, _ := db.AssessmentInfo(id1)
	i3, _ := db.AssessmentInfo(id3)
	if i1.UnitID != units[0].ID || i3.UnitID != units[0].ID || id2 == id1 {
		t.Errorf("imports not attached to one unit: %+v %+v", i1, i3)
	}
	a, err := db.Load(id1)
	if err != nil {
		t.Fatal(err)
	}
	if a.Answers[7].Note != "第一次" || a.Answers[30].Status != scoring.NA || len(a.Answers[7].Evidence) != 1 || len(a.Narratives) != 1 {
		t.Errorf("imported %+v", a)
	}
	if _, err := db.Import(mk("延安市某局", code, 2023, "第二次"), false); !errors.Is(err, ErrExists) || !hasZh(err.Error()) {
		t.Errorf("duplicate import: %v", err)
	}
	db.Finalize(id1)
	id4, err := db.Import(mk("延安市某局", code, 2023, "第二次"), true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AssessmentInfo(id1); !errors.Is(err, ErrNotFound) {
		t.Error("replaced assessment still exists")
	}
	if a, _ := db.Load(id4); a.Answers[7].Note != "第二次" {
		t.Errorf("replacement = %+v", a.Answers[7])
	}
	for name, bad := range map[string]*scoring.Assessment{
		"nil catalog":    {Unit: scoring.Unit{Name: "x"}, Year: 2024},
		"bad year":       mk("延安市某局", code, 1900, ""),
		"no unit":        mk("", "", 2024, ""),
		"new unit, code": mk("榆林市某局", "", 2024, ""),
		"score too high": func() *scoring.Assessment {
			a := mk("延安市某局", code, 2030, "")
			a.Answers[7] = scoring.Answer{No: 7, Status: scoring.Scored, Score: 1000}
			return a
		}(),
		"unknown criterion": func() *scoring.Assessment {
			a := mk("延安市某局", code, 2030, "")
			a.Answers[500] = scoring.Answer{No: 500, Status: scoring.Scored}
			return a
		}(),
	} {
		before, _ := db.Assessments()
		if _, err := db.Import(bad, false); err == nil || !hasZh(err.Error()) {
			t.Errorf("%s: Import = %v", name, err)
		}
		if after, _ := db.Assessments(); len(after) != len(before) {
			t.Errorf("%s: a refused import changed the database", name)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	db := openTemp(t)
	id := newAssessment(t, db, 1)
	done := make(chan error)
	for g := 0; g < 4; g++ {
		go func(g int) {
			var err error
			for i := 0; i < 20 && err == nil; i++ {
				switch g {
				case 0:
					err = db.SaveAnswer(id, scoring.Answer{No: 1 + i, Status: scoring.Scored})
				case 1:
					_, err = db.Load(id)
				case 2:
					_, _, err = db.BackupIfDue()
				default:
					_, err = db.Assessments()
				}
			}
			done <- err
		}(g)
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

func TestClosedDB(t *testing.T) {
	db := openTemp(t)
	id := newAssessment(t, db, 1)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := db.SaveAnswer(id, scoring.Answer{No: 1}); err == nil || !hasZh(err.Error()) {
		t.Errorf("SaveAnswer after Close: %v", err)
	}
	if _, err := db.Backup(); err == nil {
		t.Error("Backup after Close succeeded")
	}
}

// TestMigrationChain checks the upgrade path with a hypothetical version 2: an existing
// version-1 file is upgraded in place keeping its data, and a failing migration leaves the
// file at its old version, still usable by the old program.
func TestMigrationChain(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sanxiang.db")
	db, err := Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	newAssessment(t, db, 1)
	db.Close()
	v1 := migrations
	defer func() { migrations = v1 }()

	migrations = append(v1[:len(v1):len(v1)], migration{sql: `ALTER TABLE units ADD COLUMN broken TEXT NOT NULL DEFAULT ''; SELECT no_such_function()`})
	if _, err := Open(path, testCats(t)); err == nil || !hasZh(err.Error()) {
		t.Fatalf("Open with a failing migration = %v", err)
	}
	migrations = v1
	db, err = Open(path, testCats(t))
	if err != nil {
		t.Fatalf("old program after a failed upgrade: %v", err)
	}
	if v := pragma(t, db, "user_version"); v != strconv.Itoa(len(v1)) {
		t.Errorf("user_version after failed upgrade = %s", v)
	}
	if n := query1(t, db, `SELECT count(*) FROM pragma_table_info('units') WHERE name = 'broken'`); n != "0" {
		t.Error("half of a failed migration was kept")
	}
	db.Close()

	migrations = append(v1[:len(v1):len(v1)], migration{sql: `ALTER TABLE units ADD COLUMN remark TEXT NOT NULL DEFAULT '无'`})
	db, err = Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v := pragma(t, db, "user_version"); v != strconv.Itoa(len(v1)+1) {
		t.Errorf("user_version after upgrade = %s", v)
	}
	if got := query1(t, db, `SELECT name || '/' || remark FROM units`); got != "测试单位1/无" {
		t.Errorf("after upgrade the unit reads %q", got)
	}
}
