package export

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/windows"
)

// TestExportWhilePDFOpen runs under Wine (scripts/wine-smoke.sh) and on Windows: with 评分表.pdf
// open in a "reader" (shared for reading only), a new export names that file and leaves the
// whole old set as it was, nothing half-replaced.
func TestExportWhilePDFOpen(t *testing.T) {
	dir, err := os.MkdirTemp("", "export")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	a := sample(t)
	if _, err := WriteAll(dir, a, Options{}); err != nil {
		t.Fatal(err)
	}
	old := map[string][]byte{}
	for _, n := range []string{NameXLSX, NameScoreSheet, NameReport} {
		old[n], _ = os.ReadFile(filepath.Join(dir, n))
	}
	p, _ := windows.UTF16PtrFromString(filepath.Join(dir, NameScoreSheet))
	h, err := windows.CreateFile(p, windows.GENERIC_READ, windows.FILE_SHARE_READ, nil, windows.OPEN_EXISTING, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	a.Unit.Contact = "另一位联系人"
	_, err = WriteAll(dir, a, Options{})
	windows.CloseHandle(h)
	if err == nil || !strings.Contains(err.Error(), NameScoreSheet) || !strings.Contains(err.Error(), "正被其他程序打开") {
		t.Fatalf("export while the PDF is open: %v", err)
	}
	t.Logf("message: %v", err)
	for n, data := range old {
		if now, _ := os.ReadFile(filepath.Join(dir, n)); !bytes.Equal(now, data) {
			t.Errorf("%s was replaced although the export failed", n)
		}
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 3 {
		t.Errorf("%d files in the folder, want the 3 old ones", len(ents))
	}
}
