// Package exchange reads and writes the assessment file, the JSON form in which one unit's
// self-assessment travels between PCs, tools and the bureau (docs/assessment-format.md).
package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"sanxiang/internal/atomicfile"
	"sanxiang/internal/oserr"
	"sanxiang/internal/safefile"
	"sanxiang/internal/strictjson"
	"sanxiang/scoring"
)

// Format is the value of "format" in an assessment file.
const Format = "sanxiang.assessment"

// Version is the file version this program writes and reads.
const Version = 1

// MaxFileSize bounds what ReadFile accepts, so that a wrong file cannot exhaust memory.
const MaxFileSize = 64 << 20

// Error is a refusal of a file, naming the criterion when one is at fault.
type Error struct {
	No  int // criterion number, 0 when the fault is not in one answer
	Msg string
}

func (e *Error) Error() string {
	if e.No > 0 {
		return fmt.Sprintf("评分要点(%d)：%s", e.No, e.Msg)
	}
	return e.Msg
}

func fail(no int, format string, args ...any) error {
	return &Error{No: no, Msg: fmt.Sprintf(format, args...)}
}

type fileJSON struct {
	Format      string            `json:"format"`
	Version     int               `json:"version"`
	Catalog     string            `json:"catalog"`
	CatalogHash string            `json:"catalog_hash,omitempty"`
	Unit        unitJSON          `json:"unit"`
	Year        int               `json:"year"`
	Answers     []json.RawMessage `json:"answers"`
	Narratives  map[string]string `json:"narratives,omitempty"`
	Finalized   string            `json:"finalized,omitempty"`
	ExportedAt  string            `json:"exported_at,omitempty"`
	Generator   string            `json:"generator,omitempty"`
}

// strictFileJSON is fileJSON with the answers' type, so that strictjson.Check judges the keys
// of every answer with their position in the file (answers are decoded one by one later).
type strictFileJSON struct {
	fileJSON
	Answers []answerJSON `json:"answers"`
}

type unitJSON struct {
	Name       string `json:"name"`
	CreditCode string `json:"credit_code"`
	Contact    string `json:"contact"`
	Phone      string `json:"phone"`
}

type answerJSON struct {
	No              int            `json:"no"`
	Status          string         `json:"status"`
	Score           *strictNumber  `json:"score,omitempty"`
	Note            string         `json:"note,omitempty"`
	DeductionReason string         `json:"deduction_reason,omitempty"`
	Rectification   string         `json:"rectification,omitempty"`
	NAReason        string         `json:"na_reason,omitempty"`
	Evidence        []evidenceJSON `json:"evidence,omitempty"`
}

type evidenceJSON struct {
	Path   string `json:"path"`
	Name   string `json:"name,omitempty"`
	SHA256 string `json:"sha256,omitempty"`
	Size   *int64 `json:"size,omitempty"`
	Added  string `json:"added,omitempty"`
}

// strictNumber is a JSON number kept as its literal text; unlike json.Number it refuses "0.5"
// written as a string, because the format says a score is a number.
type strictNumber string

func (n *strictNumber) UnmarshalJSON(b []byte) error {
	var v json.Number
	if len(b) > 0 && b[0] == '"' {
		return errors.New("得分应为数字，不能加引号")
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return errors.New("得分应为数字")
	}
	*n = strictNumber(v)
	return nil
}

func (n strictNumber) MarshalJSON() ([]byte, error) { return []byte(n), nil }

func (n strictNumber) String() string { return string(n) }

var hexDigest = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Decode parses an assessment file against the catalog it names (found in cats by its hash, else
// by its id) and refuses it whole, with a Chinese message naming the criterion, if anything is
// malformed. Evidence paths are returned as written (relative to the file's folder, slash-separated).
func Decode(data []byte, cats *scoring.Set) (*scoring.Assessment, error) {
	if len(data) == 0 {
		return nil, fail(0, "文件是空的")
	}
	if !utf8.Valid(data) {
		return nil, fail(0, "文件不是 UTF-8 编码的自评文件")
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a BOM added by Notepad
	var f fileJSON
	if err := strictjson.Check(data, reflect.TypeOf(strictFileJSON{})); err != nil {
		return nil, fail(0, "自评文件格式错误：%s", strictjson.Zh(err))
	}
	// checked whole above (answers included); the decoding proper is encoding/json's
	if err := decodeJSON(data, &f); err != nil {
		return nil, fail(0, "自评文件格式错误：%s", strictjson.Zh(err))
	}
	if f.Format != Format {
		return nil, fail(0, "不是自评文件（format 应为 %q）", Format)
	}
	if f.Version != Version {
		return nil, fail(0, "不支持的自评文件版本 %d（本程序支持版本 %d），请升级程序", f.Version, Version)
	}
	cat, err := findCatalog(cats, f.Catalog, f.CatalogHash)
	if err != nil {
		return nil, err
	}
	a := &scoring.Assessment{
		Catalog:    cat,
		Unit:       scoring.Unit{Name: f.Unit.Name, CreditCode: f.Unit.CreditCode, Contact: f.Unit.Contact, Phone: f.Unit.Phone}.Clean(),
		Year:       f.Year,
		Answers:    make(map[int]scoring.Answer, len(f.Answers)),
		Narratives: map[string]string{},
	}
	if a.Unit.Name == "" {
		return nil, fail(0, "自评文件缺少单位名称")
	}
	if a.Unit.CreditCode != "" {
		if err := scoring.ValidateCreditCode(a.Unit.CreditCode); err != nil {
			return nil, fail(0, "单位%v", err)
		}
	}
	if err := scoring.CheckYear(f.Year); err != nil {
		return nil, fail(0, "%v", err)
	}
	if f.Finalized != "" {
		t, err := time.Parse(time.RFC3339, f.Finalized)
		if err != nil {
			return nil, fail(0, "定稿时间 finalized %q 格式错误（应为 RFC 3339，如 2020-12-01T09:30:00+08:00）", f.Finalized)
		}
		a.Finalized = t
	}
	for i, raw := range f.Answers {
		fa, err := decodeAnswerJSON(raw, i)
		if err != nil {
			return nil, err
		}
		ans, err := decodeAnswer(cat, fa)
		if err != nil {
			return nil, err
		}
		if _, dup := a.Answers[ans.No]; dup {
			return nil, fail(ans.No, "在文件中重复出现")
		}
		a.Answers[ans.No] = ans
	}
	for k, v := range f.Narratives {
		if strings.TrimSpace(k) == "" {
			return nil, fail(0, "申报材料的名称不能为空")
		}
		a.Narratives[k] = v
	}
	if err := scoring.CheckLimits(a); err != nil {
		return nil, fail(0, "%v", err)
	}
	return a, nil
}

// decodeJSON decodes data that strictjson.Check has already accepted (numbers kept as written).
func decodeJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func findCatalog(cats *scoring.Set, id, hash string) (*scoring.Catalog, error) {
	if id == "" {
		return nil, fail(0, "自评文件缺少指标体系编号（catalog）")
	}
	if c, ok := cats.Find(id, hash); ok {
		return c, nil
	}
	var known []string
	for _, c := range cats.All() {
		known = append(known, c.ID)
	}
	return nil, fail(0, "自评文件使用的指标体系 %q 不在本程序已有的指标体系（%s）中，请用 --catalog 提供该指标体系文件", id, strings.Join(known, "、"))
}

// decodeAnswerJSON decodes one answer on its own, so that a type error can name its criterion.
func decodeAnswerJSON(raw json.RawMessage, i int) (answerJSON, error) {
	var fa answerJSON
	if err := decodeJSON(raw, &fa); err != nil {
		var probe struct {
			No int `json:"no"`
		}
		if json.Unmarshal(raw, &probe) == nil && probe.No > 0 {
			return fa, fail(probe.No, "格式错误：%s", strictjson.Zh(err))
		}
		return fa, fail(0, "第 %d 条评分记录格式错误：%s", i+1, strictjson.Zh(err))
	}
	return fa, nil
}

func decodeAnswer(cat *scoring.Catalog, fa answerJSON) (scoring.Answer, error) {
	ref, ok := cat.Criterion(fa.No)
	if !ok {
		return scoring.Answer{}, fail(0, "评分要点编号 %d 不存在（应为 1–%d）", fa.No, cat.Len())
	}
	no, points := fa.No, ref.Criterion.Points
	ans := scoring.Answer{No: no, Note: fa.Note, DeductionReason: fa.DeductionReason,
		Rectification: fa.Rectification, NAReason: fa.NAReason}
	switch fa.Status {
	case "scored":
		ans.Status = scoring.Scored
		if fa.Score == nil {
			return ans, fail(no, "状态为已评，但没有得分")
		}
		t, err := scoring.ParseTenths(fa.Score.String())
		if err != nil {
			if errors.Is(err, scoring.ErrNotTenths) {
				return ans, fail(no, "得分 %s 不是 0.1 的整数倍", fa.Score)
			}
			if strings.ContainsAny(fa.Score.String(), "eE") {
				return ans, fail(no, "得分 %s 请写成普通小数（如 0.5），不要用科学计数法", fa.Score)
			}
			return ans, fail(no, "得分 %s 无效", fa.Score)
		}
		if err := scoring.ValidateScore(t, points); err != nil {
			return ans, fail(no, "%v", err)
		}
		ans.Score = t
	case "na":
		ans.Status = scoring.NA
		if fa.Score != nil {
			return ans, fail(no, "标为不适用，却填写了得分 %s", fa.Score)
		}
	case "unanswered":
		ans.Status = scoring.Unanswered
		if fa.Score != nil {
			return ans, fail(no, "标为未评，却填写了得分 %s", fa.Score)
		}
	case "":
		return ans, fail(no, "缺少状态（status 应为 scored 或 na）")
	default:
		return ans, fail(no, "状态 %q 无效（应为 scored 或 na）", fa.Status)
	}
	for i, fe := range fa.Evidence {
		e, err := decodeEvidence(fe)
		if err != nil {
			return ans, fail(no, "第 %d 个佐证材料%v", i+1, err)
		}
		ans.Evidence = append(ans.Evidence, e)
	}
	return ans, nil
}

func decodeEvidence(fe evidenceJSON) (scoring.Evidence, error) {
	p := strings.TrimSpace(fe.Path)
	if p == "" {
		return scoring.Evidence{}, errors.New("缺少路径")
	}
	if strings.ContainsRune(p, 0) {
		return scoring.Evidence{}, errors.New("路径含有非法字符")
	}
	e := scoring.Evidence{Path: p, Name: fe.Name, SHA256: strings.ToLower(fe.SHA256)}
	if e.Name == "" {
		e.Name = e.DisplayName()
	}
	if e.SHA256 != "" && !hexDigest.MatchString(e.SHA256) {
		return e, fmt.Errorf("的 SHA-256 %q 格式错误", fe.SHA256)
	}
	if fe.Size != nil {
		if *fe.Size < 0 {
			return e, fmt.Errorf("的大小 %d 无效", *fe.Size)
		}
		e.Size = *fe.Size
	}
	if fe.Added != "" {
		t, err := time.Parse(time.RFC3339, fe.Added)
		if err != nil {
			return e, fmt.Errorf("的添加时间 %q 格式错误", fe.Added)
		}
		e.Added = t
	}
	return e, nil
}

// Encode writes a in the exchange format: deterministic, in catalog order, with evidence paths as
// they are in a (make them relative first; WriteFile does).
func Encode(a *scoring.Assessment) ([]byte, error) {
	if a == nil || a.Catalog == nil {
		return nil, errors.New("没有可导出的自评")
	}
	f := fileJSON{Format: Format, Version: Version, Catalog: a.Catalog.ID, CatalogHash: a.Catalog.Hash,
		Unit: unitJSON{Name: a.Unit.Name, CreditCode: a.Unit.CreditCode, Contact: a.Unit.Contact, Phone: a.Unit.Phone},
		Year: a.Year, Answers: []json.RawMessage{}, Generator: "sanxiang"}
	if !a.Finalized.IsZero() {
		f.Finalized = a.Finalized.Format(time.RFC3339)
	}
	for _, no := range a.Catalog.Numbers() {
		ans, ok := a.Answers[no]
		if !ok || ans.IsEmpty() {
			continue
		}
		fa := answerJSON{No: no, Note: ans.Note, DeductionReason: ans.DeductionReason,
			Rectification: ans.Rectification, NAReason: ans.NAReason}
		switch ans.Status {
		case scoring.Scored:
			fa.Status = "scored"
			n := strictNumber(ans.Score.String())
			fa.Score = &n
		case scoring.NA:
			fa.Status = "na"
		default:
			fa.Status = "unanswered"
		}
		for _, e := range ans.Evidence {
			size := e.Size
			fe := evidenceJSON{Path: filepath.ToSlash(e.Path), Name: e.Name, SHA256: e.SHA256, Size: &size}
			if fe.Name == path.Base(fe.Path) {
				fe.Name = ""
			}
			if !e.Added.IsZero() {
				fe.Added = e.Added.Format(time.RFC3339)
			}
			fa.Evidence = append(fa.Evidence, fe)
		}
		var one bytes.Buffer
		enc := json.NewEncoder(&one)
		enc.SetEscapeHTML(false)
		err := enc.Encode(fa)
		raw := json.RawMessage(bytes.TrimSpace(one.Bytes()))
		if err != nil {
			return nil, fmt.Errorf("生成自评文件失败：%w", err)
		}
		f.Answers = append(f.Answers, raw)
	}
	if len(a.Narratives) > 0 {
		f.Narratives = map[string]string{}
		for k, v := range a.Narratives {
			if v != "" {
				f.Narratives[k] = v
			}
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("生成自评文件失败：%w", err)
	}
	return buf.Bytes(), nil
}

// ReadFile reads an assessment file and resolves its relative evidence paths against the
// file's folder, so that the returned assessment points at real files.
func ReadFile(name string, cats *scoring.Set) (*scoring.Assessment, error) {
	data, err := safefile.ReadFile(name, MaxFileSize)
	switch {
	case errors.Is(err, safefile.ErrNotRegular):
		return nil, oserr.Explained(fmt.Sprintf("%s 不是普通文件（是文件夹、设备或管道），不是自评文件", name), err)
	case errors.Is(err, safefile.ErrTooLarge):
		return nil, oserr.Explained(fmt.Sprintf("%s 超过 %d MB，不是自评文件", name, MaxFileSize>>20), err)
	case err != nil:
		return nil, oserr.Wrap("无法打开自评文件 "+name, err)
	}
	a, err := Decode(data, cats)
	if err != nil {
		return nil, err
	}
	ResolvePaths(a, filepath.Dir(name))
	return a, nil
}

// WriteFile writes a to name atomically with evidence paths made relative to name's folder
// where the evidence lies below it (others stay absolute); a itself is not changed.
func WriteFile(name string, a *scoring.Assessment) error {
	cp := Clone(a)
	RelativizePaths(cp, filepath.Dir(name))
	data, err := Encode(cp)
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(name, data)
}

// ResolvePaths turns relative evidence paths into absolute ones under dir.
func ResolvePaths(a *scoring.Assessment, dir string) {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		absDir = dir
	}
	for no, ans := range a.Answers {
		for i, e := range ans.Evidence {
			p := filepath.FromSlash(e.Path)
			if !filepath.IsAbs(p) && !isWindowsAbs(e.Path) {
				ans.Evidence[i].Path = filepath.Join(absDir, p)
			}
		}
		a.Answers[no] = ans
	}
}

// RelativizePaths rewrites absolute evidence paths below dir as slash-separated relative paths.
func RelativizePaths(a *scoring.Assessment, dir string) {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return
	}
	for no, ans := range a.Answers {
		for i, e := range ans.Evidence {
			if !filepath.IsAbs(e.Path) {
				continue
			}
			rel, err := filepath.Rel(absDir, e.Path)
			if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				ans.Evidence[i].Path = filepath.ToSlash(rel)
			}
		}
		a.Answers[no] = ans
	}
}

// isWindowsAbs recognises "C:\…", "C:/…" and UNC paths written on a Windows PC, so that a file
// made there is not joined onto a Linux folder.
func isWindowsAbs(p string) bool {
	if len(p) >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/') {
		c := p[0] | 0x20
		return c >= 'a' && c <= 'z'
	}
	return strings.HasPrefix(p, `\\`)
}

// Clone deep-copies an assessment so callers can rewrite paths without touching the original.
func Clone(a *scoring.Assessment) *scoring.Assessment {
	cp := *a
	cp.Answers = make(map[int]scoring.Answer, len(a.Answers))
	for no, ans := range a.Answers {
		ans.Evidence = append([]scoring.Evidence(nil), ans.Evidence...)
		cp.Answers[no] = ans
	}
	cp.Narratives = make(map[string]string, len(a.Narratives))
	for k, v := range a.Narratives {
		cp.Narratives[k] = v
	}
	return &cp
}

// number renders a Tenths for reports as a JSON number.
type number scoring.Tenths

func (n number) MarshalJSON() ([]byte, error) { return []byte(scoring.Tenths(n).String()), nil }

// hundredths renders a Hundredths as a JSON number with two decimals.
type hundredths scoring.Hundredths

func (h hundredths) MarshalJSON() ([]byte, error) { return []byte(scoring.Hundredths(h).String()), nil }
