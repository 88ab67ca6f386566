// Package packtest builds submission packages for tests and benchmarks of the packages that
// import them (a bureau's USB stick: valid folders and zips, tampered, truncated and hostile
// ones), so that each of those tests does not repeat how a package is made.
package packtest

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"sanxiang/export/pack"
	"sanxiang/scoring"
)

// Date is the date printed in every package built here, so that builds are reproducible.
var Date = time.Date(2024, 5, 6, 10, 0, 0, 0, time.UTC)

// CreditCode returns a valid 统一社会信用代码 numbered n (0 ≤ n < 100 000): the units of a
// test stick need distinct ones.
func CreditCode(t testing.TB, n int) string {
	t.Helper()
	for _, c := range "0123456789ABCDEFGHJKLMNPQRTUWXY" {
		if code := fmt.Sprintf("11610000MB00%05d", n) + string(c); scoring.ValidateCreditCode(code) == nil {
			return code
		}
	}
	t.Fatalf("no valid credit code for %d", n)
	return ""
}

// Spec describes the assessment of one package.
type Spec struct {
	Unit  string
	Code  string // 统一社会信用代码
	Year  int
	Files int   // evidence files, attached to criteria (1), (2), … in turn
	Size  int64 // bytes of each evidence file: random, incompressible, the same for the same Spec
}

// Assessment writes the evidence of s into dir and returns the assessment (built-in catalog,
// every evidence criterion scored full) that refers to it.
func Assessment(t testing.TB, dir string, s Spec) *scoring.Assessment {
	t.Helper()
	cat, err := scoring.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	a := &scoring.Assessment{Catalog: cat, Unit: scoring.Unit{Name: s.Unit, CreditCode: s.Code}, Year: s.Year, Answers: map[int]scoring.Answer{}}
	nos := cat.Numbers()
	seed := sha256.Sum256([]byte(fmt.Sprintf("%s|%s|%d", s.Unit, s.Code, s.Year)))
	rng := rand.New(rand.NewChaCha8(seed))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < s.Files; i++ {
		no := nos[i%len(nos)]
		p := filepath.Join(dir, fmt.Sprintf("%s_台账资料%03d.pdf", s.Code, i+1))
		sum, err := writeRandom(p, s.Size, rng)
		if err != nil {
			t.Fatal(err)
		}
		ans := a.Answers[no]
		if ans.No == 0 {
			ref, _ := cat.Criterion(no)
			ans = scoring.Answer{No: no, Status: scoring.Scored, Score: ref.Criterion.Points}
		}
		ans.Evidence = append(ans.Evidence, scoring.Evidence{Path: p, Name: fmt.Sprintf("台账资料%03d.pdf", i+1), Size: s.Size, SHA256: sum, Added: Date})
		a.Answers[no] = ans
	}
	return a
}

// writeRandom writes size random bytes to p and returns their SHA-256.
func writeRandom(p string, size int64, rng *rand.Rand) (string, error) {
	f, err := os.Create(p)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	w := io.MultiWriter(f, h)
	buf := make([]byte, 1<<20)
	for left := size; left > 0; {
		n := min(int64(len(buf)), left)
		for j := 0; j < int(n); j += 8 {
			v := rng.Uint64()
			for k := 0; k < 8 && j+k < int(n); k++ {
				buf[j+k] = byte(v >> (8 * k))
			}
		}
		if _, err := w.Write(buf[:n]); err != nil {
			f.Close()
			return "", err
		}
		left -= n
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Build packages a into target (a folder, or a zip with zipped) and returns the result.
func Build(t testing.TB, a *scoring.Assessment, target string, zipped bool) pack.Result {
	t.Helper()
	if err := os.MkdirAll(target, 0o755); err != nil {
		t.Fatal(err)
	}
	cats, err := scoring.BuiltinSet()
	if err != nil {
		t.Fatal(err)
	}
	res, err := pack.Build(context.Background(), a, target, pack.Options{Zip: zipped, Catalogs: cats, Date: Date})
	if err != nil {
		t.Fatalf("packtest.Build: %v", err)
	}
	return res
}

// Package is Assessment and Build in one: the evidence goes to a folder of its own in work.
func Package(t testing.TB, work, target string, s Spec, zipped bool) pack.Result {
	t.Helper()
	ev := filepath.Join(work, fmt.Sprintf("%s_%d_证据", s.Code, s.Year))
	return Build(t, Assessment(t, ev, s), target, zipped)
}

// Tamper changes one byte of the first evidence file of a package folder (its manifest still
// lists the old SHA-256), as if someone had edited a scan after packing.
func Tamper(t testing.TB, folder string) {
	t.Helper()
	ents, err := os.ReadDir(filepath.Join(folder, pack.EvidenceFolder))
	if err != nil || len(ents) == 0 {
		t.Fatalf("packtest.Tamper: no evidence in %s: %v", folder, err)
	}
	p := filepath.Join(folder, pack.EvidenceFolder, ents[0].Name())
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0xff
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Truncate cuts a file to half its size, as a copy interrupted by pulling out the stick.
func Truncate(t testing.TB, p string) {
	t.Helper()
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(p, st.Size()/2); err != nil {
		t.Fatal(err)
	}
}

// Kinds of hostile archive Hostile writes.
const (
	// Climb adds an entry whose name climbs out of any folder it were extracted to (../../evil.bat).
	Climb = iota
	// Bomb adds an evidence entry of 64 MiB of zeros deflated to ~64 KiB (a 1 000× "zip bomb").
	Bomb
)

// Hostile writes to out a copy of the package zip src with one more entry of the given kind
// (Climb, Bomb): a hostile archive that otherwise looks like the package.
func Hostile(t testing.TB, src, out string, kind int) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, e := range zr.File {
		if err := zw.Copy(e); err != nil {
			t.Fatal(err)
		}
	}
	switch kind {
	case Climb:
		w, err := zw.Create(zr.File[0].Name + "../../evil.bat")
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("format c:"))
	case Bomb:
		w, err := zw.Create(zr.File[0].Name + pack.EvidenceFolder + "/999_炸弹.txt")
		if err != nil {
			t.Fatal(err)
		}
		zeros := make([]byte, 1<<20)
		for i := 0; i < 64; i++ {
			w.Write(zeros)
		}
	default:
		t.Fatalf("packtest.Hostile: unknown kind %d", kind)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
