package storage

import (
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"sanxiang/internal/staging"
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
	for _, e := range ents {
		p := filepath.Join(dir, e.Name())
		if !staging.IsStaging(e.Name()) || !e.IsDir() || staging.InUse(p) {
			continue
		}
		n := treeSize(p)
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

// emptyTrash deletes the trashed evidence folders no record refers to and clears the list.
func (db *DB) emptyTrash() Cleanup {
	var c Cleanup
	var names string
	var used []string
	err := db.read("清理佐证材料", func(tx *sql.Tx) error {
		if err := tx.QueryRow(`SELECT value FROM settings WHERE key = ?`, trashKey).Scan(&names); err != nil {
			return err
		}
		rows, err := tx.Query(`SELECT path FROM evidence`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p string
			if err := rows.Scan(&p); err != nil {
				return err
			}
			used = append(used, p)
		}
		return rows.Err()
	})
	if err != nil || names == "" {
		return c
	}
	dir := EvidenceDir(db.path)
	var kept []string
	for _, name := range strings.Split(names, "\n") {
		if name == "" || strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
			continue
		}
		p := filepath.Join(dir, name)
		inUse := false
		for _, u := range used {
			if strings.HasPrefix(u, p+string(filepath.Separator)) {
				inUse = true
				break
			}
		}
		if inUse {
			continue
		}
		n := treeSize(p)
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

func treeSize(p string) int64 {
	var n int64
	filepath.WalkDir(p, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
