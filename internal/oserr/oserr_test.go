package oserr

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	_ "modernc.org/sqlite"

	"sanxiang/internal/oserr/oserrtest"
)

func TestReason(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"ErrNotExist", fs.ErrNotExist, NotExist},
		{"ErrPermission", fs.ErrPermission, Permission},
		{"ErrExist", fs.ErrExist, Exist},
		{"PathError ErrNotExist", &fs.PathError{Op: "open", Path: "x.json", Err: fs.ErrNotExist}, NotExist},
		{"Chinese path", &fs.PathError{Op: "stat", Path: `D:\自评\2024.json`, Err: fs.ErrNotExist}, NotExist},
		{"wrapped twice", fmt.Errorf("read: %w", fmt.Errorf("x: %w", &fs.PathError{Op: "write", Path: "a", Err: fs.ErrPermission})), Permission},
		{"joined", errors.Join(errors.New("closing"), &fs.PathError{Op: "open", Path: "a", Err: fs.ErrExist}), Exist},
		{"deadline", os.ErrDeadlineExceeded, Timeout},
		{"context deadline", fmt.Errorf("copy: %w", context.DeadlineExceeded), Timeout},
		{"canceled", context.Canceled, Canceled},
		{"truncated", io.ErrUnexpectedEOF, Truncated},
		{"unknown", errors.New("boom"), "系统错误（技术信息：boom）"},
		{"unknown path error", &fs.PathError{Op: "open", Path: "a", Err: errors.New("weird")}, "系统错误（技术信息：open a: weird）"},
		{"already Chinese", errors.New("数据库已关闭"), "数据库已关闭"},
		{"ours", Wrap("写入 a 失败", fs.ErrNotExist), "写入 a 失败：" + NotExist},
	} {
		if got := Reason(tc.err); got != tc.want {
			t.Errorf("%s: Reason(%v) = %q, want %q", tc.name, tc.err, got, tc.want)
		}
	}
}

// TestWindowsReason covers the Windows error numbers on every system.
func TestWindowsReason(t *testing.T) {
	for _, tc := range []struct {
		n    uint32
		want string
	}{
		{2, NotExist}, {3, NotExist}, {5, Permission}, {19, ReadOnly}, {21, DeviceGone},
		{31, DeviceGone}, {32, InUse}, {33, InUse}, {39, DiskFull}, {80, Exist}, {112, DiskFull},
		{123, InvalidName}, {183, Exist}, {206, TooLong}, {1167, DeviceGone}, {1460, Timeout},
		{9999, ""},
	} {
		if got := windowsReason(tc.n); got != tc.want {
			t.Errorf("windowsReason(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestSQLiteReason(t *testing.T) {
	for _, tc := range []struct {
		code int
		want string
	}{
		{5, "数据库" + InUse}, {6, "数据库" + InUse}, {8, "数据库文件只能读不能写（U 盘可能有写保护，或没有写入权限）"},
		{10, DeviceGone}, {10 | 2<<8, DeviceGone}, {11, Damaged}, {26, Damaged}, {13, DiskFull},
		{19, Conflict}, {1 << 8, "数据库出错（代码 256）"},
	} {
		if got := sqliteReason(tc.code); got != tc.want {
			t.Errorf("sqliteReason(%d) = %q, want %q", tc.code, got, tc.want)
		}
	}
}

// TestSQLiteDriverError checks that a real driver error is recognised, not just a code.
func TestSQLiteDriverError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "not.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("this is not a database ", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = db.Exec("SELECT * FROM sqlite_schema")
	if err == nil {
		t.Fatal("query on a non-database succeeded")
	}
	if got := Reason(fmt.Errorf("query: %w", err)); got != Damaged {
		t.Errorf("Reason(%v) = %q, want %q", err, got, Damaged)
	}
	type fake struct{ error }
	if _, ok := sqliteCode(fake{errors.New("x")}); ok {
		t.Error("sqliteCode accepted an error that is not the driver's")
	}
}

// TestRealFiles uses what this operating system really returns.
func TestRealFiles(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "无此文件.json")
	_, err := os.Stat(missing)
	if got := Reason(err); got != NotExist {
		t.Errorf("stat missing: %q", got)
	}
	_, err = os.ReadFile(filepath.Join(dir, "no", "such", "x.json"))
	if got := Reason(err); got != NotExist {
		t.Errorf("read in missing folder: %q", got)
	}
	f := filepath.Join(dir, "f")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = os.OpenFile(f, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if got := Reason(err); got != Exist {
		t.Errorf("exclusive create of existing file: %q", got)
	}
	_, err = os.Stat(filepath.Join(f, "child"))
	if got := Reason(err); got != NotDir && got != NotExist {
		t.Errorf("file used as folder: %q", got)
	}
}

func TestWrap(t *testing.T) {
	if Wrap("x", nil) != nil {
		t.Error("Wrap of nil is not nil")
	}
	path := filepath.Join(t.TempDir(), "x.json")
	_, cause := os.Stat(path)
	err := Wrap("无法打开自评文件 "+path, cause)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Error("errors.Is lost fs.ErrNotExist")
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != path {
		t.Errorf("errors.As lost the *fs.PathError: %v", pe)
	}
	want := "无法打开自评文件 " + path + "：" + NotExist
	if err.Error() != want {
		t.Errorf("text %q, want %q", err, want)
	}
	if e := oserrtest.English(err.Error(), path); e != "" {
		t.Errorf("%q has English %q", err, e)
	}
	// Wrapping a wrapped error keeps the inner Chinese text instead of re-describing it.
	outer := Wrap("导出失败", err)
	if outer.Error() != "导出失败："+want {
		t.Errorf("nested: %q", outer)
	}
}

func TestExplainedKeepsCauseButNotItsText(t *testing.T) {
	cause := &fs.PathError{Op: "write", Path: "/media/u/x", Err: syscall.ENOSPC}
	err := Explained("目标磁盘空间不足", cause)
	if err.Error() != "目标磁盘空间不足" {
		t.Fatalf("text %q", err.Error())
	}
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatal("cause lost")
	}
	if Explained("x", nil) != nil {
		t.Fatal("nil cause must give nil")
	}
}
