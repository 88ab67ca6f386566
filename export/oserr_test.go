package export

import (
	"errors"
	"io/fs"
	"path/filepath"
	"testing"

	"sanxiang/internal/oserr/oserrtest"
	"sanxiang/scoring"
)

// A file that cannot be created is explained in Chinese: only the path may hold Latin letters.
func TestMissingFolderErrorIsChinese(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "no-such-folder")
	a := sample(t)
	for name, write := range map[string]func(string, *scoring.Assessment, Options) error{
		NameXLSX: WriteXLSX, NameScoreSheet: WriteScoreSheet, NameReport: WriteReport} {
		err := write(filepath.Join(dir, name), a, Options{Date: testDate, LinkBase: dir})
		if !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("%s: err = %v, want fs.ErrNotExist", name, err)
		}
		if e := oserrtest.English(err.Error(), dir, name); e != "" {
			t.Errorf("%s: %q has English %q", name, err, e)
		}
	}
}
