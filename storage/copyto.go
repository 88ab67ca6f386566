package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"sanxiang/internal/oserr"
)

// CopyTo writes a consistent copy of the open database to dst (VACUUM INTO a temporary file
// beside dst, fsync, rename), for 复制到U盘便携使用; an existing dst is never replaced.
func (db *DB) CopyTo(dst string) error {
	const op = "复制数据库失败"
	db.mu.RLock()
	defer db.mu.RUnlock()
	db.backupMu.Lock()
	defer db.backupMu.Unlock()
	if db.sql == nil {
		return oserr.Wrap(op, errClosed)
	}
	if _, err := os.Lstat(dst); !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%s：“%s”已存在，不会覆盖它", op, dst)
	}
	tmp := filepath.Join(filepath.Dir(dst), ".tmp-"+filepath.Base(dst))
	os.Remove(tmp)
	if _, err := db.sql.Exec(`VACUUM INTO ?`, tmp); err != nil {
		os.Remove(tmp)
		return oserr.Wrap(op, translate(err))
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return oserr.Wrap(op+"（U盘是否已拔出？）", err)
	}
	if _, err := os.Lstat(dst); !errors.Is(err, os.ErrNotExist) {
		os.Remove(tmp)
		return fmt.Errorf("%s：“%s”已存在，不会覆盖它", op, dst)
	}
	if err := os.Rename(tmp, dst); err != nil {
		os.Remove(tmp)
		return oserr.Wrap(op, err)
	}
	return oserr.Wrap(op, syncDir(filepath.Dir(dst)))
}
