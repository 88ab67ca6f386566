package scoring

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sanxiang/internal/strictjson"
	"strconv"
	"strings"
	"unicode/utf8"
)

// NAPolicy says how 不适用 (N/A) criteria count in the converted score.
type NAPolicy string

const (
	// NARescale drops N/A points from the maximum and converts total/applicable_max×100.
	NARescale NAPolicy = "rescale"
	// NAFull credits N/A criteria with their full points.
	NAFull NAPolicy = "full"
	// NAZero gives N/A criteria no points and keeps the full maximum.
	NAZero NAPolicy = "zero"
)

// Catalog is an indicator system: Areas › Categories › Indicators › Criteria with exact points.
type Catalog struct {
	ID       string
	Title    string
	Total    Tenths
	NAPolicy NAPolicy
	Areas    []Area
	// Materials are the texts a unit hands in besides the scores, in the order they are shown.
	Materials []Material
	// Hash is the SHA-256 of the catalog file, stored with each assessment to detect a changed catalog.
	Hash string
	// FormerHashes are the hashes of earlier files of this catalog with the same criteria and
	// points (the built-in before it declared its materials), so assessments made on them still find it.
	FormerHashes []string
	// File is the catalog file's bytes (their SHA-256 is Hash): the database and packages keep
	// them, so an assessment travels with exactly the catalog it was made on.
	File []byte

	byNo   map[int]*CriterionRef
	nodes  map[string]Node
	orderd []int
}

// Area is a 一级指标.
type Area struct {
	Code       string // "1"…"5"
	Label      string // "一"
	Title      string
	Points     Tenths
	Categories []Category
}

// Category is a 二级指标.
type Category struct {
	Code       string // "1.1"
	Label      string // "(一)"
	Title      string
	Points     Tenths
	Indicators []Indicator
}

// Indicator is a 三级指标, the unit of work shown on one page of the checklist.
type Indicator struct {
	Code     string // "1.1.1"
	Label    string // "1."
	Seq      int    // 1…59 across the whole catalog
	Title    string
	Points   Tenths
	Criteria []Criterion
}

// Criterion is a 评分要点, the thing a unit actually scores.
type Criterion struct {
	No     int
	Text   string
	Points Tenths
}

// CriterionRef locates a criterion inside its catalog, so views can show its parents.
type CriterionRef struct {
	Criterion *Criterion
	Indicator *Indicator
	Category  *Category
	Area      *Area
}

// Node is any level above a criterion, addressed by its code, for trees and subtotals.
type Node struct {
	Code   string
	Level  int // 1 Area, 2 Category, 3 Indicator
	Label  string
	Title  string
	Points Tenths
}

// catalogFile is the on-disk JSON form documented in docs/catalog-format.md.
type catalogFile struct {
	Format    string          `json:"format"`
	Version   int             `json:"version"`
	ID        string          `json:"id"`
	Title     string          `json:"title"`
	Total     json.Number     `json:"total"`
	NAPolicy  string          `json:"na_policy"`
	Materials *[]materialFile `json:"materials,omitempty"`
	Areas     []catalogArea   `json:"areas"`
}

type catalogArea struct {
	Title      string            `json:"title"`
	Points     json.Number       `json:"points"`
	Categories []catalogCategory `json:"categories"`
}

type catalogCategory struct {
	Title      string             `json:"title"`
	Points     json.Number        `json:"points"`
	Indicators []catalogIndicator `json:"indicators"`
}

type catalogIndicator struct {
	Title    string             `json:"title"`
	Points   json.Number        `json:"points"`
	Criteria []catalogCriterion `json:"criteria"`
}

type catalogCriterion struct {
	No     int         `json:"no"`
	Text   string      `json:"text"`
	Points json.Number `json:"points"`
}

// MaxCatalogSize bounds a catalog file read from disk; the built-in one is about 45 KB.
const MaxCatalogSize = 8 << 20

// CatalogFormat is the value of "format" in a catalog file.
const CatalogFormat = "sanxiang.catalog"

// CatalogVersion is the catalog file version this program writes; version 1 files (without
// "materials") still load, with DefaultMaterials.
const CatalogVersion = 2

// ParseCatalog reads and validates a catalog file; every error names the offending entry in Chinese.
func ParseCatalog(data []byte) (*Catalog, error) {
	if !utf8.Valid(data) {
		return nil, errors.New("指标体系文件不是 UTF-8 编码")
	}
	var f catalogFile
	if err := strictjson.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("指标体系文件格式错误：%s", strictjson.Zh(err))
	}
	if f.Format != CatalogFormat {
		return nil, fmt.Errorf("不是指标体系文件（format 应为 %q）", CatalogFormat)
	}
	if f.Version != 1 && f.Version != CatalogVersion {
		return nil, fmt.Errorf("不支持的指标体系文件版本 %d（本程序支持版本 1 和 %d）", f.Version, CatalogVersion)
	}
	c := &Catalog{ID: strings.TrimSpace(f.ID), Title: strings.TrimSpace(f.Title), NAPolicy: NAPolicy(f.NAPolicy)}
	var err error
	switch {
	case f.Materials == nil:
		if c.Materials, err = DefaultMaterials(); err != nil {
			return nil, err
		}
	case f.Version == 1:
		return nil, fmt.Errorf("版本 1 的指标体系文件不能声明申报材料（materials），请把 version 改为 %d", CatalogVersion)
	default:
		if c.Materials, err = materialsFromFile(*f.Materials); err != nil {
			return nil, err
		}
	}
	if c.ID == "" {
		return nil, errors.New("指标体系缺少编号（id）")
	}
	if c.Title == "" {
		return nil, errors.New("指标体系缺少名称（title）")
	}
	switch c.NAPolicy {
	case "":
		c.NAPolicy = NARescale
	case NARescale, NAFull, NAZero:
	default:
		return nil, fmt.Errorf("不适用项计分方式 %q 无效（应为 rescale、full 或 zero）", f.NAPolicy)
	}
	if c.Total, err = catalogPoints(f.Total, "指标体系总分"); err != nil {
		return nil, err
	}
	if len(f.Areas) == 0 {
		return nil, errors.New("指标体系没有一级指标")
	}
	seq := 0
	for ai, fa := range f.Areas {
		a := Area{Code: strconv.Itoa(ai + 1), Label: ChineseNumeral(ai + 1), Title: strings.TrimSpace(fa.Title)}
		where := fmt.Sprintf("一级指标“%s、%s”", a.Label, a.Title)
		if a.Title == "" {
			return nil, fmt.Errorf("第 %d 个一级指标缺少名称", ai+1)
		}
		if a.Points, err = catalogPoints(fa.Points, where); err != nil {
			return nil, err
		}
		if len(fa.Categories) == 0 {
			return nil, fmt.Errorf("%s没有二级指标", where)
		}
		for ci, fc := range fa.Categories {
			cat := Category{Code: fmt.Sprintf("%s.%d", a.Code, ci+1), Label: "(" + ChineseNumeral(ci+1) + ")", Title: strings.TrimSpace(fc.Title)}
			where := fmt.Sprintf("二级指标“%s%s”", cat.Label, cat.Title)
			if cat.Title == "" {
				return nil, fmt.Errorf("%s下第 %d 个二级指标缺少名称", a.Title, ci+1)
			}
			if cat.Points, err = catalogPoints(fc.Points, where); err != nil {
				return nil, err
			}
			if len(fc.Indicators) == 0 {
				return nil, fmt.Errorf("%s没有三级指标", where)
			}
			for ii, fi := range fc.Indicators {
				seq++
				ind := Indicator{Code: fmt.Sprintf("%s.%d", cat.Code, ii+1), Label: strconv.Itoa(ii+1) + ".", Seq: seq, Title: strings.TrimSpace(fi.Title)}
				where := fmt.Sprintf("三级指标“%s%s”（%s）", ind.Label, shorten(ind.Title, 20), cat.Title)
				if ind.Title == "" {
					return nil, fmt.Errorf("%s下第 %d 个三级指标缺少名称", cat.Title, ii+1)
				}
				if ind.Points, err = catalogPoints(fi.Points, where); err != nil {
					return nil, err
				}
				if len(fi.Criteria) == 0 {
					return nil, fmt.Errorf("%s没有评分要点", where)
				}
				var sum Tenths
				for _, fr := range fi.Criteria {
					cr := Criterion{No: fr.No, Text: strings.TrimSpace(fr.Text)}
					where := fmt.Sprintf("评分要点(%d)", fr.No)
					if fr.No <= 0 {
						return nil, fmt.Errorf("%s下有评分要点编号 %d 无效（应为正整数）", shorten(ind.Title, 20), fr.No)
					}
					if cr.Text == "" {
						return nil, fmt.Errorf("%s缺少内容", where)
					}
					if cr.Points, err = catalogPoints(fr.Points, where); err != nil {
						return nil, err
					}
					sum += cr.Points
					ind.Criteria = append(ind.Criteria, cr)
				}
				if sum != ind.Points {
					return nil, fmt.Errorf("%s分值 %s 与其评分要点分值之和 %s 不符", where, ind.Points, sum)
				}
				cat.Indicators = append(cat.Indicators, ind)
			}
			if s := sumIndicators(cat.Indicators); s != cat.Points {
				return nil, fmt.Errorf("%s分值 %s 与其三级指标分值之和 %s 不符", where, cat.Points, s)
			}
			a.Categories = append(a.Categories, cat)
		}
		if s := sumCategories(a.Categories); s != a.Points {
			return nil, fmt.Errorf("%s分值 %s 与其二级指标分值之和 %s 不符", where, a.Points, s)
		}
		c.Areas = append(c.Areas, a)
	}
	var sum Tenths
	for _, a := range c.Areas {
		sum += a.Points
	}
	if sum != c.Total {
		return nil, fmt.Errorf("指标体系总分 %s 与一级指标分值之和 %s 不符", c.Total, sum)
	}
	if err := c.index(); err != nil {
		return nil, err
	}
	h := sha256.Sum256(data)
	c.Hash = hex.EncodeToString(h[:])
	c.File = append([]byte(nil), data...)
	return c, nil
}

func sumIndicators(xs []Indicator) (s Tenths) {
	for _, x := range xs {
		s += x.Points
	}
	return s
}

func sumCategories(xs []Category) (s Tenths) {
	for _, x := range xs {
		s += x.Points
	}
	return s
}

func catalogPoints(n json.Number, where string) (Tenths, error) {
	if n == "" {
		return 0, fmt.Errorf("%s缺少分值", where)
	}
	t, err := ParseTenths(string(n))
	if err != nil {
		return 0, fmt.Errorf("%s分值 %s 无效：%v", where, n, err)
	}
	if t <= 0 {
		return 0, fmt.Errorf("%s分值 %s 无效：必须大于 0", where, n)
	}
	return t, nil
}

// index builds the lookup tables and checks that criterion numbers are unique.
func (c *Catalog) index() error {
	c.byNo = make(map[int]*CriterionRef)
	c.nodes = make(map[string]Node)
	c.orderd = c.orderd[:0]
	for ai := range c.Areas {
		a := &c.Areas[ai]
		c.nodes[a.Code] = Node{Code: a.Code, Level: 1, Label: a.Label, Title: a.Title, Points: a.Points}
		for ci := range a.Categories {
			cat := &a.Categories[ci]
			c.nodes[cat.Code] = Node{Code: cat.Code, Level: 2, Label: cat.Label, Title: cat.Title, Points: cat.Points}
			for ii := range cat.Indicators {
				ind := &cat.Indicators[ii]
				c.nodes[ind.Code] = Node{Code: ind.Code, Level: 3, Label: ind.Label, Title: ind.Title, Points: ind.Points}
				for ri := range ind.Criteria {
					cr := &ind.Criteria[ri]
					if _, dup := c.byNo[cr.No]; dup {
						return fmt.Errorf("评分要点编号 (%d) 重复", cr.No)
					}
					c.byNo[cr.No] = &CriterionRef{Criterion: cr, Indicator: ind, Category: cat, Area: a}
					c.orderd = append(c.orderd, cr.No)
				}
			}
		}
	}
	return nil
}

// Criterion finds a criterion by its number (1…170 in the built-in catalog).
func (c *Catalog) Criterion(no int) (CriterionRef, bool) {
	r, ok := c.byNo[no]
	if !ok {
		return CriterionRef{}, false
	}
	return *r, true
}

// Node finds an Area, Category or Indicator by its code ("1", "1.2", "1.2.3").
func (c *Catalog) Node(code string) (Node, bool) {
	n, ok := c.nodes[code]
	return n, ok
}

// Numbers lists every criterion number in catalog order, the order of every list and export.
func (c *Catalog) Numbers() []int { return append([]int(nil), c.orderd...) }

// Len is the number of criteria.
func (c *Catalog) Len() int { return len(c.orderd) }

// Indicators lists every indicator in catalog order, for page-by-page navigation.
func (c *Catalog) Indicators() []*Indicator {
	var out []*Indicator
	for ai := range c.Areas {
		for ci := range c.Areas[ai].Categories {
			for ii := range c.Areas[ai].Categories[ci].Indicators {
				out = append(out, &c.Areas[ai].Categories[ci].Indicators[ii])
			}
		}
	}
	return out
}

// Counts returns how many areas, categories, indicators and criteria the catalog has.
func (c *Catalog) Counts() (areas, categories, indicators, criteria int) {
	areas = len(c.Areas)
	for _, a := range c.Areas {
		categories += len(a.Categories)
		for _, cat := range a.Categories {
			indicators += len(cat.Indicators)
		}
	}
	return areas, categories, indicators, len(c.orderd)
}

// ChineseNumeral writes 1…99 as 一…九十九, the numbering of 一级/二级指标 and of the report's
// sections (other numbers in digits): the one spelling for the catalog, its reader and export.
func ChineseNumeral(n int) string {
	digit := func(d int) string { return string([]rune("零一二三四五六七八九十")[d]) }
	switch {
	case n < 1:
		return strconv.Itoa(n)
	case n <= 10:
		return digit(n)
	case n < 20:
		return "十" + digit(n-10)
	case n < 100:
		s := digit(n/10) + "十"
		if n%10 != 0 {
			s += digit(n % 10)
		}
		return s
	}
	return strconv.Itoa(n)
}

// shorten cuts s to at most n runes with an ellipsis, for messages that quote long titles.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
