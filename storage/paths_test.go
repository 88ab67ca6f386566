package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestStatEvidence(t *testing.T) {
	dir := t.TempDir()
	data := []byte(strings.Repeat("台账资料", 100000)) // > 1 MB: streamed, not one read
	file := filepath.Join(dir, "执法 案卷.pdf")
	os.WriteFile(file, data, 0o644)
	empty := filepath.Join(dir, "空.txt")
	os.WriteFile(empty, nil, 0o644)
	secret := filepath.Join(dir, "无权限.doc")
	os.WriteFile(secret, data, 0o000)
	sum := sha256.Sum256(data)
	zero := sha256.Sum256(nil)
	for _, tc := range []struct {
		name, path string
		size       int64
		sha, err   string
	}{
		{"file", file, int64(len(data)), hex.EncodeToString(sum[:]), ""},
		{"empty file", empty, 0, hex.EncodeToString(zero[:]), ""},
		{"missing", filepath.Join(dir, "没有.pdf"), 0, "", "找不到文件"},
		{"folder", dir, 0, "", "是文件夹"},
		{"unreadable", secret, 0, "", "没有权限"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "unreadable" && (os.Geteuid() == 0 || runtime.GOOS == "windows") {
				f, err := os.Open(secret)
				if err == nil {
					f.Close()
					t.Skip("running with rights to read any file")
				}
			}
			before := time.Now()
			e, err := StatEvidence(tc.path)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !hasZh(err.Error()) {
					t.Fatalf("StatEvidence = %+v, %v; want error %q", e, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if e.Path != tc.path || e.Name != filepath.Base(tc.path) || e.Size != tc.size || e.SHA256 != tc.sha || e.Added.Before(before) {
				t.Errorf("StatEvidence = %+v", e)
			}
		})
	}
	rel, err := StatEvidence(filepath.Join(".", "paths_test.go"))
	if err != nil || !filepath.IsAbs(rel.Path) {
		t.Errorf("relative path: %+v %v", rel, err)
	}
}

func TestFileExistsAndEvidenceDir(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "a.pdf")
	os.WriteFile(f, []byte("x"), 0o644)
	for path, want := range map[string]bool{f: true, dir: false, filepath.Join(dir, "b.pdf"): false, "": false} {
		if got := FileExists(path); got != want {
			t.Errorf("FileExists(%q) = %v", path, got)
		}
	}
	if got, want := EvidenceDir(filepath.Join(dir, "sanxiang.db")), filepath.Join(dir, "evidence"); got != want {
		t.Errorf("EvidenceDir = %q, want %q", got, want)
	}
}

func TestDefaultPathAndPortableMode(t *testing.T) {
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config) // os.UserConfigDir on Linux
	t.Setenv("AppData", config)         // on Windows
	t.Setenv("HOME", config)            // on macOS: $HOME/Library/Application Support
	nextToExe, err := portablePath()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(nextToExe); err == nil {
		t.Skipf("%s exists already", nextToExe)
	}

	p, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p, config) || filepath.Base(p) != "sanxiang.db" || filepath.Base(filepath.Dir(p)) != "sanxiang" {
		t.Errorf("DefaultPath = %q, want <%s>/sanxiang/sanxiang.db", p, config)
	}
	if st, err := os.Stat(filepath.Dir(p)); err != nil || !st.IsDir() {
		t.Errorf("DefaultPath did not create its folder: %v", err)
	}
	if IsPortable(p) {
		t.Error("config-dir database reported portable")
	}

	if err := os.WriteFile(nextToExe, nil, 0o644); err != nil {
		t.Skipf("cannot write next to the test binary: %v", err)
	}
	defer os.Remove(nextToExe)
	p, err = DefaultPath()
	if err != nil || p != nextToExe {
		t.Errorf("with a next-to-exe database DefaultPath = %q, %v; want %q", p, err, nextToExe)
	}
	if !IsPortable(p) {
		t.Error("next-to-exe database not reported portable")
	}
	wd, _ := os.Getwd()
	if rel, err := filepath.Rel(wd, nextToExe); err == nil && !IsPortable(rel) {
		t.Error("IsPortable fails on a relative spelling of the portable path")
	}
}
