package review

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"sanxiang/internal/strictjson"
	"sanxiang/scoring"
)

// FileFormat is the value of "format" in a review file.
const FileFormat = "sanxiang.review"

// FileVersion is the review file version this program reads and writes.
const FileVersion = 1

// MaxFileSize bounds a review file read from disk: 170 items with long comments are far below it.
const MaxFileSize = 4 << 20

// Year range of a review file, the same as an assessment file's.
const (
	minYear = 2000
	maxYear = 2100
)

// File is a review file (docs/review-format.md): one reviewer's review of one unit and year,
// handed back to the bureau's database.
type File struct {
	CreditCode string
	Year       int
	Catalog    string // the catalog id the scores refer to
	Reviewer   string
	Conclusion string
	Items      []Item // by criterion number
}

// fileJSON is the on-disk form. Pointers tell a missing key from an empty value.
type fileJSON struct {
	Format     *string            `json:"format"`
	Version    *int               `json:"version"`
	CreditCode *string            `json:"credit_code"`
	Year       *int               `json:"year"`
	Catalog    *string            `json:"catalog"`
	Reviewer   *string            `json:"reviewer"`
	Conclusion *string            `json:"conclusion"`
	Items      *[]json.RawMessage `json:"items"` // each item decoded on its own, so an error names it
}

type itemJSON struct {
	No      *int             `json:"no"`
	Score   *json.RawMessage `json:"score,omitempty"` // raw, so that a number in quotes is refused
	NA      *bool            `json:"na,omitempty"`
	Comment *string          `json:"comment"`
}

// UnknownUnitError is what a Resolver returns when the database holds no unit with the file's
// credit code and year; its message is the Chinese one the user sees.
type UnknownUnitError struct {
	CreditCode string
	Year       int
}

func (e *UnknownUnitError) Error() string {
	return fmt.Sprintf("数据库中没有统一社会信用代码为 %s 的单位 %d 年度的自评（请先导入该单位的报送包）", e.CreditCode, e.Year)
}

// Resolver finds the catalog of the unit's assessment the file refers to; it returns an
// *UnknownUnitError when there is none. It is how the caller (storage) takes part in the check.
type Resolver func(creditCode string, year int) (*scoring.Catalog, error)

// ParseFile reads a review file and checks it whole against the unit's catalog, which resolve
// finds: any error refuses the file, with a Chinese message naming the item. The checks: valid
// UTF-8 strict JSON (no duplicate or case-variant keys, nothing after it), format and version,
// every required key present, a valid credit code, a year in range, a non-empty reviewer, the
// unit known, the catalog the unit's, and each item: a criterion of the catalog listed once,
// either a score (0 to the criterion's points, a multiple of 0.1) or "na": true with a comment.
func ParseFile(data []byte, resolve Resolver) (*File, error) {
	f, err := DecodeFile(data)
	if err != nil {
		return nil, err
	}
	if resolve == nil {
		return nil, errors.New("内部错误：没有查找单位的方法")
	}
	cat, err := resolve(f.CreditCode, f.Year)
	if err != nil {
		return nil, fmt.Errorf("复核文件不能导入：%w", err)
	}
	if err := f.Check(cat); err != nil {
		return nil, err
	}
	return f, nil
}

// DecodeFile reads a review file and checks everything that needs no catalog (see ParseFile).
func DecodeFile(data []byte) (*File, error) {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("复核文件格式错误："+format, args...)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("复核文件过大（超过 %d MB）", MaxFileSize>>20)
	}
	if !utf8.Valid(data) {
		return nil, errors.New("复核文件不是 UTF-8 编码")
	}
	var j fileJSON
	if err := strictjson.Unmarshal(data, &j); err != nil {
		var se *strictjson.Error
		isStrict := errors.As(err, &se)
		if t := bytes.TrimSpace(data); (!isStrict || strings.HasPrefix(se.Msg, "类型错误")) && len(t) > 0 && t[0] != '{' {
			return nil, fail("应为一个 JSON 对象（{…}）")
		}
		if se != nil {
			if i := itemAt(data, se.Offset); i > 0 {
				return nil, fail("第 %d 行第 %d 列（items 第 %d 项）：%s", se.Line, se.Col, i, se.Msg)
			}
		}
		return nil, fail("%s", strictjson.Zh(err))
	}
	if j.Format == nil || *j.Format != FileFormat {
		return nil, fmt.Errorf("不是复核文件（format 应为 %q）", FileFormat)
	}
	if j.Version == nil {
		return nil, fail("缺少 version")
	}
	if *j.Version != FileVersion {
		return nil, fmt.Errorf("不支持的复核文件版本 %d（本程序支持版本 %d）", *j.Version, FileVersion)
	}
	for _, k := range []struct {
		missing bool
		key     string
	}{{j.CreditCode == nil, "credit_code"}, {j.Year == nil, "year"}, {j.Catalog == nil, "catalog"},
		{j.Reviewer == nil, "reviewer"}, {j.Conclusion == nil, "conclusion"}, {j.Items == nil || *j.Items == nil, "items"}} {
		if k.missing {
			return nil, fail("缺少 %s", k.key)
		}
	}
	f := &File{CreditCode: scoring.NormalizeCreditCode(*j.CreditCode), Year: *j.Year,
		Catalog: strings.TrimSpace(*j.Catalog), Reviewer: strings.TrimSpace(*j.Reviewer),
		Conclusion: strings.TrimSpace(*j.Conclusion)}
	if f.CreditCode != *j.CreditCode {
		return nil, fmt.Errorf("复核文件的统一社会信用代码 %q 应写作 %q（大写、无空格）", *j.CreditCode, f.CreditCode)
	}
	if err := scoring.ValidateCreditCode(f.CreditCode); err != nil {
		return nil, fmt.Errorf("复核文件的统一社会信用代码无效：%v", err)
	}
	if f.Year < minYear || f.Year > maxYear {
		return nil, fmt.Errorf("复核文件的年度 %d 无效（应为 %d–%d）", f.Year, minYear, maxYear)
	}
	if f.Catalog == "" {
		return nil, errors.New("复核文件没有写明指标体系（catalog）")
	}
	if f.Reviewer == "" {
		return nil, errors.New("复核文件没有写明复核人（reviewer）")
	}
	seen := map[int]int{}
	for i, raw := range *j.Items {
		where := fmt.Sprintf("复核文件第 %d 项", i+1)
		if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '{' {
			return nil, fmt.Errorf("%s应为对象（{\"no\": …, \"score\": …, \"comment\": …}）", where)
		}
		var it itemJSON
		if err := strictjson.Unmarshal(raw, &it); err != nil {
			var se *strictjson.Error
			if errors.As(err, &se) {
				return nil, fmt.Errorf("%s：%s", where, se.Msg)
			}
			return nil, fmt.Errorf("%s：%s", where, strictjson.Zh(err))
		}
		if it.No == nil {
			return nil, fmt.Errorf("%s缺少评分要点序号（no）", where)
		}
		no := *it.No
		if no <= 0 {
			return nil, fmt.Errorf("%s的评分要点序号 %d 无效（应为正整数）", where, no)
		}
		where = fmt.Sprintf("复核文件第 %d 项（评分要点(%d)）", i+1, no)
		if prev, dup := seen[no]; dup {
			return nil, fmt.Errorf("%s与第 %d 项重复：每个评分要点只能出现一次", where, prev)
		}
		seen[no] = i + 1
		if it.Comment == nil {
			return nil, fmt.Errorf("%s缺少复核意见（comment），没有意见时写 \"\"", where)
		}
		item := Item{No: no, Comment: strings.TrimSpace(*it.Comment)}
		na := it.NA != nil && *it.NA
		switch {
		case it.NA != nil && !*it.NA:
			return nil, fmt.Errorf("%s的 na 只能写 true（有复核得分时不写 na）", where)
		case na && it.Score != nil:
			return nil, fmt.Errorf("%s同时写了复核得分和不适用，只能二选一", where)
		case na:
			if item.Comment == "" {
				return nil, fmt.Errorf("%s认定不适用，须在 comment 中写明理由", where)
			}
			item.NA = true
		case it.Score == nil:
			return nil, fmt.Errorf("%s缺少复核得分（score），或写 \"na\": true", where)
		case len(*it.Score) == 0 || (*it.Score)[0] < '-' || (*it.Score)[0] > '9':
			return nil, fmt.Errorf("%s的复核得分 %s 应为数字（不加引号）", where, *it.Score)
		default:
			t, err := scoring.ParseTenths(string(*it.Score))
			switch {
			case errors.Is(err, scoring.ErrNotTenths):
				return nil, fmt.Errorf("%s的复核得分 %s 不是 0.1 的整数倍", where, *it.Score)
			case err != nil:
				return nil, fmt.Errorf("%s的复核得分 %s 无效：%v", where, *it.Score, err)
			case t < 0:
				return nil, fmt.Errorf("%s的复核得分 %s 无效：不能为负数", where, *it.Score)
			}
			item.Score = t
		}
		f.Items = append(f.Items, item)
	}
	sort.Slice(f.Items, func(a, b int) bool { return f.Items[a].No < f.Items[b].No })
	return f, nil
}

// Check checks the file against the unit's catalog: the same catalog id, every item a criterion
// of it with a score within its points. Messages name the item by its criterion number.
func (f *File) Check(cat *scoring.Catalog) error {
	if cat == nil {
		return errors.New("内部错误：没有该单位的指标体系")
	}
	if f.Catalog != cat.ID {
		return fmt.Errorf("复核文件按指标体系 %q 评分，而该单位 %d 年度的自评使用指标体系 %q（%s），不能导入", f.Catalog, f.Year, cat.ID, cat.Title)
	}
	for _, it := range f.Items {
		ref, ok := cat.Criterion(it.No)
		if !ok {
			return fmt.Errorf("复核文件中的评分要点(%d)不在指标体系“%s”中", it.No, cat.Title)
		}
		if !it.NA && it.Score > ref.Criterion.Points {
			return fmt.Errorf("复核文件中评分要点(%d)的复核得分 %s 超过该要点分值 %s", it.No, it.Score, ref.Criterion.Points)
		}
		if err := CheckItem(cat, it); err != nil {
			return fmt.Errorf("复核文件中%w", err)
		}
	}
	return nil
}

// Review turns the file into a Review marked 已复核 (the reviewer handed it back finished).
func (f *File) Review() *Review {
	r := &Review{Reviewer: f.Reviewer, Conclusion: f.Conclusion, Status: Done, Items: make(map[int]Item, len(f.Items))}
	for _, it := range f.Items {
		r.Items[it.No] = it
	}
	return r
}

// NewFile is the review file of review r of a unit's assessment, for a reviewer to hand back.
func NewFile(creditCode string, year int, catalogID string, r *Review) *File {
	f := &File{CreditCode: creditCode, Year: year, Catalog: catalogID}
	if r != nil {
		f.Reviewer, f.Conclusion = r.Reviewer, r.Conclusion
		for _, no := range sortedNos(r.Items) {
			f.Items = append(f.Items, r.Items[no])
		}
	}
	return f
}

// Encode writes the file in its one layout: keys in the documented order, items by criterion
// number, one item per line, no HTML escaping, a final newline. The same File always gives the
// same bytes, and DecodeFile reads them back to an equal File.
func (f *File) Encode() ([]byte, error) {
	items := append([]Item(nil), f.Items...)
	sort.Slice(items, func(a, b int) bool { return items[a].No < items[b].No })
	str := func(s string) (string, error) {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			return "", fmt.Errorf("写出复核文件失败：%w", err)
		}
		return strings.TrimSuffix(b.String(), "\n"), nil
	}
	var b strings.Builder
	head := []struct{ key, val string }{
		{"format", FileFormat}, {"credit_code", f.CreditCode}, {"catalog", f.Catalog},
		{"reviewer", f.Reviewer}, {"conclusion", f.Conclusion},
	}
	b.WriteString("{\n")
	for i, h := range head {
		v, err := str(h.val)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "  %q: %s,\n", h.key, v)
		if i == 0 {
			fmt.Fprintf(&b, "  \"version\": %d,\n", FileVersion)
		}
		if h.key == "credit_code" {
			fmt.Fprintf(&b, "  \"year\": %d,\n", f.Year)
		}
	}
	if len(items) == 0 {
		b.WriteString("  \"items\": []\n}\n")
		return []byte(b.String()), nil
	}
	b.WriteString("  \"items\": [\n")
	for i, it := range items {
		c, err := str(it.Comment)
		if err != nil {
			return nil, err
		}
		if it.NA {
			fmt.Fprintf(&b, "    {\"no\": %d, \"na\": true, \"comment\": %s}", it.No, c)
		} else {
			fmt.Fprintf(&b, "    {\"no\": %d, \"score\": %s, \"comment\": %s}", it.No, it.Score, c)
		}
		if i < len(items)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("  ]\n}\n")
	return []byte(b.String()), nil
}

// itemAt is the 1-based index of the element of the top-level "items" array that holds byte off,
// or 0 when off is elsewhere or the file cannot be walked that far; it lets a fault that the
// strict reader finds inside an item (a repeated key) name the item.
func itemAt(data []byte, off int64) int {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return 0
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return 0
		}
		if key != "items" {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return 0
			}
			continue
		}
		if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
			return 0
		}
		for i := 1; dec.More(); i++ {
			start := dec.InputOffset()
			var el json.RawMessage
			if dec.Decode(&el) != nil {
				return 0
			}
			if off >= start && off < dec.InputOffset() {
				return i
			}
		}
		return 0
	}
	return 0
}
