package storage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvidenceDir(t *testing.T) {
	dir := t.TempDir()
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
