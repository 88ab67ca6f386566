package workflow

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sanxiang/scoring"
	"sanxiang/scoring/review"
	"sanxiang/storage"
	"sanxiang/workflow/reviewtest"
)

// bench500 fills a database with 500 imported units of 2020 on the built-in catalog (every
// criterion answered, 30 evidence records each, the three materials written, about 19 criteria
// re-scored and the review done) and 100 of them for 2019 as well (their history).
func bench500(b *testing.B) *storage.DB {
	b.Helper()
	return bench500In(b, b.TempDir())
}

// bench500In is bench500 with the database (sanxiang.db) and its evidence file in dir.
func bench500In(b *testing.B, dir string) *storage.DB {
	b.Helper()
	cats, err := scoring.BuiltinSet()
	if err != nil {
		b.Fatal(err)
	}
	db, err := storage.Open(filepath.Join(dir, storage.FileName), cats)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	ev := filepath.Join(dir, "佐证.pdf")
	if err := os.WriteFile(ev, []byte("%PDF-1.4"), 0o644); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 600; i++ {
		n, year := i, 2020
		if i >= 500 {
			n, year = i-500, 2019
		}
		a := reviewtest.Assessment(b, fmt.Sprintf("第%03d执法单位", n), reviewtest.Code(fmt.Sprintf("11610113MB%07d", n)), year,
			func(no int, pts scoring.Tenths) scoring.Answer {
				s := pts - scoring.Tenths((n+no)%3)
				if s < 0 {
					s = 0
				}
				return scoring.Answer{No: no, Status: scoring.Scored, Score: s, Note: "自评说明"}
			})
		for k, no := range a.Catalog.Numbers()[:30] {
			ans := a.Answers[no]
			ans.Evidence = []scoring.Evidence{{Path: ev, Name: fmt.Sprintf("佐证%d", k), Size: 8, SHA256: strings.Repeat("a", 64)}}
			a.Answers[no] = ans
		}
		for _, m := range a.Catalog.Materials {
			a.Narratives[m.Key] = strings.Repeat("三项制度示范创建工作总结材料。", 100)
		}
		id, err := db.ImportPackage(a, storage.PackageRecord{Digest: "ABCD-EFGH-JKLM", Verified: true, Source: dir}, false)
		if err != nil {
			b.Fatal(err)
		}
		r := &review.Review{Reviewer: "王喆", Status: review.Done, Items: map[int]review.Item{}}
		for k, no := range a.Catalog.Numbers() {
			if k%9 == n%9 {
				r.Items[no] = review.Item{No: no, Score: a.Answers[no].Score / 2, Comment: "复核扣分"}
			}
		}
		if err := db.ApplyReview(id, r); err != nil {
			b.Fatal(err)
		}
	}
	if st, err := os.Stat(db.Path()); err == nil {
		b.Logf("database: %.1f MiB (before its log is checkpointed)", float64(st.Size())/(1<<20))
	}
	return db
}

// BenchmarkReviewList500 is the whole `review list --json` on an open database with 500 units
// of the year (and 100 of the year before): loading every unit from SQLite, the evidence check,
// scoring both ways, ranking, history and the JSON. Target 200 ms (docs/review-format.md). The
// sub-benchmarks show where the time goes.
func BenchmarkReviewList500(b *testing.B) {
	db := bench500(b)
	run := func(name string, f func() error) {
		b.Run(name, func(b *testing.B) {
			cpu0, n := cpuTime(), 0
			for b.Loop() {
				n++
				if err := f(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(max(n, 1)), "cpu-ns/op")
		})
	}
	run("whole", func() error {
		groups, err := ReviewList(db, 2020, nil)
		if err != nil {
			return err
		}
		if len(groups) != 1 || len(groups[0].Units) != 500 {
			return fmt.Errorf("%d groups", len(groups))
		}
		_, err = review.NewList(groups[0], nil).Encode()
		return err
	})
	run("load", func() error {
		_, err := db.BureauUnits(0)
		return err
	})
	units, err := db.BureauUnits(0)
	if err != nil {
		b.Fatal(err)
	}
	run("evidence", func() error {
		CheckEvidence(units, nil)
		return nil
	})
	run("rank", func() error {
		groups := RankUnits(units, 2020)
		_, err := review.NewList(groups[0], nil).Encode()
		return err
	})
	// what `sanxiang-cli review list --json` adds: opening the file to read (storage.OpenToRead:
	// checks but no quick_check, lock) with a cold page cache, and closing it
	path := db.Path()
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	run("open+whole+close", func() error {
		cats, err := scoring.BuiltinSet()
		if err != nil {
			return err
		}
		db, err := storage.OpenToRead(path, cats)
		if err != nil {
			return err
		}
		defer db.Close()
		groups, err := ReviewList(db, 2020, nil)
		if err != nil {
			return err
		}
		_, err = review.NewList(groups[0], nil).Encode()
		return err
	})
}

// BenchmarkReviewListCLI500 times the real `sanxiang-cli review list --json` process (start, open
// with its checks, list, JSON, close) on bench500's database, and `cat` of the same database file
// to /dev/null as a yardstick, both as the median of 10 runs per iteration. It needs the CLI's
// path in $SANXIANG_BENCH_CLI (scripts/bench-review-list.sh builds it); the database is made once
// into $SANXIANG_BENCH_DIR (default /tmp/sanxiang-bench-review) and kept for the next run.
func BenchmarkReviewListCLI500(b *testing.B) {
	cli := os.Getenv("SANXIANG_BENCH_CLI")
	if cli == "" {
		b.Skip("SANXIANG_BENCH_CLI is not set (scripts/bench-review-list.sh sets it)")
	}
	dir := os.Getenv("SANXIANG_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "sanxiang-bench-review")
	}
	path := filepath.Join(dir, storage.FileName)
	if _, err := os.Stat(path); err != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := bench500In(b, dir).Close(); err != nil {
			b.Fatal(err)
		}
	}
	// one run: wall and CPU (user+system) of the child process
	run := func(name string, args ...string) (wall, cpu time.Duration) {
		cmd := exec.Command(name, args...)
		cmd.Stdout = io.Discard
		var stderr strings.Builder
		cmd.Stderr = &stderr
		t0 := time.Now()
		if err := cmd.Run(); err != nil {
			b.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
		}
		wall = time.Since(t0)
		return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	median := func(ds []time.Duration) time.Duration {
		s := slices.Clone(ds)
		slices.Sort(s)
		return s[len(s)/2]
	}
	const runs = 10
	var lw, lc, cw, cc []time.Duration
	for b.Loop() {
		for range runs {
			w, c := run(cli, "review", "list", "--json", "--db", path)
			lw, lc = append(lw, w), append(lc, c)
			w, c = run("cat", path)
			cw, cc = append(cw, w), append(cc, c)
		}
	}
	b.ReportMetric(float64(median(lw).Milliseconds()), "list-ms")
	b.ReportMetric(float64(median(lc).Milliseconds()), "list-cpu-ms")
	b.ReportMetric(float64(median(cw).Microseconds())/1000, "cat-ms")
	b.ReportMetric(float64(median(cc).Microseconds())/1000, "cat-cpu-ms")
	if st, err := os.Stat(path); err == nil {
		b.Logf("database %.1f MiB; median of %d runs of `review list --json`: %v wall, %v CPU; `cat` of the file: %v wall",
			float64(st.Size())/(1<<20), len(lw), median(lw), median(lc), median(cw))
	}
}
