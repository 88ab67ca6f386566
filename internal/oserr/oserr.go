// Package oserr turns operating-system, file-system and SQLite errors into the Simplified
// Chinese a user can act on, while errors.Is and errors.As still see the original error.
package oserr

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"unicode"
)

// Reasons a user reads; tests and callers compare against these rather than retyping them.
const (
	NotExist    = "文件或文件夹不存在"
	Permission  = "没有访问权限（文件可能被其他程序占用或为只读）"
	Exist       = "文件已存在"
	DiskFull    = "磁盘空间不足"
	DeviceGone  = "设备已移除或无法读写（U 盘是否已拔出？）"
	ReadOnly    = "磁盘为只读或有写保护，无法写入"
	IsDir       = "是文件夹而不是文件"
	NotDir      = "路径中的某一级不是文件夹"
	InvalidName = "文件名或路径无效"
	TooLong     = "路径过长"
	InUse       = "文件正被其他程序使用"
	Timeout     = "操作超时"
	Canceled    = "操作已取消"
	DirNotEmpty = "文件夹不是空的"
	CrossDevice = "不能在不同的磁盘之间直接移动文件"
	TooMany     = "打开的文件过多，请关闭一些程序后重试"
	Truncated   = "文件不完整（可能在复制时被中断）"
	Damaged     = "数据库文件已损坏或不是数据库"
	Conflict    = "数据与已有记录冲突"
	NoMemory    = "内存不足"
)

// Error is msg followed by the Chinese reason of Err; it unwraps to Err.
type Error struct {
	Msg string
	Err error
}

// Error joins the head and the reason with a full-width colon, as all our messages do.
func (e *Error) Error() string {
	if e.Err == nil {
		return e.Msg
	}
	return e.Msg + "：" + Reason(e.Err)
}

// Unwrap lets errors.Is/As reach the operating system's error.
func (e *Error) Unwrap() error { return e.Err }

// Wrap returns an error whose text is msg + "：" + a Chinese reason for err, while errors.Is/As
// still see err; a nil err gives nil, so it can wrap a result unconditionally.
func Wrap(msg string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Msg: msg, Err: err}
}

// Explained returns an error whose text is msg alone, for heads that already say why in a
// user's words (磁盘空间不足…); errors.Is/As still reach err.
func Explained(msg string, err error) error {
	if err == nil {
		return nil
	}
	return &explained{msg: msg, err: err}
}

type explained struct {
	msg string
	err error
}

func (e *explained) Error() string { return e.msg }
func (e *explained) Unwrap() error { return e.err }

// Reason describes err in Chinese. An error that already speaks Chinese (ours, or any text
// with Chinese characters) is kept as it is; an unknown one becomes
// "系统错误（技术信息：…）" so that support can still read the original text.
func Reason(err error) string {
	if err == nil {
		return ""
	}
	var ours *Error
	if errors.As(err, &ours) || speaksChinese(err) {
		return err.Error()
	}
	if r := classify(err); r != "" {
		return r
	}
	return "系统错误（技术信息：" + err.Error() + "）"
}

// IsReadOnly reports a write refused because the disk or file is read-only or write-protected
// (EROFS, ERROR_WRITE_PROTECT, SQLITE_READONLY), so that a message can say so instead of
// guessing at a pulled-out stick.
func IsReadOnly(err error) bool { return err != nil && classify(err) == ReadOnly }

// IsDiskFull reports a write refused for lack of space (ENOSPC, EDQUOT, ERROR_DISK_FULL…).
func IsDiskFull(err error) bool { return err != nil && classify(err) == DiskFull }

// IsDeviceGone reports what the system says when a USB stick or disk went away or fails (EIO,
// ENODEV, ERROR_NOT_READY, ERROR_DEVICE_NOT_CONNECTED…), so a message can say so.
func IsDeviceGone(err error) bool { return err != nil && classify(err) == DeviceGone }

// classify finds the most specific known cause anywhere in err's chain ("" if none).
func classify(err error) string {
	var r string
	walk(err, func(e error) bool {
		if n, ok := e.(syscall.Errno); ok {
			r = errnoReason(n)
		} else if code, ok := sqliteCode(e); ok {
			r = sqliteReason(code)
		}
		return r != ""
	})
	if r != "" {
		return r
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return NotExist
	case errors.Is(err, fs.ErrPermission):
		return Permission
	case errors.Is(err, fs.ErrExist):
		return Exist
	case errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return Timeout
	case errors.Is(err, context.Canceled):
		return Canceled
	case errors.Is(err, io.ErrUnexpectedEOF):
		return Truncated
	}
	return ""
}

// walk visits err and everything it wraps (both Unwrap forms), depth first, until visit says stop.
func walk(err error, visit func(error) bool) bool {
	for err != nil {
		if visit(err) {
			return true
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if walk(e, visit) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}

// speaksChinese says whether err's text, without the file paths it names, has Chinese
// characters: then it is one of our own messages, not the operating system's.
func speaksChinese(err error) bool {
	text := err.Error()
	walk(err, func(e error) bool {
		switch p := e.(type) {
		case *fs.PathError:
			text = strings.ReplaceAll(text, p.Path, "")
		case *os.LinkError:
			text = strings.ReplaceAll(strings.ReplaceAll(text, p.Old, ""), p.New, "")
		}
		return false
	})
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
