package pack

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// zipOf builds an archive with archive/zip; each entry may tweak its header.
type zent struct {
	name string
	data []byte
	tune func(*zip.FileHeader)
	raw  bool // write data as already-compressed bytes with the header's sizes
}

func zipOf(t *testing.T, ents ...zent) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range ents {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.tune != nil {
			e.tune(h)
		}
		var w io.Writer
		var err error
		if e.raw {
			w, err = zw.CreateRaw(h)
		} else {
			w, err = zw.CreateHeader(h)
		}
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// overlapZip hand-writes an archive whose two directory entries share one local file: the
// "overlapping files" zip bomb construction.
func overlapZip() []byte {
	var b bytes.Buffer
	le := binary.LittleEndian
	data := []byte("hello")
	crc := crc32.ChecksumIEEE(data)
	local := "pkg/a.txt"
	w16 := func(v uint16) { binary.Write(&b, le, v) }
	w32 := func(v uint32) { binary.Write(&b, le, v) }
	w32(0x04034b50)
	w16(20)
	w16(0x800)
	w16(0)
	w16(0)
	w16(0)
	w32(crc)
	w32(uint32(len(data)))
	w32(uint32(len(data)))
	w16(uint16(len(local)))
	w16(0)
	b.WriteString(local)
	b.Write(data)
	cdStart := b.Len()
	names := []string{"pkg/" + ManifestName, "pkg/" + AssessmentName}
	for _, n := range names {
		w32(0x02014b50)
		w16(20)
		w16(20)
		w16(0x800)
		w16(0)
		w16(0)
		w16(0)
		w32(crc)
		w32(uint32(len(data)))
		w32(uint32(len(data)))
		w16(uint16(len(n)))
		w16(0)
		w16(0)
		w16(0)
		w16(0)
		w32(0)
		w32(0) // every entry points at the same local header
		b.WriteString(n)
	}
	cdEnd := b.Len()
	w32(0x06054b50)
	w16(0)
	w16(0)
	w16(uint16(len(names)))
	w16(uint16(len(names)))
	w32(uint32(cdEnd - cdStart))
	w32(uint32(cdStart))
	w16(0)
	return b.Bytes()
}

func TestHostileZipsRefused(t *testing.T) {
	ok := zent{name: "pkg/" + ManifestName, data: []byte("x")}
	zeros := make([]byte, 32<<20)
	many := []zent{ok}
	for i := 0; i < MaxFiles+1001; i++ {
		many = append(many, zent{name: "pkg/f" + itoa(int64(i)), tune: func(h *zip.FileHeader) { h.Method = zip.Store }})
	}
	symlink := func(h *zip.FileHeader) { h.SetMode(fs.ModeSymlink | 0o777) }
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"zip slip", zipOf(t, ok, zent{name: "pkg/../../evil.txt", data: []byte("pwned")}), "报送包之外"},
		{"zip slip at the top", zipOf(t, ok, zent{name: "../evil.txt", data: []byte("pwned")}), "报送包之外"},
		{"backslash slip", zipOf(t, ok, zent{name: `pkg\..\..\evil.txt`, data: []byte("pwned")}), "报送包之外"},
		{"absolute path", zipOf(t, ok, zent{name: "/tmp/evil.txt", data: []byte("pwned")}), "绝对路径"},
		{"windows absolute", zipOf(t, ok, zent{name: `\Windows\evil.txt`, data: []byte("pwned")}), "绝对路径"},
		{"drive letter", zipOf(t, ok, zent{name: "C:/evil.txt", data: []byte("pwned")}), "盘符"},
		{"drive relative", zipOf(t, ok, zent{name: "C:evil.txt", data: []byte("pwned")}), "盘符"},
		{"alternate stream", zipOf(t, ok, zent{name: "pkg/a.txt:evil", data: []byte("pwned")}), "Windows"},
		{"device name", zipOf(t, ok, zent{name: "pkg/CON", data: []byte("pwned")}), "Windows"},
		{"symlink", zipOf(t, ok, zent{name: "pkg/link", data: []byte("/etc/passwd"), tune: symlink}), "符号链接"},
		{"zip bomb", zipOf(t, ok, zent{name: "pkg/zeros.txt", data: zeros}), "压缩炸弹"},
		{"declared huge", zipOf(t, ok, zent{name: "pkg/huge.bin", data: make([]byte, 100), raw: true, tune: func(h *zip.FileHeader) {
			h.CompressedSize64, h.UncompressedSize64 = 100<<20, 40<<30
		}}), "压缩炸弹"},
		{"total too big", zipOf(t, ok,
			zent{name: "pkg/a.bin", data: make([]byte, 10), raw: true, tune: func(h *zip.FileHeader) {
				h.Method, h.CompressedSize64, h.UncompressedSize64 = zip.Store, 10, 20<<30
			}},
			zent{name: "pkg/b.bin", data: make([]byte, 10), raw: true, tune: func(h *zip.FileHeader) {
				h.Method, h.CompressedSize64, h.UncompressedSize64 = zip.Store, 10, 20<<30
			}}), "压缩炸弹"},
		{"too many entries", zipOf(t, many...), "超过上限"},
		{"data past the end", zipOf(t, ok, zent{name: "pkg/cut.bin", data: make([]byte, 10), raw: true, tune: func(h *zip.FileHeader) {
			h.Method, h.CompressedSize64, h.UncompressedSize64 = zip.Store, 1<<20, 1<<20
		}}), "截断"},
		{"duplicate names", zipOf(t, ok, zent{name: "pkg/a.txt", data: []byte("1")}, zent{name: "pkg/a.txt", data: []byte("2")}), "重名"},
		{"duplicate by case", zipOf(t, ok, zent{name: "pkg/A.txt", data: []byte("1")}, zent{name: "pkg/a.txt", data: []byte("2")}), "重名"},
		{"file and folder", zipOf(t, ok, zent{name: "pkg/a", data: []byte("1")}, zent{name: "pkg/a/b.txt", data: []byte("2")}), "既是文件又是文件夹"},
		{"encrypted", zipOf(t, ok, zent{name: "pkg/secret.txt", data: []byte("xxxx"), raw: true, tune: func(h *zip.FileHeader) {
			h.Flags |= 1
			h.Method, h.CompressedSize64, h.UncompressedSize64 = zip.Store, 4, 4
		}}), "加密"},
		{"unknown method", zipOf(t, ok, zent{name: "pkg/lzma.bin", data: []byte("xxxx"), raw: true, tune: func(h *zip.FileHeader) {
			h.Method, h.CompressedSize64, h.UncompressedSize64 = 14, 4, 4
		}}), "压缩方式"},
		{"overlapping entries", overlapZip(), "重叠"},
		{"not a zip", []byte("这不是压缩包"), "不是 zip 文件"},
		{"empty file", nil, "不是 zip 文件"},
	}
	pkgZip := mustReadZipOfSample(t)
	tests = append(tests, struct {
		name string
		data []byte
		want string
	}{"truncated", pkgZip[:len(pkgZip)*2/3], "不完整"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "sub", "包.zip")
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Verify(context.Background(), p)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Verify err = %v, want %q", err, tt.want)
			}
			evDir := filepath.Join(dir, "sub", "evidence")
			_, err = Import(context.Background(), p, evDir, testCats)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Import err = %v, want %q", err, tt.want)
			}
			// nothing was written: not the evidence folder, nothing beside or above it
			filepath.WalkDir(dir, func(q string, d fs.DirEntry, err error) error {
				if q != dir && q != p && q != filepath.Dir(p) {
					t.Errorf("written: %s", q)
				}
				return nil
			})
		})
	}
}

var sampleZipCache []byte

func mustReadZipOfSample(t *testing.T) []byte {
	if sampleZipCache == nil {
		res, _ := build(t, sample(t), true)
		sampleZipCache = mustRead(t, res.Path)
	}
	return sampleZipCache
}

// TestZipFromChineseWindows: a package re-zipped by Windows' "发送到 → 压缩文件夹", which writes
// GBK names without the UTF-8 flag, still verifies.
func TestZipFromChineseWindows(t *testing.T) {
	res, _ := build(t, sample(t), true)
	zr, err := zip.OpenReader(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		gbk, err := simplifiedchinese.GBK.NewEncoder().String(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		h := f.FileHeader
		h.Name, h.NonUTF8 = gbk, true
		w, _ := zw.CreateHeader(&h)
		rc, _ := f.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	zr.Close()
	zw.Close()
	p := filepath.Join(t.TempDir(), "gbk.zip")
	os.WriteFile(p, buf.Bytes(), 0o644)
	// make sure the test really produced unflagged, non-UTF-8 names
	zr2, _ := zip.OpenReader(p)
	if f := zr2.File[len(zr2.File)-1]; f.Flags&0x800 != 0 || !f.NonUTF8 {
		t.Fatalf("names still flagged UTF-8: %q", f.Name)
	}
	zr2.Close()
	rep, err := Verify(context.Background(), p)
	if err != nil || !rep.OK || rep.Digest != res.Digest {
		t.Fatalf("GBK-named zip: %v %s", err, rep.Summary())
	}
}

func TestNotAPackage(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("x"), 0o644)
	if _, err := Verify(context.Background(), dir); !errors.Is(err, ErrNotPackage) {
		t.Errorf("plain folder: %v", err)
	}
	p := filepath.Join(dir, "x.zip")
	os.WriteFile(p, zipOf(t, zent{name: "a/b.txt", data: []byte("x")}), 0o644)
	if _, err := Verify(context.Background(), p); !errors.Is(err, ErrNotPackage) {
		t.Errorf("plain zip: %v", err)
	}
	if _, err := Verify(context.Background(), filepath.Join(dir, "没有.zip")); err == nil || !strings.Contains(err.Error(), "找不到") {
		t.Errorf("missing path: %v", err)
	}
}

// FuzzReadZip: whatever bytes arrive as a "zip", reading its directory never panics, and what is
// accepted has only safe, unique names below one package root.
func FuzzReadZip(f *testing.F) {
	f.Add(overlapZip())
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("包/" + ManifestName)
	w.Write([]byte(ManifestHeader + "\ndigest 0000-0000-0000\n"))
	w, _ = zw.Create("包/../evil")
	w.Write([]byte("x"))
	zw.Close()
	f.Add(b.Bytes())
	b.Reset()
	zw = zip.NewWriter(&b)
	w, _ = zw.Create("包/" + AssessmentName)
	w.Write([]byte("{}"))
	zw.Close()
	f.Add(b.Bytes())
	// a local header naming another file than the directory (issue 10 item 7)
	b.Reset()
	zw = zip.NewWriter(&b)
	w, _ = zw.Create("包/" + AssessmentName)
	w.Write([]byte("{}"))
	zw.Close()
	renamed := bytes.Replace(b.Bytes(), []byte("包/"+AssessmentName), []byte("../../evil.json1234"), 1)
	f.Add(renamed)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := readZip(bytes.NewReader(data), int64(len(data)), "fuzz.zip")
		if err != nil {
			return
		}
		// whatever was accepted names every entry alike in its local header and the directory
		if zr, zerr := zip.NewReader(bytes.NewReader(data), int64(len(data))); zerr == nil || errors.Is(zerr, zip.ErrInsecurePath) {
			if err := checkLocalNames(bytes.NewReader(data), int64(len(data)), zr.File); err != nil {
				t.Fatalf("accepted, but: %v", err)
			}
		}
		seen := map[string]bool{}
		for _, sf := range s.files {
			if err := checkRelPath(sf.rel); err != nil {
				t.Fatalf("accepted unsafe name %q: %v", sf.rel, err)
			}
			if seen[foldName(sf.rel)] {
				t.Fatalf("accepted duplicate %q", sf.rel)
			}
			seen[foldName(sf.rel)] = true
			if rc, err := sf.zf.Open(); err == nil {
				io.Copy(io.Discard, io.LimitReader(rc, 1<<20))
				rc.Close()
			}
		}
	})
}

// TestZipBombsWithinTheCap (issue 10 item 7): 2 000 entries of 1 MiB − 1 zeros (3 MB of zip)
// made import write 2 GB, because only entries of ≥ 1 MiB were judged by ratio; many small
// entries are judged together. A local header naming a file differently from the central
// directory (../../evil.pdf) was accepted.
func TestZipBombsWithinTheCap(t *testing.T) {
	ok := zent{name: "pkg/" + ManifestName, data: []byte("x")}
	almostMiB := make([]byte, 1<<20-1)
	bomb := []zent{ok}
	for i := 0; i < 2000; i++ {
		bomb = append(bomb, zent{name: "pkg/佐证材料/" + itoa(int64(i)) + ".txt", data: almostMiB})
	}
	small := []zent{ok}
	for i := 0; i < 600; i++ { // each under the per-entry floor, 38 MB in all
		small = append(small, zent{name: "pkg/佐证材料/s" + itoa(int64(i)) + ".txt", data: make([]byte, 63<<10)})
	}
	renamed := zipOf(t, ok, zent{name: "pkg/佐证材料/aaaaaaaaaaaaaaa.pdf", data: []byte("pdf")})
	// rewrite the local header's name (same length) to a path escaping the folder
	i := bytes.Index(renamed, []byte("pkg/佐证材料/aaaaaaaaaaaaaaa.pdf"))
	evil := []byte("../../../../../../evil.pdf")
	padded := append(evil, bytes.Repeat([]byte("x"), len("pkg/佐证材料/aaaaaaaaaaaaaaa.pdf")-len(evil))...)
	copy(renamed[i:], padded)
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"2000 entries of 1 MiB − 1", zipOf(t, bomb...), "压缩炸弹"},
		{"600 small entries", zipOf(t, small...), "压缩炸弹"},
		{"local name differs", renamed, "与目录不一致"},
	} {
		p := filepath.Join(t.TempDir(), "包.zip")
		os.WriteFile(p, tc.data, 0o644)
		if _, err := Verify(context.Background(), p); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Verify err = %v", tc.name, err)
		}
		ev := filepath.Join(t.TempDir(), "evidence")
		if _, err := Import(context.Background(), p, ev, testCats); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Import err = %v", tc.name, err)
		}
		if _, err := os.Stat(ev); err == nil {
			t.Errorf("%s: Import wrote %s", tc.name, ev)
		}
	}
	// a real package zip still passes the header comparison
	if _, err := readZip(bytes.NewReader(mustReadZipOfSample(t)), int64(len(mustReadZipOfSample(t))), "ok.zip"); err != nil {
		t.Errorf("the sample package: %v", err)
	}
}
