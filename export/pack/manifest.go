package pack

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"sanxiang/export"
)

// Fixed names inside a package folder (docs/package-format.md).
const (
	ManifestName   = "校验清单.txt"
	ReadmeName     = "说明.txt"
	AssessmentName = "assessment.json"
	// CatalogName is the indicator system the assessment was made on, carried only when it is
	// not built into the program, so the package imports anywhere; covered by the digest.
	CatalogName    = "指标体系.json"
	WorkbookName   = export.NameXLSX // the document names are export's, the one place they are spelled
	ScoreSheetName = export.NameScoreSheet
	ReportName     = export.NameReport
	EvidenceFolder = "佐证材料"
)

// ManifestHeader is the first non-comment line of a manifest: format name and version.
const ManifestHeader = "sanxiang.package 1"

// Limits that keep a hostile manifest or archive from exhausting memory or disk.
const (
	MaxFiles        = 20000   // files in one package
	MaxManifestSize = 8 << 20 // bytes of 校验清单.txt
)

// Entry is one manifest line: a file of the package, its size and SHA-256.
type Entry struct {
	Path   string // relative to the package folder, '/'-separated
	Size   int64
	SHA256 string // lowercase hex
}

// Manifest is the parsed 校验清单.txt.
type Manifest struct {
	Digest  string // as written in the file; compare with ComputeDigest(Entries)
	Entries []Entry
}

// digestExempt reports files that carry the digest (the two PDFs and the workbook print it in
// every footer, 说明.txt states it) and therefore cannot be covered by it; the manifest still
// lists them. What the digest covers — assessment.json and the evidence — is the data itself, so
// rebuilding a package from the same data gives the same digest as the paper already printed.
func digestExempt(p string) bool {
	return p == ScoreSheetName || p == ReportName || p == ReadmeName || p == WorkbookName
}

// crockford is Crockford's base-32 alphabet: no I, L, O, U, so a digest read off paper is unambiguous.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// ComputeDigest derives the package digest "XXXX-XXXX-XXXX" from the manifest entries: SHA-256
// over "sanxiang.package 1\n" and, for every entry except 评分表.pdf, 自评报告.pdf, 自评表.xlsx and 说明.txt,
// sorted by path bytes, "<sha256> <size> <path>\n"; its first 60 bits in Crockford base-32.
func ComputeDigest(entries []Entry) string {
	covered := make([]Entry, 0, len(entries))
	for _, e := range entries {
		if !digestExempt(e.Path) {
			covered = append(covered, e)
		}
	}
	sort.Slice(covered, func(i, j int) bool { return covered[i].Path < covered[j].Path })
	h := sha256.New()
	h.Write([]byte(ManifestHeader + "\n"))
	for _, e := range covered {
		fmt.Fprintf(h, "%s %d %s\n", e.SHA256, e.Size, e.Path)
	}
	v := binary.BigEndian.Uint64(h.Sum(nil)[:8]) >> 4
	var out [14]byte
	for i, j := 11, 13; i >= 0; i-- {
		out[j] = crockford[v&31]
		v >>= 5
		j--
		if i == 4 || i == 8 {
			out[j] = '-'
			j--
		}
	}
	return string(out[:])
}

// NormalizeDigest reads a digest as a person might type it from the paper (lower case, without
// dashes, O for 0, I or L for 1) and returns the canonical form, or "" when it cannot be one.
func NormalizeDigest(s string) string {
	var b []byte
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == '-' || r == ' ' || r == '－' || r == '\u3000':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		if r > 127 || !strings.ContainsRune(crockford, r) {
			return ""
		}
		b = append(b, byte(r))
	}
	if len(b) != 12 {
		return ""
	}
	return string(b[0:4]) + "-" + string(b[4:8]) + "-" + string(b[8:12])
}

func isDigest(s string) bool { return len(s) == 14 && NormalizeDigest(s) == s }

// Marshal writes the manifest text: comment lines for a human reader, the header, the digest
// line and the entries sorted by path, '\n' line ends, UTF-8 without BOM.
func (m *Manifest) Marshal() []byte {
	es := append([]Entry(nil), m.Entries...)
	sort.Slice(es, func(i, j int) bool { return es[i].Path < es[j].Path })
	var b bytes.Buffer
	b.WriteString("# 三项制度自评报送包 校验清单\n")
	fmt.Fprintf(&b, "# 报送包校验码：%s（印在 %s、%s 每页页脚和 %s 打印页脚）\n", m.Digest, ScoreSheetName, ReportName, WorkbookName)
	b.WriteString("# 每行依次为：SHA-256、字节数、文件在报送包中的位置。请勿修改本文件。\n")
	b.WriteString(ManifestHeader + "\n")
	b.WriteString("digest " + m.Digest + "\n")
	for _, e := range es {
		fmt.Fprintf(&b, "%s %d %s\n", e.SHA256, e.Size, e.Path)
	}
	return b.Bytes()
}

// ParseManifest reads 校验清单.txt strictly: every problem is refused with a Chinese message
// naming the line, because a manifest that cannot be read cannot vouch for anything.
func ParseManifest(data []byte) (*Manifest, error) {
	if len(data) > MaxManifestSize {
		return nil, fmt.Errorf("校验清单过大（%d 字节）", len(data))
	}
	if !utf8.Valid(data) {
		return nil, errors.New("校验清单不是 UTF-8 文本")
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	m := &Manifest{}
	seen := map[string]string{}
	stage := 0 // 0 expect header, 1 expect digest, 2 entries
	lines := strings.Split(string(data), "\n")
	for i, line := range lines {
		no := i + 1
		line = strings.TrimSuffix(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		switch stage {
		case 0:
			if line != ManifestHeader {
				if strings.HasPrefix(line, "sanxiang.package ") {
					return nil, fmt.Errorf("校验清单第 %d 行：不支持的版本 %q，请升级程序", no, strings.TrimPrefix(line, "sanxiang.package "))
				}
				return nil, fmt.Errorf("校验清单第 %d 行：不是报送包校验清单", no)
			}
			stage = 1
		case 1:
			d, ok := strings.CutPrefix(line, "digest ")
			if !ok || !isDigest(d) {
				return nil, fmt.Errorf("校验清单第 %d 行：校验码格式错误", no)
			}
			m.Digest = d
			stage = 2
		default:
			e, err := parseEntry(line)
			if err != nil {
				return nil, fmt.Errorf("校验清单第 %d 行：%v", no, err)
			}
			key := foldName(e.Path)
			if prev, dup := seen[key]; dup {
				return nil, fmt.Errorf("校验清单第 %d 行：文件 %s 与 %s 重复", no, e.Path, prev)
			}
			seen[key] = e.Path
			if len(m.Entries) >= MaxFiles {
				return nil, fmt.Errorf("校验清单列出的文件超过 %d 个", MaxFiles)
			}
			m.Entries = append(m.Entries, e)
		}
	}
	if stage < 2 {
		return nil, errors.New("校验清单不完整（缺少格式行或校验码）")
	}
	// a path may not be both a file and a folder ("a" and "a/b")
	for _, e := range m.Entries {
		for dir := parentDir(e.Path); dir != ""; dir = parentDir(dir) {
			if p, ok := seen[foldName(dir)]; ok {
				return nil, fmt.Errorf("校验清单中 %s 既是文件又是文件夹", p)
			}
		}
	}
	return m, nil
}

func parentDir(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

func parseEntry(line string) (Entry, error) {
	f := strings.SplitN(line, " ", 3)
	if len(f) != 3 {
		return Entry{}, errors.New("应为“SHA-256 字节数 路径”")
	}
	if !isHexDigest(f[0]) {
		return Entry{}, errors.New("SHA-256 格式错误")
	}
	size, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil || size < 0 || (len(f[1]) > 1 && f[1][0] == '0') || f[1][0] == '+' {
		return Entry{}, fmt.Errorf("字节数 %q 无效", f[1])
	}
	if err := checkRelPath(f[2]); err != nil {
		return Entry{}, err
	}
	if f[2] == ManifestName {
		return Entry{}, errors.New("校验清单不能列出它自己")
	}
	return Entry{Path: f[2], Size: size, SHA256: f[0]}, nil
}

func isHexDigest(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// checkRelPath accepts only what this program writes into a package: a relative '/'-separated
// path whose every part is a Windows-safe name, so that no manifest or archive entry can point
// outside the package folder (.., absolute paths, drive letters, "a\b", alternate data streams).
func checkRelPath(p string) error {
	if p == "" {
		return errors.New("路径为空")
	}
	if !utf8.ValidString(p) {
		return errors.New("路径不是 UTF-8 编码")
	}
	if strings.HasPrefix(p, "/") || strings.HasPrefix(p, `\`) {
		return fmt.Errorf("路径 %q 是绝对路径", p)
	}
	if len(p) >= 2 && p[1] == ':' {
		return fmt.Errorf("路径 %q 含盘符", p)
	}
	if len(p) > 1024 {
		return errors.New("路径过长")
	}
	for _, part := range strings.Split(p, "/") {
		switch part {
		case "":
			return fmt.Errorf("路径 %q 含空的层级", p)
		case ".", "..":
			return fmt.Errorf("路径 %q 含 %q，可能指向报送包之外", p, part)
		}
		if WindowsName(part, 1<<20) != part {
			return fmt.Errorf("路径 %q 含 Windows 不允许的文件名 %q", p, part)
		}
	}
	return nil
}
