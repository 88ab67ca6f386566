package pack

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"io"
)

// checkLocalNames compares every entry's name in its local file header with the name in the
// central directory. archive/zip reads only the directory, but extractors that walk the local
// headers (and some antivirus and preview tools) would see the local name: an archive that
// shows "佐证材料/a.pdf" in its directory but writes "../../evil.pdf" when extracted by such a
// tool is refused. The directory is walked again here because archive/zip does not expose the
// local header offsets; the entries come in the same order as zr.File.
func checkLocalNames(r io.ReaderAt, size int64, files []*zip.File) error {
	offs, err := localOffsets(r, size, len(files))
	if err != nil {
		return err
	}
	le := binary.LittleEndian
	var hdr [30]byte
	for i, f := range files {
		off := offs[i]
		if off < 0 || off > size-30 {
			return unsafeZip("%s 的文件头位置超出压缩包：压缩包已损坏", f.Name)
		}
		if _, err := r.ReadAt(hdr[:], off); err != nil {
			return unsafeZip("%s 的文件头无法读取：压缩包已损坏", f.Name)
		}
		if le.Uint32(hdr[0:]) != 0x04034b50 {
			return unsafeZip("%s 的文件头已损坏：压缩包不完整", f.Name)
		}
		n := int64(le.Uint16(hdr[26:]))
		if off+30+n > size {
			return unsafeZip("%s 的文件头已损坏：压缩包不完整", f.Name)
		}
		name := make([]byte, n)
		if _, err := r.ReadAt(name, off+30); err != nil {
			return unsafeZip("%s 的文件头无法读取：压缩包已损坏", f.Name)
		}
		if !bytes.Equal(name, []byte(f.Name)) {
			return unsafeZip("条目 %q 在文件头中的名字是 %q，与目录不一致（可能是恶意构造的压缩包）", f.Name, string(name))
		}
	}
	return nil
}

// localOffsets walks the central directory and returns each entry's local header offset.
func localOffsets(r io.ReaderAt, size int64, n int) ([]int64, error) {
	le := binary.LittleEndian
	broken := unsafeZip("压缩包的目录已损坏")
	// end of central directory: the last signature within the final 64 KiB + 22 bytes
	tail := int64(65535 + 22)
	if tail > size {
		tail = size
	}
	buf := make([]byte, tail)
	if _, err := r.ReadAt(buf, size-tail); err != nil && err != io.EOF {
		return nil, broken
	}
	eocd := -1
	for i := len(buf) - 22; i >= 0; i-- {
		if le.Uint32(buf[i:]) == 0x06054b50 {
			eocd = i
			break
		}
	}
	if eocd < 0 {
		return nil, broken
	}
	e := buf[eocd:]
	count := uint64(le.Uint16(e[10:]))
	dirSize := uint64(le.Uint32(e[12:]))
	dirOff := uint64(le.Uint32(e[16:]))
	if count == 0xffff || dirSize == 0xffffffff || dirOff == 0xffffffff {
		// zip64: the locator sits right before the end record
		locPos := size - tail + int64(eocd) - 20
		if locPos < 0 {
			return nil, broken
		}
		var loc [20]byte
		if _, err := r.ReadAt(loc[:], locPos); err != nil || le.Uint32(loc[0:]) != 0x07064b50 {
			return nil, broken
		}
		recPos := int64(le.Uint64(loc[8:]))
		var rec [56]byte
		if recPos < 0 || recPos > size-56 {
			return nil, broken
		}
		if _, err := r.ReadAt(rec[:], recPos); err != nil || le.Uint32(rec[0:]) != 0x06064b50 {
			return nil, broken
		}
		count, dirSize, dirOff = le.Uint64(rec[32:]), le.Uint64(rec[40:]), le.Uint64(rec[48:])
	}
	if count != uint64(n) || dirOff > uint64(size) || dirSize > uint64(size)-dirOff {
		return nil, broken
	}
	dir := make([]byte, dirSize)
	if _, err := r.ReadAt(dir, int64(dirOff)); err != nil && err != io.EOF {
		return nil, broken
	}
	offs := make([]int64, 0, n)
	p := 0
	for i := 0; i < n; i++ {
		if p+46 > len(dir) || le.Uint32(dir[p:]) != 0x02014b50 {
			return nil, broken
		}
		h := dir[p:]
		comp, uncomp := le.Uint32(h[20:]), le.Uint32(h[24:])
		nameLen, extraLen, commentLen := int(le.Uint16(h[28:])), int(le.Uint16(h[30:])), int(le.Uint16(h[32:]))
		off := uint64(le.Uint32(h[42:]))
		if p+46+nameLen+extraLen+commentLen > len(dir) {
			return nil, broken
		}
		if off == 0xffffffff {
			extra := h[46+nameLen : 46+nameLen+extraLen]
			found := false
			for len(extra) >= 4 {
				id, sz := le.Uint16(extra[0:]), int(le.Uint16(extra[2:]))
				if 4+sz > len(extra) {
					break
				}
				if id == 0x0001 {
					f := extra[4 : 4+sz]
					for _, present := range []bool{uncomp == 0xffffffff, comp == 0xffffffff} {
						if present {
							if len(f) < 8 {
								return nil, broken
							}
							f = f[8:]
						}
					}
					if len(f) < 8 {
						return nil, broken
					}
					off, found = le.Uint64(f), true
					break
				}
				extra = extra[4+sz:]
			}
			if !found {
				return nil, broken
			}
		}
		offs = append(offs, int64(off))
		p += 46 + nameLen + extraLen + commentLen
	}
	return offs, nil
}
