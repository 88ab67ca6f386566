package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"sanxiang/internal/dirsize"
	"sanxiang/internal/staging"
	"sanxiang/scoring"
)

// Cleanup is what Open removed from the evidence folder that earlier runs left behind: temporary
// import folders of a killed or crashed import, and the evidence copies of assessments that
// `import --replace` replaced. Show it to the user ("释放了 … 空间").
type Cleanup struct {
	Folders int
	Bytes   int64
}

// Cleaned reports what Open cleaned up (zero when there was nothing).
func (db *DB) Cleaned() Cleanup { return db.cleaned }

// Note is the one sentence the CLI and the GUI show about the clean-up ("" when nothing was
// removed); size formats a byte count (export.SizeText), which storage does not import.
func (c Cleanup) Note(size func(int64) string) string {
	if c.Folders == 0 {
		return ""
	}
	return fmt.Sprintf("已清理以前中断的导入或被替换的自评留下的 %d 个佐证材料文件夹，释放了 %s 空间。", c.Folders, size(c.Bytes))
}

// trashKey is the setting holding evidence folders (names directly inside EvidenceDir) whose
// assessment was replaced; it is written in the replacing transaction, so a crash between the
// commit and the deletion is finished at the next open.
const trashKey = "evidence_trash"

// cleanEvidence removes stale temporary import folders (whose importer holds no lock any more)
// and the folders listed in the trash that no evidence record refers to.
func (db *DB) cleanEvidence() Cleanup {
	var c Cleanup
	dir := EvidenceDir(db.path)
	ents, err := os.ReadDir(dir)
	if err != nil {
		return c
	}
	var used []string
	for _, e := range ents {
		p := filepath.Join(dir, e.Name())
		if !e.IsDir() || staging.InUse(p) {
			continue
		}
		if !staging.IsStaging(e.Name()) {
			// a published import whose importer died before the database stored it
			if _, err := os.Lstat(filepath.Join(p, staging.Marker)); err != nil {
				continue
			}
			if used == nil {
				used = db.evidencePaths()
			}
			if referenced(used, p) {
				os.Remove(filepath.Join(p, staging.Marker)) // stored after all
				continue
			}
		}
		n := dirsize.Of(p)
		if os.RemoveAll(p) == nil {
			c.Folders++
			c.Bytes += n
		}
	}
	d := db.emptyTrash()
	c.Folders += d.Folders
	c.Bytes += d.Bytes
	return c
}

// evidencePaths lists every evidence path in the database (nil on error: then nothing counts
// as unreferenced, and nothing is deleted).
func (db *DB) evidencePaths() []string {
	var used []string
	err := db.read("清理佐证材料", func(tx *sql.Tx) error {
		var err error
		used, err = evidencePathsIn(tx)
		return err
	})
	if err != nil {
		return []string{""} // everything counts as referenced
	}
	if used == nil {
		used = []string{}
	}
	return used
}

// referenced reports whether any evidence path lies inside folder.
func referenced(used []string, folder string) bool {
	for _, u := range used {
		if u == "" || strings.HasPrefix(u, folder+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// clearMarkers removes the "import unfinished" marker from the evidence folders a just-stored
// assessment uses (see staging.Marker).
func (db *DB) clearMarkers(a *scoring.Assessment) {
	dir := EvidenceDir(db.path)
	done := map[string]bool{}
	for _, ans := range a.Answers {
		for _, e := range ans.Evidence {
			rel, err := filepath.Rel(dir, e.Path)
			if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
				continue
			}
			first := strings.Split(filepath.ToSlash(rel), "/")[0]
			if first == "" || first == "." || first == rel || done[first] {
				continue
			}
			done[first] = true
			os.Remove(filepath.Join(dir, first, staging.Marker))
		}
	}
}

// emptyTrash deletes the trashed evidence folders no record refers to and clears the list.
func (db *DB) emptyTrash() Cleanup {
	var c Cleanup
	var names string
	var used []string
	err := db.read("清理佐证材料", func(tx *sql.Tx) error {
		if err := tx.QueryRow(`SELECT value FROM settings WHERE key = ?`, trashKey).Scan(&names); err != nil {
			return err
		}
		var err error
		used, err = evidencePathsIn(tx)
		return err
	})
	if err != nil || names == "" {
		return c
	}
	// copies an automatic backup still refers to stay until that backup is pruned: restoring it
	// must find its evidence (the list entry is kept and retried at every open)
	used = append(used, backupEvidencePaths(db.path)...)
	dir := EvidenceDir(db.path)
	var kept []string
	for _, name := range strings.Split(names, "\n") {
		if name == "" || strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
			continue
		}
		p := filepath.Join(dir, name)
		if referenced(used, p) {
			if _, err := os.Stat(p); err == nil {
				kept = append(kept, name) // referenced by a backup (or again by the database): later
			}
			continue
		}
		n := dirsize.Of(p)
		if err := os.RemoveAll(p); err != nil {
			kept = append(kept, name) // try again next time
			continue
		}
		if n > 0 {
			c.Folders++
			c.Bytes += n
		}
	}
	db.write("清理佐证材料", false, func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE settings SET value = ? WHERE key = ?`, strings.Join(kept, "\n"), trashKey)
		return err
	})
	return c
}

// backupEvidencePaths lists the evidence paths the automatic backups refer to (read-only; an
// unreadable backup refers to nothing we can know, so it makes everything count as referenced).
func backupEvidencePaths(dbPath string) []string {
	files, err := listBackupFiles(dbPath)
	if err != nil {
		return []string{""}
	}
	var out []string
	for _, f := range files {
		s, err := openBackup(f.path)
		if err != nil {
			return []string{""}
		}
		rows, err := s.Query(`SELECT path FROM evidence`)
		if err != nil {
			s.Close()
			return []string{""}
		}
		for rows.Next() {
			var p string
			if rows.Scan(&p) == nil {
				out = append(out, p)
			}
		}
		rows.Close()
		s.Close()
	}
	return out
}

// trashEvidenceOf lists, inside tx, the evidence folders of assessment id that lie in the
// evidence folder, to be deleted once the transaction that replaces it has committed.
func (db *DB) trashEvidenceOf(tx *sql.Tx, id int64) error {
	dir := EvidenceDir(db.path)
	rows, err := tx.Query(`SELECT path FROM evidence WHERE assessment_id = ?`, id)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
			continue // attached from elsewhere: the user's own file, never deleted
		}
		first := strings.Split(filepath.ToSlash(rel), "/")[0]
		if first != "" && first != "." && first != rel {
			seen[first] = true
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(seen) == 0 {
		return nil
	}
	var old string
	if err := tx.QueryRow(`SELECT value FROM settings WHERE key = ?`, trashKey).Scan(&old); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	list := old
	for name := range seen {
		if list != "" {
			list += "\n"
		}
		list += name
	}
	_, err = tx.Exec(`INSERT INTO settings(key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, trashKey, list)
	return err
}

// evidencePathsIn lists every evidence path in the database, inside tx.
func evidencePathsIn(tx *sql.Tx) ([]string, error) {
	rows, err := tx.Query(`SELECT path FROM evidence`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var used []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		used = append(used, p)
	}
	return used, rows.Err()
}
