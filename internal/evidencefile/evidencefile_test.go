package evidencefile

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode"

	"sanxiang/internal/oserr/oserrtest"
)

func hasZh(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func TestStat(t *testing.T) {
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
		is         error // the system's error still reachable with errors.Is
	}{
		{"file", file, int64(len(data)), hex.EncodeToString(sum[:]), "", nil},
		{"empty file", empty, 0, hex.EncodeToString(zero[:]), "", nil},
		{"missing", filepath.Join(dir, "没有.pdf"), 0, "", "找不到文件", fs.ErrNotExist},
		{"missing folder", filepath.Join(dir, "没有", "a.pdf"), 0, "", "找不到文件", fs.ErrNotExist},
		{"folder", dir, 0, "", "是文件夹", nil},
		{"unreadable", secret, 0, "", "没有权限", fs.ErrPermission},
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
			e, err := Stat(tc.path)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !hasZh(err.Error()) {
					t.Fatalf("Stat = %+v, %v; want error %q", e, err, tc.err)
				}
				if eng := oserrtest.English(err.Error(), tc.path); eng != "" {
					t.Errorf("Stat error %q has English %q", err, eng)
				}
				if tc.is != nil && !errors.Is(err, tc.is) {
					t.Errorf("Stat error %v does not unwrap to %v", err, tc.is)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if e.Path != tc.path || e.Name != filepath.Base(tc.path) || e.Size != tc.size || e.SHA256 != tc.sha || e.Added.Before(before) {
				t.Errorf("Stat = %+v", e)
			}
		})
	}
	rel, err := Stat(filepath.Join(".", "evidencefile_test.go"))
	if err != nil || !filepath.IsAbs(rel.Path) {
		t.Errorf("relative path: %+v %v", rel, err)
	}
}

func TestProbeAndExists(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "a.pdf")
	os.WriteFile(f, []byte("x"), 0o644)
	for path, want := range map[string]State{
		f:                                    Present,
		dir:                                  Missing, // a folder is not an evidence file
		filepath.Join(dir, "b.pdf"):          Missing,
		filepath.Join(f, "under-a-file.pdf"): Missing, // ENOTDIR
		"":                                   Missing,
	} {
		if got := Probe(path); got != want {
			t.Errorf("Probe(%q) = %v, want %v", path, got, want)
		}
		if got := Exists(path); got != (want == Present) {
			t.Errorf("Exists(%q) = %v", path, got)
		}
	}
}

// A failing disk is Unreachable, not Missing: the screen says 无法访问, not that the file is gone.
func TestStateOfErrors(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want State
	}{
		{&fs.PathError{Op: "stat", Path: "E:\\a.pdf", Err: fs.ErrNotExist}, Missing},
		{&fs.PathError{Op: "stat", Path: "E:\\a.pdf", Err: fs.ErrPermission}, Unreachable},
		{&fs.PathError{Op: "stat", Path: "E:\\a.pdf", Err: os.ErrDeadlineExceeded}, Unreachable},
		{errors.New("I/O error"), Unreachable},
	} {
		if got := stateOf(nil, tc.err); got != tc.want {
			t.Errorf("stateOf(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

func TestStateTexts(t *testing.T) {
	for s, want := range map[State]string{Unknown: "检查中", Present: "存在", Missing: "文件已不存在", Unreachable: "无法访问"} {
		if s.String() != want {
			t.Errorf("%d.String() = %q, want %q", s, s.String(), want)
		}
		if s.Gone() != (s == Missing || s == Unreachable) {
			t.Errorf("%v.Gone() = %v", s, s.Gone())
		}
	}
}

func TestVolumeOf(t *testing.T) {
	for path, want := range map[string]string{
		`E:\佐证\a.pdf`:                 "E:",
		`e:/佐证/a.pdf`:                 "E:",
		`\\Server\Share\dir\a.pdf`:    `\\server\share`,
		`//server/share/a.pdf`:        `\\server\share`,
		"/media/li/KINGSTON/佐证/a.pdf": "/media/li/KINGSTON",
		"/run/media/li/U盘/a.pdf":      "/run/media/li/U盘",
		"/mnt/share/a.pdf":            "/mnt/share",
		"/Volumes/STICK/a.pdf":        "/Volumes/STICK",
		"/home/li/a.pdf":              "/",
		"/media/li":                   "/",
		"a.pdf":                       "",
	} {
		if got := VolumeOf(path); got != want {
			t.Errorf("VolumeOf(%q) = %q, want %q", path, got, want)
		}
	}
}
