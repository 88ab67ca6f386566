//go:build unix

package workflow

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"sanxiang/export/pack/packtest"
	"sanxiang/storage"
)

// The bureau's stick of the benchmark: 100 zip packages of 8 random (incompressible) evidence
// files of 2.5 MiB each, 20 MiB a package, 2 000 MiB in all.
const (
	benchStickPackages = 100
	benchStickFiles    = 8
	benchStickFileSize = 5 << 19 // 2.5 MiB
)

// benchStick builds the stick in dir once (a marker file says it is complete) and returns it.
func benchStick(b *testing.B, dir string) string {
	b.Helper()
	stick := filepath.Join(dir, "stick")
	done := filepath.Join(dir, fmt.Sprintf("complete-%d-%d-%d", benchStickPackages, benchStickFiles, benchStickFileSize))
	if _, err := os.Stat(done); err == nil {
		return stick
	}
	os.RemoveAll(stick)
	work := filepath.Join(dir, "work")
	for i := 0; i < benchStickPackages; i++ {
		os.RemoveAll(work)
		packtest.Package(b, work, stick, packtest.Spec{Unit: fmt.Sprintf("基准测试第%03d执法局", i+1), Code: packtest.CreditCode(b, 1000+i),
			Year: 2024, Files: benchStickFiles, Size: benchStickFileSize}, true)
	}
	os.RemoveAll(work)
	if err := os.WriteFile(done, nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return stick
}

// unzipSha is the yardstick: `unzip -q` of every zip into its own folder, then `sha256sum` over
// everything extracted.
func unzipSha(b *testing.B, stick, dst string) time.Duration {
	b.Helper()
	start := time.Now()
	script := `set -e; mkdir -p "$2"; i=0; for z in "$1"/*.zip; do i=$((i+1)); unzip -q "$z" -d "$2/$i"; done; find "$2" -type f -print0 | xargs -0 sha256sum > /dev/null`
	if out, err := exec.Command("sh", "-c", script, "sh", stick, dst).CombinedOutput(); err != nil {
		b.Fatalf("unzip + sha256sum: %v %s", err, out)
	}
	return time.Since(start)
}

// BenchmarkImportStick100 imports a stick of 100 zip packages (2 000 MiB of evidence) into a
// fresh database and compares, in the same run, with `unzip -q` + `sha256sum` of the same zips
// (target: import ≤ 1.5 × the yardstick). The stick is kept in $SANXIANG_BENCH_DIR (default
// /tmp/sanxiang-bench-stick) for the next run. With $SANXIANG_BENCH_CLI set to a sanxiang-cli
// binary the import is `sanxiang-cli review import STICK --db …`, as scripts/bench-import.sh
// runs it; otherwise workflow.ImportStick in this process.
func BenchmarkImportStick100(b *testing.B) {
	for _, tool := range []string{"unzip", "sha256sum", "find", "xargs", "sh"} {
		if _, err := exec.LookPath(tool); err != nil {
			b.Skipf("%s not installed", tool)
		}
	}
	dir := os.Getenv("SANXIANG_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "sanxiang-bench-stick")
	}
	os.MkdirAll(dir, 0o755)
	stick := benchStick(b, dir)
	cli := os.Getenv("SANXIANG_BENCH_CLI")
	total := int64(benchStickPackages * benchStickFiles * benchStickFileSize)
	var ours, ref time.Duration
	b.ResetTimer()
	b.StopTimer() // ns/op is the import alone
	for i := 0; i < b.N; i++ {
		out := filepath.Join(dir, "run")
		os.RemoveAll(out)
		os.MkdirAll(out, 0o755)
		dbPath := filepath.Join(out, storage.FileName)
		syscall.Sync() // start each measurement with no one else's dirty pages in flight
		b.StartTimer()
		start := time.Now()
		if cli != "" {
			cmd := exec.Command(cli, "review", "import", stick, "--db", dbPath)
			if msg, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("%s: %v\n%s", cli, err, msg)
			}
		} else {
			db, err := storage.Open(dbPath, program(b))
			if err != nil {
				b.Fatal(err)
			}
			res, err := ImportStick(context.Background(), db, []string{stick}, StickOptions{})
			if err != nil {
				b.Fatal(err)
			}
			for _, r := range res {
				if r.Status != StatusImported {
					b.Fatalf("%+v", r)
				}
			}
			if err := db.Close(); err != nil {
				b.Fatal(err)
			}
		}
		ours += time.Since(start)
		b.StopTimer()
		if n := countFiles(filepath.Join(out, "evidence")); n != benchStickPackages*benchStickFiles {
			b.Fatalf("%d evidence files imported, want %d", n, benchStickPackages*benchStickFiles)
		}
		os.RemoveAll(out)
		syscall.Sync()
		ref += unzipSha(b, stick, out)
		os.RemoveAll(out)
	}
	mb := float64(total) / (1 << 20) * float64(b.N)
	b.ReportMetric(ours.Seconds()/float64(b.N), "import-s")
	b.ReportMetric(ref.Seconds()/float64(b.N), "unzip+sha256sum-s")
	b.ReportMetric(mb/ours.Seconds(), "import-MB/s")
	b.ReportMetric(ours.Seconds()/ref.Seconds(), "ratio")
	fmt.Fprintf(os.Stderr, "import %s, unzip+sha256sum %s, ratio %s (target ≤ 1.5)\n",
		ours/time.Duration(b.N), ref/time.Duration(b.N), strconv.FormatFloat(ours.Seconds()/ref.Seconds(), 'f', 2, 64))
}

func countFiles(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			n++
		}
		return nil
	})
	return n
}
