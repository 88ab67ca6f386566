//go:build unix

package pack

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"sanxiang/scoring"
)

const (
	benchFiles = 200
	benchBytes = 500 << 20
)

// benchEvidence writes ~200 random files totalling 500 MB (sizes 0.5–4.5 MB, common office
// extensions) into dir and attaches them, with their sizes and digests, to the built-in catalog's
// criteria in turn.
func benchEvidence(b *testing.B, dir string) *scoring.Assessment {
	b.Helper()
	cat, err := scoring.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	a := &scoring.Assessment{Catalog: cat, Unit: scoring.Unit{Name: "基准测试执法局"}, Year: 2024, Answers: map[int]scoring.Answer{}}
	rng := rand.New(rand.NewChaCha8([32]byte{1}))
	sizes := make([]int64, benchFiles)
	var sum int64
	for i := range sizes {
		sizes[i] = 512<<10 + rng.Int64N(4<<20)
		sum += sizes[i]
	}
	// scale to exactly benchBytes
	var acc int64
	for i := range sizes {
		sizes[i] = sizes[i] * benchBytes / sum
		acc += sizes[i]
	}
	sizes[0] += benchBytes - acc
	exts := []string{".pdf", ".jpg", ".png", ".docx", ".xlsx", ".doc", ".pdf", ".jpg"}
	nos := cat.Numbers()
	buf := make([]byte, 1<<20)
	for i, size := range sizes {
		no := nos[i%len(nos)]
		p := filepath.Join(dir, fmt.Sprintf("台账资料 第%03d号%s", i+1, exts[i%len(exts)]))
		f, err := os.Create(p)
		if err != nil {
			b.Fatal(err)
		}
		h := sha256.New()
		w := io.MultiWriter(f, h)
		for left := size; left > 0; {
			n := int64(len(buf))
			if n > left {
				n = left
			}
			for j := 0; j < int(n); j += 8 {
				v := rng.Uint64()
				for k := 0; k < 8 && j+k < int(n); k++ {
					buf[j+k] = byte(v >> (8 * k))
				}
			}
			w.Write(buf[:n])
			left -= n
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		ans := a.Answers[no]
		ans.No, ans.Status = no, scoring.Scored
		ref, _ := cat.Criterion(no)
		ans.Score = ref.Criterion.Points
		ans.Evidence = append(ans.Evidence, scoring.Evidence{Path: p, Name: filepath.Base(p), Size: size,
			SHA256: hex.EncodeToString(h.Sum(nil)), Added: time.Now()})
		a.Answers[no] = ans
	}
	return a
}

// cpSha is the yardstick: `cp -r` of the evidence folder, then `sha256sum` over the copies.
func cpSha(b *testing.B, src, dst string) time.Duration {
	b.Helper()
	start := time.Now()
	if out, err := exec.Command("cp", "-r", src, dst).CombinedOutput(); err != nil {
		b.Fatalf("cp: %v %s", err, out)
	}
	cmd := exec.Command("sh", "-c", `find "$1" -type f -print0 | xargs -0 sha256sum > /dev/null`, "sh", dst)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("sha256sum: %v %s", err, out)
	}
	return time.Since(start)
}

func benchPackage(b *testing.B, zipped bool) {
	for _, tool := range []string{"cp", "sha256sum", "find", "xargs"} {
		if _, err := exec.LookPath(tool); err != nil {
			b.Skipf("%s not installed", tool)
		}
	}
	src := filepath.Join(b.TempDir(), "佐证材料原件")
	os.MkdirAll(src, 0o755)
	a := benchEvidence(b, src)
	work := b.TempDir()
	var ours, ref time.Duration
	b.SetBytes(benchBytes)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		target := filepath.Join(work, fmt.Sprintf("out%d", i))
		os.MkdirAll(target, 0o755)
		syscall.Sync() // start each measurement with no one else's dirty pages in flight
		b.StartTimer()
		start := time.Now()
		res, err := Build(context.Background(), a, target, Options{Catalogs: testCats, Zip: zipped})
		ours += time.Since(start)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Issues) != 0 || res.Files != benchFiles+6 {
			b.Fatalf("issues %v, files %d", res.Issues, res.Files)
		}
		os.RemoveAll(target)
		syscall.Sync()
		cp := filepath.Join(work, fmt.Sprintf("cp%d", i))
		ref += cpSha(b, src, cp)
		os.RemoveAll(cp)
		b.StartTimer()
	}
	b.StopTimer()
	mb := float64(benchBytes) / (1 << 20) * float64(b.N)
	b.ReportMetric(mb/ours.Seconds(), "pack-MB/s")
	b.ReportMetric(mb/ref.Seconds(), "cp+sha256sum-MB/s")
	b.ReportMetric(100*ref.Seconds()/ours.Seconds(), "%-of-cp+sha256sum")
}

// BenchmarkPackage500MB packages 500 MB of evidence in 200 files into a folder and compares the
// throughput with `cp -r` + `sha256sum` on the same files in the same run (target: ≥ 70 %).
func BenchmarkPackage500MB(b *testing.B) { benchPackage(b, false) }

// BenchmarkPackage500MBZip is the same into one .zip (evidence stored, not deflated).
func BenchmarkPackage500MBZip(b *testing.B) { benchPackage(b, true) }
