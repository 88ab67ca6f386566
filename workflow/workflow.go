// Package workflow holds the multi-step jobs that the desktop program and sanxiang-cli both run
// (import a submission package, export the three documents), so that each is written once and
// fails the same way in both: checked first, then done, and undone on failure. It knows no Fyne
// and no SQL; it drives storage, export and pack.
package workflow

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"sanxiang/export"
	"sanxiang/export/pack"
	"sanxiang/internal/oserr"
	"sanxiang/internal/samefile"
	"sanxiang/scoring"
	"sanxiang/scoring/review"
	"sanxiang/storage"
)

// StagedImport is a verified package whose evidence has been copied beside the database but
// whose assessment is not stored yet: Store it (replacing or not) or Discard it.
type StagedImport struct {
	// Assessment is the package's assessment, evidence paths pointing at the copies; its
	// Catalog is the one the package names (carried in 指标体系.json or known to the program).
	Assessment *scoring.Assessment
	// EvidenceDir is the database's evidence folder the copies went into.
	EvidenceDir string
	// Digest is the package's verified 报送包校验码.
	Digest string
	// Source is the folder or zip the package was imported from, kept in its PackageRecord.
	Source string
	// Unmarked is, after a Store that replaced a 已复核 assessment, the recommendation marks
	// storage removed with it (its review went back to 复核中); the caller tells the user
	// (review.Unmarked.Note).
	Unmarked review.Unmarked

	db *storage.DB
}

// StagePackage verifies the package (folder or zip) at path and copies its evidence into the
// database's evidence folder; nothing is stored and a refused package leaves nothing behind.
func StagePackage(ctx context.Context, db *storage.DB, path string, progress func(pack.Progress)) (*StagedImport, error) {
	evDir := storage.EvidenceDir(db.Path())
	a, digest, err := pack.ImportDigest(ctx, path, evDir, db.Catalogs(), progress)
	if err != nil {
		return nil, err
	}
	return &StagedImport{Assessment: a, EvidenceDir: evDir, Digest: digest, Source: path, db: db}, nil
}

// Store saves the staged assessment (and its catalog) in the database with its PackageRecord
// (the verified digest, where it came from, when) in one transaction, so that every package
// import — one package from the CLI or the GUI, or a whole stick — reaches the bureau's 汇总;
// replace overwrites an assessment of the same unit and year. On storage.ErrExists (replace
// false) the copies stay, so that the caller may ask and Store(true) or Discard; on any other
// failure they are removed, and a failure to remove them is part of the returned error.
func (s *StagedImport) Store(replace bool) (int64, error) {
	rec := storage.PackageRecord{Digest: s.Digest, Verified: true, Source: s.Source, ImportedAt: time.Now()}
	return s.store(func() (int64, error) {
		im, err := s.db.ImportPackageReport(s.Assessment, rec, replace)
		s.Unmarked = im.Unmarked
		return im.ID, err
	})
}

// store runs a database write of the staged assessment with Store's clean-up rules.
func (s *StagedImport) store(write func() (int64, error)) (int64, error) {
	id, err := write()
	if err == nil || errors.Is(err, storage.ErrExists) {
		return id, err
	}
	if derr := s.Discard(); derr != nil {
		return 0, fmt.Errorf("%w（复制的佐证材料未能删除：%s）", err, oserr.Reason(derr))
	}
	return 0, err
}

// Discard removes the evidence copies of an import that will not be stored.
func (s *StagedImport) Discard() error {
	if err := pack.DiscardImport(s.Assessment, s.EvidenceDir); err != nil {
		return oserr.Wrap("删除导入时复制的佐证材料失败", err)
	}
	return nil
}

// EvidenceCount is how many evidence files the import copied.
func (s *StagedImport) EvidenceCount() int {
	n := 0
	for _, ans := range s.Assessment.Answers {
		n += len(ans.Evidence)
	}
	return n
}

// ExportOptions says what Export must not overwrite and when the documents are dated.
type ExportOptions struct {
	// Inputs are files the export read (the assessment file, a --catalog file); the evidence
	// files of the assessment are always protected.
	Inputs []string
	// DBPath is the database the assessment came from ("" for a file): its files, backups and
	// evidence folder are never written over.
	DBPath string
	// Date is printed on the documents; zero means now.
	Date time.Time
	// Canceled, when closed, stops the rendering; nothing is written (export.Options.Canceled).
	Canceled <-chan struct{}
}

// Export writes 自评表.xlsx, 评分表.pdf and 自评报告.pdf for a into dir, creating dir when it
// does not exist (and removing it again when the export fails). Nothing is written when any
// output would overwrite an input, an evidence file or the database; the three replace an
// earlier export together or not at all (export.WriteAll).
func Export(dir string, a *scoring.Assessment, opt ExportOptions) (export.Files, error) {
	if a == nil || a.Catalog == nil {
		return export.Files{}, errors.New("没有可导出的自评")
	}
	protected := append(append([]string(nil), opt.Inputs...), EvidencePaths(a)...)
	for _, name := range []string{export.NameXLSX, export.NameScoreSheet, export.NameReport} {
		if err := GuardOutput(filepath.Join(dir, name), protected, opt.DBPath); err != nil {
			return export.Files{}, err
		}
	}
	created := false
	if st, err := os.Stat(dir); err == nil {
		if !st.IsDir() {
			return export.Files{}, fmt.Errorf("%s 已存在且不是文件夹", dir)
		}
	} else if os.IsNotExist(err) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return export.Files{}, oserr.Wrap("无法创建输出文件夹 "+dir, err)
		}
		created = true
	} else {
		return export.Files{}, oserr.Wrap("无法访问输出文件夹 "+dir, err)
	}
	date := opt.Date
	if date.IsZero() {
		date = time.Now()
	}
	files, err := export.WriteAll(dir, a, export.Options{Date: date, LinkBase: dir, Canceled: opt.Canceled})
	if err != nil && created {
		os.Remove(dir) // only succeeds when still empty
	}
	return files, err
}

// GuardOutput refuses an output file that is one of inputs (compared by file identity, so
// another spelling or a link is caught), or, when dbPath is given, one of the database's files
// or a file inside its backup or evidence folder.
func GuardOutput(out string, inputs []string, dbPath string) error {
	for _, in := range inputs {
		if in != "" && samefile.Same(out, in) {
			return fmt.Errorf("输出文件 %s 就是输入文件 %s，写入会覆盖它；请换一个输出位置", out, in)
		}
	}
	if dbPath == "" {
		return nil
	}
	for _, c := range storage.Companions(dbPath) {
		if samefile.Same(out, c) {
			return fmt.Errorf("输出文件 %s 是数据库 %s 的文件，写入会毁掉数据库；请换一个输出位置", out, dbPath)
		}
	}
	for _, dir := range []string{storage.BackupDir(dbPath), storage.EvidenceDir(dbPath)} {
		if samefile.Within(out, dir) {
			return fmt.Errorf("输出文件 %s 在数据库的 %s 文件夹中，写入可能覆盖备份或佐证材料；请换一个输出位置", out, filepath.Base(dir))
		}
	}
	return nil
}

// EvidencePaths lists the evidence files an assessment refers to: inputs no output may overwrite.
func EvidencePaths(a *scoring.Assessment) []string {
	var out []string
	for _, ans := range a.Answers {
		for _, e := range ans.Evidence {
			out = append(out, e.Path)
		}
	}
	return out
}
