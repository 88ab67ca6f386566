package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sanxiang/scoring"
)

// BenchmarkSaveAnswer measures one user edit: one IMMEDIATE transaction replacing an answer
// with two evidence records, committed with synchronous=FULL (what ships) and, for the
// comparison in docs/storage.md, with NORMAL (not durable on power loss in WAL mode).
func BenchmarkSaveAnswer(b *testing.B) {
	for _, sync := range []string{"FULL", "NORMAL"} {
		b.Run("synchronous="+sync, func(b *testing.B) {
			db := openTemp(b)
			id := newAssessment(b, db, 1)
			if _, err := db.sql.Exec("PRAGMA synchronous = " + sync); err != nil {
				b.Fatal(err)
			}
			cat := builtin(b)
			nos := cat.Numbers()
			ev := []scoring.Evidence{{Path: "/证据/a.pdf", Name: "a.pdf", Size: 10, SHA256: strings.Repeat("0", 64)}, {Path: "/证据/b.pdf", Size: 20, SHA256: strings.Repeat("1", 64)}}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				a := scoring.Answer{No: nos[i%len(nos)], Status: scoring.Scored, Note: fmt.Sprintf("说明 %d", i), Evidence: ev}
				if err := db.SaveAnswer(id, a); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// fullDB is a database with one completely filled assessment (170 answers with notes and
// evidence, narratives of realistic length), the size of a real year's work.
func fullDB(b *testing.B) *DB {
	db := openTemp(b)
	id := newAssessment(b, db, 1)
	cat := builtin(b)
	for _, no := range cat.Numbers() {
		ref, _ := cat.Criterion(no)
		a := scoring.Answer{No: no, Status: scoring.Scored, Score: ref.Criterion.Points, Note: strings.Repeat("本单位已建立相关制度并严格执行。", 10)}
		for i := 0; i < 3; i++ {
			a.Evidence = append(a.Evidence, scoring.Evidence{Path: fmt.Sprintf("/台账资料/%d/文件%d.pdf", no, i), Size: 100000, SHA256: strings.Repeat("a", 64)})
		}
		if err := db.SaveAnswer(id, a); err != nil {
			b.Fatal(err)
		}
	}
	for k, n := range map[string]int{scoring.NarrativeUnitApplication: 3000, scoring.NarrativeModelApplication: 2000, scoring.NarrativeWorkSummary: 5000} {
		db.SaveNarrative(id, k, strings.Repeat("法", n))
	}
	return db
}

// BenchmarkBackup measures one VACUUM INTO backup of a full assessment (bytes = backup size).
func BenchmarkBackup(b *testing.B) {
	db := fullDB(b)
	var size int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p, err := db.Backup()
		if err != nil {
			b.Fatal(err)
		}
		st, _ := os.Stat(p)
		size = st.Size()
	}
	b.ReportMetric(float64(size), "bytes")
}

// BenchmarkOpen measures Open of a full database, integrity quick_check included.
func BenchmarkOpen(b *testing.B) {
	db := fullDB(b)
	path := db.Path()
	db.Close()
	cats := testCats(b) // built once, as main does
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db, err := Open(path, cats)
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
	b.StopTimer()
	os.RemoveAll(filepath.Dir(path))
}

// BenchmarkListBackups measures the restore page's listing of 10 full backups (scores included).
func BenchmarkListBackups(b *testing.B) {
	db := fullDB(b)
	for i := 0; i < keepBackups; i++ {
		db.Backup()
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if list, err := ListBackups(db.Path(), testCats(b)); err != nil || len(list) == 0 {
			b.Fatal(err)
		}
	}
}
