package pack

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLooksLikePackage: the walk over a stick tells packages (also damaged ones) from folders
// and zips that hold no package at all.
func TestLooksLikePackage(t *testing.T) {
	a := sample(t)
	folder, _ := build(t, a, false)
	zipped, _ := build(t, a, true)
	data := mustRead(t, zipped.Path)
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	notices := filepath.Join(dir, "会议通知")
	os.MkdirAll(notices, 0o755)
	os.WriteFile(filepath.Join(notices, "通知.docx"), []byte("通知"), 0o644)
	stick := filepath.Join(dir, "U盘")
	copyTree(t, folder.Path, filepath.Join(stick, filepath.Base(folder.Path)))
	for _, tc := range []struct {
		name string
		path string
		want bool
	}{
		{"package folder", folder.Path, true},
		{"package zip", zipped.Path, true},
		{"renamed package zip", write("雁塔局.zip", data), true},
		{"truncated zip", write("雁塔局(截断).zip", data[:len(data)/2]), true},
		{"truncated zip with a package name", write("某局_2020_三项制度自评.zip", []byte("PK\x03\x04 cut")), true},
		{"re-zipped with the manifest at the top", write("顶层.zip", zipOf(t, zent{name: ManifestName, data: []byte("x")})), true},
		{"zip of assessment.json in one folder", write("一层.zip", zipOf(t, zent{name: "包/" + AssessmentName, data: []byte("{}")})), true},
		{"random zip", write("照片.zip", zipOf(t, zent{name: "a/b.jpg", data: []byte("x")})), false},
		{"manifest too deep", write("深.zip", zipOf(t, zent{name: "a/b/" + ManifestName, data: []byte("x")})), false},
		{"only __MACOSX", write("mac.zip", zipOf(t, zent{name: "__MACOSX/" + ManifestName, data: []byte("x")})), false},
		{"not a zip at all", write("随便.zip", []byte("hello")), false},
		{"a text file", write("说明.txt", []byte("x")), false},
		{"folder of notices", notices, false},
		{"stick root holding one package", stick, false},
	} {
		got, err := LooksLikePackage(tc.path)
		if err != nil || got != tc.want {
			t.Errorf("%s: %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
	if _, err := LooksLikePackage(filepath.Join(dir, "没有")); err == nil {
		t.Error("a missing path is no error")
	}
}

// TestImportDigestAndPeek: the import hands back the verified digest; Peek reads the unit and
// year without copying anything.
func TestImportDigestAndPeek(t *testing.T) {
	a := sample(t)
	res, _ := build(t, a, true)
	p, err := Peek(res.Path, testCats)
	if err != nil || p.Unit.CreditCode != a.Unit.CreditCode || p.Year != a.Year {
		t.Fatalf("Peek: %v %+v", err, p)
	}
	ev := filepath.Join(t.TempDir(), "evidence")
	got, digest, err := ImportDigest(context.Background(), res.Path, ev, testCats, nil)
	if err != nil || digest != res.Digest || got.Unit.Name != a.Unit.Name {
		t.Fatalf("ImportDigest: %v %q want %q", err, digest, res.Digest)
	}
	if _, err := Peek(filepath.Join(t.TempDir(), "x.zip"), testCats); err == nil {
		t.Error("Peek of a missing zip")
	}
}

// FuzzLooksLikePackage: whatever bytes a .zip on a stick holds, judging it never panics, and a
// valid package zip stays a package whatever follows its name.
func FuzzLooksLikePackage(f *testing.F) {
	f.Add([]byte("PK\x03\x04"), "x.zip")
	f.Add([]byte("PK\x03\x04\x14\x00\x08\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x0c\x00\x00\x00a_三项制度自评/"), "y.zip")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("包/" + ManifestName)
	w.Write([]byte("x"))
	zw.Close()
	f.Add(buf.Bytes(), "z.zip")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		got := zipLooksLikePackage(bytes.NewReader(data), int64(len(data)), name)
		if got && len(data) < 4 && !strings.HasSuffix(strings.TrimSuffix(name, filepath.Ext(name)), packageSuffix) {
			t.Errorf("%q (%q) is a package", data, name)
		}
	})
}
