package cjk

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Coverage is the set of Basic Multilingual Plane characters a TrueType font has glyphs for, read
// from the same cmap subtable (platform 3/1 or 0, format 4) that the PDF library uses, so that
// Sanitize replaces exactly what the PDF could not draw.
type Coverage struct {
	bits [65536 / 64]uint64
}

// Has reports whether the font maps r to a real glyph (not .notdef); runes outside the BMP are
// never covered, because the PDF library's font subsetting handles only the BMP.
func (c *Coverage) Has(r rune) bool {
	if r < 0 || r >= 0xFFFF {
		return false
	}
	return c.bits[r>>6]&(1<<(uint(r)&63)) != 0
}

// Len counts the covered characters.
func (c *Coverage) Len() int {
	n := 0
	for _, w := range c.bits {
		for ; w != 0; w &= w - 1 {
			n++
		}
	}
	return n
}

func (c *Coverage) set(r int) { c.bits[r>>6] |= 1 << (uint(r) & 63) }

// ErrNoCmap says the font has no Unicode BMP character map the PDF library could use.
var ErrNoCmap = errors.New("字体缺少 Unicode 字符映射表（cmap 格式 4）")

// ParseCoverage reads the character coverage of a TrueType font file. It checks every offset
// against the data, so a damaged font yields an error, never a panic.
func ParseCoverage(ttf []byte) (*Coverage, error) {
	u16 := func(off int) (int, bool) {
		if off < 0 || off+2 > len(ttf) {
			return 0, false
		}
		return int(binary.BigEndian.Uint16(ttf[off:])), true
	}
	u32 := func(off int) (int, bool) {
		if off < 0 || off+4 > len(ttf) {
			return 0, false
		}
		return int(binary.BigEndian.Uint32(ttf[off:])), true
	}
	bad := func(what string) error { return fmt.Errorf("字体文件损坏：%s", what) }

	numTables, ok := u16(4)
	if !ok {
		return nil, bad("文件过短")
	}
	cmap := -1
	for i := 0; i < numTables; i++ {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return nil, bad("表目录不完整")
		}
		if string(ttf[rec:rec+4]) == "cmap" {
			cmap, _ = u32(rec + 8)
			break
		}
	}
	if cmap < 0 {
		return nil, ErrNoCmap
	}
	nSub, ok := u16(cmap + 2)
	if !ok {
		return nil, bad("cmap 表越界")
	}
	sub := -1
	for i := 0; i < nSub; i++ {
		rec := cmap + 4 + 8*i
		platform, ok1 := u16(rec)
		encoding, ok2 := u16(rec + 2)
		off, ok3 := u32(rec + 4)
		if !ok1 || !ok2 || !ok3 {
			return nil, bad("cmap 子表目录越界")
		}
		if (platform == 3 && encoding == 1) || platform == 0 {
			if f, ok := u16(cmap + off); ok && f == 4 {
				sub = cmap + off
				break
			}
		}
	}
	if sub < 0 {
		return nil, ErrNoCmap
	}
	length, ok1 := u16(sub + 2)
	segX2, ok2 := u16(sub + 6)
	if !ok1 || !ok2 {
		return nil, bad("cmap 格式 4 子表越界")
	}
	end := sub + length
	if end > len(ttf) {
		end = len(ttf)
	}
	segs := segX2 / 2
	endCodes := sub + 14
	startCodes := endCodes + segX2 + 2
	deltas := startCodes + segX2
	rangeOffs := deltas + segX2
	if rangeOffs+segX2 > end {
		return nil, bad("cmap 段表越界")
	}
	c := &Coverage{}
	for s := 0; s < segs; s++ {
		last, _ := u16(endCodes + 2*s)
		first, _ := u16(startCodes + 2*s)
		delta, _ := u16(deltas + 2*s)
		ro, _ := u16(rangeOffs + 2*s)
		for ch := first; ch <= last && ch < 0xFFFF; ch++ {
			var glyph int
			if ro == 0 {
				glyph = (ch + delta) & 0xFFFF
			} else {
				pos := rangeOffs + 2*s + ro + 2*(ch-first)
				if pos+2 > end {
					continue
				}
				g, _ := u16(pos)
				if g == 0 {
					continue
				}
				glyph = (g + delta) & 0xFFFF
			}
			if glyph != 0 {
				c.set(ch)
			}
		}
	}
	return c, nil
}
