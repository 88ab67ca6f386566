package storage

import (
	"os"
	"path/filepath"

	"sanxiang/internal/drives"
	"sanxiang/internal/evidencefile"
	"sanxiang/internal/oserr"
	"sanxiang/scoring"
)

// FileName is the database file name, both next to the executable and in the config directory.
const FileName = "sanxiang.db"

// portablePath is the next-to-the-executable database location (it may not exist).
func portablePath() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	return filepath.Join(filepath.Dir(exe), FileName), nil
}

// DefaultPath says where the database lives: "sanxiang.db" next to the executable wins
// (portable mode), else <UserConfigDir>/sanxiang/sanxiang.db with its folder created.
func DefaultPath() (string, error) {
	if p, err := portablePath(); err == nil {
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", oserr.Wrap("找不到用户配置文件夹，无法确定数据库位置", err)
	}
	dir := filepath.Join(base, "sanxiang")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", oserr.Wrap("无法创建数据文件夹“"+dir+"”", err)
	}
	return filepath.Join(dir, FileName), nil
}

// MisnamedPortable finds a portable database that Explorer shows as "sanxiang.db" but that is
// really named sanxiang.db.txt (extensions hidden), when there is no sanxiang.db beside it, so
// that the program can explain it instead of silently using another database.
func MisnamedPortable() (string, bool) {
	p, err := portablePath()
	if err != nil {
		return "", false
	}
	return misnamedAt(p)
}

// misnamedAt is MisnamedPortable for the portable database path p.
func misnamedAt(p string) (string, bool) {
	if _, err := os.Lstat(p); err == nil {
		return "", false
	}
	txt := p + ".txt"
	st, err := os.Stat(txt)
	return txt, err == nil && st.Mode().IsRegular()
}

// IsPortable reports whether path is the next-to-the-executable database (portable mode).
func IsPortable(path string) bool {
	p, err := portablePath()
	if err != nil {
		return false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	return samePath(abs, p)
}

// EvidenceDir is where evidence files of imported packages are copied: <dbdir>/evidence.
func EvidenceDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "evidence")
}

// relocateEvidence points evidence recorded on another drive letter at the same path on the
// database's drive when it is only there (a portable stick that was E: and is F: now), so that
// the screen, the checks, the exports and the package all find it (drives.Relocate). The files
// are asked through an evidencefile.Checker: a drive that does not answer (a dead network drive
// still mapped to its letter) costs the load its timeout once, not a hang per file.
func relocateEvidence(dbPath string, answers map[int]scoring.Answer) {
	rel := newRelocator(dbPath)
	defer rel.close()
	if !rel.possible() {
		return
	}
	for _, a := range answers {
		for i, e := range a.Evidence { // the slice is shared with the map's value
			a.Evidence[i].Path = rel.path(e.Path)
		}
	}
}

// relocator is relocateEvidence for one path at a time, for a load that meets the evidence
// paths one by one (the bureau's list, all units with one checker): no walk over the answers.
type relocator struct {
	dbPath string
	files  *evidencefile.Checker // made at the first path on another drive: most loads have none
}

func newRelocator(dbPath string) *relocator { return &relocator{dbPath: dbPath} }

// possible is false when no path can move (the database is not on a drive letter: not Windows).
func (r *relocator) possible() bool { return drives.Volume(r.dbPath) != "" }

// path is p, or where it is now (drives.Relocate).
func (r *relocator) path(p string) string {
	return drives.Relocate(r.dbPath, p, func(p string) bool {
		if r.files == nil {
			r.files = evidencefile.NewChecker(evidencefile.Options{})
		}
		return r.files.Await([]string{p})[0] == evidencefile.Present
	})
}

func (r *relocator) close() {
	if r.files != nil {
		r.files.Close()
	}
}

// Companions lists the files that belong to the database at dbPath — the file itself, its
// write-ahead log, journal, shared-memory file and lock — so that no command writes over them.
// The backups folder (BackupDir) and the evidence folder (EvidenceDir) belong to it too.
func Companions(dbPath string) []string {
	return []string{dbPath, dbPath + "-wal", dbPath + "-journal", dbPath + "-shm", dbPath + ".lock"}
}

// lockFileError says why the lock file beside the database could not be opened: a read-only or
// write-protected disk is named as such (the program must write to open a database), anything
// else may be a pulled-out stick.
func lockFileError(err error) error {
	if oserr.IsReadOnly(err) {
		return &zhError{msg: "数据库所在的磁盘是只读的（U盘可能打开了写保护开关），本程序需要写入才能打开数据库；请关闭写保护，或把数据库所在文件夹复制到可写的位置", kind: ErrIO, cause: err}
	}
	return &zhError{msg: "无法创建数据库锁文件（文件夹只读或U盘已拔出？）", kind: ErrIO, cause: err}
}
