package workflow

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"sanxiang/internal/oserr"
	"sanxiang/internal/safefile"
	"sanxiang/scoring"
	"sanxiang/scoring/catalogtext"
	"sanxiang/storage"
)

// CatalogPreview is what a user sees of a catalog file before anything is stored: the catalog
// (nil when the file has problems), its size, and every problem in Chinese.
type CatalogPreview struct {
	Catalog                                 *scoring.Catalog
	Areas, Categories, Indicators, Criteria int
	Total                                   scoring.Tenths
	// Problems lists, one per entry, why the file does not make a catalog (with line numbers
	// for an indicator text); empty when Catalog is set.
	Problems []string
}

// PreviewCatalogFile reads a catalog file (.json) or an indicator system pasted from the
// official document (.txt, converted; its id is the file's name) for 导入指标体系… and says what
// it holds. An unreadable file is an error; a file that does not add up is a preview with
// Problems. Nothing is stored.
func PreviewCatalogFile(path string) (CatalogPreview, error) {
	if !IsCatalogFile(path) {
		return CatalogPreview{}, fmt.Errorf("%s 不是指标体系文件：只能导入 .json 指标体系文件，或从正式文件复制出的 .txt 文本", path)
	}
	data, err := safefile.ReadFile(path, scoring.MaxCatalogSize)
	switch {
	case errors.Is(err, safefile.ErrNotRegular):
		return CatalogPreview{}, oserr.Explained(fmt.Sprintf("%s 不是普通文件（是文件夹、设备或管道），不是指标体系文件", path), err)
	case errors.Is(err, safefile.ErrTooLarge):
		return CatalogPreview{}, oserr.Explained(fmt.Sprintf("%s 超过 %d MB，不是指标体系文件", path, scoring.MaxCatalogSize>>20), err)
	case err != nil:
		return CatalogPreview{}, oserr.Wrap("无法读取指标体系文件 "+path, err)
	}
	var c *scoring.Catalog
	if strings.EqualFold(filepath.Ext(path), ".json") {
		c, err = scoring.ParseCatalog(data)
	} else {
		id := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		_, c, err = catalogtext.Convert(strings.NewReader(string(data)), catalogtext.Options{ID: id})
	}
	if err != nil {
		var pe *catalogtext.Error
		if errors.As(err, &pe) {
			p := CatalogPreview{}
			for _, x := range pe.Problems {
				p.Problems = append(p.Problems, x.String())
			}
			return p, nil
		}
		return CatalogPreview{Problems: []string{err.Error()}}, nil
	}
	return Preview(c), nil
}

// IsCatalogFile reports whether a file of this name is one 导入指标体系… reads (by its extension,
// in any case: .json, a catalog file; .txt, an indicator text), so that the file picker offers
// only those and PreviewCatalogFile refuses the rest with the same rule.
func IsCatalogFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json", ".txt":
		return true
	}
	return false
}

// Preview describes a catalog for a preview or a report.
func Preview(c *scoring.Catalog) CatalogPreview {
	p := CatalogPreview{Catalog: c, Total: c.Total}
	p.Areas, p.Categories, p.Indicators, p.Criteria = c.Counts()
	return p
}

// Summary is the one-paragraph description of a previewed catalog, e.g.
// "《…》（编号 x）：一级指标 5 个、二级指标 20 个、三级指标 59 个、评分要点 170 项，共 100 分。"
func (p CatalogPreview) Summary() string {
	if p.Catalog == nil {
		return fmt.Sprintf("不能使用：有 %d 处问题。", len(p.Problems))
	}
	return fmt.Sprintf("《%s》（编号 %s）：一级指标 %d 个、二级指标 %d 个、三级指标 %d 个、评分要点 %d 项，共 %s 分。",
		p.Catalog.Title, p.Catalog.ID, p.Areas, p.Categories, p.Indicators, p.Criteria, p.Total)
}

// NewYear starts a unit's assessment for year on cat. With copyFrom (≠ 0) the answers, evidence
// and narratives of that assessment are copied — but only when it was made on the same catalog
// (the same file): criteria of two catalogs do not correspond, so across catalogs nothing is
// copied, copied is false and note says so in Chinese.
func NewYear(db *storage.DB, unitID int64, year int, cat *scoring.Catalog, copyFrom int64) (id int64, copied bool, note string, err error) {
	if cat == nil {
		return 0, false, "", errors.New("新建自评失败：未指定指标体系")
	}
	if copyFrom != 0 {
		src, err := db.AssessmentInfo(copyFrom)
		if err != nil {
			return 0, false, "", err
		}
		if src.UnitID != unitID {
			return 0, false, "", errors.New("新建自评失败：只能复制同一单位的自评")
		}
		if src.CatalogHash == cat.Hash {
			id, err := db.CopyAssessment(copyFrom, year)
			return id, err == nil, "", err
		}
		from, known := db.Catalogs().ByHash(src.CatalogHash)
		name := src.CatalogID
		if known {
			name = from.Title
		}
		note = fmt.Sprintf("%d 年度的自评使用的是《%s》，与新选的《%s》不同，评分要点不对应，未复制任何内容。", src.Year, name, cat.Title)
	}
	id, err = db.CreateAssessment(unitID, year, cat)
	if err != nil {
		return 0, false, "", err
	}
	return id, false, note, nil
}
