package app

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"sanxiang/storage"
)

// The review of a unit compares the imported copies of the page's evidence with the package's
// SHA-256: a copy with one byte changed (same size) shows 文件已被修改（与报送包不一致） and
// cannot be opened, a missing copy still shows 缺失; going to another page and back reads no
// unchanged file again; the 汇总 then counts the changed copy.
func TestReviewShowsChangedEvidenceCopy(t *testing.T) {
	e := newEnv(t)
	e.u.win.Resize(fyne.NewSize(1366, 768))
	dir := t.TempDir()
	a := seedUnit(t, e.u.ws.Catalog(), dir, 1, 2025) // odd: the second file is missing
	body := "%PDF-1.4 佐证"
	sum := sha256.Sum256([]byte(body))
	no := e.u.ws.Catalog().Numbers()[0]
	ans := a.Answers[no]
	for k := range ans.Evidence {
		ans.Evidence[k].SHA256 = hex.EncodeToString(sum[:])
	}
	a.Answers[no] = ans
	id, err := e.db.ImportPackage(a, storage.PackageRecord{Digest: "ABCD", Verified: true, ImportedAt: time.Now()}, false)
	if err != nil {
		t.Fatal(err)
	}
	first := ans.Evidence[0].Path
	changed := []byte(body)
	changed[len(changed)-1] ^= 1 // one byte, same size
	if err := os.WriteFile(first, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	os.Chtimes(first, later, later)

	deps := e.u.bureauDeps()
	b := newBureau(deps)
	b.show()
	e.pump(func() bool {
		select {
		case <-b.loaded:
			return true
		default:
			return false
		}
	})
	if got := b.rows[0].MissingEvidence; got != 1 {
		t.Errorf("汇总 before the review read anything: %d missing, want 1 (the list reads no file)", got)
	}
	var opened []string
	b.d.openFile = func(p string) { opened = append(opened, p) }
	r := openReview(t, e, b, id)
	e.pump(func() bool {
		return strings.Contains(e.texts(), "文件已被修改（与报送包不一致）：执法台账1.pdf")
	})
	texts := e.texts()
	if !strings.Contains(texts, "缺失：执法台账2.pdf") {
		t.Errorf("the missing copy is not shown as 缺失:\n%s", texts)
	}
	if findButton(r.cards[no].evidence, "打开") != nil {
		t.Error("a changed copy can be opened")
	}
	e.snap("review-evidence-changed")
	read := deps.copies.Hashed()
	if read != 1 {
		t.Errorf("the page's present file was read %d times, want 1", read)
	}
	r.show(1)
	e.settle()
	r.show(0)
	e.settle()
	if deps.copies.Hashed() != read {
		t.Errorf("showing the page again read %d files again", deps.copies.Hashed()-read)
	}
	if !strings.Contains(e.texts(), "文件已被修改（与报送包不一致）：执法台账1.pdf") {
		t.Error("the changed copy is not shown after the page change")
	}
	// the copy is put back as the package had it: the page shows it again, with 打开
	if err := os.WriteFile(first, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(first, later.Add(time.Minute), later.Add(time.Minute))
	r.show(1)
	e.settle()
	r.show(0)
	e.pump(func() bool { return findButton(r.cards[no].evidence, "打开") != nil })
	findButton(r.cards[no].evidence, "打开").OnTapped()
	if len(opened) != 1 || opened[0] != first {
		t.Errorf("opened %v", opened)
	}
	// changed again: the 汇总 counts what the review found
	os.WriteFile(first, changed, 0o644)
	os.Chtimes(first, later.Add(2*time.Minute), later.Add(2*time.Minute))
	r.show(1)
	e.settle()
	r.show(0)
	e.pump(func() bool { return strings.Contains(e.texts(), "文件已被修改（与报送包不一致）") })
	r.back()
	e.pump(func() bool { return len(b.rows) == 1 && b.rows[0].MissingEvidence == 2 })
}
