package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"sanxiang/internal/oserr/oserrtest"
)

func TestWriteReplacesOnlyOnSuccess(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "目标 文件.json")
	if err := WriteFile(p, []byte("old")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(p, func(w io.Writer) error {
		w.Write([]byte("half"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != "old" {
		t.Fatalf("target changed to %q after a failed write", got)
	}
	if err := WriteFile(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	got, _ = os.ReadFile(p)
	entries, _ := os.ReadDir(dir)
	if string(got) != "new" || len(entries) != 1 {
		t.Fatalf("got %q with %d entries (temp files left?)", got, len(entries))
	}
}

func TestCreateInMissingDir(t *testing.T) {
	if _, err := Create(filepath.Join(t.TempDir(), "no", "such", "f")); err == nil {
		t.Fatal("no error for a missing directory")
	}
}

func TestCommittedFileIsReadableByOthers(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out.pdf")
	if err := WriteFile(p, []byte("x")); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o644 {
		t.Fatalf("mode %v, want 0644", st.Mode().Perm())
	}
}

// A target in a missing folder is refused in Chinese: only the path may hold Latin letters.
func TestMissingFolderErrorIsChinese(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "missing")
	err := WriteFile(filepath.Join(dir, "out.json"), []byte("x"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want fs.ErrNotExist", err)
	}
	if e := oserrtest.English(err.Error(), dir); e != "" {
		t.Errorf("%q has English %q", err, e)
	}
	f, err := Create(filepath.Join(t.TempDir(), "a.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err == nil || oserrtest.English(err.Error()) != "" {
		t.Errorf("second Commit: %v", err)
	}
}

// TestCommitAllIsAllOrNothing (issue 10 item 9): an export replaced its first two files and then
// failed on the third. Whichever rename fails, every old file stays and no new one appears.
func TestCommitAllIsAllOrNothing(t *testing.T) {
	for failAt := 0; failAt < 6; failAt++ {
		dir := t.TempDir()
		names := []string{"a.xlsx", "b.pdf", "c.pdf"}
		var files []*File
		for i, n := range names {
			p := filepath.Join(dir, n)
			if i != 1 { // b.pdf is new, the others replace an earlier export
				os.WriteFile(p, []byte("old "+n), 0o644)
			}
			f, err := Create(p)
			if err != nil {
				t.Fatal(err)
			}
			f.Write([]byte("new " + n))
			files = append(files, f)
		}
		calls := 0
		err := commitAll(files, func(from, to string) error {
			calls++
			if calls == failAt+1 {
				return errors.New("injected")
			}
			return os.Rename(from, to)
		})
		ents, _ := os.ReadDir(dir)
		if calls <= failAt { // fewer renames than the injection point: it succeeded
			if err != nil {
				t.Fatalf("failAt %d: %v", failAt, err)
			}
			for _, n := range names {
				if b, _ := os.ReadFile(filepath.Join(dir, n)); string(b) != "new "+n {
					t.Errorf("failAt %d: %s = %q", failAt, n, b)
				}
			}
		} else {
			if err == nil {
				t.Fatalf("failAt %d: no error", failAt)
			}
			for i, n := range names {
				b, rerr := os.ReadFile(filepath.Join(dir, n))
				if i == 1 && !errors.Is(rerr, os.ErrNotExist) || i != 1 && string(b) != "old "+n {
					t.Errorf("failAt %d: %s = %q, %v", failAt, n, b, rerr)
				}
			}
		}
		want := len(names)
		if err != nil {
			want = 2
		}
		if len(ents) != want {
			t.Errorf("failAt %d: %d files left in the folder, want %d: %v", failAt, len(ents), want, ents)
		}
	}
}
