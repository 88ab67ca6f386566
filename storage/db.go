package storage

import (
	"database/sql"
	"errors"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver (pure Go, no cgo)

	"sanxiang/scoring"
)

// errUnfinished marks API entry points whose body is still being written (first commit only).
var errUnfinished = errors.New("功能尚未完成")

// DB is an open sanxiang database, held exclusively by this process until Close.
type DB struct {
	path string
	sql  *sql.DB
	now  func() time.Time
}

// DefaultPath says where the database lives: "sanxiang.db" next to the executable wins
// (portable mode), else <UserConfigDir>/sanxiang/sanxiang.db with its folder created.
func DefaultPath() (string, error) { return "", errUnfinished }

// IsPortable reports whether path is the next-to-the-executable database (portable mode).
func IsPortable(path string) bool { return false }

// Open opens or creates the database at path, migrates it, and locks it for this process;
// it fails with ErrLocked, ErrDamaged or ErrNewerSchema (Chinese messages).
func Open(path string) (*DB, error) { return nil, errUnfinished }

// Close releases the database and its process lock.
func (db *DB) Close() error { return errUnfinished }

// Path is the database file this DB was opened from.
func (db *DB) Path() string { return db.path }

// CreateUnit stores a new unit after validating its name and 统一社会信用代码.
func (db *DB) CreateUnit(u scoring.Unit) (int64, error) { return 0, errUnfinished }

// UpdateUnit changes a unit's details, validated like CreateUnit.
func (db *DB) UpdateUnit(id int64, u scoring.Unit) error { return errUnfinished }

// Units lists all units by name.
func (db *DB) Units() ([]UnitRecord, error) { return nil, errUnfinished }

// Unit fetches one unit, ErrNotFound if it does not exist.
func (db *DB) Unit(id int64) (UnitRecord, error) { return UnitRecord{}, errUnfinished }

// CreateAssessment starts a 草稿 assessment of a unit for a year against cat (one per unit and year).
func (db *DB) CreateAssessment(unitID int64, year int, cat *scoring.Catalog) (int64, error) {
	return 0, errUnfinished
}

// CopyAssessment starts next year's 草稿 from an existing assessment, keeping answers, evidence and narratives.
func (db *DB) CopyAssessment(fromID int64, year int) (int64, error) { return 0, errUnfinished }

// Assessments lists all assessments, newest year first.
func (db *DB) Assessments() ([]AssessmentInfo, error) { return nil, errUnfinished }

// AssessmentInfo fetches one assessment's header, ErrNotFound if it does not exist.
func (db *DB) AssessmentInfo(id int64) (AssessmentInfo, error) {
	return AssessmentInfo{}, errUnfinished
}

// DeleteAssessment removes an assessment with its answers, evidence records and narratives.
func (db *DB) DeleteAssessment(id int64) error { return errUnfinished }

// LastOpened says which assessment the user had open last, so the GUI can reopen it.
func (db *DB) LastOpened() (id int64, ok bool, err error) { return 0, false, errUnfinished }

// SetLastOpened remembers the assessment the user has open.
func (db *DB) SetLastOpened(id int64) error { return errUnfinished }

// Load reads a whole assessment (unit, year, answers, narratives) for scoring and exporting.
func (db *DB) Load(id int64, cat *scoring.Catalog) (*scoring.Assessment, error) {
	return nil, errUnfinished
}

// SaveAnswer replaces one criterion's answer and evidence list in one durable transaction;
// an empty answer deletes it; ErrFinalized when 已定稿.
func (db *DB) SaveAnswer(id int64, a scoring.Answer) error { return errUnfinished }

// SaveNarrative stores one narrative text in one durable transaction; ErrFinalized when 已定稿.
func (db *DB) SaveNarrative(id int64, key, text string) error { return errUnfinished }

// Finalize marks an assessment 已定稿 so that it can no longer be edited.
func (db *DB) Finalize(id int64) error { return errUnfinished }

// Unlock returns a 已定稿 assessment to 草稿 so that it can be edited again.
func (db *DB) Unlock(id int64) error { return errUnfinished }

// Import stores an assessment read from an exchange file, finding its unit by credit code
// (else name) or creating it; an existing unit+year is refused unless replace.
func (db *DB) Import(a *scoring.Assessment, replace bool) (int64, error) { return 0, errUnfinished }

// Backup writes a consistent copy into <dbdir>/backups/ and keeps the newest 10.
func (db *DB) Backup() (string, error) { return "", errUnfinished }

// BackupIfDue backs up when the newest backup is over an hour old (or missing) and data changed.
func (db *DB) BackupIfDue() (string, bool, error) { return "", false, errUnfinished }

// ListBackups describes the backups of the database at dbPath, newest first, reading each read-only.
func ListBackups(dbPath string) ([]BackupInfo, error) { return nil, errUnfinished }

// Restore replaces the open database by a backup, after backing up the current one; db stays usable.
func (db *DB) Restore(backupPath string) error { return errUnfinished }

// LatestBackup finds the newest readable backup, for the "damaged database" dialog.
func LatestBackup(dbPath string) (string, bool) { return "", false }

// RestoreClosed restores a backup when Open failed with ErrDamaged or ErrNewerSchema; the
// unusable file is kept beside it, renamed, never deleted.
func RestoreClosed(dbPath, backupPath string) error { return errUnfinished }

// StatEvidence describes a file the user attaches as evidence: size, SHA-256, base name, now.
func StatEvidence(path string) (scoring.Evidence, error) { return scoring.Evidence{}, errUnfinished }

// FileExists reports whether path is an existing regular file (for scoring.Check).
func FileExists(path string) bool { return false }

// EvidenceDir is where evidence files of imported packages are copied: <dbdir>/evidence.
func EvidenceDir(dbPath string) string { return "" }
