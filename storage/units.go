package storage

import (
	"database/sql"
	"errors"
	"fmt"

	"sanxiang/scoring"
)

// creditCodeTaken says which other unit already uses code.
func creditCodeTaken(tx *sql.Tx, code string, except int64) error {
	var name string
	err := tx.QueryRow(`SELECT name FROM units WHERE credit_code = ? AND id <> ?`, code, except).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return fmt.Errorf("统一社会信用代码 %s 已被单位“%s”使用", code, name)
}

// CreateUnit stores a new unit after validating its name and 统一社会信用代码 (required, unique).
func (db *DB) CreateUnit(u scoring.Unit) (int64, error) {
	u, err := scoring.CheckUnit(u)
	if err != nil {
		return 0, fmt.Errorf("保存单位失败：%w", err)
	}
	var id int64
	err = db.write("保存单位失败", true, func(tx *sql.Tx) error {
		id, err = insertUnit(tx, u, ts(db.now()))
		return err
	})
	return id, err
}

func insertUnit(tx *sql.Tx, u scoring.Unit, now int64) (int64, error) {
	if err := creditCodeTaken(tx, u.CreditCode, 0); err != nil {
		return 0, err
	}
	res, err := tx.Exec(`INSERT INTO units(name, credit_code, contact, phone, created, updated)
		VALUES (?, ?, ?, ?, ?, ?)`, u.Name, u.CreditCode, u.Contact, u.Phone, now, now)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// UpdateUnit changes a unit's details, validated like CreateUnit.
func (db *DB) UpdateUnit(id int64, u scoring.Unit) error {
	u, err := scoring.CheckUnit(u)
	if err != nil {
		return fmt.Errorf("保存单位失败：%w", err)
	}
	return db.write("保存单位失败", true, func(tx *sql.Tx) error {
		if err := creditCodeTaken(tx, u.CreditCode, id); err != nil {
			return err
		}
		res, err := tx.Exec(`UPDATE units SET name = ?, credit_code = ?, contact = ?, phone = ?, updated = ?
			WHERE id = ?`, u.Name, u.CreditCode, u.Contact, u.Phone, ts(db.now()), id)
		if err != nil {
			return err
		}
		return mustAffect(res)
	})
}

const unitColumns = `id, name, credit_code, contact, phone, created, updated`

func scanUnit(row interface{ Scan(...any) error }) (UnitRecord, error) {
	var r UnitRecord
	var created, updated int64
	err := row.Scan(&r.ID, &r.Name, &r.CreditCode, &r.Contact, &r.Phone, &created, &updated)
	r.Created, r.Updated = fromTS(created), fromTS(updated)
	return r, err
}

// Units lists all units by name.
func (db *DB) Units() ([]UnitRecord, error) {
	var out []UnitRecord
	err := db.read("读取单位列表失败", func(tx *sql.Tx) error {
		rows, err := tx.Query(`SELECT ` + unitColumns + ` FROM units ORDER BY name, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanUnit(rows)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// Unit fetches one unit, ErrNotFound if it does not exist.
func (db *DB) Unit(id int64) (UnitRecord, error) {
	var r UnitRecord
	err := db.read("读取单位失败", func(tx *sql.Tx) error {
		var err error
		r, err = scanUnit(tx.QueryRow(`SELECT `+unitColumns+` FROM units WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		return err
	})
	return r, err
}

// mustAffect turns "no row changed" into ErrNotFound.
func mustAffect(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}
