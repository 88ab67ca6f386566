package pack

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"sanxiang/exchange"
	"sanxiang/scoring"
)

var testDate = time.Date(2024, 5, 6, 10, 0, 0, 0, time.Local)

// sample copies the sample assessment and its evidence into a temporary folder (so tests may
// change the evidence) and reads it with absolute evidence paths.
func sample(t testing.TB) *scoring.Assessment {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join("..", "..", "testdata")
	copyTree(t, filepath.Join(src, "sample-evidence"), filepath.Join(dir, "sample-evidence"))
	data, err := os.ReadFile(filepath.Join(src, "sample-assessment.json"))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "sample-assessment.json")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := exchange.ReadFile(p, testCats)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func copyTree(t testing.TB, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func evidenceCount(a *scoring.Assessment) int {
	n := 0
	for _, ans := range a.Answers {
		n += len(ans.Evidence)
	}
	return n
}

func build(t testing.TB, a *scoring.Assessment, zipped bool) (Result, string) {
	t.Helper()
	target := t.TempDir()
	res, err := Build(context.Background(), a, target, Options{Catalogs: testCats, Zip: zipped, Date: testDate})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return res, target
}

// listDir returns the names in dir (for "nothing left behind" checks).
func listDir(t testing.TB, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestBuildFolderAndVerify(t *testing.T) {
	a := sample(t)
	before := exchange.Clone(a)
	res, target := build(t, a, false)
	if !reflect.DeepEqual(before, a) {
		t.Error("Build changed the caller's assessment")
	}
	wantPath := filepath.Join(target, "西安市雁塔区示范执法局（虚构）_2020_三项制度自评")
	if res.Path != wantPath {
		t.Errorf("Path = %s, want %s", res.Path, wantPath)
	}
	if got := listDir(t, target); len(got) != 1 {
		t.Errorf("target holds %v, want only the package", got)
	}
	if len(res.Issues) != 0 {
		t.Errorf("Issues = %v", res.Issues)
	}
	root := listDir(t, res.Path)
	want := []string{AssessmentName, EvidenceFolder, WorkbookName, ReportName, ScoreSheetName, ManifestName, ReadmeName}
	sort.Strings(want)
	if !reflect.DeepEqual(root, want) {
		t.Errorf("package root = %v, want %v", root, want)
	}
	ev := listDir(t, filepath.Join(res.Path, EvidenceFolder))
	if len(ev) != evidenceCount(a) {
		t.Errorf("%d evidence copies, want %d", len(ev), evidenceCount(a))
	}
	for _, n := range ev {
		if len(n) < 4 || strings.Trim(n[:3], "0123456789") != "" || n[3] != '_' {
			t.Errorf("evidence copy %q does not start with its criterion number", n)
		}
	}
	// the manifest lists every file but itself, and its digest is the result's
	m, err := ParseManifest(mustRead(t, filepath.Join(res.Path, ManifestName)))
	if err != nil {
		t.Fatal(err)
	}
	if m.Digest != res.Digest || ComputeDigest(m.Entries) != res.Digest {
		t.Errorf("manifest digest %s, computed %s, result %s", m.Digest, ComputeDigest(m.Entries), res.Digest)
	}
	if len(m.Entries) != len(want)-2+len(ev) || res.Files != len(m.Entries)+1 {
		t.Errorf("manifest has %d entries, result says %d files", len(m.Entries), res.Files)
	}
	// the assessment file points at the copies, with their sizes and digests, and scores the same
	pa, err := exchange.ReadFile(filepath.Join(res.Path, AssessmentName), testCats)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := scoring.Score(pa.Catalog, pa.Answers), scoring.Score(a.Catalog, a.Answers); !reflect.DeepEqual(got, want) {
		t.Error("the package's assessment scores differ from the original")
	}
	for no, ans := range pa.Answers {
		orig := a.Answers[no].Evidence
		for i, e := range ans.Evidence {
			if !strings.HasPrefix(e.Path, res.Path+string(filepath.Separator)+EvidenceFolder) {
				t.Errorf("(%d) evidence path %s is not a copy in the package", no, e.Path)
			}
			if e.SHA256 != orig[i].SHA256 || e.Size != orig[i].Size || e.Name != orig[i].Name {
				t.Errorf("(%d) evidence record changed: %+v, was %+v", no, e, orig[i])
			}
			if sum := sha256Hex(mustRead(t, e.Path)); sum != e.SHA256 {
				t.Errorf("(%d) copy %s has sha %s, want %s", no, e.Path, sum, e.SHA256)
			}
		}
	}
	readme := string(mustRead(t, filepath.Join(res.Path, ReadmeName)))
	if !strings.HasPrefix(readme, "\ufeff") || !strings.Contains(readme, "\r\n") || !strings.Contains(readme, res.Digest) ||
		!strings.Contains(readme, a.Unit.Name) {
		t.Errorf("说明.txt lacks BOM, CRLF, digest or unit:\n%s", readme)
	}
	rep, err := Verify(context.Background(), res.Path)
	if err != nil || !rep.OK {
		t.Fatalf("Verify: %v\n%s", err, rep.Summary())
	}
	if rep.Digest != res.Digest || rep.Files != res.Files || rep.Bytes != res.Bytes {
		t.Errorf("report digest %s files %d", rep.Digest, rep.Files)
	}
	if !strings.Contains(rep.Summary(), "校验通过") || !strings.Contains(rep.Summary(), res.Digest) {
		t.Errorf("Summary: %s", rep.Summary())
	}
	// the target folder (a stick's root with one package) is accepted too
	if rep, err := Verify(context.Background(), target); err != nil || !rep.OK {
		t.Errorf("Verify(target root): %v %v", err, rep.Summary())
	}
}

func mustRead(t testing.TB, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestBuildZipAndVerify(t *testing.T) {
	a := sample(t)
	res, target := build(t, a, true)
	if filepath.Base(res.Path) != "西安市雁塔区示范执法局（虚构）_2020_三项制度自评.zip" {
		t.Errorf("zip name %s", res.Path)
	}
	if got := listDir(t, target); len(got) != 1 {
		t.Errorf("target holds %v, want only the zip", got)
	}
	zr, err := zip.OpenReader(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	root := "西安市雁塔区示范执法局（虚构）_2020_三项制度自评/"
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !strings.HasPrefix(f.Name, root) {
			t.Errorf("entry %s outside the package folder", f.Name)
		}
		if f.Flags&0x800 == 0 {
			t.Errorf("entry %s lacks the UTF-8 name flag (Explorer would garble it)", f.Name)
		}
		if f.Modified.IsZero() {
			t.Errorf("entry %s has no time", f.Name)
		}
	}
	if len(names) != evidenceCount(a)+6+2 { // six root files, manifest included, and two folders
		t.Errorf("%d entries: %v", len(names), names)
	}
	rep, err := Verify(context.Background(), res.Path)
	if err != nil || !rep.OK {
		t.Fatalf("Verify: %v\n%s", err, rep.Summary())
	}
	if rep.Digest != res.Digest {
		t.Errorf("digest %s, want %s", rep.Digest, res.Digest)
	}
	// Info-ZIP, what Linux users and many tools use, shows the Chinese names as they are
	if _, err := exec.LookPath("unzip"); err == nil {
		out, err := exec.Command("unzip", "-Z1", res.Path).Output()
		if err != nil {
			t.Fatalf("unzip -Z1: %v", err)
		}
		got := strings.Split(strings.TrimSpace(string(out)), "\n")
		sort.Strings(got)
		sort.Strings(names)
		if !reflect.DeepEqual(got, names) {
			t.Errorf("unzip lists\n%v\nwant\n%v", got, names)
		}
		// and the archive tests clean
		if out, err := exec.Command("unzip", "-tq", res.Path).CombinedOutput(); err != nil {
			t.Errorf("unzip -t: %v\n%s", err, out)
		}
	}
}

// TestFolderTampering: every kind of change to every file is caught and named.
func TestFolderTampering(t *testing.T) {
	a := sample(t)
	res, _ := build(t, a, false)
	m, err := ParseManifest(mustRead(t, filepath.Join(res.Path, ManifestName)))
	if err != nil {
		t.Fatal(err)
	}
	pristine := t.TempDir()
	copyTree(t, res.Path, pristine)
	restore := func() {
		os.RemoveAll(res.Path)
		copyTree(t, pristine, res.Path)
	}
	verify := func() Report {
		t.Helper()
		rep, err := Verify(context.Background(), res.Path)
		if err != nil {
			t.Fatalf("Verify: %v", err)
		}
		return rep
	}
	for _, e := range m.Entries {
		p := filepath.Join(res.Path, filepath.FromSlash(e.Path))
		// one byte flipped, in the middle
		data := mustRead(t, p)
		data[len(data)/2] ^= 0x01
		os.WriteFile(p, data, 0o644)
		if rep := verify(); rep.OK || !reflect.DeepEqual(rep.Altered, []string{e.Path}) || len(rep.Missing)+len(rep.Extra) != 0 || rep.ManifestBroken != "" {
			t.Errorf("flipped byte in %s: %+v", e.Path, rep)
		} else if !strings.Contains(rep.Summary(), e.Path) || !strings.Contains(rep.Summary(), "被改动") {
			t.Errorf("summary does not name %s:\n%s", e.Path, rep.Summary())
		}
		restore()
		// deleted
		os.Remove(p)
		if rep := verify(); rep.OK || !reflect.DeepEqual(rep.Missing, []string{e.Path}) || len(rep.Altered)+len(rep.Extra) != 0 {
			t.Errorf("deleted %s: %+v", e.Path, rep)
		}
		restore()
	}
	// truncated to zero bytes
	ev := m.Entries[0].Path
	os.WriteFile(filepath.Join(res.Path, filepath.FromSlash(ev)), nil, 0o644)
	if rep := verify(); rep.OK || !reflect.DeepEqual(rep.Altered, []string{ev}) {
		t.Errorf("emptied %s: %+v", ev, rep)
	}
	restore()
	// a file added, at the root and among the evidence
	for _, extra := range []string{"附加说明.txt", EvidenceFolder + "/999_补充材料.pdf"} {
		os.WriteFile(filepath.Join(res.Path, filepath.FromSlash(extra)), []byte("x"), 0o644)
		if rep := verify(); rep.OK || !reflect.DeepEqual(rep.Extra, []string{extra}) || !strings.Contains(rep.Summary(), "多出的文件") {
			t.Errorf("added %s: %+v", extra, rep)
		}
		restore()
	}
	// a symlink in place of a file is altered
	if e := m.Entries[len(m.Entries)-1]; true {
		p := filepath.Join(res.Path, filepath.FromSlash(e.Path))
		os.Remove(p)
		if err := os.Symlink(filepath.Join(pristine, filepath.FromSlash(e.Path)), p); err == nil {
			if rep := verify(); rep.OK || !reflect.DeepEqual(rep.Altered, []string{e.Path}) {
				t.Errorf("symlinked %s: %+v", e.Path, rep)
			}
		}
		restore()
	}
	mp := filepath.Join(res.Path, ManifestName)
	orig := string(mustRead(t, mp))
	// manifest: an entry edited to cover a changed file → the digest no longer matches
	target := m.Entries[1]
	p := filepath.Join(res.Path, filepath.FromSlash(target.Path))
	data := append(mustRead(t, p), "改"...)
	os.WriteFile(p, data, 0o644)
	forged := strings.Replace(orig, target.SHA256+" "+itoa(target.Size)+" "+target.Path,
		sha256Hex(data)+" "+itoa(int64(len(data)))+" "+target.Path, 1)
	if forged == orig {
		t.Fatal("forging failed")
	}
	os.WriteFile(mp, []byte(forged), 0o644)
	rep := verify()
	if rep.OK || !strings.Contains(rep.ManifestBroken, "已被改动") || rep.Digest != res.Digest || rep.ComputedDigest == res.Digest {
		t.Errorf("forged manifest entry: %+v", rep)
	}
	if !strings.Contains(rep.Summary(), "校验清单不可信") {
		t.Errorf("summary: %s", rep.Summary())
	}
	restore()
	// manifest: an entry deleted → digest mismatch, and the file now extra
	lines := strings.Split(orig, "\n")
	var kept []string
	for _, l := range lines {
		if !strings.HasSuffix(l, " "+target.Path) {
			kept = append(kept, l)
		}
	}
	os.WriteFile(mp, []byte(strings.Join(kept, "\n")), 0o644)
	if rep := verify(); rep.OK || rep.ManifestBroken == "" || !reflect.DeepEqual(rep.Extra, []string{target.Path}) {
		t.Errorf("manifest line deleted: %+v", rep)
	}
	restore()
	// manifest: garbage, or deleted
	os.WriteFile(mp, []byte("乱码"), 0o644)
	if rep := verify(); rep.OK || rep.ManifestBroken == "" {
		t.Errorf("garbage manifest: %+v", rep)
	}
	os.Remove(mp)
	if rep := verify(); rep.OK || !strings.Contains(rep.ManifestBroken, ManifestName) {
		t.Errorf("deleted manifest: %+v", rep)
	}
	restore()
	// a fully re-forged manifest (entries and digest rewritten) verifies, but states a different
	// digest from the one printed on the paper, which is what the reader compares
	os.WriteFile(p, data, 0o644)
	m2, _ := ParseManifest([]byte(orig))
	for i := range m2.Entries {
		if m2.Entries[i].Path == target.Path {
			m2.Entries[i].Size, m2.Entries[i].SHA256 = int64(len(data)), sha256Hex(data)
		}
	}
	m2.Digest = ComputeDigest(m2.Entries)
	os.WriteFile(mp, m2.Marshal(), 0o644)
	if rep := verify(); !rep.OK || rep.Digest == res.Digest {
		t.Errorf("re-forged manifest: OK=%v digest %s (paper %s)", rep.OK, rep.Digest, res.Digest)
	}
	restore()
	if rep := verify(); !rep.OK {
		t.Fatalf("restore failed: %s", rep.Summary())
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// rewriteZip copies a zip entry by entry through edit, which may change data, drop the entry
// (keep false) or add entries by returning them from extra.
func rewriteZip(t *testing.T, src, dst string, edit func(name string, data []byte) ([]byte, bool), extra map[string][]byte) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		data, keep := edit(f.Name, data)
		if !keep {
			continue
		}
		h := f.FileHeader
		w, err := zw.CreateHeader(&h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	for name, data := range extra {
		w, _ := zw.Create(name)
		w.Write(data)
	}
	zw.Close()
	os.WriteFile(dst, buf.Bytes(), 0o644)
}

func TestZipTampering(t *testing.T) {
	a := sample(t)
	res, _ := build(t, a, true)
	root := strings.TrimSuffix(filepath.Base(res.Path), ".zip") + "/"
	m := func() *Manifest {
		zr, _ := zip.OpenReader(res.Path)
		defer zr.Close()
		rc, _ := zr.Open(root + ManifestName)
		data, _ := io.ReadAll(rc)
		m, err := ParseManifest(data)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}()
	tmp := filepath.Join(t.TempDir(), "改过.zip")
	verify := func() Report {
		t.Helper()
		rep, err := Verify(context.Background(), tmp)
		if err != nil {
			t.Fatalf("Verify: %v", err)
		}
		return rep
	}
	for _, e := range m.Entries {
		rewriteZip(t, res.Path, tmp, func(name string, data []byte) ([]byte, bool) {
			if name == root+e.Path {
				data = append([]byte(nil), data...)
				data[len(data)/2] ^= 0x80
			}
			return data, true
		}, nil)
		if rep := verify(); rep.OK || !reflect.DeepEqual(rep.Altered, []string{e.Path}) {
			t.Errorf("flipped byte in %s: %+v", e.Path, rep)
		}
		rewriteZip(t, res.Path, tmp, func(name string, data []byte) ([]byte, bool) { return data, name != root+e.Path }, nil)
		if rep := verify(); rep.OK || !reflect.DeepEqual(rep.Missing, []string{e.Path}) {
			t.Errorf("dropped %s: %+v", e.Path, rep)
		}
	}
	rewriteZip(t, res.Path, tmp, func(_ string, d []byte) ([]byte, bool) { return d, true },
		map[string][]byte{root + EvidenceFolder + "/001_多出来的.png": []byte("x")})
	if rep := verify(); rep.OK || !reflect.DeepEqual(rep.Extra, []string{EvidenceFolder + "/001_多出来的.png"}) {
		t.Errorf("added file: %+v", rep)
	}
	rewriteZip(t, res.Path, tmp, func(name string, d []byte) ([]byte, bool) {
		if name == root+ManifestName {
			d = bytes.Replace(d, []byte(m.Entries[0].SHA256), []byte(strings.Repeat("0", 64)), 1)
		}
		return d, true
	}, nil)
	if rep := verify(); rep.OK || rep.ManifestBroken == "" || !reflect.DeepEqual(rep.Altered, []string{m.Entries[0].Path}) {
		t.Errorf("edited manifest: %+v", rep)
	}
	// a byte flipped in the raw archive (bit rot on the stick) is caught by CRC or hash
	raw := mustRead(t, res.Path)
	zr, _ := zip.OpenReader(res.Path)
	var victim *zip.File
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, root+EvidenceFolder+"/") && f.Method == zip.Store && f.CompressedSize64 > 4 {
			victim = f
		}
	}
	off, _ := victim.DataOffset()
	zr.Close()
	raw[off+1] ^= 0xff
	os.WriteFile(tmp, raw, 0o644)
	if rep := verify(); rep.OK || !reflect.DeepEqual(rep.Altered, []string{strings.TrimPrefix(victim.Name, root)}) {
		t.Errorf("raw byte flip in %s: %+v", victim.Name, rep)
	}
}

func TestMissingAndChangedEvidence(t *testing.T) {
	a := sample(t)
	var gone, changed string
	var goneNo, changedNo int
	for _, no := range a.Catalog.Numbers() {
		for _, e := range a.Answers[no].Evidence {
			switch {
			case gone == "":
				gone, goneNo = e.Path, no
			case changed == "" && e.Path != gone:
				changed, changedNo = e.Path, no
			}
		}
	}
	os.Remove(gone)
	os.WriteFile(changed, []byte("已被修改的内容"), 0o644)
	issues, err := Preflight(a)
	if err != nil {
		t.Fatal(err)
	}
	want := []EvidenceIssue{{No: goneNo, Path: gone}, {No: changedNo, Path: changed}}
	if len(issues) != 2 || issues[0].No != want[0].No || issues[0].Path != gone || issues[1].Path != changed ||
		!strings.Contains(issues[0].Problem, "缺失") || !strings.Contains(issues[1].Problem, "已变更") {
		t.Fatalf("Preflight = %+v", issues)
	}
	for _, zipped := range []bool{false, true} {
		res, _ := build(t, a, zipped)
		if !reflect.DeepEqual(res.Issues, issues) {
			t.Errorf("Build issues %+v, want %+v", res.Issues, issues)
		}
		rep, err := Verify(context.Background(), res.Path)
		if err != nil || !rep.OK {
			t.Fatalf("Verify: %v %s", err, rep.Summary())
		}
		src, _ := openSource(res.Path)
		f, _ := src.find(AssessmentName)
		data, _ := readSmall(src, f, 1<<20)
		pa, err := exchange.Decode(data, testCats)
		if err != nil {
			t.Fatal(err)
		}
		if evidenceCount(pa) != evidenceCount(a)-1 {
			t.Errorf("package lists %d evidence files, want %d (the missing one left out)", evidenceCount(pa), evidenceCount(a)-1)
		}
		for _, e := range pa.Answers[changedNo].Evidence {
			if e.Size != int64(len("已被修改的内容")) {
				t.Errorf("changed file recorded with size %d", e.Size)
			}
		}
		rf, _ := src.find(ReadmeName)
		readme, _ := readSmall(src, rf, 1<<20)
		if !strings.Contains(string(readme), gone) || !strings.Contains(string(readme), changed) {
			t.Errorf("说明.txt does not name the problem files:\n%s", readme)
		}
		src.close()
		// the report names them too (export.Options.EvidenceIssues)
		if _, err := exec.LookPath("pdftotext"); err == nil && !zipped {
			out, err := exec.Command("pdftotext", filepath.Join(res.Path, ReportName), "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			text := strings.Join(strings.Fields(string(out)), "")
			for _, p := range []string{gone, changed} {
				if base := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p)); !strings.Contains(text, base) {
					t.Errorf("自评报告.pdf does not name %s", base)
				}
			}
		}
	}
}

func TestCancelLeavesNothing(t *testing.T) {
	a := sample(t)
	for _, zipped := range []bool{false, true} {
		target := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		calls := 0
		_, err := Build(ctx, a, target, Options{Catalogs: testCats, Zip: zipped, Progress: func(p Progress) {
			if p.Files == 3 {
				cancel()
			}
			calls++
		}})
		cancel()
		if !errors.Is(err, ErrCanceled) || !strings.Contains(err.Error(), "已取消") {
			t.Errorf("zip=%v: err = %v", zipped, err)
		}
		if left := listDir(t, target); len(left) != 0 {
			t.Errorf("zip=%v: cancel left %v", zipped, left)
		}
		if calls < 3 {
			t.Errorf("progress called %d times", calls)
		}
	}
}

// failAfter is a target that breaks after n bytes, like a full disk or a pulled stick.
type failAfter struct {
	w   io.Writer
	n   int
	err error
}

func (f *failAfter) Write(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, f.err
	}
	if len(p) > f.n {
		k, _ := f.w.Write(p[:f.n])
		f.n = 0
		return k, f.err
	}
	f.n -= len(p)
	return f.w.Write(p)
}

func TestFullDiskAndPulledStick(t *testing.T) {
	a := sample(t)
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&os.PathError{Op: "write", Path: "x", Err: errDiskFull}, "空间不足"},
		{&os.PathError{Op: "write", Path: "x", Err: errDeviceGone}, "拔出"},
	} {
		for _, zipped := range []bool{false, true} {
			target := t.TempDir()
			budget := 300 // bytes across all files: fails a few files in
			opt := Options{Catalogs: testCats, Zip: zipped, wrap: func(w io.Writer) io.Writer {
				if zipped {
					return &failAfter{w, budget, tc.err}
				}
				fa := &failAfter{w, budget, tc.err}
				budget -= 100
				return fa
			}}
			_, err := Build(context.Background(), a, target, opt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("zip=%v %v: err = %v", zipped, tc.err, err)
			}
			if left := listDir(t, target); len(left) != 0 {
				t.Errorf("zip=%v: failure left %v", zipped, left)
			}
		}
	}
}

func TestExistingPackage(t *testing.T) {
	a := sample(t)
	for _, zipped := range []bool{false, true} {
		res, target := build(t, a, zipped)
		_, err := Build(context.Background(), a, target, Options{Catalogs: testCats, Zip: zipped})
		if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), res.Path) {
			t.Errorf("zip=%v: second build err = %v", zipped, err)
		}
		a.Unit.Contact = "李四"
		res2, err := Build(context.Background(), a, target, Options{Catalogs: testCats, Zip: zipped, Replace: true})
		if err != nil {
			t.Fatalf("replace: %v", err)
		}
		if res2.Path != res.Path || res2.Digest == res.Digest {
			t.Errorf("replace: %s %s → %s %s", res.Path, res.Digest, res2.Path, res2.Digest)
		}
		if left := listDir(t, target); len(left) != 1 {
			t.Errorf("after replace the target holds %v", left)
		}
		if rep, err := Verify(context.Background(), res2.Path); err != nil || !rep.OK || rep.Digest != res2.Digest {
			t.Errorf("replaced package: %v %s", err, rep.Summary())
		}
		a.Unit.Contact = "王喆"
	}
	if _, err := Build(context.Background(), a, filepath.Join(t.TempDir(), "没有这个文件夹"), Options{Catalogs: testCats}); err == nil ||
		!strings.Contains(err.Error(), "不存在") {
		t.Errorf("missing target: %v", err)
	}
}

func TestNamesInPackageAreWindowsSafe(t *testing.T) {
	a := sample(t)
	a.Unit.Name = `CON:城管/执法?局. `
	// two evidence files with the same hostile display name on one criterion, and a long one
	var no int
	for _, n := range a.Catalog.Numbers() {
		if len(a.Answers[n].Evidence) > 0 {
			no = n
			break
		}
	}
	ans := a.Answers[no]
	e := ans.Evidence[0]
	e1, e2, e3 := e, e, e
	e1.Name, e2.Name = `截图<1>|"a".png`, `截图<1>|"a".PNG`
	e3.Name = strings.Repeat("非常长的佐证材料名称", 12)
	ans.Evidence = append(ans.Evidence, e1, e2, e3)
	a.Answers[no] = ans
	for _, zipped := range []bool{false, true} {
		res, _ := build(t, a, zipped)
		rep, err := Verify(context.Background(), res.Path)
		if err != nil || !rep.OK {
			t.Fatalf("verify: %v %s", err, rep.Summary())
		}
		if filepath.Base(res.Path) != "CON_城管_执法_局_2020_三项制度自评"+map[bool]string{false: "", true: ".zip"}[zipped] {
			t.Errorf("package name %q", filepath.Base(res.Path))
		}
		src, _ := openSource(res.Path)
		for _, f := range src.files {
			for _, part := range strings.Split(f.rel, "/") {
				if WindowsName(part, MaxFileName) != part {
					t.Errorf("unsafe name %q", part)
				}
			}
		}
		src.close()
	}
}

// TestDigestOnEveryPDFPage reads the PDFs back (pdftotext) and finds the digest on every page.
func TestDigestOnEveryPDFPage(t *testing.T) {
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (poppler-utils)", tool)
		}
	}
	res, _ := build(t, sample(t), false)
	for _, name := range []string{ScoreSheetName, ReportName} {
		p := filepath.Join(res.Path, name)
		info, err := exec.Command("pdfinfo", p).Output()
		if err != nil {
			t.Fatalf("pdfinfo %s: %v", name, err)
		}
		pages := 0
		for _, l := range strings.Split(string(info), "\n") {
			if f := strings.Fields(l); len(f) == 2 && f[0] == "Pages:" {
				pages, _ = strconv.Atoi(f[1])
			}
		}
		if pages < 1 {
			t.Fatalf("%s: no pages in %s", name, info)
		}
		for pg := 1; pg <= pages; pg++ {
			out, err := exec.Command("pdftotext", "-f", itoa(int64(pg)), "-l", itoa(int64(pg)), "-layout", p, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext %s: %v", name, err)
			}
			text := strings.Join(strings.Fields(string(out)), " ")
			if !strings.Contains(text, res.Digest) || !strings.Contains(text, "报送包校验码") {
				t.Errorf("%s page %d/%d lacks 报送包校验码 %s", name, pg, pages, res.Digest)
			}
		}
	}
}

// TestWorkbookLinksPointAtCopies opens 自评表.xlsx as the zip it is and follows every external
// hyperlink from the package folder: each must reach an evidence copy, and every copy is linked.
func TestWorkbookLinksPointAtCopies(t *testing.T) {
	res, _ := build(t, sample(t), false)
	zr, err := zip.OpenReader(filepath.Join(res.Path, WorkbookName))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	linked := map[string]bool{}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".rels") {
			continue
		}
		rc, _ := f.Open()
		var rels struct {
			Rel []struct {
				Target     string `xml:"Target,attr"`
				TargetMode string `xml:"TargetMode,attr"`
			} `xml:"Relationship"`
		}
		err := xml.NewDecoder(rc).Decode(&rels)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		for _, r := range rels.Rel {
			if r.TargetMode != "External" {
				continue
			}
			target, err := url.PathUnescape(r.Target)
			if err != nil || filepath.IsAbs(target) || !strings.HasPrefix(target, EvidenceFolder+"/") {
				t.Errorf("link %q is not a relative link into %s", r.Target, EvidenceFolder)
				continue
			}
			if _, err := os.Stat(filepath.Join(res.Path, filepath.FromSlash(target))); err != nil {
				t.Errorf("link %q leads nowhere: %v", r.Target, err)
			}
			linked[target] = true
		}
	}
	for _, n := range listDir(t, filepath.Join(res.Path, EvidenceFolder)) {
		if !linked[EvidenceFolder+"/"+n] {
			t.Errorf("evidence copy %s is not linked from the workbook", n)
		}
	}
}

// TestDigestIsStableAcrossRebuilds: the digest identifies the data, so a package rebuilt from the
// same assessment — as a folder or a zip, on another day — matches pages printed earlier.
func TestDigestIsStableAcrossRebuilds(t *testing.T) {
	a := sample(t)
	first, _ := build(t, a, false)
	b := exchange.Clone(a)
	second, err := Build(context.Background(), b, t.TempDir(), Options{Catalogs: testCats, Zip: true, Date: testDate.AddDate(0, 0, 9)})
	if err != nil {
		t.Fatal(err)
	}
	if first.Digest != second.Digest {
		t.Fatalf("same data, different digests: %s vs %s", first.Digest, second.Digest)
	}
	// a changed score is a different submission
	c := exchange.Clone(a)
	for no, ans := range c.Answers {
		if ans.Status == scoring.Scored && ans.Score > 0 {
			ans.Score--
			ans.DeductionReason = "复核后扣分"
			c.Answers[no] = ans
			break
		}
	}
	third, _ := build(t, c, false)
	if third.Digest == first.Digest {
		t.Fatal("a changed score kept the digest")
	}
}
