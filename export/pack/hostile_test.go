//go:build unix

package pack

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"sanxiang/scoring"
)

// TestReplaceOnlyOurPackages (issue 10 item 2): --replace deleted whatever folder had the
// package's name, with the user's documents inside. Only our own layout is replaced.
func TestReplaceOnlyOurPackages(t *testing.T) {
	a := sample(t)
	name := PackageName(a.Unit.Name, a.Year)
	for _, tc := range []struct {
		name   string
		zipped bool
		make   func(final string)
	}{
		{"user folder", false, func(final string) {
			os.MkdirAll(filepath.Join(final, "我的文件"), 0o755)
			os.WriteFile(filepath.Join(final, "我的文件", "工作底稿.docx"), []byte("底稿"), 0o644)
		}},
		{"package plus a user file", false, func(final string) {
			os.MkdirAll(filepath.Join(final, EvidenceFolder), 0o755)
			os.WriteFile(filepath.Join(final, ManifestName), []byte("x"), 0o644)
			os.WriteFile(filepath.Join(final, "工作底稿.docx"), []byte("底稿"), 0o644)
		}},
		{"folder named like the zip", true, func(final string) {
			os.MkdirAll(final, 0o755)
			os.WriteFile(filepath.Join(final, "工作底稿.docx"), []byte("底稿"), 0o644)
		}},
		{"a file named like the zip", true, func(final string) {
			os.WriteFile(final, []byte("不是 zip"), 0o644)
		}},
	} {
		target := t.TempDir()
		final := filepath.Join(target, name)
		if tc.zipped {
			final += ".zip"
		}
		tc.make(final)
		_, err := Build(context.Background(), a, target, Options{Catalogs: testCats, Zip: tc.zipped, Replace: true})
		if err == nil || !strings.Contains(err.Error(), "不是本程序生成的报送包") {
			t.Errorf("%s: err = %v", tc.name, err)
		}
		if _, err := os.Stat(final); err != nil {
			t.Errorf("%s: the user's %s is gone", tc.name, final)
		}
		if left := listDir(t, target); len(left) != 1 {
			t.Errorf("%s: target holds %v", tc.name, left)
		}
	}
}

// TestReplaceSaysWhatWasLeft: an old package that cannot be deleted completely is reported
// (it was left silently as …三项制度自评.~旧-<n>/).
func TestReplaceSaysWhatWasLeft(t *testing.T) {
	a := sample(t)
	res, target := build(t, a, false)
	stuck := filepath.Join(res.Path, ReadmeName)
	if err := exec.Command("chattr", "+i", stuck).Run(); err != nil {
		t.Skip("chattr +i is not available:", err)
	}
	var left string
	defer func() {
		exec.Command("chattr", "-i", stuck).Run()
		exec.Command("chattr", "-i", filepath.Join(left, ReadmeName)).Run()
	}()
	// an immutable file cannot be renamed either, so the folder is moved aside but not emptied
	res2, err := Build(context.Background(), a, target, Options{Catalogs: testCats, Replace: true, Date: testDate})
	if err != nil {
		if !strings.Contains(err.Error(), "无法替换") {
			t.Fatalf("replace: %v", err)
		}
		return
	}
	left = res2.Leftover
	if left == "" {
		t.Fatal("the old package was not fully removed, but Result.Leftover is empty")
	}
	if _, err := os.Stat(left); err != nil {
		t.Errorf("Leftover %s does not exist", left)
	}
}

// TestEmptyCreditCodeRefusedEverywhere (issue 10 item 11): such a package was built and
// verified, then could never be imported.
func TestEmptyCreditCodeRefusedEverywhere(t *testing.T) {
	a := sample(t)
	res, _ := build(t, a, false)
	a.Unit.CreditCode = ""
	if _, err := Build(context.Background(), a, t.TempDir(), Options{Catalogs: testCats}); err == nil || !strings.Contains(err.Error(), "统一社会信用代码") {
		t.Errorf("Build: %v", err)
	}
	// a package whose assessment.json (and manifest, consistently) lacks the code
	data := mustRead(t, filepath.Join(res.Path, AssessmentName))
	edited := strings.Replace(string(data), `"credit_code": "11610113MB12345675"`, `"credit_code": ""`, 1)
	if edited == string(data) {
		t.Fatal("credit code not found in assessment.json")
	}
	os.WriteFile(filepath.Join(res.Path, AssessmentName), []byte(edited), 0o644)
	m, _ := ParseManifest(mustRead(t, filepath.Join(res.Path, ManifestName)))
	for i, e := range m.Entries {
		if e.Path == AssessmentName {
			m.Entries[i].Size, m.Entries[i].SHA256 = int64(len(edited)), sha256Hex([]byte(edited))
		}
	}
	m.Digest = ComputeDigest(m.Entries)
	os.WriteFile(filepath.Join(res.Path, ManifestName), m.Marshal(), 0o644)
	rep, err := Verify(context.Background(), res.Path)
	if err != nil || rep.OK || !strings.Contains(rep.Summary(), "统一社会信用代码") {
		t.Errorf("Verify: %v OK=%v %s", err, rep.OK, rep.Summary())
	}
	ev := filepath.Join(t.TempDir(), "evidence")
	if _, err := Import(context.Background(), res.Path, ev, testCats); err == nil || !strings.Contains(err.Error(), "统一社会信用代码") {
		t.Errorf("Import: %v", err)
	}
	if _, err := os.Stat(ev); !errors.Is(err, os.ErrNotExist) {
		t.Error("a refused import created the evidence folder")
	}
}

// TestConcurrentImportsBothSucceed (issue 10 item 12): the loser of two imports racing for the
// same folder name was told "目标位置已有同名报送包"; it takes the next free name instead.
func TestConcurrentImportsBothSucceed(t *testing.T) {
	a := sample(t)
	res, _ := build(t, a, false)
	for round := 0; round < 5; round++ {
		ev := filepath.Join(t.TempDir(), "evidence")
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				_, errs[i] = Import(context.Background(), res.Path, ev, testCats)
			}(i)
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d import %d: %v", round, i, err)
			}
		}
		if left := listDir(t, ev); len(left) != len(errs) {
			t.Fatalf("round %d: evidence holds %v", round, left)
		}
	}
}

// TestClearMessages (issue 10 item 12): a CRC error said "系统错误（技术信息：zip: checksum
// error）"; verify through a link to a package said 校验清单.txt was missing; a read-only target
// was called a pulled-out stick.
func TestClearMessages(t *testing.T) {
	a := sample(t)
	res, _ := build(t, a, true)
	data := mustRead(t, res.Path)
	// flip one byte of assessment.json's (deflated) data: its CRC no longer matches
	zr, _ := zipReader(data)
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/"+AssessmentName) {
			off, _ := f.DataOffset()
			data[off+int64(f.CompressedSize64/2)] ^= 0xff
		}
	}
	bad := filepath.Join(t.TempDir(), "坏.zip")
	os.WriteFile(bad, data, 0o644)
	_, err := Import(context.Background(), bad, filepath.Join(t.TempDir(), "ev"), testCats)
	if err == nil || !strings.Contains(err.Error(), AssessmentName+" 已损坏") || strings.Contains(err.Error(), "技术信息") {
		t.Errorf("CRC damage: %v", err)
	}

	res2, _ := build(t, a, false)
	link := filepath.Join(t.TempDir(), "链接")
	if err := os.Symlink(res2.Path, link); err != nil {
		t.Skip(err)
	}
	rep, err := Verify(context.Background(), link)
	if err != nil || !rep.OK {
		t.Errorf("verify through a link: %v %s", err, rep.Summary())
	}

	msg := writeErr("评分表.pdf", &os.PathError{Op: "write", Path: "x", Err: syscall.EROFS}).Error()
	if !strings.Contains(msg, "只读") || strings.Contains(msg, "拔出") {
		t.Errorf("read-only disk: %s", msg)
	}
}

func zipReader(data []byte) (*zip.Reader, error) {
	return zip.NewReader(bytes.NewReader(data), int64(len(data)))
}

// TestFifoInPackageDoesNotHang (issue 10 item 4): import of a package folder whose
// assessment.json is a FIFO blocked forever (the file was opened before the type check).
func TestFifoInPackageDoesNotHang(t *testing.T) {
	a := sample(t)
	res, _ := build(t, a, false)
	for _, name := range []string{AssessmentName, ManifestName} {
		dir := t.TempDir()
		copyTree(t, res.Path, dir)
		p := filepath.Join(dir, name)
		os.Remove(p)
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skip(err)
		}
		done := make(chan error, 2)
		go func() {
			_, err := Import(context.Background(), dir, filepath.Join(t.TempDir(), "ev"), testCats)
			done <- err
		}()
		go func() {
			rep, err := Verify(context.Background(), dir)
			if err == nil && !rep.OK {
				err = errors.New(rep.Summary()) // refused, as it must be
			}
			done <- err
		}()
		for i := 0; i < 2; i++ {
			if err := <-done; err == nil {
				t.Errorf("%s as a FIFO: accepted", name)
			}
		}
	}
	// evidence that is a FIFO is reported, not read
	f := filepath.Join(t.TempDir(), "管道.pdf")
	syscall.Mkfifo(f, 0o644)
	ans := a.Answers[1]
	ans.Evidence = append(ans.Evidence, scoring.Evidence{Path: f, Name: "管道.pdf"})
	a.Answers[1] = ans
	issues, err := Preflight(a)
	if err != nil || len(issues) == 0 {
		t.Errorf("FIFO evidence: %v %v", issues, err)
	}
}
