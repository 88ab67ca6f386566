package main

import (
	"os"
	"path/filepath"
	"testing"

	"sanxiang/internal/oserr/oserrtest"
)

// Missing files reach the user in Chinese: stderr holds no English beyond the paths named.
func TestMissingFileErrorsAreChinese(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no", "such.json")
	catalog := filepath.Join(dir, "catalog.json")
	file := filepath.Join(dir, "file.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(file, "out") // cannot be created: its parent is a file
	for _, tc := range []struct {
		args  []string
		paths []string
	}{
		{[]string{"score", missing}, []string{missing}},
		{[]string{"score", "--catalog", catalog, sample}, []string{catalog}},
		{[]string{"export", missing, "--out", dir}, []string{missing}},
		{[]string{"package", missing, "--out", dir}, []string{missing}},
		{[]string{"verify", missing}, []string{missing}},
		{[]string{"import", missing, "--db", filepath.Join(dir, "x.db")}, []string{missing}},
		{[]string{"export", sample, "--out", out}, []string{out}},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		if code != 1 {
			t.Errorf("%v: exit %d, want 1 (stderr %q)", tc.args, code, stderr)
		}
		// "--" options and file names in the arguments are the user's own words.
		allowed := append([]string{"--catalog", "--out", "--db", "--replace"}, tc.paths...)
		if e := oserrtest.English(stderr, allowed...); e != "" {
			t.Errorf("%v: stderr %q has English %q", tc.args, stderr, e)
		}
	}
}
