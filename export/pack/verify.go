package pack

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"sanxiang/exchange"
	"sanxiang/internal/junk"
	"sanxiang/internal/strictjson"
	"sanxiang/scoring"
)

// Report is the outcome of checking a package against its manifest.
type Report struct {
	OK             bool
	Root           string // the package folder (for a zip: zip path and folder inside)
	Digest         string // the digest the manifest states (compare with the paper)
	ComputedDigest string // the digest computed from the manifest's entries
	Files          int    // files checked, the manifest included
	Bytes          int64
	Missing        []string // listed in the manifest, not in the package
	Extra          []string // in the package, not in the manifest
	Ignored        []string // not in the manifest, but OS/Office by-products (junk.Path): no failure
	Altered        []string // size or SHA-256 differ from the manifest (or damaged in the zip)
	ManifestBroken string   // why the manifest itself cannot be trusted; "" when it can
	Unimportable   string   // why the package, though intact, could never be imported (no credit code…); "" normally
}

// Summary is the report in Chinese for the CLI and the GUI dialog.
func (r Report) Summary() string {
	var b strings.Builder
	if r.OK {
		fmt.Fprintf(&b, "报送包校验通过：%d 个文件（含校验清单）完整、未被改动。\n", r.Files)
		fmt.Fprintf(&b, "报送包校验码：%s（请与纸质评分表、自评报告页脚所印校验码核对）\n", r.Digest)
		r.ignoredNote(&b)
		return b.String()
	}
	if r.Unimportable != "" {
		b.WriteString("报送包校验未通过：")
		if r.ManifestBroken == "" && len(r.Missing)+len(r.Extra)+len(r.Altered) == 0 {
			fmt.Fprintf(&b, "文件完整，但其中的 %s 无法导入：%s\n", AssessmentName, r.Unimportable)
			return b.String()
		}
		fmt.Fprintf(&b, "其中的 %s 无法导入：%s\n", AssessmentName, r.Unimportable)
	}
	b.WriteString("报送包校验未通过：报送包与生成时不一致。\n")
	if r.ManifestBroken != "" {
		fmt.Fprintf(&b, "校验清单不可信：%s\n", r.ManifestBroken)
	}
	list := func(title string, xs []string) {
		if len(xs) == 0 {
			return
		}
		fmt.Fprintf(&b, "%s（%d 个）：\n", title, len(xs))
		for _, x := range xs {
			fmt.Fprintf(&b, "  %s\n", x)
		}
	}
	list("缺少的文件", r.Missing)
	list("多出的文件", r.Extra)
	list("被改动的文件", r.Altered)
	r.ignoredNote(&b)
	if r.Digest != "" {
		fmt.Fprintf(&b, "校验清单记载的报送包校验码：%s", r.Digest)
		if r.ComputedDigest != "" && r.ComputedDigest != r.Digest {
			fmt.Fprintf(&b, "（按清单内容计算为 %s）", r.ComputedDigest)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// ignoredNote lists the by-products Windows, Office or macOS left in the package (~$自评表.xlsx
// while Excel has it open, Thumbs.db, __MACOSX/ …), so that a reviewer does not read them as
// tampering.
func (r Report) ignoredNote(b *strings.Builder) {
	if len(r.Ignored) == 0 {
		return
	}
	fmt.Fprintf(b, "可忽略的系统文件（%d 个，由 Windows、Office 或 macOS 自动生成，不属于报送包，不影响校验结果）：\n", len(r.Ignored))
	for _, x := range r.Ignored {
		fmt.Fprintf(b, "  %s\n", x)
	}
}

// Verify checks a package folder or zip: every file against the manifest (size and SHA-256)
// and the manifest against its digest. It names each missing, extra and altered file; a zip is
// read in place, never extracted. The error is for packages that cannot be checked at all
// (not found, not a package, a hostile or broken zip).
func Verify(ctx context.Context, path string) (Report, error) {
	return VerifyProgress(ctx, path, nil)
}

// VerifyProgress is Verify with a progress callback for a progress bar.
func VerifyProgress(ctx context.Context, path string, progress func(Progress)) (Report, error) {
	src, err := openSource(path)
	if err != nil {
		return Report{}, err
	}
	defer src.close()
	r, _, err := check(ctx, src, progress, nil)
	if err != nil {
		return r, err
	}
	// the same rule as Build and Import: a package the bureau could never import does not pass
	if af, ok := src.find(AssessmentName); ok && af.bad == "" {
		data, rerr := readSmall(src, af, exchange.MaxFileSize)
		if rerr != nil {
			return r, rerr
		}
		u := scoring.Unit{Name: unitField(data, "name"), CreditCode: unitField(data, "credit_code")}
		if err := strictjson.Check(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), nil); err != nil {
			r.Unimportable = "文件格式错误：" + err.Error()
		} else if err := scoring.CheckSubmittable(&scoring.Assessment{Unit: u}); err != nil {
			r.Unimportable = err.Error()
		}
		if r.Unimportable != "" {
			r.OK = false
		}
	}
	return r, nil
}

// unitField reads unit.<key> of an assessment file for Verify's light check (the full, strict
// decoding needs the catalog and happens at import).
func unitField(data []byte, key string) string {
	var f struct {
		Unit map[string]any `json:"unit"`
	}
	if json.Unmarshal(data, &f) != nil {
		return ""
	}
	s, _ := f.Unit[key].(string)
	return s
}

// teeFunc lets Import copy selected files while they are verified: it returns where the bytes
// of f should also go (nil: nowhere) and is told by done whether that copy is good.
type teeFunc func(f srcFile) (io.Writer, func() error, error)

// check reads the manifest and every file of src once, comparing them, and copies what tee asks
// for on the way.
func check(ctx context.Context, src *source, progress func(Progress), tee teeFunc) (Report, *Manifest, error) {
	r := Report{Root: src.root}
	mf, ok := src.find(ManifestName)
	if !ok {
		r.ManifestBroken = "报送包中没有 " + ManifestName + "（已被删除？）"
		for _, f := range src.files {
			r.Extra = append(r.Extra, f.rel)
		}
		sort.Strings(r.Extra)
		return r, nil, nil
	}
	if mf.bad != "" || mf.size > MaxManifestSize {
		r.ManifestBroken = ManifestName + " 无效"
		return r, nil, nil
	}
	data, err := readSmall(src, mf, MaxManifestSize)
	if err != nil {
		return r, nil, err
	}
	m, perr := ParseManifest(data)
	if perr != nil {
		r.ManifestBroken = perr.Error()
		return r, nil, nil
	}
	r.Digest = m.Digest
	r.ComputedDigest = ComputeDigest(m.Entries)
	r.Files, r.Bytes = 1, mf.size
	if r.ComputedDigest != m.Digest {
		r.ManifestBroken = fmt.Sprintf("%s 已被改动：其中记载的校验码 %s 与按清单内容计算的 %s 不符", ManifestName, m.Digest, r.ComputedDigest)
	}
	want := make(map[string]Entry, len(m.Entries))
	pr := &progressState{fn: progress}
	for _, e := range m.Entries {
		want[e.Path] = e
		pr.p.TotalFiles++
		pr.p.TotalBytes += e.Size
	}
	if pr.p.TotalBytes > MaxTotalSize {
		// the manifest bounds what is read and copied; a package cannot declare more than the cap
		r.ManifestBroken = fmt.Sprintf("%s 声明的文件总大小 %s 超过上限 %d GB，不是本程序生成的报送包", ManifestName, sizeText(pr.p.TotalBytes), MaxTotalSize>>30)
		return r, nil, nil
	}
	pr.emit()
	buf := make([]byte, bufSize)
	seen := map[string]bool{}
	for _, f := range src.files {
		if f.rel == ManifestName {
			continue
		}
		e, listed := want[f.rel]
		if !listed {
			if junk.Path(f.rel) {
				r.Ignored = append(r.Ignored, f.rel)
			} else {
				r.Extra = append(r.Extra, f.rel)
			}
			continue
		}
		seen[f.rel] = true
		if f.bad != "" || f.size != e.Size {
			r.Altered = append(r.Altered, f.rel)
			pr.p.Files++
			pr.p.TotalBytes -= e.Size
			continue
		}
		pr.p.Current = f.rel
		var w io.Writer
		var done func() error
		if tee != nil {
			if w, done, err = tee(f); err != nil {
				return r, m, err
			}
		}
		rc, err := src.open(f)
		if err != nil {
			return r, m, readErr(f.rel, err)
		}
		res := hashCopy(ctx, w, rc, buf, e.Size, pr.add)
		rc.Close()
		switch {
		case res.werr != nil:
			return r, m, writeErr(f.rel, res.werr)
		case res.rerr != nil:
			if !damaged(res.rerr) {
				return r, m, readErr(f.rel, res.rerr)
			}
			r.Altered = append(r.Altered, f.rel)
		case res.n != e.Size || res.sum != e.SHA256:
			r.Altered = append(r.Altered, f.rel)
		default:
			r.Files++
			r.Bytes += res.n
			if done != nil {
				if err := done(); err != nil {
					return r, m, err
				}
			}
		}
		pr.p.Files++
		pr.emit()
	}
	for _, e := range m.Entries {
		if !seen[e.Path] {
			r.Missing = append(r.Missing, e.Path)
		}
	}
	sort.Strings(r.Missing)
	sort.Strings(r.Extra)
	sort.Strings(r.Ignored)
	sort.Strings(r.Altered)
	r.OK = r.ManifestBroken == "" && len(r.Missing)+len(r.Extra)+len(r.Altered) == 0
	return r, m, nil
}

// damaged tells a file whose content is wrong (a zip entry failing its CRC or decompression, a
// file growing while read) from a failure to read at all (a pulled stick), which is an error.
func damaged(err error) bool {
	var ce flate.CorruptInputError
	return errors.Is(err, zip.ErrChecksum) || errors.Is(err, zip.ErrFormat) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.As(err, &ce) || errors.Is(err, errGrew)
}

// readSmall reads a small file of the package whole (the manifest, assessment.json), bounded.
func readSmall(src *source, f srcFile, limit int64) ([]byte, error) {
	if f.bad != "" {
		return nil, fmt.Errorf("报送包中的 %s %s，无法读取", f.rel, f.bad)
	}
	rc, err := src.open(f)
	if err != nil {
		return nil, readErr(f.rel, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, readErr(f.rel, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s 过大", f.rel)
	}
	return data, nil
}

func sizeText(n int64) string { return fmt.Sprintf("%.1f GB", float64(n)/(1<<30)) }
