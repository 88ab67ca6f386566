package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"sanxiang/internal/oserr"
	"sanxiang/internal/samefile"
	"sanxiang/scoring"
)

const (
	keepBackups    = 10        // newest backups kept in <dbdir>/backups
	backupInterval = time.Hour // BackupIfDue copies at most this often
	backupStamp    = "20060102-150405"
)

// BackupDir is the folder beside the database that holds its automatic backups.
func BackupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "backups") }

type backupFile struct {
	path  string
	taken time.Time
	seq   int // 1, or N for a second backup in the same second ("-N" suffix)
}

// backupName is the file name of the seq-th backup taken at t.
func backupName(t time.Time, seq int) string {
	if seq <= 1 {
		return "sanxiang-" + t.Format(backupStamp) + ".db"
	}
	return fmt.Sprintf("sanxiang-%s-%d.db", t.Format(backupStamp), seq)
}

// parseBackupName reads "sanxiang-YYYYMMDD-HHMMSS.db" or "sanxiang-YYYYMMDD-HHMMSS-N.db"
// (local time); anything else in the folder is not one of our backups.
func parseBackupName(name string) (time.Time, int, bool) {
	core, ok := strings.CutPrefix(name, "sanxiang-")
	if !ok {
		return time.Time{}, 0, false
	}
	if core, ok = strings.CutSuffix(core, ".db"); !ok || len(core) < len(backupStamp) {
		return time.Time{}, 0, false
	}
	stamp, rest := core[:len(backupStamp)], core[len(backupStamp):]
	seq := 1
	if rest != "" {
		digits, ok := strings.CutPrefix(rest, "-")
		if !ok || digits == "" || len(digits) > 6 || digits[0] == '0' || strings.Trim(digits, "0123456789") != "" {
			return time.Time{}, 0, false
		}
		seq, _ = strconv.Atoi(digits)
		if seq < 2 {
			return time.Time{}, 0, false
		}
	}
	t, err := time.ParseInLocation(backupStamp, stamp, time.Local)
	if err != nil || t.Format(backupStamp) != stamp {
		return time.Time{}, 0, false
	}
	return t, seq, true
}

// listBackupFiles finds the backups of dbPath, newest first.
func listBackupFiles(dbPath string) ([]backupFile, error) {
	dir := BackupDir(dbPath)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []backupFile
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		if t, seq, ok := parseBackupName(e.Name()); ok {
			out = append(out, backupFile{path: filepath.Join(dir, e.Name()), taken: t, seq: seq})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].taken.Equal(out[j].taken) {
			return out[i].taken.After(out[j].taken)
		}
		return out[i].seq > out[j].seq
	})
	return out, nil
}

func hasBackups(dbPath string) bool {
	list, _ := listBackupFiles(dbPath)
	return len(list) > 0
}

// Backup writes a consistent copy (VACUUM INTO, then fsync and rename, so a half-written copy
// never carries a backup's name) into <dbdir>/backups/ and keeps the newest 10.
func (db *DB) Backup() (string, error) {
	db.mu.RLock()
	defer db.mu.RUnlock()
	db.backupMu.Lock()
	defer db.backupMu.Unlock()
	if db.sql == nil {
		return "", oserr.Wrap("备份数据库失败", errClosed)
	}
	return db.backup(db.sql)
}

// BackupIfDue backs up a database holding a unit or an assessment when there is no backup yet, or when the newest is over an hour old and
// the data changed since; the GUI calls it after edits. ok says whether it copied.
func (db *DB) BackupIfDue() (path string, ok bool, err error) {
	return db.backupWhen(backupInterval)
}

// BackupIfChanged backs up a database holding a unit or an assessment when there is no backup yet, or when the data changed since the
// newest backup, however recent it is; the GUI calls it at every start, so that the work of the
// last session is in a backup before anything else is done.
func (db *DB) BackupIfChanged() (path string, ok bool, err error) {
	return db.backupWhen(0)
}

// backupWhen copies (unless the database is empty) when there is no backup, when the newest one is missing its record or
// older than minAge with the data changed since, or when the clock went back past it.
func (db *DB) backupWhen(minAge time.Duration) (path string, ok bool, err error) {
	db.mu.RLock()
	defer db.mu.RUnlock()
	db.backupMu.Lock()
	defer db.backupMu.Unlock()
	if db.sql == nil {
		return "", false, oserr.Wrap("备份数据库失败", errClosed)
	}
	empty, err := isEmpty(db.sql)
	if err != nil {
		return "", false, oserr.Wrap("备份数据库失败", translate(err))
	}
	if empty {
		return "", false, nil // no unit, no assessment: nothing to lose, and no slot taken
	}
	list, err := listBackupFiles(db.path)
	if err != nil {
		return "", false, &zhError{msg: "备份数据库失败：无法读取备份文件夹", kind: ErrIO, cause: err}
	}
	if len(list) > 0 {
		age := db.now().Sub(list[0].taken)
		if age >= 0 && age < minAge {
			return "", false, nil
		}
		kept, err := inBackup(db.sql, list)
		if err != nil {
			return "", false, oserr.Wrap("备份数据库失败", translate(err))
		}
		if age >= 0 && kept {
			return "", false, nil // nothing changed since a backup that still exists
		}
	}
	p, err := db.backup(db.sql)
	return p, err == nil, err
}

// isEmpty reports whether the database holds no unit and no assessment (a first start, or
// everything deleted): the automatic backups skip it, since an empty copy would only push a
// real one out of the ten kept.
func isEmpty(s *sql.DB) (bool, error) {
	var any int
	err := s.QueryRow(`SELECT EXISTS(SELECT 1 FROM units) OR EXISTS(SELECT 1 FROM assessments)`).Scan(&any)
	return any == 0, err
}

// inBackup reports whether the data is, unchanged, the content of one of the backups in list:
// the setting backup_revision ("<revision> <backup file name>") is written by backup for the
// copy it made and by Restore for the backup it put in place, and every edit bumps revision.
func inBackup(s *sql.DB, list []backupFile) (bool, error) {
	rev, err := setting(s, "revision")
	if err != nil {
		return false, err
	}
	last, err := setting(s, "backup_revision")
	if err != nil {
		return false, err
	}
	for _, b := range list {
		if last == rev+" "+filepath.Base(b.path) {
			return true, nil
		}
	}
	return false, nil
}

// recordBackup notes in backup_revision that the data at its current revision is the content
// of the backup file name; not an edit.
func recordBackup(s *sql.DB, name string) error {
	rev, err := setting(s, "revision")
	if err != nil {
		return err
	}
	return setBackupRecord(s, rev+" "+name)
}

// setBackupRecord writes the setting backup_revision ("" : the data is in no known backup).
func setBackupRecord(s *sql.DB, value string) error {
	_, err := s.Exec(`INSERT INTO settings(key, value) VALUES ('backup_revision', ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, value)
	return err
}

func setting(s *sql.DB, key string) (string, error) {
	var v string
	err := s.QueryRow(`SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// backup does the copy; the caller holds db.mu (read or write) and db.backupMu.
func (db *DB) backup(s *sql.DB) (string, error) {
	const op = "备份数据库失败"
	dir := BackupDir(db.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", &zhError{msg: op + "：无法创建备份文件夹（U盘是否已拔出？）", kind: ErrIO, cause: err}
	}
	now := db.now()
	// Number after the highest backup of the same second, never into a gap left by pruning,
	// so that the newest backup always sorts first.
	seq := 1
	list, err := listBackupFiles(db.path)
	if err != nil {
		return "", &zhError{msg: op + "：无法读取备份文件夹", kind: ErrIO, cause: err}
	}
	stamp := now.Format(backupStamp)
	for _, b := range list {
		if b.taken.Format(backupStamp) == stamp && b.seq >= seq {
			seq = b.seq + 1
		}
	}
	final := filepath.Join(dir, backupName(now, seq))
	if _, err := os.Lstat(final); !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("%s：备份文件“%s”已存在", op, filepath.Base(final))
	}
	tmp := filepath.Join(dir, ".tmp-"+filepath.Base(final))
	os.Remove(tmp)
	// Remember what this backup holds so that BackupIfDue and BackupIfChanged skip identical
	// copies (not an edit) — before the copy, so that the backup knows itself: a database
	// restored from it, by Restore or by RestoreClosed, counts as backed up until edited. A
	// failed copy puts the previous record back.
	prev, err := setting(s, "backup_revision")
	if err != nil {
		return "", oserr.Wrap(op, translate(err))
	}
	if err := recordBackup(s, filepath.Base(final)); err != nil {
		return "", oserr.Wrap(op, translate(err))
	}
	undo := func() {
		os.Remove(tmp)
		setBackupRecord(s, prev)
	}
	if _, err := s.Exec(`VACUUM INTO ?`, tmp); err != nil {
		undo()
		return "", oserr.Wrap(op, translate(err))
	}
	if err := syncFile(tmp); err != nil {
		undo()
		return "", &zhError{msg: op + "：写入备份文件失败（U盘是否已拔出？）", kind: ErrIO, cause: err}
	}
	if err := os.Rename(tmp, final); err != nil {
		undo()
		return "", &zhError{msg: op + "：无法保存备份文件", kind: ErrIO, cause: err}
	}
	if err := syncDir(dir); err != nil {
		return "", &zhError{msg: op + "：写入备份文件夹失败", kind: ErrIO, cause: err}
	}
	// Fold the log into the database file too, so that a copy of sanxiang.db alone (users copy
	// files while the program runs) is at most as old as the newest backup.
	s.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	prune(dir, db.path)
	return final, nil
}

// prune deletes all but the newest keepBackups backups and leftovers of interrupted copies
// (only this process, which holds the lock, writes into the folder).
func prune(dir, dbPath string) {
	list, err := listBackupFiles(dbPath)
	if err != nil {
		return
	}
	for i := keepBackups; i < len(list); i++ {
		os.Remove(list[i].path)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp-sanxiang-") {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// copyFileSync copies src to a new dst and makes it durable.
func copyFileSync(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	os.Remove(dst)
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	if err := out.Close(); err != nil {
		os.Remove(dst)
		return err
	}
	return syncDir(filepath.Dir(dst))
}

// openBackup opens a backup (or any sanxiang database file) read-only without locking or
// writing anything, after the same checks as Open.
func openBackup(path string) (*sql.DB, error) {
	wasEmpty, err := checkFile(path)
	if err != nil {
		return nil, err
	}
	if wasEmpty {
		return nil, &zhError{msg: "备份文件是空的（0 字节）", kind: ErrDamaged}
	}
	if _, err := os.Stat(path); err != nil {
		return nil, &zhError{msg: "找不到备份文件", kind: ErrNotFound, cause: err}
	}
	s, err := sql.Open("sqlite", dsn(path, "mode=ro", "immutable=1"))
	if err != nil {
		return nil, translate(err)
	}
	s.SetMaxOpenConns(1)
	if _, fresh, err := verify(s, true); err != nil {
		s.Close()
		return nil, err
	} else if fresh {
		s.Close()
		return nil, &zhError{msg: "备份文件中没有数据", kind: ErrDamaged}
	}
	return s, nil
}

// checkBackup says whether a backup can be restored.
func checkBackup(path string) error {
	s, err := openBackup(path)
	if err != nil {
		return err
	}
	return s.Close()
}

// ListBackups describes the backups of the database at dbPath, newest first, reading each
// read-only; unreadable ones are listed with a Problem rather than hidden. Scores are converted
// with the catalogs in cats or stored in the backup itself.
func ListBackups(dbPath string, cats *scoring.Set) ([]BackupInfo, error) {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return nil, oserr.Wrap("读取备份列表失败：路径无效", err)
	}
	list, err := listBackupFiles(abs)
	if err != nil {
		return nil, &zhError{msg: "读取备份列表失败：无法读取备份文件夹", kind: ErrIO, cause: err}
	}
	out := make([]BackupInfo, 0, len(list))
	for _, b := range list {
		info := BackupInfo{Path: b.path, Taken: b.taken}
		if st, err := os.Stat(b.path); err == nil {
			info.Size = st.Size()
		}
		if err := describeBackup(b.path, cats, &info); err != nil {
			info.Problem = "无法读取该备份：" + err.Error()
			info.Units, info.Assessments = nil, nil
		}
		out = append(out, info)
	}
	return out, nil
}

// describeBackup fills in the units and per-assessment scores of one backup.
func describeBackup(path string, cats *scoring.Set, info *BackupInfo) error {
	s, err := openBackup(path)
	if err != nil {
		return err
	}
	defer s.Close()
	tx, err := s.Begin()
	if err != nil {
		return translate(err)
	}
	defer tx.Rollback()
	rows, err := tx.Query(`SELECT name FROM units ORDER BY name, id`)
	if err != nil {
		return translate(err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return translate(err)
		}
		info.Units = append(info.Units, n)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return translate(err)
	}
	rows.Close()
	var infos []AssessmentInfo
	rows, err = tx.Query(infoQuery + ` ORDER BY a.year DESC, u.name, a.id DESC`)
	if err != nil {
		return translate(err)
	}
	for rows.Next() {
		i, err := scanInfo(rows)
		if err != nil {
			rows.Close()
			return translate(err)
		}
		infos = append(infos, i)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return translate(err)
	}
	rows.Close()
	for _, i := range infos {
		answers, err := loadAnswers(tx, i.ID)
		if err != nil {
			return translate(err)
		}
		ba := BackupAssessment{UnitName: i.UnitName, Year: i.Year, Status: i.Status}
		if cat := backupCatalog(tx, cats, i.CatalogHash); cat != nil {
			r := scoring.Score(cat, answers)
			ba.Score, ba.Converted, ba.ConvertedOK = r.Overall.Score, r.Converted, r.ConvertedOK
		} else {
			// Unknown catalog: the raw sum is still exact; the conversion needs the catalog.
			for _, a := range answers {
				if a.Status == scoring.Scored {
					ba.Score += a.Score
				}
			}
		}
		info.Assessments = append(info.Assessments, ba)
	}
	return nil
}

// backupCatalog finds an assessment's catalog in cats or in the backup's own catalogs table
// (absent in backups made before schema version 2); nil when neither has it.
func backupCatalog(tx *sql.Tx, cats *scoring.Set, hash string) *scoring.Catalog {
	if c, ok := cats.ByHash(hash); ok {
		return c
	}
	var file []byte
	if err := tx.QueryRow(`SELECT file FROM catalogs WHERE hash = ?`, hash).Scan(&file); err != nil {
		return nil
	}
	if c, err := scoring.ParseCatalog(file); err == nil && c.Hash == hash {
		return c
	}
	return nil
}

// Restore replaces the open database by a backup, after checking the backup and backing up the
// current database (unless it is, unchanged, a kept backup already); on any failure before the
// swap nothing changes. db stays usable. The restored data counts as the backup it came from
// while that backup is kept, so BackupIfChanged and BackupIfDue copy nothing until an edit.
func (db *DB) Restore(backupPath string) error {
	const op = "恢复备份失败"
	db.mu.Lock()
	defer db.mu.Unlock()
	db.backupMu.Lock()
	defer db.backupMu.Unlock()
	if db.sql == nil {
		return oserr.Wrap(op, errClosed)
	}
	if err := checkBackup(backupPath); err != nil {
		return oserr.Wrap(op, err)
	}
	// Copy first: backing up the current database may prune the very backup being restored.
	tmp := db.path + ".restore-tmp"
	if err := copyFileSync(backupPath, tmp); err != nil {
		return &zhError{msg: op + "：无法复制备份文件，未做任何更改", kind: ErrIO, cause: err}
	}
	list, err := listBackupFiles(db.path)
	if err != nil {
		os.Remove(tmp)
		return &zhError{msg: op + "：无法读取备份文件夹，未做任何更改", kind: ErrIO, cause: err}
	}
	kept, err := inBackup(db.sql, list)
	if err != nil {
		os.Remove(tmp)
		return oserr.Wrap(op, translate(err))
	}
	if !kept { // the current data is in no backup yet (a second restore in a row needs none)
		if _, err := db.backup(db.sql); err != nil {
			os.Remove(tmp)
			return oserr.Wrap(op+"：恢复前备份当前数据库失败，未做任何更改", err)
		}
		if list, err = listBackupFiles(db.path); err != nil {
			list = nil
		}
	}
	// Which kept backup is being restored (none for a copy from elsewhere, or one just pruned):
	// the restored data is that backup's content, so no duplicate is copied before an edit.
	restored := ""
	for _, b := range list {
		if samefile.Same(b.path, backupPath) {
			restored = filepath.Base(b.path)
		}
	}
	if err := db.sql.Close(); err != nil {
		os.Remove(tmp)
		db.sql = nil
		s, rerr := openSQL(db.path, db.cats, true)
		db.sql = s
		return errors.Join(oserr.Wrap(op, translate(err)), rerr)
	}
	db.sql = nil
	// Closing folds the write-ahead log into the file and deletes it; a log left behind would
	// be replayed onto the restored file, so then stop.
	if st, err := os.Stat(db.path + "-wal"); err == nil && st.Size() > 0 {
		os.Remove(tmp)
		s, rerr := openSQL(db.path, db.cats, true)
		db.sql = s
		return errors.Join(fmt.Errorf("%s：当前数据库的日志未能写回数据库文件，未做任何更改", op), rerr)
	}
	os.Remove(db.path + "-wal")
	os.Remove(db.path + "-shm")
	if err := os.Rename(tmp, db.path); err != nil {
		os.Remove(tmp)
		s, rerr := openSQL(db.path, db.cats, true)
		db.sql = s
		return errors.Join(&zhError{msg: op + "：无法替换数据库文件，未做任何更改", kind: ErrIO, cause: err}, rerr)
	}
	if err := syncDir(filepath.Dir(db.path)); err != nil {
		return &zhError{msg: op + "：写入数据库文件夹失败", kind: ErrIO, cause: err}
	}
	s, err := openSQL(db.path, db.cats, true)
	if err != nil {
		return oserr.Wrap(op, err)
	}
	db.sql = s
	// Bookkeeping only (a failure costs at most one duplicate backup): a kept backup is the
	// data's backup (also one made before backups knew themselves); a file from elsewhere is in
	// no backup here, whatever its own record says (its name may be one of ours).
	if restored != "" {
		recordBackup(s, restored)
	} else {
		setBackupRecord(s, "")
	}
	return nil
}

// LatestBackup finds the newest backup that passes the integrity check, for the "damaged
// database" dialog.
func LatestBackup(dbPath string) (string, bool) {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return "", false
	}
	list, _ := listBackupFiles(abs)
	for _, b := range list {
		if checkBackup(b.path) == nil {
			return b.path, true
		}
	}
	return "", false
}

// RestoreClosed restores a backup when Open failed with ErrDamaged or ErrNewerSchema. The
// unusable file is kept beside it under a new name (see SetAside), never deleted.
func RestoreClosed(dbPath, backupPath string) error {
	const op = "恢复备份失败"
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return oserr.Wrap(op+"：路径无效", err)
	}
	lock, err := acquireLock(abs + ".lock")
	if err != nil {
		return oserr.Wrap(op, err)
	}
	defer lock.release()
	if err := checkBackup(backupPath); err != nil {
		return oserr.Wrap(op, err)
	}
	tmp := abs + ".restore-tmp"
	if err := copyFileSync(backupPath, tmp); err != nil {
		return &zhError{msg: op + "：无法复制备份文件，未做任何更改", kind: ErrIO, cause: err}
	}
	if _, err := setAside(abs, time.Now()); err != nil {
		os.Remove(tmp)
		return oserr.Wrap(op, err)
	}
	if err := os.Rename(tmp, abs); err != nil {
		os.Remove(tmp)
		return &zhError{msg: op + "：无法放置恢复的数据库文件", kind: ErrIO, cause: err}
	}
	if err := syncDir(filepath.Dir(abs)); err != nil {
		return &zhError{msg: op + "：写入数据库文件夹失败", kind: ErrIO, cause: err}
	}
	return nil
}

// SetAside renames an unusable database (with its -wal log) to "<name>.bad-YYYYMMDD-HHMMSS"
// so that Open starts an empty one, without destroying anything; it returns the new name
// ("" when there was no file).
func SetAside(dbPath string) (string, error) {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return "", oserr.Wrap("移走数据库文件失败：路径无效", err)
	}
	lock, err := acquireLock(abs + ".lock")
	if err != nil {
		return "", oserr.Wrap("移走数据库文件失败", err)
	}
	defer lock.release()
	return setAside(abs, time.Now())
}

// setAside does SetAside's work; the caller holds the lock.
func setAside(abs string, now time.Time) (string, error) {
	if _, err := os.Lstat(abs); errors.Is(err, os.ErrNotExist) {
		os.Remove(abs + "-wal")
		os.Remove(abs + "-shm")
		return "", nil
	}
	var aside string
	for n := 1; aside == ""; n++ {
		p := abs + ".bad-" + now.Format(backupStamp)
		if n > 1 {
			p += "-" + strconv.Itoa(n)
		}
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
			aside = p
		}
	}
	if err := os.Rename(abs, aside); err != nil {
		return "", &zhError{msg: "无法移走损坏的数据库文件", kind: ErrIO, cause: err}
	}
	if _, err := os.Lstat(abs + "-wal"); err == nil {
		if err := os.Rename(abs+"-wal", aside+"-wal"); err != nil {
			return aside, &zhError{msg: "无法移走损坏数据库的日志文件", kind: ErrIO, cause: err}
		}
	}
	os.Remove(abs + "-shm")
	return aside, oserr.Wrap("写入数据库文件夹失败", syncDir(filepath.Dir(abs)))
}
