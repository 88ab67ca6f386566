package oserr

import (
	"fmt"
	"strconv"
)

// SQLite primary result codes (sqlite3.h); numeric so that this package does not pull the
// SQLite driver into every program that reports a file error.
const (
	sqlitePerm       = 3
	sqliteBusy       = 5
	sqliteLocked     = 6
	sqliteNoMem      = 7
	sqliteReadOnly   = 8
	sqliteInterrupt  = 9
	sqliteIOErr      = 10
	sqliteCorrupt    = 11
	sqliteFull       = 13
	sqliteCantOpen   = 14
	sqliteTooBig     = 18
	sqliteConstraint = 19
	sqliteNotADB     = 26
)

// sqliteCode recognises an error of the modernc.org/sqlite driver (*sqlite.Error, which has
// Code() int) without importing it.
func sqliteCode(err error) (int, bool) {
	c, ok := err.(interface{ Code() int })
	if !ok || fmt.Sprintf("%T", err) != "*sqlite.Error" {
		return 0, false
	}
	return c.Code(), true
}

// sqliteReason describes a SQLite result code (extended codes carry the primary one in the low byte).
func sqliteReason(code int) string {
	switch code & 0xff {
	case sqliteBusy, sqliteLocked:
		return "数据库" + InUse
	case sqliteReadOnly, sqlitePerm:
		return "数据库文件只能读不能写（U 盘可能有写保护，或没有写入权限）"
	case sqliteIOErr:
		return DeviceGone
	case sqliteCorrupt, sqliteNotADB:
		return Damaged
	case sqliteFull:
		return DiskFull
	case sqliteCantOpen:
		return "无法打开数据库文件（文件夹不存在、没有权限或 U 盘已拔出）"
	case sqliteConstraint:
		return Conflict
	case sqliteNoMem:
		return NoMemory
	case sqliteInterrupt:
		return Canceled
	case sqliteTooBig:
		return "数据过大，无法保存"
	}
	return "数据库出错（代码 " + strconv.Itoa(code) + "）"
}
