package pack

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func sampleEntries() []Entry {
	return []Entry{
		{Path: "assessment.json", Size: 1234, SHA256: strings.Repeat("a", 64)},
		{Path: "自评表.xlsx", Size: 20000, SHA256: strings.Repeat("b", 64)},
		{Path: "评分表.pdf", Size: 30000, SHA256: strings.Repeat("c", 64)},
		{Path: "自评报告.pdf", Size: 40000, SHA256: strings.Repeat("d", 64)},
		{Path: "说明.txt", Size: 900, SHA256: strings.Repeat("e", 64)},
		{Path: "佐证材料/036_行政处罚决定 公开截图.png", Size: 0, SHA256: strings.Repeat("f", 64)},
	}
}

func TestManifestRoundTrip(t *testing.T) {
	es := sampleEntries()
	m := &Manifest{Digest: ComputeDigest(es), Entries: es}
	data := m.Marshal()
	got, err := ParseManifest(data)
	if err != nil {
		t.Fatalf("ParseManifest: %v\n%s", err, data)
	}
	if got.Digest != m.Digest || ComputeDigest(got.Entries) != m.Digest {
		t.Errorf("digest %s, recomputed %s, want %s", got.Digest, ComputeDigest(got.Entries), m.Digest)
	}
	if len(got.Entries) != len(es) {
		t.Fatalf("%d entries, want %d", len(got.Entries), len(es))
	}
	// Windows editors add a BOM and CRLF: the entries still read the same
	crlf := "\ufeff" + strings.ReplaceAll(string(data), "\n", "\r\n")
	got2, err := ParseManifest([]byte(crlf))
	if err != nil || !reflect.DeepEqual(got2, got) {
		t.Errorf("CRLF+BOM manifest: %v", err)
	}
	// golden file: the text format is a promise to other tools
	golden := filepath.Join("..", "..", "testdata", "pack", "manifest.golden")
	if os.Getenv("UPDATE_GOLDEN") != "" {
		os.MkdirAll(filepath.Dir(golden), 0o755)
		os.WriteFile(golden, data, 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("golden: %v (run with UPDATE_GOLDEN=1 once)", err)
	}
	if string(want) != string(data) {
		t.Errorf("manifest text changed:\n%s\nwant:\n%s", data, want)
	}
}

func TestDigest(t *testing.T) {
	es := sampleEntries()
	d := ComputeDigest(es)
	if !isDigest(d) {
		t.Fatalf("digest %q has the wrong form", d)
	}
	// order of entries does not matter
	rev := append([]Entry(nil), es...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	if ComputeDigest(rev) != d {
		t.Error("digest depends on entry order")
	}
	// every field of a covered entry matters; the content of the files that print the digest does not
	for i := range es {
		for _, change := range []func(*Entry){
			func(e *Entry) { e.Size++ },
			func(e *Entry) { e.SHA256 = strings.Repeat("0", 64) },
		} {
			mod := append([]Entry(nil), es...)
			change(&mod[i])
			changed := ComputeDigest(mod) != d
			if exempt := digestExempt(es[i].Path); changed == exempt {
				t.Errorf("changing %s: digest changed = %v, exempt = %v", es[i].Path, changed, exempt)
			}
		}
		mod := append([]Entry(nil), es...)
		mod[i].Path = "其他/" + mod[i].Path // renaming any file, even a PDF, is a change
		if ComputeDigest(mod) == d {
			t.Errorf("renaming %s does not change the digest", es[i].Path)
		}
	}
	// a file added or removed changes it
	if ComputeDigest(es[1:]) == d || ComputeDigest(append(es, Entry{Path: "x", SHA256: strings.Repeat("1", 64)})) == d {
		t.Error("digest ignores a removed or added file")
	}
}

func TestNormalizeDigest(t *testing.T) {
	d := "K3M9-7QXD-2B4N"
	for _, in := range []string{d, "k3m9-7qxd-2b4n", "K3M97QXD2B4N", "k3m9 7qxd 2b4n", "K3M9－7QXD－2B4N"} {
		if got := NormalizeDigest(in); got != d {
			t.Errorf("NormalizeDigest(%q) = %q", in, got)
		}
	}
	if got := NormalizeDigest("OIL0-0000-0000"); got != "0110-0000-0000" {
		t.Errorf("look-alikes: %q", got)
	}
	for _, bad := range []string{"", "K3M9-7QXD", "K3M9-7QXD-2B4NX", "K3M9-7QXD-2B4U", "中文"} {
		if got := NormalizeDigest(bad); got != "" {
			t.Errorf("NormalizeDigest(%q) = %q, want refusal", bad, got)
		}
	}
}

func TestParseManifestRefusals(t *testing.T) {
	h := strings.Repeat("a", 64)
	head := ManifestHeader + "\ndigest K3M9-7QXD-2B4N\n"
	tests := []struct {
		name, text, want string
	}{
		{"empty", "", "不完整"},
		{"not a manifest", "hello\n", "不是报送包校验清单"},
		{"newer version", "sanxiang.package 2\n", "不支持的版本"},
		{"no digest", ManifestHeader + "\n" + h + " 1 a.txt\n", "校验码格式错误"},
		{"bad digest", ManifestHeader + "\ndigest K3M9-7QXD-2B4U\n", "校验码格式错误"},
		{"two fields", head + h + " 1\n", "应为"},
		{"short hash", head + "abc 1 a.txt\n", "SHA-256"},
		{"upper hash", head + strings.Repeat("A", 64) + " 1 a.txt\n", "SHA-256"},
		{"negative size", head + h + " -1 a.txt\n", "字节数"},
		{"leading zero", head + h + " 01 a.txt\n", "字节数"},
		{"plus size", head + h + " +1 a.txt\n", "字节数"},
		{"huge size", head + h + " 99999999999999999999 a.txt\n", "字节数"},
		{"dotdot", head + h + " 1 ../a.txt\n", "报送包之外"},
		{"inner dotdot", head + h + " 1 佐证材料/../../a.txt\n", "报送包之外"},
		{"absolute", head + h + " 1 /etc/passwd\n", "绝对路径"},
		{"backslash absolute", head + h + " 1 \\a.txt\n", "绝对路径"},
		{"drive", head + h + " 1 C:/a.txt\n", "盘符"},
		{"backslash", head + h + " 1 佐证材料\\a.txt\n", "Windows"},
		{"empty part", head + h + " 1 佐证材料//a.txt\n", "空的层级"},
		{"trailing slash", head + h + " 1 佐证材料/\n", "空的层级"},
		{"reserved", head + h + " 1 NUL.txt\n", "Windows"},
		{"stream", head + h + " 1 a.txt:secret\n", "Windows"},
		{"duplicate", head + h + " 1 a.txt\n" + h + " 2 a.txt\n", "重复"},
		{"case duplicate", head + h + " 1 A.txt\n" + h + " 2 a.txt\n", "重复"},
		{"file and folder", head + h + " 1 a\n" + h + " 2 a/b.txt\n", "既是文件又是文件夹"},
		{"lists itself", head + h + " 1 " + ManifestName + "\n", "它自己"},
		{"not utf8", head + h + " 1 \xff.txt\n", "UTF-8"},
	}
	for _, tt := range tests {
		_, err := ParseManifest([]byte(tt.text))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one containing %q", tt.name, err, tt.want)
		}
	}
	big := make([]byte, MaxManifestSize+1)
	if _, err := ParseManifest(big); err == nil {
		t.Error("oversized manifest accepted")
	}
}

func FuzzParseManifest(f *testing.F) {
	es := sampleEntries()
	f.Add((&Manifest{Digest: ComputeDigest(es), Entries: es}).Marshal())
	f.Add([]byte(ManifestHeader + "\ndigest 0000-0000-0000\n"))
	f.Add([]byte(ManifestHeader + "\r\ndigest 0000-0000-0000\r\n" + strings.Repeat("0", 64) + " 0 a/b c\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseManifest(data)
		if err != nil {
			return
		}
		for _, e := range m.Entries {
			if checkRelPath(e.Path) != nil || e.Size < 0 || !isHexDigest(e.SHA256) {
				t.Fatalf("accepted bad entry %+v", e)
			}
		}
		// what was accepted writes back and reads again to the same entries and digest
		again, err := ParseManifest(m.Marshal())
		if err != nil {
			t.Fatalf("re-parse of accepted manifest: %v", err)
		}
		if again.Digest != m.Digest || ComputeDigest(again.Entries) != ComputeDigest(m.Entries) || len(again.Entries) != len(m.Entries) {
			t.Fatalf("round trip changed the manifest")
		}
	})
}
