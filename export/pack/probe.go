package pack

import (
	"archive/zip"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"sanxiang/internal/junk"
	"sanxiang/internal/safefile"
	"sanxiang/scoring"
)

// packageSuffix ends every package folder name (PackageName) and so every zip's top folder.
const packageSuffix = "_三项制度自评"

// LooksLikePackage says whether path is meant to be a package — a folder or .zip whose top (or,
// in a zip, whose single top folder) holds the manifest or assessment.json — without verifying
// anything, so that a walk over a USB stick can pass over folders and zips that hold no package
// at all (meeting notices, other archives) and still report a damaged package as refused. A zip
// whose directory cannot be read (truncated while copying) counts when its name or its first
// entry names a package folder. An error says that a folder or zip cannot be read (it may hold
// a package: the caller reports it).
func LooksLikePackage(path string) (bool, error) {
	st, err := os.Stat(path)
	if err != nil {
		return false, readErr(path, err)
	}
	if st.IsDir() {
		if isPackageDir(path) {
			return true, nil
		}
		if _, err := os.ReadDir(path); err != nil {
			return false, readErr(path, err)
		}
		return false, nil
	}
	if !st.Mode().IsRegular() || !strings.EqualFold(filepath.Ext(path), ".zip") {
		return false, nil
	}
	f, err := safefile.Open(path)
	if err != nil {
		return false, readErr(path, err)
	}
	defer f.Close()
	return zipLooksLikePackage(f, st.Size(), filepath.Base(path)), nil
}

// zipLooksLikePackage is LooksLikePackage for an open zip: the rule of zipPackageRoot (the
// manifest or assessment.json at the top, or in the single top folder), applied to names only;
// a broken archive is judged by its file name and first local header.
func zipLooksLikePackage(r io.ReaderAt, size int64, base string) bool {
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		if strings.HasSuffix(strings.TrimSuffix(base, filepath.Ext(base)), packageSuffix) {
			return true
		}
		top, _, _ := strings.Cut(firstLocalName(r, size), "/")
		return strings.HasSuffix(top, packageSuffix)
	}
	for _, zf := range zr.File {
		n, err := zipName(zf)
		if err != nil {
			n = zf.Name
		}
		n = strings.TrimPrefix(strings.ReplaceAll(n, `\`, "/"), "/")
		if junk.Path(n) {
			continue
		}
		parts := strings.Split(n, "/")
		last := parts[len(parts)-1]
		if len(parts) <= 2 && (strings.EqualFold(last, ManifestName) || strings.EqualFold(last, AssessmentName)) {
			return true
		}
	}
	return false
}

// firstLocalName reads the name of the archive's first entry from its local file header, which
// survives when a copy was cut off before the directory at the end; "" when there is none.
func firstLocalName(r io.ReaderAt, size int64) string {
	var h [30]byte
	if size < int64(len(h)) {
		return ""
	}
	if _, err := r.ReadAt(h[:], 0); err != nil || binary.LittleEndian.Uint32(h[:4]) != 0x04034b50 {
		return ""
	}
	n := int64(binary.LittleEndian.Uint16(h[26:28]))
	if n == 0 || 30+n > size {
		return ""
	}
	name := make([]byte, n)
	if _, err := r.ReadAt(name, 30); err != nil {
		return ""
	}
	return string(name)
}

// IsLeftover says whether a name in a folder is what a build or an import leaves behind while
// working (~报送包生成中-…) or after replacing (….~旧-<n>): never a package to import.
func IsLeftover(name string) bool {
	return strings.HasPrefix(name, tempPrefix) || strings.Contains(name, ".~旧-")
}

// Peek reads and decodes the package's assessment.json (against cats and the catalog the
// package carries) after the archive checks, without verifying or copying anything: enough to
// know the unit and year of a package before importing it. The package is verified only by
// Verify or Import.
func Peek(pkgPath string, cats *scoring.Set) (*scoring.Assessment, error) {
	src, err := openSource(pkgPath)
	if err != nil {
		return nil, err
	}
	defer src.close()
	read, err := readImport(src, cats)
	if err != nil {
		return nil, err
	}
	return read.a, nil
}
