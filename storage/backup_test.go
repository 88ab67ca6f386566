package storage

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"sanxiang/scoring"
)

// fakeClock makes db.now return a settable time.
func fakeClock(db *DB, start time.Time) *time.Time {
	now := start
	db.now = func() time.Time { return now }
	return &now
}

func backupNames(t *testing.T, db *DB) []string {
	t.Helper()
	list, err := listBackupFiles(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, b := range list {
		names = append(names, filepath.Base(b.path))
	}
	return names
}

func TestBackupNamesAndPruning(t *testing.T) {
	db := openTemp(t)
	newAssessment(t, db, 1)
	now := fakeClock(db, time.Date(2026, 1, 2, 3, 4, 5, 0, time.Local))
	p, err := db.Backup()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(filepath.Dir(db.Path()), "backups", "sanxiang-20260102-030405.db"); p != want {
		t.Errorf("Backup() = %q, want %q", p, want)
	}
	if err := checkBackup(p); err != nil {
		t.Errorf("backup not a valid database: %v", err)
	}
	p2, err := db.Backup() // same second
	if err != nil || filepath.Base(p2) != "sanxiang-20260102-030405-2.db" {
		t.Errorf("second backup in the same second = %q, %v", p2, err)
	}
	// Leftovers of a killed backup and foreign files: the former are cleaned, the latter kept.
	dir := BackupDir(db.Path())
	os.WriteFile(filepath.Join(dir, ".tmp-sanxiang-20250101-000000.db"), []byte("half"), 0o644)
	os.WriteFile(filepath.Join(dir, "说明.txt"), []byte("用户自己的文件"), 0o644)
	var want []string
	for i := 0; i < 12; i++ {
		*now = now.Add(time.Minute)
		p, err := db.Backup()
		if err != nil {
			t.Fatal(err)
		}
		want = append([]string{filepath.Base(p)}, want...)
	}
	if got := backupNames(t, db); !reflect.DeepEqual(got, want[:keepBackups]) {
		t.Errorf("kept %v\nwant %v", got, want[:keepBackups])
	}
	// Many backups in one second: each new one is the newest and survives pruning.
	for i := 0; i < keepBackups+3; i++ {
		p, err := db.Backup()
		if err != nil {
			t.Fatal(err)
		}
		if got := backupNames(t, db); got[0] != filepath.Base(p) {
			t.Fatalf("backup %d in one second: newest is %s, not the new %s", i, got[0], filepath.Base(p))
		}
	}
	entries, _ := os.ReadDir(dir)
	var others []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), "sanxiang-") {
			others = append(others, e.Name())
		}
	}
	if !reflect.DeepEqual(others, []string{"说明.txt"}) {
		t.Errorf("other files in the backup folder: %v", others)
	}
}

func TestBackupIfDue(t *testing.T) {
	db := openTemp(t)
	id := newAssessment(t, db, 1)
	now := fakeClock(db, time.Date(2026, 5, 1, 8, 0, 0, 0, time.Local))
	edit := func() {
		if err := db.SaveAnswer(id, scoring.Answer{No: 1, Status: scoring.Scored, Score: scoring.Tenths(now.Minute() % 2)}); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name    string
		advance time.Duration
		edit    bool
		remove  bool // delete the newest backup first
		want    bool
	}{
		{"first start: no backup yet", 0, false, false, true},
		{"right after", 0, false, false, false},
		{"edited 30 min later", 30 * time.Minute, true, false, false},
		{"edited over an hour after the last backup", 31 * time.Minute, true, false, true},
		{"two hours later, nothing changed", 2 * time.Hour, false, false, false},
		{"newest backup deleted by the user", 0, false, true, true},
		{"clock set back before the newest backup", -5 * time.Hour, true, false, true},
	}
	for _, s := range steps {
		*now = now.Add(s.advance)
		if s.edit {
			edit()
		}
		if s.remove {
			os.Remove(filepath.Join(BackupDir(db.Path()), backupNames(t, db)[0]))
		}
		p, ok, err := db.BackupIfDue()
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if ok != s.want || (ok && p == "") || (!ok && p != "") {
			t.Errorf("%s: BackupIfDue = %q, %v; want %v", s.name, p, ok, s.want)
		}
	}
}

func TestListBackupsShowsUnitsAndScores(t *testing.T) {
	db := openTemp(t)
	cat := builtin(t)
	now := fakeClock(db, time.Date(2026, 6, 1, 10, 0, 0, 0, time.Local))
	id := newAssessment(t, db, 1)
	answers := map[int]scoring.Answer{}
	for i, no := range cat.Numbers()[:40] {
		ref, _ := cat.Criterion(no)
		a := scoring.Answer{No: no, Status: scoring.Scored, Score: ref.Criterion.Points - scoring.Tenths(i%2)}
		if i%7 == 0 {
			a = scoring.Answer{No: no, Status: scoring.NA, NAReason: "无"}
		}
		answers[no] = a
		if err := db.SaveAnswer(id, a); err != nil {
			t.Fatal(err)
		}
	}
	// An assessment on a catalog the lister's program does not know: the backup holds it.
	other := otherCatalog(t)
	uid, _ := db.CreateUnit(scoring.Unit{Name: "安康市某局", CreditCode: codeN(t, 2)})
	oid, err := db.CreateAssessment(uid, 2023, other)
	if err != nil {
		t.Fatal(err)
	}
	otherAnswers := map[int]scoring.Answer{1: {No: 1, Status: scoring.Scored, Score: 15}}
	db.SaveAnswer(oid, otherAnswers[1])
	db.Finalize(oid)
	first, err := db.Backup()
	if err != nil {
		t.Fatal(err)
	}
	*now = now.Add(time.Hour)
	os.WriteFile(filepath.Join(BackupDir(db.Path()), "sanxiang-20260601-120000.db"), []byte("not a database"), 0o644)

	list, err := ListBackups(db.Path(), testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Fatalf("ListBackups = %+v", list)
	}
	if list[0].Problem == "" || !hasZh(list[0].Problem) || list[0].Units != nil {
		t.Errorf("damaged backup listed as %+v", list[0])
	}
	b := list[1]
	r := scoring.Score(cat, answers)
	ro := scoring.Score(other, otherAnswers)
	want := []BackupAssessment{
		{UnitName: "测试单位1", Year: 2024, Status: StatusDraft, Score: r.Overall.Score, Converted: r.Converted, ConvertedOK: r.ConvertedOK},
		{UnitName: "安康市某局", Year: 2023, Status: StatusFinal, Score: 15, Converted: ro.Converted, ConvertedOK: ro.ConvertedOK},
	}
	st, _ := os.Stat(first)
	if b.Path != first || b.Problem != "" || b.Size != st.Size() || !b.Taken.Equal(time.Date(2026, 6, 1, 10, 0, 0, 0, time.Local)) {
		t.Errorf("backup header %+v", b)
	}
	if !reflect.DeepEqual(b.Units, []string{"安康市某局", "测试单位1"}) {
		t.Errorf("units %v", b.Units)
	}
	if !reflect.DeepEqual(b.Assessments, want) {
		t.Errorf("assessments\n got %+v\nwant %+v", b.Assessments, want)
	}
	if r.Overall.Score == 0 || !r.ConvertedOK {
		t.Fatalf("test data scores nothing: %+v", r.Overall)
	}
	if p, ok := LatestBackup(db.Path()); !ok || p != first {
		t.Errorf("LatestBackup = %q %v, want the readable %q", p, ok, first)
	}
	if _, ok := LatestBackup(filepath.Join(t.TempDir(), "x.db")); ok {
		t.Error("LatestBackup found a backup in an empty folder")
	}
}

func TestRestore(t *testing.T) {
	db := openTemp(t)
	now := fakeClock(db, time.Date(2026, 7, 1, 9, 0, 0, 0, time.Local))
	id := newAssessment(t, db, 1)
	db.SaveAnswer(id, scoring.Answer{No: 1, Status: scoring.Scored, Score: 1, Note: "旧"})
	old, err := db.Backup()
	if err != nil {
		t.Fatal(err)
	}
	// Fill the folder so that the pre-restore backup prunes the one being restored.
	for i := 0; i < keepBackups-1; i++ {
		*now = now.Add(time.Minute)
		db.SaveAnswer(id, scoring.Answer{No: 1, Status: scoring.Scored, Score: 1, Note: "中间"})
		db.Backup()
	}
	*now = now.Add(time.Minute)
	db.SaveAnswer(id, scoring.Answer{No: 1, Status: scoring.Scored, Score: 1, Note: "新"})
	db.CreateUnit(scoring.Unit{Name: "新单位", CreditCode: codeN(t, 2)})

	if err := db.Restore(filepath.Join(t.TempDir(), "missing.db")); err == nil || !hasZh(err.Error()) {
		t.Errorf("Restore(missing) = %v", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.db")
	os.WriteFile(bad, []byte("SQLite format 3\x00 but not really"), 0o644)
	if err := db.Restore(bad); !errors.Is(err, ErrDamaged) {
		t.Errorf("Restore(bad) = %v", err)
	}
	if a, _ := db.Load(id); a.Answers[1].Note != "新" {
		t.Fatal("a refused restore changed the data")
	}

	*now = now.Add(time.Minute)
	if err := db.Restore(old); err != nil {
		t.Fatal(err)
	}
	a, err := db.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	if a.Answers[1].Note != "旧" {
		t.Errorf("after Restore: %+v", a.Answers[1])
	}
	if units, _ := db.Units(); len(units) != 1 {
		t.Errorf("after Restore units = %+v", units)
	}
	// The state before the restore is the newest backup.
	list, _ := ListBackups(db.Path(), testCats(t))
	if len(list) != keepBackups || !reflect.DeepEqual(list[0].Units, []string{"新单位", "测试单位1"}) {
		t.Errorf("pre-restore backup: %+v", list[0])
	}
	// Still usable, still locked, still durable.
	if err := db.SaveAnswer(id, scoring.Answer{No: 2, Status: scoring.Scored}); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(db.Path(), testCats(t)); !errors.Is(err, ErrLocked) {
		t.Errorf("Open during use after Restore: %v", err)
	}
	if got := pragma(t, db, "journal_mode"); got != "wal" {
		t.Errorf("journal_mode after Restore = %s", got)
	}
}

func TestParseBackupName(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
		seq  int
	}{
		{"sanxiang-20260102-030405.db", true, 1},
		{"sanxiang-20260102-030405-2.db", true, 2},
		{"sanxiang-20260102-030405-12.db", true, 12},
		{"sanxiang-20260102-030405-1.db", false, 0},
		{"sanxiang-20260102-030405-02.db", false, 0},
		{"sanxiang-20260102-030405-+2.db", false, 0},
		{"sanxiang-20260102-030405-.db", false, 0},
		{"sanxiang-20261302-030405.db", false, 0},
		{"sanxiang-20260102-250405.db", false, 0},
		{"sanxiang-20260102-030405.db.tmp", false, 0},
		{".tmp-sanxiang-20260102-030405.db", false, 0},
		{"sanxiang.db", false, 0},
		{"sanxiang-2026.db", false, 0},
	} {
		tm, seq, ok := parseBackupName(tc.name)
		if ok != tc.ok || seq != tc.seq {
			t.Errorf("parseBackupName(%q) = %v, %d, %v", tc.name, tm, seq, ok)
		}
		if ok && backupName(tm, seq) != tc.name {
			t.Errorf("backupName does not round-trip %q", tc.name)
		}
	}
}

func FuzzParseBackupName(f *testing.F) {
	for _, s := range []string{"sanxiang-20260102-030405.db", "sanxiang-20260102-030405-2.db", "sanxiang-x.db", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		tm, seq, ok := parseBackupName(name)
		if !ok {
			return
		}
		if seq < 1 || backupName(tm, seq) != name {
			t.Fatalf("%q parsed as %v #%d, which names %q", name, tm, seq, backupName(tm, seq))
		}
	})
}

// TestRestoreFromCopiedDatabase restores from a plain copy of another database file (WAL
// format, as a user might pick from a USB stick) rather than from one of our backups.
func TestRestoreFromCopiedDatabase(t *testing.T) {
	dir := t.TempDir()
	if runtime.GOOS != "windows" {
		dir = filepath.Join(dir, "数据 #1 ?%&=") // characters a file: URI must escape
		os.Mkdir(dir, 0o755)
	}
	srcPath := filepath.Join(dir, "copy-source.db")
	src, err := Open(srcPath, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	sid := newAssessment(t, src, 1)
	src.SaveAnswer(sid, scoring.Answer{No: 3, Status: scoring.Scored, Note: "来自U盘"})
	if _, err := src.Backup(); err != nil { // VACUUM INTO into a folder with odd characters
		t.Fatal(err)
	}
	src.Close()
	if _, err := ListBackups(srcPath, testCats(t)); err != nil {
		t.Fatal(err)
	}

	db, err := Open(filepath.Join(dir, "sanxiang.db"), testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	newAssessment(t, db, 2)
	if err := db.Restore(srcPath); err != nil {
		t.Fatal(err)
	}
	a, err := db.Load(sid)
	if err != nil || a.Answers[3].Note != "来自U盘" {
		t.Fatalf("after restoring a copied database: %+v, %v", a, err)
	}
}

// TestBackupIfChanged is the backup at start: whenever the data changed since the newest backup,
// however recent; never a second identical copy.
func TestBackupIfChanged(t *testing.T) {
	db := openTemp(t)
	id := newAssessment(t, db, 1)
	now := fakeClock(db, time.Date(2026, 5, 1, 8, 0, 0, 0, time.Local))
	n := 0
	edit := func() {
		n++
		if err := db.SaveAnswer(id, scoring.Answer{No: 1, Status: scoring.Scored, Score: scoring.Tenths(n % 2)}); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name    string
		advance time.Duration
		edit    bool
		want    bool
	}{
		{"first start: no backup yet", 0, false, true},
		{"restarted at once, nothing changed", time.Second, false, false},
		{"edited, restarted 5 minutes later", 5 * time.Minute, true, true},
		{"restarted again, nothing changed", 5 * time.Minute, false, false},
		{"a day later, nothing changed", 24 * time.Hour, false, false},
		{"edited, restarted within the second hour", 10 * time.Minute, true, true},
	}
	for _, s := range steps {
		*now = now.Add(s.advance)
		if s.edit {
			edit()
		}
		p, ok, err := db.BackupIfChanged()
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if ok != s.want || (ok && p == "") || (!ok && p != "") {
			t.Errorf("%s: BackupIfChanged = %q, %v; want %v", s.name, p, ok, s.want)
		}
	}
	// the hourly backup during editing is unchanged: an edit 10 minutes after a backup waits
	*now = now.Add(10 * time.Minute)
	edit()
	if _, ok, _ := db.BackupIfDue(); ok {
		t.Error("BackupIfDue copied 10 minutes after the last backup")
	}
}

// TestRestoreCountsAsItsBackup: after 从备份恢复 the data is the content of that backup, so the
// backup at the next start (BackupIfChanged) and the hourly one (BackupIfDue) copy nothing until
// the data is edited — a duplicate would push an older, different backup out of the ten kept. A
// second restore right after the first does not back up the restored state again either.
func TestRestoreCountsAsItsBackup(t *testing.T) {
	db := openTemp(t)
	now := fakeClock(db, time.Date(2026, 7, 1, 9, 0, 0, 0, time.Local))
	id := newAssessment(t, db, 1)
	save := func(note string) {
		t.Helper()
		if err := db.SaveAnswer(id, scoring.Answer{No: 1, Status: scoring.Scored, Score: 1, Note: note}); err != nil {
			t.Fatal(err)
		}
	}
	save("一")
	x, err := db.Backup()
	if err != nil {
		t.Fatal(err)
	}
	*now = now.Add(time.Minute)
	save("二")
	y, err := db.Backup()
	if err != nil {
		t.Fatal(err)
	}
	*now = now.Add(time.Minute)
	save("三")
	*now = now.Add(time.Minute)
	if err := db.Restore(x); err != nil {
		t.Fatal(err)
	}
	names := backupNames(t, db) // x, y and the state before the restore
	if len(names) != 3 {
		t.Fatalf("backups after the restore: %v", names)
	}
	*now = now.Add(time.Minute)
	if p, ok, err := db.BackupIfChanged(); ok || err != nil {
		t.Errorf("BackupIfChanged right after restoring %s copied %q, %v", filepath.Base(x), p, err)
	}
	*now = now.Add(2 * time.Hour)
	if p, ok, err := db.BackupIfDue(); ok || err != nil {
		t.Errorf("BackupIfDue two hours after the restore, nothing edited, copied %q, %v", p, err)
	}
	// Restoring another backup at once: the restored state of x is in x, no pre-restore copy.
	if err := db.Restore(y); err != nil {
		t.Fatal(err)
	}
	if got := backupNames(t, db); !reflect.DeepEqual(got, names) {
		t.Errorf("restoring y right after x backed up x's state again: %v, want %v", got, names)
	}
	if a, _ := db.Load(id); a.Answers[1].Note != "二" {
		t.Fatalf("after restoring y: %+v", a.Answers[1])
	}
	if _, ok, _ := db.BackupIfChanged(); ok {
		t.Error("BackupIfChanged copied right after restoring y")
	}
	// A real edit is backed up again.
	*now = now.Add(time.Minute)
	save("四")
	p, ok, err := db.BackupIfChanged()
	if !ok || err != nil {
		t.Fatalf("BackupIfChanged after an edit = %q, %v, %v", p, ok, err)
	}
	if got := backupNames(t, db); len(got) != 4 || got[0] != filepath.Base(p) {
		t.Errorf("backups after the edit: %v", got)
	}
}

// TestRestoreOfAnUnkeptCopyIsBackedUp: data restored from a file that is not one of the kept
// backups (a copy from a USB stick, or a backup the pre-restore copy pruned) is in no backup,
// so the next BackupIfChanged copies it.
func TestRestoreOfAnUnkeptCopyIsBackedUp(t *testing.T) {
	t.Run("a copy from elsewhere", func(t *testing.T) {
		srcPath := filepath.Join(t.TempDir(), "sanxiang.db")
		src, err := Open(srcPath, testCats(t))
		if err != nil {
			t.Fatal(err)
		}
		newAssessment(t, src, 1)
		sb, err := src.Backup()
		if err != nil {
			t.Fatal(err)
		}
		src.Close()
		db := openTemp(t)
		fakeClock(db, time.Date(2026, 7, 1, 9, 0, 0, 0, time.Local))
		newAssessment(t, db, 2)
		// one of our own backups (other data) carrying the same name as the restored file
		own, err := db.Backup()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(own, filepath.Join(BackupDir(db.Path()), filepath.Base(sb))); err != nil {
			t.Fatal(err)
		}
		if err := db.Restore(sb); err != nil {
			t.Fatal(err)
		}
		if _, ok, err := db.BackupIfChanged(); !ok || err != nil {
			t.Errorf("BackupIfChanged after restoring a copy from elsewhere = %v, %v", ok, err)
		}
	})
	t.Run("a backup pruned by the restore", func(t *testing.T) {
		db := openTemp(t)
		now := fakeClock(db, time.Date(2026, 7, 1, 9, 0, 0, 0, time.Local))
		id := newAssessment(t, db, 1)
		var oldest string
		for i := 0; i < keepBackups; i++ {
			*now = now.Add(time.Minute)
			db.SaveAnswer(id, scoring.Answer{No: 1, Status: scoring.Scored, Score: scoring.Tenths(i % 2), Note: string(rune('a' + i))})
			p, err := db.Backup()
			if err != nil {
				t.Fatal(err)
			}
			if oldest == "" {
				oldest = p
			}
		}
		*now = now.Add(time.Minute)
		db.SaveAnswer(id, scoring.Answer{No: 1, Status: scoring.Scored, Note: "新"})
		if err := db.Restore(oldest); err != nil { // the copy before the restore prunes oldest
			t.Fatal(err)
		}
		if _, err := os.Stat(oldest); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("the restored backup was not pruned: %v", err)
		}
		if _, ok, err := db.BackupIfChanged(); !ok || err != nil {
			t.Errorf("BackupIfChanged after restoring a backup no longer kept = %v, %v", ok, err)
		}
	})
}

// TestRestoreClosedCountsAsItsBackup: the damaged-database dialog's 从备份恢复 puts the newest
// backup in place; the program then opens it and calls BackupIfChanged, which must not copy
// that backup once more (a backup knows itself: backup_revision is written before the copy).
func TestRestoreClosedCountsAsItsBackup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	db, err := Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	id := newAssessment(t, db, 1)
	now := fakeClock(db, time.Date(2026, 7, 1, 9, 0, 0, 0, time.Local))
	for i, note := range []string{"一", "二"} {
		*now = now.Add(time.Minute)
		if err := db.SaveAnswer(id, scoring.Answer{No: 1, Status: scoring.Scored, Note: note}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Backup(); err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
	}
	db.Close()
	if err := os.WriteFile(path, []byte("SQLite format 3\x00 but the rest is gone"), 0o644); err != nil {
		t.Fatal(err)
	}
	backup, ok := LatestBackup(path)
	if !ok {
		t.Fatal("no backup")
	}
	if err := RestoreClosed(path, backup); err != nil {
		t.Fatal(err)
	}
	db, err = Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	before := backupNames(t, db)
	if p, ok, err := db.BackupIfChanged(); ok || err != nil {
		t.Errorf("BackupIfChanged right after RestoreClosed(%s) copied %q, %v", filepath.Base(backup), p, err)
	}
	if got := backupNames(t, db); !reflect.DeepEqual(got, before) {
		t.Errorf("backups %v, want %v", got, before)
	}
	if err := db.SaveAnswer(id, scoring.Answer{No: 1, Status: scoring.Scored, Note: "三"}); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := db.BackupIfChanged(); !ok || err != nil {
		t.Errorf("BackupIfChanged after an edit = %v, %v", ok, err)
	}
}

// TestNoBackupOfAnEmptyDatabase: a database with no unit and no assessment holds nothing to lose,
// so the backup at start and the hourly one copy nothing (an empty copy would take one of the
// ten kept places); once the first unit is saved they back up.
func TestNoBackupOfAnEmptyDatabase(t *testing.T) {
	db := openTemp(t)
	now := fakeClock(db, time.Date(2026, 5, 1, 8, 0, 0, 0, time.Local))
	for _, f := range []struct {
		name string
		call func() (string, bool, error)
	}{{"BackupIfChanged", db.BackupIfChanged}, {"BackupIfDue", db.BackupIfDue}} {
		if p, ok, err := f.call(); ok || p != "" || err != nil {
			t.Errorf("%s on an empty database = %q, %v, %v; want no copy", f.name, p, ok, err)
		}
	}
	if names := backupNames(t, db); len(names) != 0 {
		t.Fatalf("backups of an empty database: %v", names)
	}
	*now = now.Add(time.Second)
	if _, err := db.CreateUnit(scoring.Unit{Name: "测试单位", CreditCode: codeN(t, 1)}); err != nil {
		t.Fatal(err)
	}
	p, ok, err := db.BackupIfChanged()
	if !ok || p == "" || err != nil {
		t.Fatalf("BackupIfChanged after the first unit = %q, %v, %v; want a copy", p, ok, err)
	}
	if names := backupNames(t, db); len(names) != 1 {
		t.Errorf("backups after the first unit: %v; want 1", names)
	}
}
