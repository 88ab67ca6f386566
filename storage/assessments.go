package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"sanxiang/scoring"
	"sanxiang/scoring/review"
)

// existsErr says which unit+year is taken, matching ErrExists.
func existsErr(tx *sql.Tx, unitID int64, year int) error {
	var name string
	if err := tx.QueryRow(`SELECT name FROM units WHERE id = ?`, unitID).Scan(&name); err != nil {
		return err
	}
	return &zhError{msg: fmt.Sprintf("“%s”%d 年度的自评已存在", name, year), kind: ErrExists}
}

// yearTaken reports whether the unit already has an assessment for year.
func yearTaken(tx *sql.Tx, unitID int64, year int) (int64, bool, error) {
	var id int64
	err := tx.QueryRow(`SELECT id FROM assessments WHERE unit_id = ? AND year = ?`, unitID, year).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, err
}

// CreateAssessment starts a 草稿 assessment of a unit for a year against cat (one per unit and
// year: ErrExists otherwise; ErrNotFound for an unknown unit).
func (db *DB) CreateAssessment(unitID int64, year int, cat *scoring.Catalog) (int64, error) {
	const op = "新建自评失败"
	if cat == nil {
		return 0, fmt.Errorf("%s：未指定指标体系", op)
	}
	if err := scoring.CheckYear(year); err != nil {
		return 0, fmt.Errorf("%s：%w", op, err)
	}
	var id int64
	err := db.write(op, true, func(tx *sql.Tx) error {
		var one int
		if err := tx.QueryRow(`SELECT 1 FROM units WHERE id = ?`, unitID).Scan(&one); errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if _, taken, err := yearTaken(tx, unitID, year); err != nil {
			return err
		} else if taken {
			return existsErr(tx, unitID, year)
		}
		now := ts(db.now())
		if err := putCatalog(tx, cat, now); err != nil {
			return err
		}
		var err error
		id, err = insertAssessment(tx, unitID, year, cat.ID, cat.Hash, now)
		return err
	})
	if err == nil {
		db.cats.Add(cat)
	}
	return id, err
}

func insertAssessment(tx *sql.Tx, unitID int64, year int, catID, catHash string, now int64) (int64, error) {
	res, err := tx.Exec(`INSERT INTO assessments(unit_id, year, catalog_id, catalog_hash, status, created, updated)
		VALUES (?, ?, ?, ?, 0, ?, ?)`, unitID, year, catID, catHash, now, now)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// CopyAssessment starts another year's 草稿 from an existing assessment of the same unit,
// keeping answers, evidence and narratives.
func (db *DB) CopyAssessment(fromID int64, year int) (int64, error) {
	const op = "复制自评失败"
	if err := scoring.CheckYear(year); err != nil {
		return 0, fmt.Errorf("%s：%w", op, err)
	}
	var id int64
	err := db.write(op, true, func(tx *sql.Tx) error {
		var unitID int64
		var catID, catHash string
		err := tx.QueryRow(`SELECT unit_id, catalog_id, catalog_hash FROM assessments WHERE id = ?`, fromID).Scan(&unitID, &catID, &catHash)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if _, taken, err := yearTaken(tx, unitID, year); err != nil {
			return err
		} else if taken {
			return existsErr(tx, unitID, year)
		}
		now := ts(db.now())
		if id, err = insertAssessment(tx, unitID, year, catID, catHash, now); err != nil {
			return err
		}
		copies := []struct {
			q    string
			args []any
		}{
			{`INSERT INTO answers(assessment_id, no, status, score, note, deduction_reason, rectification, na_reason, updated)
			 SELECT ?, no, status, score, note, deduction_reason, rectification, na_reason, ? FROM answers WHERE assessment_id = ?`, []any{id, now, fromID}},
			{`INSERT INTO evidence(assessment_id, no, seq, path, name, size, sha256, added)
			 SELECT ?, no, seq, path, name, size, sha256, added FROM evidence WHERE assessment_id = ?`, []any{id, fromID}},
			{`INSERT INTO narratives(assessment_id, key, text, updated)
			 SELECT ?, key, text, ? FROM narratives WHERE assessment_id = ?`, []any{id, now, fromID}},
		}
		for _, c := range copies {
			if _, err := tx.Exec(c.q, c.args...); err != nil {
				return err
			}
		}
		return nil
	})
	return id, err
}

const infoQuery = `SELECT a.id, a.unit_id, u.name, a.year, a.catalog_id, a.catalog_hash, a.status,
	a.created, a.updated, COALESCE(a.finalized, 0) FROM assessments a JOIN units u ON u.id = a.unit_id`

func scanInfo(row interface{ Scan(...any) error }) (AssessmentInfo, error) {
	var i AssessmentInfo
	var created, updated, finalized int64
	err := row.Scan(&i.ID, &i.UnitID, &i.UnitName, &i.Year, &i.CatalogID, &i.CatalogHash, &i.Status, &created, &updated, &finalized)
	i.Created, i.Updated, i.FinalizedAt = fromTS(created), fromTS(updated), fromTS(finalized)
	return i, err
}

// Assessments lists all assessments, newest year first, then by unit name.
func (db *DB) Assessments() ([]AssessmentInfo, error) {
	var out []AssessmentInfo
	err := db.read("读取自评列表失败", func(tx *sql.Tx) error {
		rows, err := tx.Query(infoQuery + ` ORDER BY a.year DESC, u.name, a.id DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			i, err := scanInfo(rows)
			if err != nil {
				return err
			}
			out = append(out, i)
		}
		return rows.Err()
	})
	return out, err
}

func assessmentInfo(tx *sql.Tx, id int64) (AssessmentInfo, error) {
	i, err := scanInfo(tx.QueryRow(infoQuery+` WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return i, ErrNotFound
	}
	return i, err
}

// AssessmentInfo fetches one assessment's header, ErrNotFound if it does not exist.
func (db *DB) AssessmentInfo(id int64) (AssessmentInfo, error) {
	var i AssessmentInfo
	err := db.read("读取自评失败", func(tx *sql.Tx) error {
		var err error
		i, err = assessmentInfo(tx, id)
		return err
	})
	return i, err
}

// editable checks that the assessment exists and is a 草稿, and returns its catalog hash.
func editable(tx *sql.Tx, id int64) (string, error) {
	var status Status
	var hash string
	err := tx.QueryRow(`SELECT status, catalog_hash FROM assessments WHERE id = ?`, id).Scan(&status, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", err
	}
	if status == StatusFinal {
		return "", ErrFinalized
	}
	return hash, nil
}

// DeleteAssessment removes an assessment with its answers, evidence records and narratives;
// a 已定稿 one must be unlocked first (ErrFinalized). Its review goes with it, and so, when that
// was 已复核, do the unit's recommendation marks of the year (unmarkLeavingDone).
func (db *DB) DeleteAssessment(id int64) error {
	return db.write("删除自评失败", true, func(tx *sql.Tx) error {
		if _, err := editable(tx, id); err != nil {
			return err
		}
		if _, err := unmarkLeavingDone(tx, id); err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM assessments WHERE id = ?`, id); err != nil {
			return err
		}
		_, err := tx.Exec(`DELETE FROM settings WHERE key = 'last_opened' AND value = ?`, strconv.FormatInt(id, 10))
		return err
	})
}

// LastOpened says which assessment the user had open last (ok=false when none or deleted).
func (db *DB) LastOpened() (id int64, ok bool, err error) {
	err = db.read("读取设置失败", func(tx *sql.Tx) error {
		var v string
		err := tx.QueryRow(`SELECT value FROM settings WHERE key = 'last_opened'`).Scan(&v)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		n, perr := strconv.ParseInt(v, 10, 64)
		if perr != nil {
			return nil
		}
		var one int
		err = tx.QueryRow(`SELECT 1 FROM assessments WHERE id = ?`, n).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		id, ok = n, true
		return nil
	})
	return id, ok, err
}

// SetLastOpened remembers the assessment the user has open.
func (db *DB) SetLastOpened(id int64) error {
	return db.write("保存设置失败", false, func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO settings(key, value) VALUES ('last_opened', ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, strconv.FormatInt(id, 10))
		return err
	})
}

// Load reads a whole assessment (its catalog, unit, year, answers with evidence, narratives)
// for scoring and exporting; the catalog is the one stored with it (or known to the program).
func (db *DB) Load(id int64) (*scoring.Assessment, error) {
	const op = "读取自评失败"
	var a *scoring.Assessment
	err := db.read(op, func(tx *sql.Tx) error {
		info, err := assessmentInfo(tx, id)
		if err != nil {
			return err
		}
		cat, err := db.catalogOf(info)
		if err != nil {
			return err
		}
		u, err := scanUnit(tx.QueryRow(`SELECT `+unitColumns+` FROM units WHERE id = ?`, info.UnitID))
		if err != nil {
			return err
		}
		answers, err := loadAnswers(tx, id)
		if err != nil {
			return err
		}
		narratives, err := loadNarratives(tx, id)
		if err != nil {
			return err
		}
		relocateEvidence(db.path, answers)
		a = &scoring.Assessment{Catalog: cat, Unit: u.Unit, Year: info.Year, Answers: answers, Narratives: narratives}
		if info.Status == StatusFinal {
			a.Finalized = info.FinalizedAt
		}
		return nil
	})
	return a, err
}

func loadAnswers(tx *sql.Tx, id int64) (map[int]scoring.Answer, error) {
	answers := map[int]scoring.Answer{}
	rows, err := tx.Query(`SELECT no, status, score, note, deduction_reason, rectification, na_reason
		FROM answers WHERE assessment_id = ?`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var a scoring.Answer
		if err := rows.Scan(&a.No, &a.Status, &a.Score, &a.Note, &a.DeductionReason, &a.Rectification, &a.NAReason); err != nil {
			rows.Close()
			return nil, err
		}
		answers[a.No] = a
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, err
	}
	rows.Close()
	rows, err = tx.Query(`SELECT no, path, name, size, sha256, added FROM evidence
		WHERE assessment_id = ? ORDER BY no, seq`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var no int
		var e scoring.Evidence
		var added int64
		if err := rows.Scan(&no, &e.Path, &e.Name, &e.Size, &e.SHA256, &added); err != nil {
			return nil, err
		}
		e.Added = fromTS(added)
		a := answers[no]
		a.Evidence = append(a.Evidence, e)
		answers[no] = a
	}
	return answers, rows.Err()
}

func loadNarratives(tx *sql.Tx, id int64) (map[string]string, error) {
	out := map[string]string{}
	rows, err := tx.Query(`SELECT key, text FROM narratives WHERE assessment_id = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// checkAnswer refuses what cannot be stored: unknown criterion, bad status, score out of range,
// evidence without a path. cat may be nil (catalog unknown): then only the generic checks run.
func checkAnswer(cat *scoring.Catalog, a scoring.Answer) error {
	if a.No <= 0 {
		return fmt.Errorf("评分要点编号 %d 无效", a.No)
	}
	if err := scoring.CheckAnswerLimits(a); err != nil {
		return err
	}
	var points scoring.Tenths = -1
	if cat != nil {
		ref, ok := cat.Criterion(a.No)
		if !ok {
			return fmt.Errorf("指标体系中没有第 %d 项评分要点", a.No)
		}
		points = ref.Criterion.Points
	}
	switch a.Status {
	case scoring.Unanswered, scoring.NA:
	case scoring.Scored:
		if a.Score < 0 {
			return fmt.Errorf("第 %d 项：得分不能为负数", a.No)
		}
		if points >= 0 {
			if err := scoring.ValidateScore(a.Score, points); err != nil {
				return fmt.Errorf("第 %d 项：%w", a.No, err)
			}
		}
	default:
		return fmt.Errorf("第 %d 项：评分状态无效", a.No)
	}
	for _, e := range a.Evidence {
		if strings.TrimSpace(e.Path) == "" {
			return fmt.Errorf("第 %d 项：台账资料缺少文件路径", a.No)
		}
		if e.Size < 0 {
			return fmt.Errorf("第 %d 项：台账资料“%s”的大小无效", a.No, e.Name)
		}
	}
	return nil
}

// putAnswer replaces one criterion's answer row and evidence rows (an empty answer deletes).
func putAnswer(tx *sql.Tx, id int64, a scoring.Answer, now int64) error {
	if a.IsEmpty() {
		_, err := tx.Exec(`DELETE FROM answers WHERE assessment_id = ? AND no = ?`, id, a.No)
		return err
	}
	score := a.Score
	if a.Status != scoring.Scored {
		score = 0
	}
	if _, err := tx.Exec(`INSERT INTO answers(assessment_id, no, status, score, note, deduction_reason, rectification, na_reason, updated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(assessment_id, no) DO UPDATE SET status = excluded.status, score = excluded.score,
			note = excluded.note, deduction_reason = excluded.deduction_reason,
			rectification = excluded.rectification, na_reason = excluded.na_reason, updated = excluded.updated`,
		id, a.No, int(a.Status), int64(score), a.Note, a.DeductionReason, a.Rectification, a.NAReason, now); err != nil {
		return err
	}
	if _, err := tx.Exec(`DELETE FROM evidence WHERE assessment_id = ? AND no = ?`, id, a.No); err != nil {
		return err
	}
	for i, e := range a.Evidence {
		name := e.Name
		if name == "" {
			name = e.DisplayName()
		}
		if _, err := tx.Exec(`INSERT INTO evidence(assessment_id, no, seq, path, name, size, sha256, added)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, a.No, i, e.Path, name, e.Size, e.SHA256, ts(e.Added)); err != nil {
			return err
		}
	}
	return nil
}

// SaveAnswer replaces one criterion's whole answer, evidence list included, in one transaction
// that is durable when it returns. An empty answer (a.IsEmpty()) deletes the row. It refuses
// an unknown criterion or an invalid score, and returns ErrFinalized when 已定稿.
func (db *DB) SaveAnswer(id int64, a scoring.Answer) error {
	op := fmt.Sprintf("保存第 %d 项评分失败", a.No)
	return db.write(op, true, func(tx *sql.Tx) error {
		hash, err := editable(tx, id)
		if err != nil {
			return err
		}
		cat, _ := db.cats.ByHash(hash)
		if err := checkAnswer(cat, a); err != nil {
			return err
		}
		var others int
		if err := tx.QueryRow(`SELECT count(*) FROM evidence WHERE assessment_id = ? AND no <> ?`, id, a.No).Scan(&others); err != nil {
			return err
		}
		if others+len(a.Evidence) > scoring.MaxEvidenceTotal {
			return fmt.Errorf("本份自评已有 %d 个佐证材料，再添加 %d 个将超过每份自评 %d 个的上限", others, len(a.Evidence), scoring.MaxEvidenceTotal)
		}
		now := ts(db.now())
		if err := putAnswer(tx, id, a, now); err != nil {
			return err
		}
		_, err = tx.Exec(`UPDATE assessments SET updated = ? WHERE id = ?`, now, id)
		return err
	})
}

// SaveNarrative stores one narrative text (empty text deletes it) in one durable transaction;
// ErrFinalized when 已定稿.
func (db *DB) SaveNarrative(id int64, key, text string) error {
	const op = "保存文字材料失败"
	if strings.TrimSpace(key) == "" {
		return fmt.Errorf("%s：材料名称为空", op)
	}
	if err := scoring.CheckNarrative(key, text); err != nil { // the limits of every other reader
		return fmt.Errorf("%s：%w", op, err)
	}
	return db.write(op, true, func(tx *sql.Tx) error {
		if _, err := editable(tx, id); err != nil {
			return err
		}
		now := ts(db.now())
		var err error
		if text == "" {
			_, err = tx.Exec(`DELETE FROM narratives WHERE assessment_id = ? AND key = ?`, id, key)
		} else {
			_, err = tx.Exec(`INSERT INTO narratives(assessment_id, key, text, updated) VALUES (?, ?, ?, ?)
				ON CONFLICT(assessment_id, key) DO UPDATE SET text = excluded.text, updated = excluded.updated`, id, key, text, now)
		}
		if err != nil {
			return err
		}
		_, err = tx.Exec(`UPDATE assessments SET updated = ? WHERE id = ?`, now, id)
		return err
	})
}

// Finalize marks an assessment 已定稿 so that it can no longer be edited (idempotent).
func (db *DB) Finalize(id int64) error {
	return db.write("定稿失败", true, func(tx *sql.Tx) error {
		now := ts(db.now())
		res, err := tx.Exec(`UPDATE assessments SET status = 1, finalized = ?, updated = ? WHERE id = ? AND status = 0`, now, now, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return nil
		}
		_, err = assessmentInfo(tx, id) // already final is fine; missing is ErrNotFound
		return err
	})
}

// Unlock returns a 已定稿 assessment to 草稿 so that it can be edited again (idempotent).
func (db *DB) Unlock(id int64) error {
	return db.write("解除定稿失败", true, func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE assessments SET status = 0, finalized = NULL, updated = ? WHERE id = ?`, ts(db.now()), id)
		if err != nil {
			return err
		}
		return mustAffect(res)
	})
}

// Import stores an assessment read from an exchange file in one transaction. Its unit is
// found by credit code (else by name) or created; an existing unit+year is refused with
// ErrExists unless replace, which deletes the old one. Answers are checked against a.Catalog.
func (db *DB) Import(a *scoring.Assessment, replace bool) (int64, error) {
	im, err := db.ImportReport(a, replace)
	return im.ID, err
}

// Imported is what an import stored: the new assessment's id, and the recommendation marks it
// removed because a replaced 已复核 review went back to 复核中 (see unmark), which the caller
// tells the user about.
type Imported struct {
	ID       int64
	Unmarked review.Unmarked
}

// ImportReport is Import that also says which recommendation marks the replace removed.
func (db *DB) ImportReport(a *scoring.Assessment, replace bool) (Imported, error) {
	return db.importWith(a, replace, nil)
}

// checkImport refuses an assessment that cannot be imported, before any transaction.
func checkImport(a *scoring.Assessment) error {
	if a == nil || a.Catalog == nil {
		return errors.New("缺少指标体系")
	}
	if err := scoring.CheckYear(a.Year); err != nil {
		return err
	}
	u := a.Unit.Clean()
	if u.Name == "" && u.CreditCode == "" {
		return errors.New("缺少单位名称")
	}
	if err := scoring.CheckLimits(a); err != nil {
		return err
	}
	for no, ans := range a.Answers {
		if ans.No != no {
			return fmt.Errorf("第 %d 项评分要点编号不一致", no)
		}
		if err := checkAnswer(a.Catalog, ans); err != nil {
			return err
		}
	}
	return nil
}

// importWith is Import with an extra step (then, may be nil) in the same transaction, given the
// new assessment's id. A replaced assessment's review is carried over to the new one (see
// carryReview); when that sends a 已复核 review back to 复核中, the unit's recommendation marks
// of the year are removed in the same transaction (unmark) and reported.
func (db *DB) importWith(a *scoring.Assessment, replace bool, then func(tx *sql.Tx, id int64, now int64) error) (Imported, error) {
	const op = "导入自评失败"
	if err := checkImport(a); err != nil {
		return Imported{}, fmt.Errorf("%s：%w", op, err)
	}
	u := a.Unit.Clean()
	var id int64
	var unmarked review.Unmarked
	err := db.write(op, true, func(tx *sql.Tx) error {
		now := ts(db.now())
		if err := putCatalog(tx, a.Catalog, now); err != nil {
			return err
		}
		unitID, err := findUnit(tx, u)
		if err != nil {
			return err
		}
		if unitID == 0 {
			cu, err := scoring.CheckUnit(u)
			if err != nil {
				return err
			}
			if unitID, err = insertUnit(tx, cu, now); err != nil {
				return err
			}
		} else if _, err := tx.Exec(`UPDATE units SET
				contact = CASE WHEN contact = '' THEN ? ELSE contact END,
				phone = CASE WHEN phone = '' THEN ? ELSE phone END WHERE id = ?`, u.Contact, u.Phone, unitID); err != nil {
			return err
		}
		old, taken, err := yearTaken(tx, unitID, a.Year)
		if err != nil {
			return err
		}
		var carried *oldReview
		if taken {
			if !replace {
				return existsErr(tx, unitID, a.Year)
			}
			if err := db.trashEvidenceOf(tx, old); err != nil {
				return err
			}
			if carried, err = readOldReview(tx, old); err != nil {
				return err
			}
			if carried != nil && carried.review.Status == review.Done { // carryReview makes it 复核中
				if unmarked, err = unmark(tx, old); err != nil {
					return err
				}
			}
			if _, err := tx.Exec(`DELETE FROM assessments WHERE id = ?`, old); err != nil {
				return err
			}
		}
		if id, err = insertAssessment(tx, unitID, a.Year, a.Catalog.ID, a.Catalog.Hash, now); err != nil {
			return err
		}
		if !a.Finalized.IsZero() { // the status the unit handed in: 已定稿 stays 已定稿
			if _, err := tx.Exec(`UPDATE assessments SET status = 1, finalized = ? WHERE id = ?`, ts(a.Finalized), id); err != nil {
				return err
			}
		}
		for _, no := range a.Catalog.Numbers() {
			if ans, ok := a.Answers[no]; ok {
				if err := putAnswer(tx, id, ans, now); err != nil {
					return err
				}
			}
		}
		for k, v := range a.Narratives {
			if v == "" {
				continue
			}
			if _, err := tx.Exec(`INSERT INTO narratives(assessment_id, key, text, updated) VALUES (?, ?, ?, ?)`, id, k, v, now); err != nil {
				return err
			}
		}
		if err := carryReview(tx, carried, id, a.Catalog, now); err != nil {
			return err
		}
		if then != nil {
			return then(tx, id, now)
		}
		return nil
	})
	if err == nil {
		db.cats.Add(a.Catalog)
		db.clearMarkers(a) // the evidence folders of a package import are now stored
	}
	if err == nil && replace {
		db.emptyTrash() // the replaced assessment's evidence copies; what fails is retried at the next open
	}
	if err != nil {
		return Imported{}, err
	}
	return Imported{ID: id, Unmarked: unmarked}, nil
}

// findUnit looks a unit up by credit code, else by exact name; 0 when there is none.
func findUnit(tx *sql.Tx, u scoring.Unit) (int64, error) {
	var id int64
	if u.CreditCode != "" {
		err := tx.QueryRow(`SELECT id FROM units WHERE credit_code = ?`, u.CreditCode).Scan(&id)
		if err == nil || !errors.Is(err, sql.ErrNoRows) {
			return id, err
		}
	}
	if u.Name == "" {
		return 0, nil
	}
	err := tx.QueryRow(`SELECT id FROM units WHERE name = ? ORDER BY id LIMIT 1`, u.Name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}
