package storage

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"sanxiang/internal/oserr"
	"sanxiang/scoring"
)

// appID marks a file as a sanxiang database (PRAGMA application_id, "sanx").
const appID = 0x73616e78

// migration brings the schema one version up: its SQL, then (optional) a data step in the same
// transaction that may use the program's catalogs.
type migration struct {
	sql  string
	data func(tx *sql.Tx, cats *scoring.Set) error
}

// migrations[i] brings the schema from version i to i+1 (PRAGMA user_version).
// Never edit a released migration; append a new one.
var migrations = []migration{
	{sql: `CREATE TABLE units (
	id          INTEGER PRIMARY KEY,
	name        TEXT    NOT NULL CHECK (name <> ''),
	credit_code TEXT    NOT NULL UNIQUE,
	contact     TEXT    NOT NULL DEFAULT '',
	phone       TEXT    NOT NULL DEFAULT '',
	created     INTEGER NOT NULL,
	updated     INTEGER NOT NULL
);
CREATE TABLE assessments (
	id           INTEGER PRIMARY KEY,
	unit_id      INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	year         INTEGER NOT NULL,
	catalog_id   TEXT    NOT NULL,
	catalog_hash TEXT    NOT NULL,
	status       INTEGER NOT NULL DEFAULT 0 CHECK (status IN (0, 1)),
	created      INTEGER NOT NULL,
	updated      INTEGER NOT NULL,
	finalized    INTEGER,
	UNIQUE (unit_id, year)
);
CREATE TABLE answers (
	assessment_id    INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
	no               INTEGER NOT NULL CHECK (no > 0),
	status           INTEGER NOT NULL CHECK (status IN (0, 1, 2)),
	score            INTEGER NOT NULL DEFAULT 0 CHECK (score >= 0),
	note             TEXT    NOT NULL DEFAULT '',
	deduction_reason TEXT    NOT NULL DEFAULT '',
	rectification    TEXT    NOT NULL DEFAULT '',
	na_reason        TEXT    NOT NULL DEFAULT '',
	updated          INTEGER NOT NULL,
	PRIMARY KEY (assessment_id, no)
) WITHOUT ROWID;
CREATE TABLE evidence (
	assessment_id INTEGER NOT NULL,
	no            INTEGER NOT NULL,
	seq           INTEGER NOT NULL,
	path          TEXT    NOT NULL CHECK (path <> ''),
	name          TEXT    NOT NULL,
	size          INTEGER NOT NULL CHECK (size >= 0),
	sha256        TEXT    NOT NULL,
	added         INTEGER NOT NULL,
	PRIMARY KEY (assessment_id, no, seq),
	FOREIGN KEY (assessment_id, no) REFERENCES answers(assessment_id, no) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE narratives (
	assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
	key           TEXT    NOT NULL,
	text          TEXT    NOT NULL,
	updated       INTEGER NOT NULL,
	PRIMARY KEY (assessment_id, key)
) WITHOUT ROWID;
CREATE TABLE settings (
	key   TEXT NOT NULL PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;`},
	// 2: the database keeps every catalog its assessments use (the file's bytes, by their
	// SHA-256), so an assessment opens, scores, exports and packages without the original file.
	{sql: `CREATE TABLE catalogs (
	hash  TEXT    NOT NULL PRIMARY KEY CHECK (length(hash) = 64),
	id    TEXT    NOT NULL CHECK (id <> ''),
	file  BLOB    NOT NULL,
	added INTEGER NOT NULL
) WITHOUT ROWID;`, data: storeKnownCatalogs},
	// 3: the district bureau's review: imported packages, reviews and their items,
	// recommendation marks (storage/review.go).
	{sql: migrateReview},
}

// storeKnownCatalogs is migration 2's data step: every catalog that existing assessments name
// and the program knows (the built-in, also under the hash of its version-1 file) is stored, and
// assessments naming a former hash are moved to the current file's hash (same criteria and
// points). An unknown hash is left as it is: that assessment opens once its catalog is stored
// (storage.StoreCatalog, e.g. by the CLI's --catalog).
func storeKnownCatalogs(tx *sql.Tx, cats *scoring.Set) error {
	rows, err := tx.Query(`SELECT DISTINCT catalog_hash FROM assessments`)
	if err != nil {
		return err
	}
	var hashes []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			rows.Close()
			return err
		}
		hashes = append(hashes, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, h := range hashes {
		c, ok := cats.ByHash(h)
		if !ok {
			continue
		}
		if err := putCatalog(tx, c, 0); err != nil {
			return err
		}
		if c.Hash != h {
			if _, err := tx.Exec(`UPDATE assessments SET catalog_hash = ? WHERE catalog_hash = ?`, c.Hash, h); err != nil {
				return err
			}
		}
	}
	return nil
}

// putCatalog stores a catalog's file once (a catalog already stored is kept as it is).
func putCatalog(tx *sql.Tx, c *scoring.Catalog, now int64) error {
	if sum := sha256.Sum256(c.File); hex.EncodeToString(sum[:]) != c.Hash {
		return fmt.Errorf("指标体系“%s”的文件内容与其校验值不符，无法保存", c.Title)
	}
	_, err := tx.Exec(`INSERT INTO catalogs(hash, id, file, added) VALUES (?, ?, ?, ?)
		ON CONFLICT(hash) DO NOTHING`, c.Hash, c.ID, c.File, now)
	return err
}

// SchemaVersion is the schema this program writes; a file with a higher user_version is refused.
func SchemaVersion() int { return len(migrations) }

// DB is an open sanxiang database, held exclusively by this process until Close.
// Its methods are safe for concurrent use.
type DB struct {
	path string
	lock *fileLock
	now  func() time.Time

	mu       sync.RWMutex // guards sql: Restore and Close swap it
	sql      *sql.DB
	backupMu sync.Mutex // one backup or restore at a time

	cats *scoring.Set // the program's catalogs plus those stored in this database

	created []string // files and folders this Open created (for DiscardNew), in creation order
	cleaned Cleanup  // what Open removed that earlier runs left behind
}

// Open opens or creates the database at path, migrates it, and locks it for this process;
// it fails with ErrLocked, ErrDamaged or ErrNewerSchema (Chinese messages), never resets a file.
// cats is the program's catalog registry (nil: an empty one); the catalogs stored in the
// database are added to it, so every part of the program finds them there.
func Open(path string, cats *scoring.Set) (*DB, error) {
	return open(path, cats, true)
}

// OpenToRead is Open for a command that only reads (`review list`): it skips the whole-file
// integrity check (PRAGMA quick_check, about 100 ms on a bureau's 15 MiB database), since a read
// of a damaged page fails with ErrDamaged anyway. It writes nothing to the file (Open records the
// time it was opened, which takes SQLite's write lock at once; the lock file still keeps other
// processes out). Whenever the file would be written all the same — a migration, a switch to the
// write-ahead log, a log left by a crash — it is checked first, as by Open. Every other check and
// the lock file are Open's.
func OpenToRead(path string, cats *scoring.Set) (*DB, error) {
	return open(path, cats, false)
}

// open is Open; check false skips quick_check unless a migration is due (OpenToRead).
func open(path string, cats *scoring.Set, check bool) (*DB, error) {
	if cats == nil {
		cats = scoring.NewSet()
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, oserr.Wrap("打开数据库失败：路径无效", err)
	}
	if st, err := os.Stat(filepath.Dir(abs)); err != nil || !st.IsDir() {
		return nil, &zhError{msg: fmt.Sprintf("打开数据库失败：文件夹“%s”不存在或无法访问（U盘是否已拔出？）", filepath.Dir(abs)), kind: ErrIO, cause: err}
	}
	// Refuse what is plainly not our database before anything — even the lock file — is
	// created beside it (a folder, /dev/null, a JSON file given as --db).
	if _, err := checkFile(abs); err != nil {
		return nil, oserr.Wrap("打开数据库失败", backupHint(err))
	}
	var created []string
	for _, p := range []string{abs + ".lock", abs} {
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
			created = append(created, p)
		}
	}
	lock, err := acquireLock(abs + ".lock")
	if err != nil {
		return nil, oserr.Wrap("打开数据库失败", err)
	}
	db := &DB{path: abs, lock: lock, now: time.Now, cats: cats, created: created}
	s, err := openSQL(abs, cats, check)
	if err != nil {
		db.removeCreated()
		lock.release()
		return nil, oserr.Wrap("打开数据库失败", err)
	}
	db.sql = s
	db.cleaned = db.cleanEvidence()
	return db, nil
}

// removeCreated deletes the database files this Open created (and their log), newest first.
func (db *DB) removeCreated() {
	for i := len(db.created) - 1; i >= 0; i-- {
		p := db.created[i]
		if p == db.path {
			for _, c := range []string{p + "-wal", p + "-journal", p + "-shm"} {
				os.Remove(c)
			}
		}
		os.Remove(p)
	}
}

// DiscardNew closes a database that this Open created and that holds no unit yet, and deletes
// its files (the database, log and lock file, and empty backups and evidence folders), so that a
// command refused after opening leaves nothing behind. An older database is only closed.
func (db *DB) DiscardNew() error {
	fresh := len(db.created) > 0 && db.created[len(db.created)-1] == db.path
	if fresh {
		var units int
		err := db.read("检查数据库", func(tx *sql.Tx) error {
			return tx.QueryRow(`SELECT count(*) FROM units`).Scan(&units)
		})
		fresh = err == nil && units == 0
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	var err error
	if db.sql != nil {
		err = db.sql.Close()
		db.sql = nil
	}
	if fresh {
		// still holding the lock, so no other process opens the file while it is deleted
		db.removeCreated()
		os.Remove(BackupDir(db.path))   // only when empty
		os.Remove(EvidenceDir(db.path)) // only when empty
	}
	if lerr := db.lock.release(); err == nil {
		err = lerr
	}
	if err != nil {
		return oserr.Wrap("关闭数据库失败", translate(err))
	}
	return nil
}

// Close checkpoints the write-ahead log into the database file and releases the process lock.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	var err error
	if db.sql != nil { // nil after Close, or after a Restore that could not reopen
		err = db.sql.Close()
		db.sql = nil
	}
	if lerr := db.lock.release(); err == nil {
		err = lerr
	}
	if err != nil {
		return oserr.Wrap("关闭数据库失败", translate(err))
	}
	return nil
}

// Path is the database file this DB was opened from (absolute).
func (db *DB) Path() string { return db.path }

// dsn builds the connection string: a file: URI so that unusual characters in the path are
// safe, with the per-connection pragmas. locking_mode=EXCLUSIVE keeps SQLite's own lock for
// the connection's lifetime (a second opener gets SQLITE_BUSY even without our lock file)
// and keeps the WAL index in memory instead of a -shm file.
func dsn(path string, params ...string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows drive letter: file:///C:/...
	}
	u := url.URL{Scheme: "file", Path: p}
	q := strings.Join(params, "&")
	return "file://" + u.EscapedPath() + "?" + q
}

func openDSN(path string) string {
	return dsn(path,
		"_pragma=busy_timeout(3000)",
		"_pragma=locking_mode(EXCLUSIVE)",
		"_pragma=foreign_keys(1)",
		"_pragma=synchronous(FULL)",
		"_pragma=cache_size(-32768)", // 32 MiB: the bureau's list re-reads every unit (the default 2 MiB re-reads the file)
		"_txlock=immediate",
	)
}

// openSQL checks, opens, verifies and migrates the file; nothing is written before the
// checks pass, so a damaged or foreign file is left byte-for-byte as it was. check false skips
// the integrity check unless the file is to be migrated (OpenToRead).
func openSQL(path string, cats *scoring.Set, check bool) (*sql.DB, error) {
	wasEmpty, err := checkFile(path)
	if err != nil {
		return nil, backupHint(err)
	}
	if st, err := os.Stat(path + "-wal"); !check && err == nil && st.Size() > 0 {
		// a log left by a crash is written into the file when the connection closes: check first
		check = true
	}
	s, err := sql.Open("sqlite", openDSN(path))
	if err != nil {
		return nil, translate(err)
	}
	s.SetMaxOpenConns(1)
	s.SetMaxIdleConns(1)
	s.SetConnMaxLifetime(0)
	s.SetConnMaxIdleTime(0)
	fail := func(err error) (*sql.DB, error) {
		s.Close()
		return nil, backupHint(err)
	}
	version, fresh, err := verify(s, check)
	if err != nil {
		return fail(err)
	}
	if fresh && wasEmpty && hasBackups(path) {
		// A zero-byte file next to backups is a lost database, not a new one.
		return fail(&zhError{msg: "数据库文件是空的（0 字节），可能在复制或断电时损坏；可从最近的自动备份恢复", kind: ErrDamaged})
	}
	var mode string
	if !check && !fresh {
		// switching an older file to the write-ahead log writes its header: check first
		if err := s.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
			return fail(damagedErr(translate(err)))
		}
		if !strings.EqualFold(mode, "wal") {
			if err := quickCheck(s); err != nil {
				return fail(err)
			}
		}
	}
	if err := s.QueryRow("PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return fail(translate(err))
	}
	if !strings.EqualFold(mode, "wal") {
		return fail(fmt.Errorf("无法启用预写日志（journal_mode=%s）", mode))
	}
	if err := migrate(s, version, cats); err != nil {
		return fail(err)
	}
	if err := loadCatalogs(s, cats); err != nil {
		return fail(err)
	}
	if !check {
		// OpenToRead writes nothing: a file that would fail the skipped check stays as it was
		return s, nil
	}
	// Take and keep the write lock now (exclusive locking mode never releases it), so a second
	// process is refused at open rather than at its first edit.
	if _, err := s.Exec(`INSERT INTO settings(key, value) VALUES ('opened', ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return fail(translate(err))
	}
	return s, nil
}

// backupHint tells the user of a damaged database where the way out is.
func backupHint(err error) error {
	var ze *zhError
	if errors.Is(err, ErrDamaged) && errors.As(err, &ze) && !strings.Contains(ze.msg, "备份") {
		return &zhError{msg: ze.msg + "；可从最近的自动备份恢复", kind: ErrDamaged, cause: err}
	}
	return err
}

var sqliteMagic = []byte("SQLite format 3\x00")

// checkFile refuses what is plainly not a database before SQLite touches it. A missing file is
// new; a zero-byte file is new only if it never had backups (see openSQL and docs/storage.md).
func checkFile(path string) (wasEmpty bool, err error) {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, &zhError{msg: "无法读取数据库文件（U盘是否已拔出？）", kind: ErrIO, cause: err}
	}
	if st.IsDir() {
		return false, fmt.Errorf("“%s”是文件夹，不是数据库文件", path)
	}
	if !st.Mode().IsRegular() {
		return false, fmt.Errorf("“%s”不是普通文件（是设备、管道或其他特殊文件），不是数据库文件", path)
	}
	if st.Size() == 0 {
		return true, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return false, &zhError{msg: "无法读取数据库文件（没有权限或U盘已拔出）", kind: ErrIO, cause: err}
	}
	defer f.Close()
	head := make([]byte, 100)
	n, err := io.ReadFull(f, head)
	if err != nil && n < len(sqliteMagic) {
		return false, &zhError{msg: fmt.Sprintf("数据库文件不完整（只有 %d 字节），可能被截断", st.Size()), kind: ErrDamaged}
	}
	if !bytes.Equal(head[:len(sqliteMagic)], sqliteMagic) {
		return false, &zhError{msg: "该文件不是 SQLite 数据库，可能已损坏或被其他文件覆盖", kind: ErrDamaged}
	}
	if n < 100 {
		return false, &zhError{msg: fmt.Sprintf("数据库文件不完整（只有 %d 字节），可能被截断", st.Size()), kind: ErrDamaged}
	}
	return false, nil
}

// damagedErr is a failed read of the file at open: ErrDamaged, unless it is a lock or I/O error.
func damagedErr(err error) error {
	var ze *zhError
	if errors.As(err, &ze) && (ze.kind == ErrLocked || ze.kind == ErrIO) {
		return err
	}
	return &zhError{msg: "数据库文件已损坏，无法读取", kind: ErrDamaged, cause: err}
}

// quickCheck runs PRAGMA quick_check (reads the whole file) and fails with ErrDamaged on any problem.
func quickCheck(s *sql.DB) error {
	rows, err := s.Query("PRAGMA quick_check")
	if err != nil {
		return damagedErr(translate(err))
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return damagedErr(translate(err))
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return damagedErr(translate(err))
	}
	if len(problems) > 0 {
		return &zhError{msg: "数据库文件已损坏（完整性检查未通过）", kind: ErrDamaged, cause: errors.New(strings.Join(problems, "; "))}
	}
	return nil
}

// verify reads the file without writing: integrity (with check, or when a migration is due),
// owner and schema version.
func verify(s *sql.DB, check bool) (version int, fresh bool, err error) {
	damaged := func(err error) (int, bool, error) { return 0, false, damagedErr(err) }
	if check {
		if err := quickCheck(s); err != nil {
			return 0, false, err
		}
	}
	var app, tables int
	if err := s.QueryRow("PRAGMA application_id").Scan(&app); err != nil {
		return damaged(translate(err))
	}
	if err := s.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return damaged(translate(err))
	}
	if err := s.QueryRow("SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return damaged(translate(err))
	}
	switch {
	case app == 0 && version == 0 && tables == 0:
		return 0, true, nil
	case app != appID:
		return 0, false, &zhError{msg: "该文件是其他程序的 SQLite 数据库，不是本程序的数据库", kind: ErrDamaged}
	case version > len(migrations):
		return 0, false, &zhError{msg: fmt.Sprintf("数据库由更新版本的本程序创建（数据格式第 %d 版，本程序只支持到第 %d 版），请使用新版本程序或从自动备份恢复", version, len(migrations)), kind: ErrNewerSchema}
	case !check && version < len(migrations):
		// a migration writes: never into a file not checked whole
		if err := quickCheck(s); err != nil {
			return 0, false, err
		}
	}
	return version, false, nil
}

// migrate applies the missing migrations, each in its own transaction with its version bump.
func migrate(s *sql.DB, from int, cats *scoring.Set) error {
	for v := from; v < len(migrations); v++ {
		tx, err := s.Begin()
		if err != nil {
			return oserr.Wrap("升级数据库结构失败", translate(err))
		}
		stmts := []string{migrations[v].sql, fmt.Sprintf("PRAGMA user_version = %d", v+1), fmt.Sprintf("PRAGMA application_id = %d", appID)}
		for _, q := range stmts {
			if _, err := tx.Exec(q); err != nil {
				tx.Rollback()
				return oserr.Wrap(fmt.Sprintf("升级数据库结构（第 %d 版）失败", v+1), translate(err))
			}
		}
		if m := migrations[v]; m.data != nil {
			if err := m.data(tx, cats); err != nil {
				tx.Rollback()
				return oserr.Wrap(fmt.Sprintf("升级数据库结构（第 %d 版）失败", v+1), translate(err))
			}
		}
		if err := tx.Commit(); err != nil {
			return oserr.Wrap(fmt.Sprintf("升级数据库结构（第 %d 版）失败", v+1), translate(err))
		}
	}
	return nil
}

// zhError is a user-facing Chinese message that still matches its sentinel and its cause.
type zhError struct {
	msg   string
	kind  error // one of the sentinels, or nil
	cause error // the underlying error, for logs and errors.As
}

func (e *zhError) Error() string { return e.msg }

func (e *zhError) Unwrap() []error {
	var errs []error
	if e.kind != nil {
		errs = append(errs, e.kind)
	}
	if e.cause != nil {
		errs = append(errs, e.cause)
	}
	return errs
}

var errClosed = errors.New("数据库已关闭")

// translate turns a driver error into a Chinese one that matches the right sentinel; errors
// that are already ours pass through.
func translate(err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		if errors.Is(err, sql.ErrConnDone) || strings.Contains(err.Error(), "database is closed") {
			return errClosed
		}
		return err
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return &zhError{msg: ErrLocked.Error(), kind: ErrLocked, cause: err}
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return &zhError{msg: ErrDamaged.Error(), kind: ErrDamaged, cause: err}
	case sqlite3.SQLITE_FULL:
		return &zhError{msg: "磁盘空间已满，刚才的修改没有保存，请腾出空间后重试", kind: ErrIO, cause: err}
	case sqlite3.SQLITE_READONLY:
		return &zhError{msg: "数据库文件只能读不能写（U盘可能有写保护，或没有写入权限），刚才的修改没有保存", kind: ErrIO, cause: err}
	case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN:
		return &zhError{msg: "无法读写数据库文件（数据库在U盘上时，请检查U盘是否已拔出），刚才的修改没有保存", kind: ErrIO, cause: err}
	case sqlite3.SQLITE_CONSTRAINT:
		return &zhError{msg: "数据与已有记录冲突，未保存", cause: err}
	}
	return &zhError{msg: fmt.Sprintf("数据库出错（代码 %d）", se.Code()), cause: err}
}

// conn runs fn with the live connection pool under the read lock (Restore holds the write lock).
func (db *DB) conn(op string, fn func(s *sql.DB) error) error {
	db.mu.RLock()
	defer db.mu.RUnlock()
	if db.sql == nil {
		return oserr.Wrap(op, errClosed)
	}
	if err := fn(db.sql); err != nil {
		return oserr.Wrap(op, translate(err))
	}
	return nil
}

// write runs fn in one IMMEDIATE transaction that is durable (synchronous=FULL) when it
// returns; edit=true also bumps the revision counter that BackupIfDue compares.
func (db *DB) write(op string, edit bool, fn func(tx *sql.Tx) error) error {
	return db.conn(op, func(s *sql.DB) error {
		tx, err := s.Begin()
		if err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			tx.Rollback()
			return err
		}
		if edit {
			if _, err := tx.Exec(`INSERT INTO settings(key, value) VALUES ('revision', '1')
				ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`); err != nil {
				tx.Rollback()
				return err
			}
		}
		return tx.Commit()
	})
}

// read runs fn in one transaction so that multi-query reads see one consistent state.
func (db *DB) read(op string, fn func(tx *sql.Tx) error) error {
	return db.conn(op, func(s *sql.DB) error {
		tx, err := s.Begin()
		if err != nil {
			return err
		}
		defer tx.Rollback()
		return fn(tx)
	})
}

// loadCatalogs adds the catalogs stored in the database to cats. A stored file that no longer
// parses or whose bytes do not match its hash is skipped: its assessments then say that their
// catalog is missing instead of being scored against a wrong one.
func loadCatalogs(s *sql.DB, cats *scoring.Set) error {
	rows, err := s.Query(`SELECT hash, file FROM catalogs ORDER BY added, hash`) // a few, ~50 KB each
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var hash string
		var file []byte
		if err := rows.Scan(&hash, &file); err != nil {
			return translate(err)
		}
		if _, known := cats.ByHash(hash); known {
			continue // the program's own (the built-in, which also knows its former hashes)
		}
		if c, err := scoring.ParseCatalog(file); err == nil && c.Hash == hash {
			cats.Add(c)
		}
	}
	return translate(rows.Err())
}

// Catalogs is the program's catalog registry with the catalogs stored in this database.
func (db *DB) Catalogs() *scoring.Set { return db.cats }

// StoreCatalog keeps a catalog in the database (once per file), so assessments on it open
// without the file, and adds it to the registry; e.g. an imported 指标体系 or --catalog.
func (db *DB) StoreCatalog(c *scoring.Catalog) error {
	if c == nil {
		return errors.New("保存指标体系失败：未指定指标体系")
	}
	err := db.write("保存指标体系失败", false, func(tx *sql.Tx) error {
		return putCatalog(tx, c, ts(db.now()))
	})
	if err == nil {
		db.cats.Add(c)
	}
	return err
}

// catalogOf is the catalog an assessment was made on, by the hash stored with it.
func (db *DB) catalogOf(info AssessmentInfo) (*scoring.Catalog, error) {
	if c, ok := db.cats.ByHash(info.CatalogHash); ok {
		return c, nil
	}
	return nil, &zhError{msg: fmt.Sprintf("该自评使用的指标体系“%s”（%.8s）不在数据库中，也不是本程序内置的；请提供该指标体系文件（命令行 --catalog）", info.CatalogID, info.CatalogHash)}
}

// ts stores a time as Unix nanoseconds (0 for the zero time).
func ts(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// fromTS is the inverse of ts.
func fromTS(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n)
}

// samePath compares file paths the way the operating system does.
func samePath(a, b string) bool {
	a, b = filepath.Clean(a), filepath.Clean(b)
	if runtime.GOOS == "windows" {
		return strings.EqualFold(a, b)
	}
	return a == b
}
