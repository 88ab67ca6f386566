// Package storage keeps units, assessments, answers, evidence records and narratives in one
// SQLite database (modernc.org/sqlite, no cgo). It is the only package that speaks SQL.
//
// Every user edit is one transaction that is durable when the call returns; only one process
// may have a database open; damaged files are refused with a Chinese error, never reset.
// See docs/storage.md for the schema, durability, locking and backup choices.
package storage

import (
	"errors"
	"strings"
	"time"

	"sanxiang/scoring"
)

// Sentinel errors, matched with errors.Is; their text is what the user reads.
var (
	// ErrLocked says another program instance has the database open.
	ErrLocked = errors.New("数据库正被另一个程序使用（可能已打开另一个本程序窗口），请先关闭它再试")
	// ErrDamaged says the file is not a usable SQLite database (not SQLite, truncated, integrity failure).
	ErrDamaged = errors.New("数据库文件已损坏或不是本程序的数据库，可从最近的自动备份恢复")
	// ErrNewerSchema says the database was written by a newer version of the program.
	ErrNewerSchema = errors.New("数据库由更新版本的本程序创建，当前版本无法打开，请使用新版本程序或从自动备份恢复")
	// ErrFinalized refuses an edit because the assessment is 已定稿; Unlock first.
	ErrFinalized = errors.New("该自评已定稿，不能修改；如需修改请先解除定稿")
	// ErrNotFound says the unit or assessment asked for does not exist (any more).
	ErrNotFound = errors.New("未找到该记录，可能已被删除")
	// ErrExists refuses a second assessment of the same unit and year (Import: unless replace).
	ErrExists = errors.New("该单位该年度的自评已存在")
	// ErrIO says the database file could not be read or written (drive removed, disk full,
	// read-only); the edit was not saved and should stay on screen.
	ErrIO = errors.New("无法读写数据库文件，刚才的修改没有保存")
)

// UnitRecord is a stored unit with its database id and timestamps.
type UnitRecord struct {
	ID int64
	scoring.Unit
	Created, Updated time.Time
}

// Status is an assessment's editing state.
type Status int

const (
	// StatusDraft (草稿) can be edited.
	StatusDraft Status = iota
	// StatusFinal (已定稿) is frozen until Unlock.
	StatusFinal
)

// String gives the Chinese label a user sees.
func (s Status) String() string {
	if s == StatusFinal {
		return "已定稿"
	}
	return "草稿"
}

// AssessmentInfo is the list/header view of an assessment, without its answers.
type AssessmentInfo struct {
	ID, UnitID  int64
	UnitName    string
	Year        int
	CatalogID   string
	CatalogHash string
	Status      Status
	Created     time.Time
	Updated     time.Time
	FinalizedAt time.Time // zero while 草稿
}

// BackupInfo describes one automatic backup for the restore page.
type BackupInfo struct {
	Path        string
	Taken       time.Time
	Size        int64
	Units       []string
	Assessments []BackupAssessment
	// Problem is a Chinese explanation when the backup cannot be read (then Units and
	// Assessments are empty and it cannot be restored); empty when the backup is fine.
	Problem string
}

// BackupAssessment is one assessment's score inside a backup, so users can pick the right one.
type BackupAssessment struct {
	UnitName    string
	Year        int
	Status      Status
	Score       scoring.Tenths
	Converted   scoring.Hundredths
	ConvertedOK bool
}

// backupAdvice are the ways the messages of ErrDamaged and ErrNewerSchema end in the advice to
// restore the latest automatic backup.
var backupAdvice = []string{"；可从最近的自动备份恢复", "，可从最近的自动备份恢复", "或从自动备份恢复"}

// WithoutBackupAdvice is err's message without the advice to restore an automatic backup, for
// a caller that found none (the advice would contradict what it says next).
func WithoutBackupAdvice(err error) string {
	msg := err.Error()
	for _, a := range backupAdvice {
		msg = strings.ReplaceAll(msg, a, "")
	}
	return msg
}
