package pack

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestVerifyIgnoresOSByProducts: what Excel, Explorer and macOS leave in a package folder is
// listed as 可忽略的系统文件 and the package passes; any other extra file still fails.
func TestVerifyIgnoresOSByProducts(t *testing.T) {
	res, _ := build(t, sample(t), false)
	junkFiles := []string{"~$自评表.xlsx", "Thumbs.db", "desktop.ini", ".DS_Store", EvidenceFolder + "/Thumbs.db",
		"__MACOSX/._自评表.xlsx"}
	for _, j := range junkFiles {
		p := filepath.Join(res.Path, filepath.FromSlash(j))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("by-product"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := Verify(context.Background(), res.Path)
	if err != nil || !rep.OK {
		t.Fatalf("with OS by-products: %v\n%s", err, rep.Summary())
	}
	want := []string{".DS_Store", "Thumbs.db", "__MACOSX/._自评表.xlsx", "desktop.ini", "~$自评表.xlsx", EvidenceFolder + "/Thumbs.db"}
	if !reflect.DeepEqual(rep.Ignored, want) || len(rep.Extra) != 0 {
		t.Errorf("Ignored %q Extra %q, want %q", rep.Ignored, rep.Extra, want)
	}
	s := rep.Summary()
	if !strings.Contains(s, "报送包校验通过") || !strings.Contains(s, "可忽略的系统文件（6 个") || !strings.Contains(s, "~$自评表.xlsx") {
		t.Errorf("summary:\n%s", s)
	}
	// a real extra file beside them is still a failure, and the by-products are still only a note
	os.WriteFile(filepath.Join(res.Path, "补充说明.docx"), []byte("x"), 0o644)
	rep, err = Verify(context.Background(), res.Path)
	if err != nil || rep.OK || !reflect.DeepEqual(rep.Extra, []string{"补充说明.docx"}) || len(rep.Ignored) != 6 {
		t.Errorf("with a real extra file: %v %+v", err, rep)
	}
	if s := rep.Summary(); !strings.Contains(s, "多出的文件（1 个）") || !strings.Contains(s, "可忽略的系统文件") {
		t.Errorf("summary:\n%s", s)
	}
}

// TestMacZip: a package folder compressed on a Mac ("压缩") has __MACOSX/ with ._ resource
// forks beside the package folder and .DS_Store inside it; it verifies and imports.
func TestMacZip(t *testing.T) {
	a := sample(t)
	res, _ := build(t, a, false)
	os.WriteFile(filepath.Join(res.Path, ".DS_Store"), []byte("finder"), 0o644)
	top := filepath.Base(res.Path)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, data []byte) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	err := filepath.WalkDir(res.Path, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(filepath.Dir(res.Path), p)
		rel = filepath.ToSlash(rel)
		f, _ := os.Open(p)
		data, _ := io.ReadAll(f)
		f.Close()
		add(rel, data)
		dir, base := filepath.Split(rel)
		add("__MACOSX/"+dir+"._"+base, []byte("resource fork"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	zw.Close()
	p := filepath.Join(t.TempDir(), top+".zip")
	os.WriteFile(p, buf.Bytes(), 0o644)
	rep, err := Verify(context.Background(), p)
	if err != nil || !rep.OK || rep.Digest != res.Digest {
		t.Fatalf("mac zip: %v\n%s", err, rep.Summary())
	}
	if len(rep.Ignored) == 0 || !strings.Contains(rep.Summary(), "可忽略的系统文件") {
		t.Errorf("mac zip by-products not noted:\n%s", rep.Summary())
	}
	got, err := Import(context.Background(), p, filepath.Join(t.TempDir(), "evidence"), testCats)
	if err != nil {
		t.Fatalf("import mac zip: %v", err)
	}
	sameAssessment(t, got, a)
}
