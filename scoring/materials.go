package scoring

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"sanxiang/assets"
	"sanxiang/internal/strictjson"
)

// Material is one text a catalog asks a unit to hand in besides the scores (申报材料、工作总结),
// declared by the catalog so that each indicator system names its own materials and minimums.
type Material struct {
	Key      string          // key the assessment stores the text under ("unit_application")
	Title    string          // what the user sees ("示范单位申报材料")
	MinChars int             // minimum length in CountChars; 0 means no minimum
	Hint     string          // what to write, shown above the editor; may be empty
	Fields   []MaterialField // short single-line entries that belong to it (执法标兵 姓名、岗位…)
}

// MaterialField is a short entry of a material, such as the nominee's name, stored under its own key.
type MaterialField struct {
	Key   string // key the assessment stores the value under ("model_name")
	Title string // label beside the entry ("姓名")
	Hint  string // placeholder; may be empty
}

// Narrative keys the built-in catalog declares; other catalogs may declare other keys.
const (
	NarrativeUnitApplication  = "unit_application"  // 示范单位申报材料
	NarrativeModelApplication = "model_application" // 执法标兵申报材料
	NarrativeModelName        = "model_name"        // 执法标兵 姓名
	NarrativeModelPost        = "model_post"        // 执法标兵 岗位
	NarrativeModelCertificate = "model_certificate" // 执法标兵 执法证号
	NarrativeWorkSummary      = "work_summary"      // 工作总结
)

// maxMaterialKey bounds a material key, which is stored in databases and exchange files.
const maxMaterialKey = 40

type materialFile struct {
	Key      string              `json:"key"`
	Title    string              `json:"title"`
	MinChars *int                `json:"min_chars,omitempty"`
	Hint     string              `json:"hint,omitempty"`
	Fields   []materialFieldFile `json:"fields,omitempty"`
}

type materialFieldFile struct {
	Key   string `json:"key"`
	Title string `json:"title"`
	Hint  string `json:"hint,omitempty"`
}

// ParseMaterials reads a JSON array of materials, the same objects as a catalog's "materials"
// (so a user can hand the converter the materials of a new indicator system).
func ParseMaterials(data []byte) ([]Material, error) {
	if !utf8.Valid(data) {
		return nil, errors.New("申报材料文件不是 UTF-8 编码")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var fs []materialFile
	if err := dec.Decode(&fs); err != nil {
		return nil, fmt.Errorf("申报材料文件格式错误：%s", strictjson.Zh(err))
	}
	if dec.More() {
		return nil, errors.New("申报材料文件格式错误：JSON 之后还有多余内容")
	}
	if fs == nil {
		return nil, errors.New("申报材料文件格式错误：应为数组（[…]），没有申报材料时写 []")
	}
	return materialsFromFile(fs)
}

// materialsFromFile validates the file form: keys present, well-formed and unique, titles present.
func materialsFromFile(fs []materialFile) ([]Material, error) {
	out := make([]Material, 0, len(fs))
	seen := map[string]bool{}
	key := func(k, where string) (string, error) {
		k = strings.TrimSpace(k)
		if k == "" {
			return "", fmt.Errorf("%s缺少键名（key）", where)
		}
		if len(k) > maxMaterialKey {
			return "", fmt.Errorf("%s的键名 %q 过长（最多 %d 个字符）", where, k, maxMaterialKey)
		}
		for _, r := range k {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
				return "", fmt.Errorf("%s的键名 %q 无效（只能用小写英文字母、数字和下划线）", where, k)
			}
		}
		if seen[k] {
			return "", fmt.Errorf("申报材料键名 %q 重复", k)
		}
		seen[k] = true
		return k, nil
	}
	for i, f := range fs {
		where := fmt.Sprintf("第 %d 项申报材料", i+1)
		m := Material{Title: strings.TrimSpace(f.Title), Hint: strings.TrimSpace(f.Hint)}
		if m.Title != "" {
			where = fmt.Sprintf("申报材料“%s”", m.Title)
		}
		var err error
		if m.Key, err = key(f.Key, where); err != nil {
			return nil, err
		}
		if m.Title == "" {
			return nil, fmt.Errorf("%s缺少名称（title）", where)
		}
		if f.MinChars != nil {
			if *f.MinChars < 0 {
				return nil, fmt.Errorf("%s的最少字数 %d 无效（不能为负数）", where, *f.MinChars)
			}
			m.MinChars = *f.MinChars
		}
		for j, ff := range f.Fields {
			fw := fmt.Sprintf("%s的第 %d 个填写项", where, j+1)
			fd := MaterialField{Title: strings.TrimSpace(ff.Title), Hint: strings.TrimSpace(ff.Hint)}
			if fd.Key, err = key(ff.Key, fw); err != nil {
				return nil, err
			}
			if fd.Title == "" {
				return nil, fmt.Errorf("%s缺少名称（title）", fw)
			}
			m.Fields = append(m.Fields, fd)
		}
		out = append(out, m)
	}
	return out, nil
}

// materialsToFile is the inverse of materialsFromFile, for EncodeCatalog.
func materialsToFile(ms []Material) []materialFile {
	out := make([]materialFile, 0, len(ms))
	for _, m := range ms {
		f := materialFile{Key: m.Key, Title: m.Title, Hint: m.Hint}
		if m.MinChars > 0 {
			n := m.MinChars
			f.MinChars = &n
		}
		for _, fd := range m.Fields {
			f.Fields = append(f.Fields, materialFieldFile(fd))
		}
		out = append(out, f)
	}
	return out
}

// DefaultMaterials are the materials of a catalog that declares none (format version 1 files, and
// the converter when not told otherwise): those the built-in catalog declares.
func DefaultMaterials() ([]Material, error) {
	var f struct {
		Materials []materialFile `json:"materials"`
	}
	if err := json.Unmarshal(assets.BuiltinCatalogJSON, &f); err != nil {
		return nil, fmt.Errorf("内置指标体系损坏：%w", err)
	}
	ms, err := materialsFromFile(f.Materials)
	if err != nil {
		return nil, fmt.Errorf("内置指标体系损坏：%w", err)
	}
	return ms, nil
}

// Material finds a material of the catalog by its key.
func (c *Catalog) Material(key string) (Material, bool) {
	for _, m := range c.Materials {
		if m.Key == key {
			return m, true
		}
	}
	return Material{}, false
}

// MinChars is the minimum length (in CountChars) the catalog asks of the narrative under key;
// false when the key is not a material of this catalog or the material has no minimum.
func (c *Catalog) MinChars(key string) (int, bool) {
	m, ok := c.Material(key)
	if !ok || m.MinChars <= 0 {
		return 0, false
	}
	return m.MinChars, true
}

// NarrativeTitle names the narrative under key for messages and documents: a material's title, a
// field's title with its material ("姓名（执法标兵申报材料）"), or "其他材料（key）" when the
// catalog does not declare it — the one naming the program, the report and its font subset use.
func (c *Catalog) NarrativeTitle(key string) string {
	for _, m := range c.Materials {
		if m.Key == key {
			return m.Title
		}
		for _, f := range m.Fields {
			if f.Key == key {
				return f.Title + "（" + m.Title + "）"
			}
		}
	}
	return "其他材料（" + key + "）"
}
