package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"sanxiang/scoring"
	"sanxiang/scoring/review"
)

// migrateReview is migration 3: the district bureau's side. packages records where an imported
// assessment came from; reviews and review_items are the bureau's review laid over the unit's
// answers (which no review call ever writes); recommendations are the 示范单位/执法标兵 marks of
// one year and catalog. The number of places lives in settings.
const migrateReview = `CREATE TABLE packages (
	assessment_id INTEGER NOT NULL PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,
	digest        TEXT    NOT NULL,
	verified      INTEGER NOT NULL CHECK (verified IN (0, 1)),
	source        TEXT    NOT NULL,
	imported      INTEGER NOT NULL
);
CREATE TABLE reviews (
	assessment_id INTEGER NOT NULL PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,
	reviewer      TEXT    NOT NULL DEFAULT '',
	conclusion    TEXT    NOT NULL DEFAULT '',
	status        INTEGER NOT NULL DEFAULT 0 CHECK (status IN (0, 1, 2)),
	updated       INTEGER NOT NULL
);
CREATE TABLE review_items (
	assessment_id INTEGER NOT NULL REFERENCES reviews(assessment_id) ON DELETE CASCADE,
	no            INTEGER NOT NULL CHECK (no > 0),
	na            INTEGER NOT NULL CHECK (na IN (0, 1)),
	score         INTEGER NOT NULL DEFAULT 0 CHECK (score >= 0),
	comment       TEXT    NOT NULL DEFAULT '',
	updated       INTEGER NOT NULL,
	PRIMARY KEY (assessment_id, no)
) WITHOUT ROWID;
CREATE TABLE recommendations (
	year        INTEGER NOT NULL,
	catalog_id  TEXT    NOT NULL,
	credit_code TEXT    NOT NULL,
	kind        TEXT    NOT NULL CHECK (kind IN ('unit', 'person')),
	added       INTEGER NOT NULL,
	PRIMARY KEY (year, catalog_id, credit_code, kind)
) WITHOUT ROWID;`

// Setting keys of the number of recommendation places and of the bureau's name.
const (
	placesUnitsKey   = "places_units"
	placesPersonsKey = "places_persons"
	bureauNameKey    = "bureau_name"
)

// PackageRecord is where an imported assessment came from: the 报送包校验码, whether the package
// verified, the path it was read from and when; the bureau's 汇总 table shows it.
type PackageRecord struct {
	Digest     string
	Verified   bool
	Source     string
	ImportedAt time.Time
}

// ImportPackage stores a verified package's assessment and its PackageRecord in one transaction
// (Import's rules: ErrExists unless replace; a replaced assessment's review is carried over).
func (db *DB) ImportPackage(a *scoring.Assessment, rec PackageRecord, replace bool) (int64, error) {
	im, err := db.ImportPackageReport(a, rec, replace)
	return im.ID, err
}

// ImportPackageReport is ImportPackage that also says which recommendation marks were removed
// because the replaced assessment's 已复核 review went back to 复核中 (the user must be told).
func (db *DB) ImportPackageReport(a *scoring.Assessment, rec PackageRecord, replace bool) (Imported, error) {
	if strings.TrimSpace(rec.Digest) == "" {
		return Imported{}, errors.New("导入报送包失败：缺少报送包校验码")
	}
	return db.importWith(a, replace, func(tx *sql.Tx, id, now int64) error {
		at := ts(rec.ImportedAt)
		if at == 0 {
			at = now
		}
		_, err := tx.Exec(`INSERT INTO packages(assessment_id, digest, verified, source, imported) VALUES (?, ?, ?, ?, ?)`,
			id, strings.TrimSpace(rec.Digest), boolInt(rec.Verified), rec.Source, at)
		return err
	})
}

// Package is the PackageRecord of an assessment; ok is false for one that was not imported
// from a package (the unit's own, or an assessment file).
func (db *DB) Package(id int64) (rec PackageRecord, ok bool, err error) {
	err = db.read("读取报送包记录失败", func(tx *sql.Tx) error {
		var verified int
		var at int64
		e := tx.QueryRow(`SELECT digest, verified, source, imported FROM packages WHERE assessment_id = ?`, id).
			Scan(&rec.Digest, &verified, &rec.Source, &at)
		if errors.Is(e, sql.ErrNoRows) {
			return nil
		}
		if e != nil {
			return e
		}
		rec.Verified, rec.ImportedAt, ok = verified == 1, fromTS(at), true
		return nil
	})
	return rec, ok, err
}

// FindAssessment finds the assessment of the unit with creditCode for year (ok false: none), so
// that an import can say "already imported" before it copies anything.
func (db *DB) FindAssessment(creditCode string, year int) (id int64, ok bool, err error) {
	code := scoring.NormalizeCreditCode(creditCode)
	err = db.read("查找自评失败", func(tx *sql.Tx) error {
		e := tx.QueryRow(`SELECT a.id FROM assessments a JOIN units u ON u.id = a.unit_id
			WHERE u.credit_code = ? AND a.year = ?`, code, year).Scan(&id)
		if errors.Is(e, sql.ErrNoRows) {
			return nil
		}
		ok = e == nil
		return e
	})
	return id, ok, err
}

// scorePack is one answer as one integer: the criterion number above bit 26, the status (0–2) in
// bits 24–25, the score (tenths; the schema keeps it ≥ 0, and scoring's limits far below 2^24) below.
const scorePack = `(no * 4 + status) * 16777216 + min(score, 16777215)`

// bureauFilter selects the assessments that came from a package, of one year (0: all years).
const bureauFilter = `SELECT a.id FROM assessments a JOIN packages p ON p.assessment_id = a.id WHERE (?1 = 0 OR a.year = ?1)`

// BureauUnits loads every assessment imported from a package for year (0: all years), with its
// review, digest, verification and evidence count, in one read of a few queries (not one per
// unit): what the 汇总 table, the ranking and the exports need. To stay fast with hundreds of
// units the answers carry their number, status and score but not their texts (自评说明, 扣分原因,
// 整改措施, 不适用理由), and the evidence its path, name and size; BureauUnit loads one unit in
// full for its review page. review.Unit.MissingEvidence is left 0: only the disk can tell.
func (db *DB) BureauUnits(year int) ([]review.Unit, error) {
	var out []review.Unit
	err := db.read("读取已导入的单位失败", func(tx *sql.Tx) error {
		var err error
		out, err = db.bureauUnits(tx, bureauFilter, year, false)
		return err
	})
	return out, err
}

// BureauUnit loads one assessment in full (every answer with its texts and evidence records) with
// what BureauUnits gives; also one not imported from a package (then Digest is empty).
// ErrNotFound when it does not exist.
func (db *DB) BureauUnit(id int64) (review.Unit, error) {
	var out []review.Unit
	err := db.read("读取单位的自评失败", func(tx *sql.Tx) error {
		var err error
		out, err = db.bureauUnits(tx, `SELECT ?1`, id, true)
		if err == nil && len(out) == 0 {
			return ErrNotFound
		}
		return err
	})
	if err != nil {
		return review.Unit{}, err
	}
	return out[0], nil
}

// bureauUnits loads the assessments whose ids the query sel (one parameter ?1 = arg) selects,
// by year (latest first), then unit name; full loads the answers' texts and whole evidence records.
func (db *DB) bureauUnits(tx *sql.Tx, sel string, arg any, full bool) ([]review.Unit, error) {
	in := ` WHERE assessment_id IN (` + sel + `)`
	var out []review.Unit
	at := map[int64]int{}
	err := eachRow(tx, `SELECT a.id, a.year, a.catalog_id, a.catalog_hash, a.status, COALESCE(a.finalized, 0),
		u.name, u.credit_code, u.contact, u.phone, COALESCE(p.digest, ''), COALESCE(p.verified, 0)
		FROM assessments a JOIN units u ON u.id = a.unit_id LEFT JOIN packages p ON p.assessment_id = a.id
		WHERE a.id IN (`+sel+`) ORDER BY a.year DESC, u.name, a.id`, arg, func(r *sql.Rows) error {
		var info AssessmentInfo
		var u scoring.Unit
		var bu review.Unit
		var verified int
		var finalized int64
		if err := r.Scan(&info.ID, &info.Year, &info.CatalogID, &info.CatalogHash, &info.Status, &finalized,
			&u.Name, &u.CreditCode, &u.Contact, &u.Phone, &bu.Digest, &verified); err != nil {
			return err
		}
		cat, err := db.catalogOf(info)
		if err != nil {
			return err
		}
		bu.ID, bu.Verified = info.ID, verified == 1
		bu.Assessment = &scoring.Assessment{Catalog: cat, Unit: u, Year: info.Year,
			Answers: make(map[int]scoring.Answer, cat.Len()), Narratives: map[string]string{}}
		if info.Status == StatusFinal {
			bu.Assessment.Finalized = fromTS(finalized)
		}
		at[info.ID] = len(out)
		out = append(out, bu)
		return nil
	})
	if err != nil || len(out) == 0 {
		return out, err
	}
	unit := func(id int64) *review.Unit {
		if i, ok := at[id]; ok {
			return &out[i]
		}
		return nil
	}
	if full {
		for i := range out {
			answers, err := loadAnswers(tx, out[i].ID)
			if err != nil {
				return nil, err
			}
			out[i].Assessment.Answers = answers
			for _, a := range answers {
				out[i].EvidenceFiles += len(a.Evidence)
			}
		}
	} else if err := loadScores(tx, in, arg, unit, db.path); err != nil {
		return nil, err
	}
	err = eachRow(tx, `SELECT assessment_id, key, text FROM narratives`+in, arg, func(r *sql.Rows) error {
		var id int64
		var k, v string
		if err := r.Scan(&id, &k, &v); err != nil {
			return err
		}
		if u := unit(id); u != nil {
			u.Assessment.Narratives[k] = v
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(tx, `SELECT assessment_id, reviewer, conclusion, status FROM reviews`+in, arg, func(r *sql.Rows) error {
		var id int64
		rv := &review.Review{Items: map[int]review.Item{}}
		if err := r.Scan(&id, &rv.Reviewer, &rv.Conclusion, &rv.Status); err != nil {
			return err
		}
		if u := unit(id); u != nil {
			u.Review = rv
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(tx, `SELECT assessment_id, group_concat(`+packed("no * 2 + na", "score", "comment")+`, '')
		FROM review_items`+in+` GROUP BY assessment_id`, arg, func(r *sql.Rows) error {
		var id int64
		var list string
		if err := r.Scan(&id, &list); err != nil {
			return err
		}
		u := unit(id)
		if u == nil || u.Review == nil {
			return nil
		}
		return unpack(list, func(k, score int64, comment string) {
			no := int(k / 2)
			u.Review.Items[no] = review.Item{No: no, NA: k%2 == 1, Score: scoring.Tenths(score), Comment: comment}
		})
	})
	if err != nil {
		return nil, err
	}
	if full {
		for i := range out {
			relocateEvidence(db.path, out[i].Assessment.Answers)
		}
	}
	return out, nil
}

// loadScores reads the answers' numbers, statuses and scores of the selected assessments as one
// text per assessment (each answer packed into one integer by SQLite, see scorePack) and their
// evidence paths and sizes (packed, see packed): a fraction of the rows and columns of the full answers, which
// is what makes a list of hundreds of units fast with a driver whose cost is per row and column.
// Each evidence path is relocated as it is read (relocateEvidence, one checker for all units).
func loadScores(tx *sql.Tx, in string, arg any, unit func(int64) *review.Unit, dbPath string) error {
	err := eachRow(tx, `SELECT assessment_id, group_concat(`+scorePack+`) FROM answers`+in+
		` GROUP BY assessment_id`, arg, func(r *sql.Rows) error {
		var id int64
		var list []byte
		if err := r.Scan(&id, &list); err != nil {
			return err
		}
		u := unit(id)
		if u == nil {
			return nil
		}
		var v int64
		for i := 0; i <= len(list); i++ {
			if i < len(list) && list[i] != ',' {
				c := list[i]
				if c < '0' || c > '9' || v > (1<<62)/10 {
					return fmt.Errorf("评分记录无法读取（%q）", list)
				}
				v = v*10 + int64(c-'0')
				continue
			}
			no, st, sc := int(v>>26), scoring.Status((v>>24)&3), scoring.Tenths(v&(1<<24-1))
			u.Assessment.Answers[no] = scoring.Answer{No: no, Status: st, Score: sc}
			v = 0
		}
		return nil
	})
	if err != nil {
		return err
	}
	rel := newRelocator(dbPath) // one for all units (relocateEvidence)
	defer rel.close()
	return eachRow(tx, `SELECT assessment_id, group_concat(`+packed("no", "size", "path")+`, '' ORDER BY no, seq)
		FROM evidence`+in+` GROUP BY assessment_id`, arg, func(r *sql.Rows) error {
		var id int64
		var list string
		if err := r.Scan(&id, &list); err != nil {
			return err
		}
		u := unit(id)
		if u == nil {
			return nil
		}
		// the records come by criterion (ORDER BY no, seq): each criterion's run goes into its
		// answer at once, one map update per criterion rather than per file
		var evs []scoring.Evidence
		cur, start := -1, 0
		flush := func() {
			if cur >= 0 && start < len(evs) {
				a := u.Assessment.Answers[cur]
				run := evs[start:len(evs):len(evs)] // capacity-limited: an append to it copies
				if a.Evidence == nil {
					a.Evidence = run
				} else {
					a.Evidence = append(a.Evidence, run...)
				}
				u.Assessment.Answers[cur] = a
			}
		}
		err := unpack(list, func(no, size int64, path string) {
			if rel.possible() {
				path = rel.path(path)
			}
			if int(no) != cur {
				flush()
				cur, start = int(no), len(evs)
			}
			evs = append(evs, scoring.Evidence{Path: path, Size: size})
			u.EvidenceFiles++
		})
		flush()
		return err
	})
}

// packed is the SQL of one record "L:A:B:TEXT" (L the byte length of TEXT), so that rows of two
// integers and a text of any content travel as one text per assessment (group_concat) and come
// apart again without ambiguity (unpack).
func packed(a, b, text string) string {
	return `length(CAST(` + text + ` AS BLOB)) || ':' || (` + a + `) || ':' || (` + b + `) || ':' || ` + text
}

// unpack reads the records that packed wrote, one after another, and calls fn for each.
func unpack(s string, fn func(a, b int64, text string)) error {
	bad := func() error { return fmt.Errorf("数据库中的记录无法读取（%.40q）", s) }
	num := func() (int64, bool) {
		var v int64
		neg, i := false, 0
		if i < len(s) && s[i] == '-' {
			neg, i = true, 1
		}
		start := i
		for ; i < len(s) && s[i] != ':'; i++ {
			if s[i] < '0' || s[i] > '9' || v > (1<<62)/10 {
				return 0, false
			}
			v = v*10 + int64(s[i]-'0')
		}
		if i == start || i == len(s) {
			return 0, false
		}
		s = s[i+1:]
		if neg {
			v = -v
		}
		return v, true
	}
	for s != "" {
		n, ok1 := num()
		a, ok2 := num()
		b, ok3 := num()
		if !ok1 || !ok2 || !ok3 || n < 0 || n > int64(len(s)) {
			return bad()
		}
		fn(a, b, s[:n])
		s = s[n:]
	}
	return nil
}

// eachRow runs q with one argument and calls fn for every row.
func eachRow(tx *sql.Tx, q string, arg any, fn func(*sql.Rows) error) error {
	rows, err := tx.Query(q, arg)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// readReview reads the review of assessment id: a Pending review without items when none is stored.
func readReview(tx *sql.Tx, id int64) (*review.Review, error) {
	r := &review.Review{Items: map[int]review.Item{}}
	err := tx.QueryRow(`SELECT reviewer, conclusion, status FROM reviews WHERE assessment_id = ?`, id).Scan(&r.Reviewer, &r.Conclusion, &r.Status)
	if errors.Is(err, sql.ErrNoRows) {
		return r, nil
	}
	if err != nil {
		return nil, err
	}
	err = eachRow(tx, `SELECT no, na, score, comment FROM review_items WHERE assessment_id = ?1`, id, func(rows *sql.Rows) error {
		var it review.Item
		if err := rows.Scan(&it.No, &it.NA, &it.Score, &it.Comment); err != nil {
			return err
		}
		r.Items[it.No] = it
		return nil
	})
	return r, err
}

// reviewTarget checks that assessment id exists and returns its catalog, for the review calls.
func (db *DB) reviewTarget(tx *sql.Tx, id int64) (*scoring.Catalog, error) {
	info, err := assessmentInfo(tx, id)
	if err != nil {
		return nil, err
	}
	return db.catalogOf(info)
}

// Review is the bureau's review of assessment id (a Pending review without items when nobody
// has reviewed it yet); ErrNotFound when the assessment does not exist.
func (db *DB) Review(id int64) (*review.Review, error) {
	var r *review.Review
	err := db.read("读取复核记录失败", func(tx *sql.Tx) error {
		if _, err := assessmentInfo(tx, id); err != nil {
			return err
		}
		var err error
		r, err = readReview(tx, id)
		return err
	})
	return r, err
}

// touchReview makes sure the review row exists and moves a 未复核 review to 复核中.
func touchReview(tx *sql.Tx, id, now int64) error {
	_, err := tx.Exec(`INSERT INTO reviews(assessment_id, status, updated) VALUES (?, ?, ?)
		ON CONFLICT(assessment_id) DO UPDATE SET updated = excluded.updated,
			status = CASE WHEN status = ? THEN ? ELSE status END`,
		id, int(review.InProgress), now, int(review.Pending), int(review.InProgress))
	return err
}

func putReviewItem(tx *sql.Tx, id int64, it review.Item, now int64) error {
	score := it.Score
	if it.NA {
		score = 0
	}
	_, err := tx.Exec(`INSERT INTO review_items(assessment_id, no, na, score, comment, updated) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT(assessment_id, no) DO UPDATE SET na = excluded.na, score = excluded.score,
			comment = excluded.comment, updated = excluded.updated`,
		id, it.No, boolInt(it.NA), int64(score), strings.TrimSpace(it.Comment), now)
	return err
}

// SaveReviewItem stores the reviewer's decision on one criterion (checked against the
// assessment's catalog like a unit's own score); a 未复核 review becomes 复核中. The unit's own
// answer is not touched.
func (db *DB) SaveReviewItem(id int64, it review.Item) error {
	op := fmt.Sprintf("保存评分要点(%d)的复核失败", it.No)
	return db.write(op, true, func(tx *sql.Tx) error {
		cat, err := db.reviewTarget(tx, id)
		if err != nil {
			return err
		}
		if err := review.CheckItem(cat, it); err != nil {
			return err
		}
		now := ts(db.now())
		if err := touchReview(tx, id, now); err != nil {
			return err
		}
		return putReviewItem(tx, id, it, now)
	})
}

// DeleteReviewItem removes the reviewer's decision on criterion no, so that it counts as the
// unit's own answer again (nothing to remove is fine).
func (db *DB) DeleteReviewItem(id int64, no int) error {
	op := fmt.Sprintf("撤销评分要点(%d)的复核失败", no)
	return db.write(op, true, func(tx *sql.Tx) error {
		if _, err := assessmentInfo(tx, id); err != nil {
			return err
		}
		_, err := tx.Exec(`DELETE FROM review_items WHERE assessment_id = ? AND no = ?`, id, no)
		if err != nil {
			return err
		}
		_, err = tx.Exec(`UPDATE reviews SET updated = ? WHERE assessment_id = ?`, ts(db.now()), id)
		return err
	})
}

// SaveReviewMeta stores the reviewer's name and the 复核结论; a 未复核 review becomes 复核中.
func (db *DB) SaveReviewMeta(id int64, reviewer, conclusion string) error {
	const op = "保存复核人和复核结论失败"
	reviewer, conclusion = strings.TrimSpace(reviewer), strings.TrimSpace(conclusion)
	if err := review.CheckMeta(reviewer, conclusion); err != nil {
		return fmt.Errorf("%s：%w", op, err)
	}
	return db.write(op, true, func(tx *sql.Tx) error {
		if _, err := assessmentInfo(tx, id); err != nil {
			return err
		}
		now := ts(db.now())
		if err := touchReview(tx, id, now); err != nil {
			return err
		}
		_, err := tx.Exec(`UPDATE reviews SET reviewer = ?, conclusion = ? WHERE assessment_id = ?`, reviewer, conclusion, id)
		return err
	})
}

// SetReviewStatus sets the review's status (标记为已复核, or back to 复核中); 已复核 needs a reviewer.
// Leaving 已复核 (取消已复核) removes the unit's recommendation marks of the year in the same
// transaction (unmark); unmarked says which, for the caller to tell the user.
func (db *DB) SetReviewStatus(id int64, s review.Status) (unmarked review.Unmarked, err error) {
	const op = "修改复核状态失败"
	if s != review.Pending && s != review.InProgress && s != review.Done {
		return unmarked, fmt.Errorf("%s：复核状态 %d 无效", op, int(s))
	}
	err = db.write(op, true, func(tx *sql.Tx) error {
		if _, err := assessmentInfo(tx, id); err != nil {
			return err
		}
		if s != review.Done {
			var err error
			if unmarked, err = unmarkLeavingDone(tx, id); err != nil {
				return err
			}
		}
		if s == review.Done {
			var reviewer string
			err := tx.QueryRow(`SELECT reviewer FROM reviews WHERE assessment_id = ?`, id).Scan(&reviewer)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if strings.TrimSpace(reviewer) == "" {
				return errors.New("请先填写复核人，再标记为已复核")
			}
		}
		_, err := tx.Exec(`INSERT INTO reviews(assessment_id, status, updated) VALUES (?, ?, ?)
			ON CONFLICT(assessment_id) DO UPDATE SET status = excluded.status, updated = excluded.updated`, id, int(s), ts(db.now()))
		return err
	})
	if err != nil {
		return review.Unmarked{}, err
	}
	return unmarked, nil
}

// unmarkLeavingDone removes the recommendation marks of assessment id's unit and year when its
// stored review is 已复核 (the caller is about to make it something else): the one rule that
// a 示范单位 is 已复核 (review.CheckMarks) holds in storage for every caller, CLI and GUI.
func unmarkLeavingDone(tx *sql.Tx, id int64) (review.Unmarked, error) {
	var st int
	err := tx.QueryRow(`SELECT status FROM reviews WHERE assessment_id = ?`, id).Scan(&st)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && review.Status(st) != review.Done) {
		return review.Unmarked{}, nil
	}
	if err != nil {
		return review.Unmarked{}, err
	}
	return unmark(tx, id)
}

// RecommendedFor says which recommendation marks (示范单位, 执法标兵, of any catalog) assessment
// id's unit holds for its year: the marks that leaving 已复核 would remove, which the window
// names in its question before 取消已复核. ErrNotFound for an unknown assessment.
func (db *DB) RecommendedFor(id int64) (review.Unmarked, error) {
	var u review.Unmarked
	err := db.read("读取推荐名单失败", func(tx *sql.Tx) error {
		var err error
		if u, _, _, err = marksOf(tx, id); errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		return err
	})
	return u, err
}

// unmark removes every recommendation mark (示范单位 and 执法标兵, of any catalog) of assessment
// id's unit (by credit code) for its year, and says which there were.
func unmark(tx *sql.Tx, id int64) (review.Unmarked, error) {
	u, code, year, err := marksOf(tx, id)
	if err != nil || !u.Any() {
		return u, err
	}
	_, err = tx.Exec(`DELETE FROM recommendations WHERE year = ? AND credit_code = ?`, year, code)
	return u, err
}

// marksOf is which marks assessment id's unit holds for its year, with its credit code and year.
func marksOf(tx *sql.Tx, id int64) (u review.Unmarked, code string, year int, err error) {
	if err = tx.QueryRow(`SELECT u.credit_code, a.year FROM assessments a JOIN units u ON u.id = a.unit_id WHERE a.id = ?`, id).
		Scan(&code, &year); err != nil || code == "" {
		return u, code, year, err // marks are by credit code: a unit without one has none
	}
	rows, err := tx.Query(`SELECT kind FROM recommendations WHERE year = ? AND credit_code = ?`, year, code)
	if err != nil {
		return u, code, year, err
	}
	defer rows.Close()
	for rows.Next() {
		var kind string
		if err = rows.Scan(&kind); err != nil {
			return u, code, year, err
		}
		if kind == "person" {
			u.Person = true
		} else {
			u.Unit = true
		}
	}
	return u, code, year, rows.Err()
}

// ApplyReview replaces the whole review of assessment id by r (reviewer, conclusion, status and
// every item) in one transaction, after checking every item against the catalog; nothing is
// changed when anything is refused. A review file arrives this way.
func (db *DB) ApplyReview(id int64, r *review.Review) error {
	const op = "保存复核记录失败"
	if r == nil {
		return fmt.Errorf("%s：没有复核记录", op)
	}
	reviewer, conclusion := strings.TrimSpace(r.Reviewer), strings.TrimSpace(r.Conclusion)
	if err := review.CheckMeta(reviewer, conclusion); err != nil {
		return fmt.Errorf("%s：%w", op, err)
	}
	if r.Status == review.Done && reviewer == "" {
		return fmt.Errorf("%s：已复核的记录须有复核人", op)
	}
	return db.write(op, true, func(tx *sql.Tx) error {
		cat, err := db.reviewTarget(tx, id)
		if err != nil {
			return err
		}
		if err := r.Check(cat); err != nil {
			return err
		}
		if r.Status != review.Done { // a review file is always 已复核; any other caller keeps the rule too
			if _, err := unmarkLeavingDone(tx, id); err != nil {
				return err
			}
		}
		now := ts(db.now())
		if _, err := tx.Exec(`DELETE FROM reviews WHERE assessment_id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO reviews(assessment_id, reviewer, conclusion, status, updated) VALUES (?, ?, ?, ?, ?)`,
			id, reviewer, conclusion, int(r.Status), now); err != nil {
			return err
		}
		for _, no := range cat.Numbers() {
			if it, ok := r.Items[no]; ok {
				if err := putReviewItem(tx, id, it, now); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// oldReview is the review of an assessment about to be replaced by a new import.
type oldReview struct {
	catalogHash string
	review      *review.Review
	stored      bool
}

func readOldReview(tx *sql.Tx, id int64) (*oldReview, error) {
	var hash string
	if err := tx.QueryRow(`SELECT catalog_hash FROM assessments WHERE id = ?`, id).Scan(&hash); err != nil {
		return nil, err
	}
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM reviews WHERE assessment_id = ?`, id).Scan(&n); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, nil
	}
	r, err := readReview(tx, id)
	if err != nil {
		return nil, err
	}
	return &oldReview{catalogHash: hash, review: r, stored: true}, nil
}

// carryReview puts the review of a replaced assessment on its replacement, so the bureau's work
// survives a re-imported package: on the same catalog, every item is kept and a 已复核 review
// goes back to 复核中 (the package changed, so it needs another look; a 复核意见 longer than
// review.MaxComment, stored before that limit, is kept too). On another catalog the
// items cannot be judged; they are dropped and the reviewer, conclusion and a 复核中 status stay.
func carryReview(tx *sql.Tx, old *oldReview, id int64, cat *scoring.Catalog, now int64) error {
	if old == nil || !old.stored {
		return nil
	}
	r := old.review
	status := r.Status
	if status == review.Done {
		status = review.InProgress
	}
	if _, err := tx.Exec(`INSERT INTO reviews(assessment_id, reviewer, conclusion, status, updated) VALUES (?, ?, ?, ?, ?)`,
		id, r.Reviewer, r.Conclusion, int(status), now); err != nil {
		return err
	}
	if old.catalogHash != cat.Hash {
		return nil
	}
	for _, no := range cat.Numbers() {
		if it, ok := r.Items[no]; ok && review.CheckItem(cat, withinCommentLimit(it)) == nil {
			if err := putReviewItem(tx, id, it, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// withinCommentLimit is it with its 复核意见 cut to review.MaxComment, for checking an item
// stored before that limit existed: carried to a replacement, the comment stays whole (the
// reviewer's text is never dropped); only a new edit has to keep to the limit.
func withinCommentLimit(it review.Item) review.Item {
	if r := []rune(it.Comment); len(r) > review.MaxComment {
		it.Comment = string(r[:review.MaxComment])
	}
	return it
}

// Marks are the recommendation marks of one year and catalog.
func (db *DB) Marks(year int, catalogID string) (review.Marks, error) {
	m := review.Marks{Units: map[string]bool{}, Persons: map[string]bool{}}
	err := db.read("读取推荐名单失败", func(tx *sql.Tx) error {
		rows, err := tx.Query(`SELECT credit_code, kind FROM recommendations WHERE year = ? AND catalog_id = ?`, year, catalogID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var code, kind string
			if err := rows.Scan(&code, &kind); err != nil {
				return err
			}
			if kind == "person" {
				m.Persons[code] = true
			} else {
				m.Units[code] = true
			}
		}
		return rows.Err()
	})
	return m, err
}

// SetMarks replaces the recommendation marks of one year and catalog in one transaction. It
// checks only what storage can (valid credit codes); the rules of review.CheckMarks (places,
// ranks, 已复核) are the caller's, who has the ranked group (workflow.SetMarks).
func (db *DB) SetMarks(year int, catalogID string, m review.Marks) error {
	const op = "保存推荐名单失败"
	if err := scoring.CheckYear(year); err != nil {
		return fmt.Errorf("%s：%w", op, err)
	}
	if strings.TrimSpace(catalogID) == "" {
		return fmt.Errorf("%s：未指定指标体系", op)
	}
	for _, set := range []map[string]bool{m.Units, m.Persons} {
		for code := range set {
			if err := scoring.ValidateCreditCode(code); err != nil {
				return fmt.Errorf("%s：统一社会信用代码 %q 无效：%w", op, code, err)
			}
		}
	}
	return db.write(op, true, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`DELETE FROM recommendations WHERE year = ? AND catalog_id = ?`, year, catalogID); err != nil {
			return err
		}
		now := ts(db.now())
		for _, k := range []struct {
			set  map[string]bool
			kind string
		}{{m.Units, "unit"}, {m.Persons, "person"}} {
			for code, on := range k.set {
				if !on {
					continue
				}
				if _, err := tx.Exec(`INSERT INTO recommendations(year, catalog_id, credit_code, kind, added) VALUES (?, ?, ?, ?, ?)`,
					year, catalogID, code, k.kind, now); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// Places is the number of recommendation places (review.DefaultPlaces until set).
func (db *DB) Places() (review.Places, error) {
	p := review.DefaultPlaces()
	err := db.read("读取推荐名额失败", func(tx *sql.Tx) error {
		for _, k := range []struct {
			key string
			to  *int
		}{{placesUnitsKey, &p.Units}, {placesPersonsKey, &p.Persons}} {
			var v string
			err := tx.QueryRow(`SELECT value FROM settings WHERE key = ?`, k.key).Scan(&v)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return err
			}
			if n, perr := strconv.Atoi(v); perr == nil {
				*k.to = n
			}
		}
		return nil
	})
	return p, err
}

// SetPlaces stores the number of recommendation places (0 to 99 each).
func (db *DB) SetPlaces(p review.Places) error {
	const op = "保存推荐名额失败"
	if err := p.Check(); err != nil {
		return fmt.Errorf("%s：%w", op, err)
	}
	return db.write(op, true, func(tx *sql.Tx) error {
		for _, k := range []struct {
			key string
			n   int
		}{{placesUnitsKey, p.Units}, {placesPersonsKey, p.Persons}} {
			if _, err := tx.Exec(`INSERT INTO settings(key, value) VALUES (?, ?)
				ON CONFLICT(key) DO UPDATE SET value = excluded.value`, k.key, strconv.Itoa(k.n)); err != nil {
				return err
			}
		}
		return nil
	})
}

// BureauName is the 区司法局's name printed on the review documents ("" until set).
func (db *DB) BureauName() (string, error) {
	var name string
	err := db.read("读取区司法局名称失败", func(tx *sql.Tx) error {
		err := tx.QueryRow(`SELECT value FROM settings WHERE key = ?`, bureauNameKey).Scan(&name)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return name, err
}

// SetBureauName stores the 区司法局's name (trimmed; "" clears it).
func (db *DB) SetBureauName(name string) error {
	const op = "保存区司法局名称失败"
	name = strings.TrimSpace(name)
	if err := review.CheckBureauName(name); err != nil {
		return fmt.Errorf("%s：%w", op, err)
	}
	return db.write(op, true, func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO settings(key, value) VALUES (?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, bureauNameKey, name)
		return err
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
