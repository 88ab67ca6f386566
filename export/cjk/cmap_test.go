package cjk

import (
	"encoding/binary"
	"testing"

	"sanxiang/assets"
)

func testFont(t testing.TB) []byte {
	t.Helper()
	return assets.FontRegular
}

func TestCoverageOfEmbeddedFonts(t *testing.T) {
	for name, ttf := range map[string][]byte{"regular": assets.FontRegular, "bold": assets.FontBold} {
		c, err := ParseCoverage(ttf)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, r := range "中华人民共和国行政执法公示制度，。、；：（）「」《》…□—“”ABCxyz0129%" {
			if !c.Has(r) {
				t.Errorf("%s: no glyph for %q", name, r)
			}
		}
		for _, r := range []rune{0, '\n', 0x7f, 0xE000, 0xFFFF, 0x20000, -1} {
			if c.Has(r) {
				t.Errorf("%s: claims a glyph for %U", name, r)
			}
		}
		if n := c.Len(); n < 20000 {
			t.Errorf("%s: only %d characters covered", name, n)
		}
	}
}

// synthFont builds a minimal TrueType file with one cmap format 4 subtable holding segs
// (start, end, delta, glyphs: nil for delta mapping, else an explicit glyph array).
type seg struct {
	start, end, delta int
	glyphs            []int
}

func synthFont(segs []seg) []byte {
	segs = append(segs, seg{start: 0xFFFF, end: 0xFFFF, delta: 1})
	n := len(segs)
	var glyphArr []int
	sub := make([]byte, 14+8*n+2)
	binary.BigEndian.PutUint16(sub[0:], 4)
	binary.BigEndian.PutUint16(sub[6:], uint16(2*n))
	ends, starts, deltas, ros := 14, 14+2*n+2, 14+4*n+2, 14+6*n+2
	for i, s := range segs {
		binary.BigEndian.PutUint16(sub[ends+2*i:], uint16(s.end))
		binary.BigEndian.PutUint16(sub[starts+2*i:], uint16(s.start))
		binary.BigEndian.PutUint16(sub[deltas+2*i:], uint16(s.delta))
		if s.glyphs != nil {
			// offset from this idRangeOffset entry to the glyph array position
			off := 2*(n-i) + 2*len(glyphArr)
			binary.BigEndian.PutUint16(sub[ros+2*i:], uint16(off))
			glyphArr = append(glyphArr, s.glyphs...)
		}
	}
	for _, g := range glyphArr {
		sub = binary.BigEndian.AppendUint16(sub, uint16(g))
	}
	binary.BigEndian.PutUint16(sub[2:], uint16(len(sub)))
	cmap := make([]byte, 12)
	binary.BigEndian.PutUint16(cmap[2:], 1)
	binary.BigEndian.PutUint16(cmap[4:], 3)
	binary.BigEndian.PutUint16(cmap[6:], 1)
	binary.BigEndian.PutUint32(cmap[8:], 12)
	cmap = append(cmap, sub...)
	font := make([]byte, 12+16)
	binary.BigEndian.PutUint32(font[0:], 0x00010000)
	binary.BigEndian.PutUint16(font[4:], 1)
	copy(font[12:], "cmap")
	binary.BigEndian.PutUint32(font[20:], 28)
	binary.BigEndian.PutUint32(font[24:], uint32(len(cmap)))
	return append(font, cmap...)
}

func TestCoverageSynthetic(t *testing.T) {
	font := synthFont([]seg{
		{start: 'A', end: 'C', delta: 1},                        // A..C → glyphs 66..68
		{start: 0x4E00, end: 0x4E03, glyphs: []int{5, 0, 7, 8}}, // 一 with a hole at U+4E01
		{start: 0x3000, end: 0x3001, delta: 0x10000 - 0x3000},   // U+3000 → glyph 0 (notdef)
	})
	c, err := ParseCoverage(font)
	if err != nil {
		t.Fatal(err)
	}
	want := map[rune]bool{'A': true, 'B': true, 'C': true, 'D': false, 0x4E00: true, 0x4E01: false,
		0x4E02: true, 0x4E03: true, 0x3000: false, 0x3001: true, 0xFFFF: false}
	for r, w := range want {
		if c.Has(r) != w {
			t.Errorf("Has(%U) = %v, want %v", r, !w, w)
		}
	}
	if c.Len() != 7 {
		t.Errorf("Len = %d, want 7", c.Len())
	}
}

func TestCoverageDamaged(t *testing.T) {
	good := synthFont([]seg{{start: 'A', end: 'Z', delta: 1}})
	for _, n := range []int{0, 3, 11, 20, 30, 40, 50, len(good) - 1} {
		if _, err := ParseCoverage(good[:n]); err == nil && n < 50 {
			t.Errorf("truncated to %d bytes: no error", n)
		}
	}
	if _, err := ParseCoverage([]byte("not a font at all, just text")); err == nil {
		t.Error("text accepted as a font")
	}
}

func FuzzParseCoverage(f *testing.F) {
	f.Add(synthFont([]seg{{start: 'A', end: 'Z', delta: 1}, {start: 0x4E00, end: 0x4E01, glyphs: []int{3, 4}}}))
	f.Add([]byte{0, 1, 0, 0, 0, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseCoverage(data)
		if err == nil && c.Has(0xFFFF) {
			t.Fatal("U+FFFF covered")
		}
	})
}
