package pack

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sanxiang/internal/oserr"
	"strings"

	"sanxiang/exchange"
	"sanxiang/internal/staging"
	"sanxiang/scoring"
)

// Import verifies a package (folder or zip) and copies its evidence into a new folder
// evidenceDir/<单位名称>_<年度>_<n>/, returning the assessment with absolute evidence paths there.
// Evidence is copied while it is verified, into a temporary folder inside evidenceDir that is
// renamed into place only when every file matched the manifest: a package that fails
// verification leaves nothing behind. Storing the assessment is the caller's job (and if that
// fails, DiscardImport removes the copies). The assessment's catalog is found in cats or is the
// 指标体系.json the package carries (then a.Catalog is that file, for the caller to store).
func Import(ctx context.Context, pkgPath, evidenceDir string, cats *scoring.Set) (*scoring.Assessment, error) {
	return ImportProgress(ctx, pkgPath, evidenceDir, cats, nil)
}

// ImportProgress is Import with a progress callback.
func ImportProgress(ctx context.Context, pkgPath, evidenceDir string, cats *scoring.Set, progress func(Progress)) (*scoring.Assessment, error) {
	a, _, err := ImportDigest(ctx, pkgPath, evidenceDir, cats, progress)
	return a, err
}

// ImportDigest is ImportProgress that also returns the package's verified digest (报送包校验码),
// which the bureau keeps with the imported assessment to compare with the stamped paper.
func ImportDigest(ctx context.Context, pkgPath, evidenceDir string, cats *scoring.Set, progress func(Progress)) (*scoring.Assessment, string, error) {
	var digest string
	a, err := importPackage(ctx, pkgPath, evidenceDir, cats, progress, &digest)
	if err != nil {
		return nil, "", err
	}
	return a, digest, nil
}

func importPackage(ctx context.Context, pkgPath, evidenceDir string, cats *scoring.Set, progress func(Progress), digest *string) (a *scoring.Assessment, err error) {
	src, err := openSource(pkgPath)
	if err != nil {
		return nil, err
	}
	defer src.close()
	read, err := readImport(src, cats)
	if err != nil {
		return nil, err
	}
	a = read.a
	dest, err := evidenceDestinations(a)
	if err != nil {
		return nil, err
	}
	var ds *dirSink
	if len(dest) > 0 {
		_, statErr := os.Stat(evidenceDir)
		created := errors.Is(statErr, fs.ErrNotExist)
		if err := os.MkdirAll(evidenceDir, 0o755); err != nil {
			return nil, writeErr(evidenceDir, err)
		}
		if ds, err = newDirSink(evidenceDir, nil); err != nil {
			return nil, err
		}
		// held until Import returns: the clean-up of stale staging folders (storage, at open)
		// leaves a folder alone while its importer lives
		if release, lerr := staging.Lock(ds.tmp); lerr == nil {
			defer release()
		}
		defer func() {
			if err != nil {
				ds.abort()
				if created {
					os.Remove(evidenceDir) // only if still empty: a refused package leaves no trace
				}
			}
		}()
	}
	tee := func(f srcFile) (io.Writer, func() error, error) {
		d, ok := dest[f.rel]
		if !ok {
			return nil, nil, nil
		}
		w, err := ds.create(d)
		if err != nil {
			return nil, nil, err
		}
		return w, ds.finish, nil
	}
	rep, m, err := check(ctx, src, progress, tee)
	if err != nil {
		return nil, err
	}
	if !rep.OK {
		return nil, oserr.Explained("未导入。\n"+strings.TrimRight(rep.Summary(), "\n"), ErrVerify)
	}
	*digest = m.Digest
	sums := map[string]Entry{}
	for _, e := range m.Entries {
		sums[e.Path] = e
	}
	if err := read.matches(sums); err != nil {
		return nil, err
	}
	if ds == nil {
		return a, nil
	}
	final, err := commitImportFolder(ds, evidenceDir, a)
	if err != nil {
		return nil, err
	}
	for no, ans := range a.Answers {
		for i, e := range ans.Evidence {
			me := sums[e.Path]
			ans.Evidence[i].Path = filepath.Join(final, filepath.FromSlash(dest[e.Path]))
			ans.Evidence[i].Size, ans.Evidence[i].SHA256 = me.Size, me.SHA256
		}
		a.Answers[no] = ans
	}
	return a, nil
}

// importRead is what Import reads before the verification pass: the assessment file and the
// carried catalog (with their bytes, to match them against the verified manifest afterwards).
type importRead struct {
	a             *scoring.Assessment
	data, catData []byte
	carried       *scoring.Catalog
}

// readImport reads and decodes the package's assessment.json (against cats and the catalog the
// package carries) and refuses one that could not be submitted.
func readImport(src *source, cats *scoring.Set) (*importRead, error) {
	af, ok := src.find(AssessmentName)
	if !ok {
		return nil, fmt.Errorf("报送包中没有 %s，无法导入", AssessmentName)
	}
	data, err := readSmall(src, af, exchange.MaxFileSize)
	if err != nil {
		return nil, err
	}
	carried, catData, err := readCarriedCatalog(src)
	if err != nil {
		return nil, err
	}
	a, err := exchange.Decode(data, cats.With(carried))
	if err != nil {
		return nil, fmt.Errorf("报送包中的 %s 无法读取：%w", AssessmentName, err)
	}
	if carried != nil && a.Catalog.Hash != carried.Hash {
		return nil, fmt.Errorf("报送包中的 %s 不是 %s 所用的指标体系，未导入", CatalogName, AssessmentName)
	}
	if err := scoring.CheckSubmittable(a); err != nil {
		return nil, fmt.Errorf("报送包中的 %s 无法导入：%w", AssessmentName, err)
	}
	return &importRead{a: a, data: data, catData: catData, carried: carried}, nil
}

// matches makes sure what was read before the verification pass is what was verified, and that
// every evidence record is in the manifest with the same size and SHA-256.
func (r *importRead) matches(sums map[string]Entry) error {
	if e, ok := sums[AssessmentName]; !ok || e.Size != int64(len(r.data)) || e.SHA256 != sha256Hex(r.data) {
		return fmt.Errorf("%w，未导入：%s 在读取过程中发生了变化", ErrVerify, AssessmentName)
	}
	if r.carried != nil {
		if e, ok := sums[CatalogName]; !ok || e.Size != int64(len(r.catData)) || e.SHA256 != sha256Hex(r.catData) {
			return fmt.Errorf("%w，未导入：%s 不在校验清单中或在读取过程中发生了变化", ErrVerify, CatalogName)
		}
	}
	for _, ans := range r.a.Answers {
		for _, e := range ans.Evidence {
			me, ok := sums[e.Path]
			if !ok {
				return fmt.Errorf("评分要点(%d) 的佐证材料 %s 不在报送包中，未导入", ans.No, e.Path)
			}
			if (e.SHA256 != "" && e.SHA256 != me.SHA256) || (e.Size != 0 && e.Size != me.Size) {
				return fmt.Errorf("评分要点(%d) 的佐证材料 %s 与 %s 中的记录不一致，未导入", ans.No, e.Path, AssessmentName)
			}
		}
	}
	return nil
}

// evidenceDestinations says which package files are evidence and where each goes in the import
// folder: the package path, without the 佐证材料/ prefix when every evidence path has it.
func evidenceDestinations(a *scoring.Assessment) (map[string]string, error) {
	dest := map[string]string{}
	strip := true
	for _, ans := range a.Answers {
		for _, e := range ans.Evidence {
			if err := checkRelPath(e.Path); err != nil {
				return nil, fmt.Errorf("评分要点(%d) 的佐证材料路径无效：%v", ans.No, err)
			}
			dest[e.Path] = e.Path
			if !strings.HasPrefix(e.Path, EvidenceFolder+"/") {
				strip = false
			}
		}
	}
	if strip {
		for p := range dest {
			dest[p] = strings.TrimPrefix(p, EvidenceFolder+"/")
		}
	}
	return dest, nil
}

// commitImportFolder renames the staged copies to <evidenceDir>/<单位名称>_<年度>_<n> (the first
// free n) and returns that folder.
func commitImportFolder(ds *dirSink, evidenceDir string, a *scoring.Assessment) (string, error) {
	absEv, err := filepath.Abs(evidenceDir)
	if err != nil {
		return "", err
	}
	base := WindowsName(fmt.Sprintf("%s_%d", strings.TrimSpace(a.Unit.Name), a.Year), MaxFolderName)
	// until the caller has stored the assessment (storage.Import removes it), the published
	// folder is marked unfinished, so that a kill in between does not orphan it
	if err := os.WriteFile(filepath.Join(ds.tmp, staging.Marker), nil, 0o644); err != nil {
		return "", writeErr(evidenceDir, err)
	}
	for n := 1; n <= 9999; n++ {
		final := filepath.Join(absEv, fmt.Sprintf("%s_%d", base, n))
		if _, err := os.Lstat(final); !errors.Is(err, os.ErrNotExist) {
			continue
		}
		_, err := ds.commit(final, false)
		if errors.Is(err, ErrExists) {
			continue // a concurrent import took this name between the check and the rename
		}
		if err != nil {
			return "", err
		}
		return final, nil
	}
	return "", fmt.Errorf("无法在 %s 中为导入的佐证材料选定文件夹名", evidenceDir)
}

// readCarriedCatalog reads the package's 指标体系.json when it has one (nil, nil, nil otherwise).
func readCarriedCatalog(src *source) (*scoring.Catalog, []byte, error) {
	cf, ok := src.find(CatalogName)
	if !ok {
		return nil, nil, nil
	}
	data, err := readSmall(src, cf, scoring.MaxCatalogSize)
	if err != nil {
		return nil, nil, err
	}
	c, err := scoring.ParseCatalog(data)
	if err != nil {
		return nil, nil, fmt.Errorf("报送包中的 %s 无法读取，未导入：%w", CatalogName, err)
	}
	return c, data, nil
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// DiscardImport removes the evidence folder Import created for a, when the caller could not
// store the assessment after all. It only ever removes one folder directly inside evidenceDir.
func DiscardImport(a *scoring.Assessment, evidenceDir string) error {
	absEv, err := filepath.Abs(evidenceDir)
	if err != nil {
		return err
	}
	var dir string
	for _, ans := range a.Answers {
		for _, e := range ans.Evidence {
			rel, err := filepath.Rel(absEv, e.Path)
			if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
				return fmt.Errorf("佐证材料 %s 不在 %s 中，不予删除", e.Path, evidenceDir)
			}
			first := strings.Split(filepath.ToSlash(rel), "/")[0]
			if dir != "" && first != dir {
				return fmt.Errorf("佐证材料不在同一个导入文件夹中，不予删除")
			}
			dir = first
		}
	}
	if dir == "" || dir == "." {
		return nil
	}
	return os.RemoveAll(filepath.Join(absEv, dir))
}
