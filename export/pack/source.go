package pack

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"sanxiang/internal/junk"
	"sanxiang/internal/safefile"
)

// Limits on packages, against zip bombs: the total size of a package (expanded, and as its
// manifest declares it), the expansion ratio of one entry, and the ratio of the whole archive.
const (
	MaxTotalSize = 8 << 30  // 8 GiB: scans, photos and a few videos of one year stay far below
	MaxRatio     = 200      // deflate of real documents stays far below; bombs reach 1000+
	ratioFloor   = 64 << 10 // entries smaller than this are judged only by the archive's ratio
	// MaxArchiveRatio bounds expanded/compressed over all entries once they expand to more than
	// archiveRatioFloor: many small bombs each under ratioFloor are caught together.
	MaxArchiveRatio   = 50
	archiveRatioFloor = 16 << 20
)

// srcFile is one file of a package being verified or imported.
type srcFile struct {
	rel  string // relative to the package root, '/'-separated
	size int64  // from stat (folder) or the central directory (zip)
	path string // folder packages: the file on disk
	zf   *zip.File
	bad  string // why the file cannot be trusted (a link in a folder), "" normally
}

// source is a package opened for reading: a folder or a zip read in place, never extracted.
type source struct {
	root  string // the package folder (or the zip, with the folder inside it) for messages
	files []srcFile
	zipf  *os.File
}

func (s *source) close() {
	if s.zipf != nil {
		s.zipf.Close()
	}
}

func (s *source) open(f srcFile) (io.ReadCloser, error) {
	if f.zf != nil {
		return f.zf.Open()
	}
	return safefile.Open(f.path)
}

func (s *source) find(rel string) (srcFile, bool) {
	for _, f := range s.files {
		if f.rel == rel {
			return f, true
		}
	}
	return srcFile{}, false
}

// openSource opens a package folder, a folder holding exactly one package folder (a USB stick's
// root), or a package zip.
func openSource(p string) (*source, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, readErr(p, err)
	}
	if lst, err := os.Lstat(p); err == nil && lst.Mode()&fs.ModeSymlink != 0 {
		// the path the user named is a link (a shortcut to the package): follow it once, at the
		// top; links inside a package are still refused
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
	}
	if st.IsDir() {
		return openDir(p)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s %w", p, ErrNotPackage)
	}
	return openZip(p, st.Size())
}

func isPackageDir(dir string) bool {
	for _, n := range []string{ManifestName, AssessmentName} {
		if st, err := os.Stat(filepath.Join(dir, n)); err == nil && st.Mode().IsRegular() {
			return true
		}
	}
	return false
}

func openDir(dir string) (*source, error) {
	root := dir
	if !isPackageDir(dir) {
		ents, err := os.ReadDir(dir)
		if err != nil {
			return nil, readErr(dir, err)
		}
		var found []string
		for _, e := range ents {
			if e.IsDir() && !strings.HasPrefix(e.Name(), tempPrefix) && isPackageDir(filepath.Join(dir, e.Name())) {
				found = append(found, filepath.Join(dir, e.Name()))
			}
		}
		switch len(found) {
		case 0:
			return nil, fmt.Errorf("%s %w", dir, ErrNotPackage)
		case 1:
			root = found[0]
		default:
			return nil, fmt.Errorf("%s 中有 %d 个报送包，请选择其中一个文件夹", dir, len(found))
		}
	}
	s := &source{root: root}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return readErr(p, err)
		}
		if p == root {
			return nil
		}
		rel, rerr := filepath.Rel(root, p)
		if rerr != nil {
			return rerr
		}
		f := srcFile{rel: filepath.ToSlash(rel), path: p}
		switch {
		case d.IsDir():
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			f.bad = "是链接，不是普通文件"
		case !d.Type().IsRegular():
			f.bad = "不是普通文件"
		default:
			info, err := d.Info()
			if err != nil {
				return readErr(p, err)
			}
			f.size = info.Size()
		}
		if len(s.files) >= MaxFiles {
			return fmt.Errorf("%s 中的文件超过 %d 个，不是本程序生成的报送包", root, MaxFiles)
		}
		s.files = append(s.files, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// unsafeZip builds the refusal for a hostile or broken archive.
func unsafeZip(format string, args ...any) error {
	return fmt.Errorf("%w：%s", ErrUnsafeArchive, fmt.Sprintf(format, args...))
}

// zipName returns an entry's name as UTF-8: names flagged UTF-8 must be valid; unflagged names
// that are not UTF-8 are read as GB18030, which is what Chinese Windows' "发送到压缩文件夹" writes.
func zipName(f *zip.File) (string, error) {
	name := f.Name
	if utf8.ValidString(name) {
		return name, nil
	}
	if f.Flags&0x800 != 0 {
		return "", unsafeZip("文件名 %q 声明为 UTF-8 却不是", name)
	}
	dec, err := simplifiedchinese.GB18030.NewDecoder().String(name)
	if err != nil || !utf8.ValidString(dec) || strings.ContainsRune(dec, utf8.RuneError) {
		return "", unsafeZip("无法识别文件名 %q 的编码", name)
	}
	return dec, nil
}

// openZip reads a zip's directory and refuses it whole if any entry could escape a folder it were
// extracted to (.., absolute paths, drive letters, links), collides with another, is encrypted,
// uses an unknown compression, overlaps another's data, reaches past the end of the file, or
// expands implausibly; nothing is extracted.
func openZip(p string, size int64) (*source, error) {
	f, err := safefile.Open(p)
	if err != nil {
		return nil, readErr(p, err)
	}
	s, err := readZip(f, size, p)
	if err != nil {
		f.Close()
		return nil, err
	}
	s.zipf = f
	return s, nil
}

// zipEntry is a file of a zip being opened: its cleaned '/'-separated name and its entry.
type zipEntry struct {
	name string
	zf   *zip.File
}

// zipIndex is what the entry-by-entry checks of readZip learn about an archive.
type zipIndex struct {
	files []zipEntry
	seen  map[string]bool   // folded names of files
	dirs  map[string]string // folded names of folders, explicit or implied
	spans []zipSpan
}

// zipSpan is where an entry's compressed data lies in the archive.
type zipSpan struct {
	start, end int64
	name       string
}

// readZip opens a zip as a package source after refusing everything hostile or broken: too many
// entries, unsafe or duplicate names, encryption, links and devices, unsupported methods, bombs
// (per entry, whole archive, overlapping data), local headers that disagree, a name that is both
// file and folder; then it finds the package root.
func readZip(r io.ReaderAt, size int64, name string) (*source, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("无法打开压缩包 %s：文件已损坏、不完整（可能复制时被中断）或不是 zip 文件", filepath.Base(name))
	}
	if len(zr.File) > MaxFiles+1000 {
		return nil, unsafeZip("包含 %d 个条目，超过上限 %d", len(zr.File), MaxFiles)
	}
	idx, err := indexZip(zr, size)
	if err != nil {
		return nil, err
	}
	if err := checkSpans(idx.spans); err != nil {
		return nil, err
	}
	if err := checkLocalNames(r, size, zr.File); err != nil {
		return nil, err
	}
	if err := checkFileFolderClash(idx); err != nil {
		return nil, err
	}
	return zipPackageRoot(idx, name)
}

// indexZip checks every entry on its own (name, flags, type, method, size and ratio, data within
// the archive) and the whole archive's ratio, and indexes files and folders.
func indexZip(zr *zip.Reader, size int64) (*zipIndex, error) {
	idx := &zipIndex{seen: map[string]bool{}, dirs: map[string]string{}}
	seen, dirs := idx.seen, idx.dirs
	var total, totalComp uint64
	for _, zf := range zr.File {
		n, err := zipName(zf)
		if err != nil {
			return nil, err
		}
		n = strings.ReplaceAll(n, `\`, "/")
		isDir := strings.HasSuffix(n, "/")
		clean := strings.TrimSuffix(n, "/")
		if err := checkRelPath(clean); err != nil {
			return nil, unsafeZip("条目 %q：%v", n, err)
		}
		if zf.Flags&0x1 != 0 {
			return nil, unsafeZip("%s 已加密，无法校验", clean)
		}
		mode := zf.Mode()
		switch {
		case mode&fs.ModeSymlink != 0:
			return nil, unsafeZip("%s 是符号链接", clean)
		case mode&(fs.ModeDevice|fs.ModeNamedPipe|fs.ModeSocket|fs.ModeCharDevice|fs.ModeIrregular) != 0:
			return nil, unsafeZip("%s 不是普通文件", clean)
		}
		if mode.IsDir() {
			isDir = true
		}
		key := foldName(clean)
		if isDir {
			if zf.UncompressedSize64 != 0 {
				return nil, unsafeZip("文件夹条目 %s 带有数据", clean)
			}
			if seen[key] {
				return nil, unsafeZip("%s 既是文件又是文件夹", clean)
			}
			dirs[key] = clean
			continue
		}
		if zf.Method != zip.Store && zf.Method != zip.Deflate {
			return nil, unsafeZip("%s 使用了不支持的压缩方式 %d", clean, zf.Method)
		}
		if seen[key] {
			return nil, unsafeZip("有重名的文件 %s", clean)
		}
		if _, ok := dirs[key]; ok {
			return nil, unsafeZip("%s 既是文件又是文件夹", clean)
		}
		seen[key] = true
		u, c := zf.UncompressedSize64, zf.CompressedSize64
		if u > MaxTotalSize || total+u > MaxTotalSize {
			return nil, unsafeZip("解压后总大小超过 %d GB（可能是“压缩炸弹”）", MaxTotalSize>>30)
		}
		total += u
		totalComp += c
		if u >= ratioFloor && (c == 0 || u/c > MaxRatio) {
			return nil, unsafeZip("%s 的压缩比异常（%d 字节解压为 %d 字节，可能是“压缩炸弹”）", clean, c, u)
		}
		off, err := zf.DataOffset()
		if err != nil {
			return nil, unsafeZip("%s 的文件头已损坏：压缩包不完整", clean)
		}
		if off < 0 || c > uint64(size) || off > size-int64(c) {
			return nil, unsafeZip("%s 的数据超出压缩包末尾：压缩包被截断或已损坏", clean)
		}
		idx.spans = append(idx.spans, zipSpan{off, off + int64(c), clean})
		idx.files = append(idx.files, zipEntry{clean, zf})
	}
	if total >= archiveRatioFloor && (totalComp == 0 || total/totalComp > MaxArchiveRatio) {
		return nil, unsafeZip("压缩包整体的压缩比异常（%d 字节解压为 %d 字节，可能是“压缩炸弹”）", totalComp, total)
	}
	return idx, nil
}

// checkSpans refuses entries whose compressed data overlap (one stored byte counted twice).
func checkSpans(spans []zipSpan) error {
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	for i := 1; i < len(spans); i++ {
		if spans[i].start < spans[i-1].end {
			return unsafeZip("%s 与 %s 的数据重叠（可能是“压缩炸弹”）", spans[i-1].name, spans[i].name)
		}
	}
	return nil
}

// checkFileFolderClash refuses a name that is a file and also the folder of another entry.
func checkFileFolderClash(idx *zipIndex) error {
	for _, clean := range idx.dirs {
		for d := parentDir(clean); d != ""; d = parentDir(d) {
			if idx.seen[foldName(d)] {
				return unsafeZip("%s 既是文件又是文件夹", d)
			}
		}
	}
	for _, e := range idx.files {
		for d := parentDir(e.name); d != ""; d = parentDir(d) {
			if idx.seen[foldName(d)] {
				return unsafeZip("%s 既是文件又是文件夹", d)
			}
		}
	}
	return nil
}

// zipPackageRoot finds the package root — the zip's top level when the manifest is there, else
// its single top folder — and makes the source of its files.
func zipPackageRoot(idx *zipIndex, name string) (*source, error) {
	root := ""
	if !idx.seen[foldName(ManifestName)] && !idx.seen[foldName(AssessmentName)] {
		top := ""
		for _, e := range idx.files {
			if junk.Path(e.name) { // macOS "压缩" adds __MACOSX/ beside the package folder
				continue
			}
			t, _, _ := strings.Cut(e.name, "/")
			if top != "" && t != top || !strings.Contains(e.name, "/") {
				return nil, fmt.Errorf("压缩包 %s %w", filepath.Base(name), ErrNotPackage)
			}
			top = t
		}
		if top == "" {
			return nil, fmt.Errorf("压缩包 %s 是空的，%w", filepath.Base(name), ErrNotPackage)
		}
		root = top + "/"
	}
	s := &source{root: filepath.Join(name, strings.TrimSuffix(root, "/"))}
	for _, e := range idx.files {
		s.files = append(s.files, srcFile{rel: strings.TrimPrefix(e.name, root), size: int64(e.zf.UncompressedSize64), zf: e.zf})
	}
	if _, ok := s.find(ManifestName); !ok {
		if _, ok := s.find(AssessmentName); !ok {
			return nil, fmt.Errorf("压缩包 %s %w", filepath.Base(name), ErrNotPackage)
		}
	}
	return s, nil
}
