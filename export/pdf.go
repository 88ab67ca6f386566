package export

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"sanxiang/export/cjk"
	"sanxiang/internal/oserr"
)

// The embedded subsets are registered under these family names; fpdf names a font "utf8" +
// family, and output renames it to the PDF subset form "ABCDEF+Name" (which tells readers and
// pdffonts that only a subset is embedded). Each pair has the same length, so the rename keeps
// every byte offset of the file.
const (
	familyRegular  = "sanxiang-noto-regular"
	subsetRegular  = "SXREGU+NotoSansSC-Regular"
	familyBold     = "sanxiang-noto-bold"
	subsetBoldName = "SXBOLD+NotoSansSC-Bold"
)

// ptMM converts a font size in points to millimetres.
const ptMM = 25.4 / 72

// doc wraps one fpdf document with our own text measuring, wrapping and page handling: every
// string is sanitized against the font subset and broken by cjk.Wrap, never by fpdf's
// SplitText/MultiCell (which drop a Chinese character at each break).
type doc struct {
	p              *fpdf.Fpdf
	fs             *fontSet
	m              *model
	pw, ph         float64 // page size (mm)
	ml, mr, mt, mb float64 // margins (mm)
	y              float64 // current vertical position (mm)
	bold           bool
	size           float64 // current font size (pt)
	widths         [2]map[rune]int
}

func newDoc(m *model, fs *fontSet, landscape bool, title string) *doc {
	orient := "P"
	if landscape {
		orient = "L"
	}
	p := fpdf.New(orient, "mm", "A4", "")
	d := &doc{p: p, fs: fs, m: m, ml: 15, mr: 15, mt: 15, mb: 16,
		widths: [2]map[rune]int{{}, {}}}
	if landscape {
		d.ml, d.mr, d.mt, d.mb = 10, 10, 10, 13
	}
	d.pw, d.ph = p.GetPageSize()
	p.AddUTF8FontFromBytes(familyRegular, "", fs.regular)
	p.AddUTF8FontFromBytes(familyBold, "", fs.bold)
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(d.ml, d.mt, d.mr)
	p.AliasNbPages("{nb}")
	p.SetTitle(d.clean(title), true)
	p.SetAuthor(d.clean(m.a.Unit.Name), true)
	p.SetCreator("sanxiang 三项制度示范创建自评工具", true)
	p.SetLang("zh-CN")
	p.SetCreationDate(m.date)
	p.SetModificationDate(m.date)
	p.SetDrawColor(0, 0, 0)
	p.SetLineWidth(0.2)
	p.SetFooterFunc(d.footer)
	d.setFont(false, 10)
	return d
}

// output finishes the document and writes it to w.
func (d *doc) output(w io.Writer) error {
	if err := d.p.Error(); err != nil {
		return oserr.Wrap("生成 PDF 失败", err)
	}
	var buf bytes.Buffer
	if err := d.p.Output(&buf); err != nil {
		return oserr.Wrap("生成 PDF 失败", err)
	}
	if _, err := w.Write(subsetNames(buf.Bytes())); err != nil {
		return oserr.Wrap("写入 PDF 失败", err)
	}
	return nil
}

// subsetNames gives the embedded fonts their subset names (PDF 32000 §9.6.4) in place.
func subsetNames(pdf []byte) []byte {
	for _, r := range [][2]string{{"/utf8" + familyRegular, "/" + subsetRegular}, {"/utf8" + familyBold, "/" + subsetBoldName}} {
		if len(r[0]) == len(r[1]) {
			pdf = bytes.ReplaceAll(pdf, []byte(r[0]), []byte(r[1]))
		}
	}
	return pdf
}

// addPage starts a new page and puts the cursor at the top margin.
func (d *doc) addPage() {
	bold, size := d.bold, d.size
	d.p.AddPage()
	d.setFont(bold, size)
	d.y = d.mt
}

// bottom is the lowest y that content may reach.
func (d *doc) bottom() float64 { return d.ph - d.mb }

// contentW is the width between the margins.
func (d *doc) contentW() float64 { return d.pw - d.ml - d.mr }

// footer prints unit and year, "第 N 页 共 M 页" and the 报送包校验码 on every page.
func (d *doc) footer() {
	d.setFont(false, 7.5)
	y := d.ph - d.mb + 6
	left := d.fit(d.m.unitYear(), d.contentW()*0.36)
	d.text(d.ml, y, left)
	page := fmt.Sprintf("第 %d 页 共 {nb} 页", d.p.PageNo())
	d.text(d.ml+(d.contentW()-d.width(page)+d.width("{nb}")-d.width("99"))/2, y, page)
	if d.m.digest != "" {
		s := d.fit("报送包校验码 "+d.m.digest, d.contentW()*0.36)
		d.text(d.pw-d.mr-d.width(s), y, s)
	}
}

// setFont selects the regular or bold face at size points.
func (d *doc) setFont(bold bool, size float64) {
	family := familyRegular
	if bold {
		family = familyBold
	}
	d.p.SetFont(family, "", size)
	d.bold, d.size = bold, size
}

// lineH is the height of one text line at the current size.
func (d *doc) lineH() float64 { return d.size * ptMM * 1.42 }

// clean makes user text printable with the subset: see cjk.Sanitize.
func (d *doc) clean(s string) string { return cjk.Sanitize(s, d.fs.has) }

// runeW measures one rune in mm at the current face and size.
func (d *doc) runeW(r rune) float64 {
	face := 0
	if d.bold {
		face = 1
	}
	w, ok := d.widths[face][r]
	if !ok {
		w = d.p.GetStringSymbolWidth(string(r))
		d.widths[face][r] = w
	}
	return float64(w) * d.size * ptMM / 1000
}

// width measures a string (already clean) in mm.
func (d *doc) width(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += d.runeW(r)
	}
	return w
}

// wrap cleans s and breaks it into lines no wider than w at the current font.
func (d *doc) wrap(s string, w float64) []string {
	return cjk.Wrap(d.clean(s), w, d.runeW)
}

// fit shortens a one-line label with "…" so it is at most w wide (only for footers, whose full
// text is printed elsewhere in the document).
func (d *doc) fit(s string, w float64) string {
	s = strings.ReplaceAll(d.clean(s), "\n", " ")
	if d.width(s) <= w {
		return s
	}
	rs := []rune(s)
	for len(rs) > 0 && d.width(string(rs))+d.runeW('…') > w {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}

// text draws a single line with its baseline at y. It cleans s again (a no-op for text that
// came through wrap or clean), so that a character missing from the subset prints as a visible
// □ — which the tests look for — and never as an invisible .notdef glyph.
func (d *doc) text(x, y float64, s string) {
	d.p.Text(x, y, d.clean(s))
}

// lineAt draws one line inside a box of height lineH whose top is at top.
func (d *doc) lineAt(x, top float64, s string) {
	d.text(x, top+d.lineH()/2+d.size*ptMM*0.36, s)
}

// ensure starts a new page when less than h is left on this one.
func (d *doc) ensure(h float64) {
	if d.y+h > d.bottom() {
		d.addPage()
	}
}

// paragraph prints text wrapped to the content width (indented by indent), breaking pages as
// needed, and leaves the cursor below it.
func (d *doc) paragraph(s string, indent float64) {
	lh := d.lineH()
	for _, line := range d.wrap(s, d.contentW()-indent) {
		d.ensure(lh)
		d.lineAt(d.ml+indent, d.y, line)
		d.y += lh
	}
}

// heading prints a bold heading, keeping it on a page with at least keep mm below it.
func (d *doc) heading(s string, size, keep float64) {
	d.setFont(true, size)
	lines := d.wrap(s, d.contentW())
	h := float64(len(lines))*d.lineH() + 2
	if d.y > d.mt+1 {
		d.y += 3
	}
	d.ensure(h + keep)
	for _, l := range lines {
		d.lineAt(d.ml, d.y, l)
		d.y += d.lineH()
	}
	d.y += 2
	d.setFont(false, 10)
}

// column is one table column: width (mm) and alignment ('L', 'C' or 'R').
type column struct {
	title string
	w     float64
	align byte
}

// tcell is a table cell; span > 1 merges it with the cells to its right.
type tcell struct {
	text  string
	span  int
	align byte // 0: the column's
}

// trow is a table row; keep holds it on the same page as the row after it.
type trow struct {
	cells []tcell
	bold  bool
	fill  int // grey level 0..255 for the background, 0 = none
	keep  bool
}

// table draws rows with wrapped cells, repeating the header on each page, keeping rows whole
// when they fit on a page and splitting (line by line, nothing lost) only rows taller than a page.
type table struct {
	d      *doc
	cols   []column
	size   float64 // font size (pt)
	pad    float64 // cell padding (mm)
	header bool
	left   float64 // x of the table's left edge; 0 means the left margin
	topY   float64 // y just below the header on the current page
}

// laid is a row with its cells wrapped.
type laid struct {
	row   trow
	x, w  []float64
	lines [][]string
	align []byte
	n     int // most lines in any cell
}

func (t *table) lay(r trow) laid {
	d := t.d
	d.setFont(r.bold, t.size)
	l := laid{row: r}
	col := 0
	for _, c := range r.cells {
		span := max(c.span, 1)
		x := t.left
		if x == 0 {
			x = d.ml
		}
		for i := 0; i < col; i++ {
			x += t.cols[i].w
		}
		w := 0.0
		for i := col; i < col+span && i < len(t.cols); i++ {
			w += t.cols[i].w
		}
		align := c.align
		if align == 0 && col < len(t.cols) {
			align = t.cols[col].align
		}
		lines := d.wrap(c.text, w-2*t.pad)
		if len(lines) == 1 && lines[0] == "" {
			lines = nil
		}
		l.x, l.w = append(l.x, x), append(l.w, w)
		l.lines, l.align = append(l.lines, lines), append(l.align, align)
		l.n = max(l.n, len(lines))
		col += span
	}
	l.n = max(l.n, 1)
	return l
}

func (t *table) lineH() float64 { return t.size * ptMM * 1.42 }

func (t *table) height(n int) float64 { return float64(n)*t.lineH() + 2*t.pad }

// headerRow is the row of column titles.
func (t *table) headerRow() trow {
	r := trow{bold: true, fill: 225}
	for _, c := range t.cols {
		r.cells = append(r.cells, tcell{text: c.title, align: 'C'})
	}
	return r
}

// newPage continues the table on a fresh page, header first.
func (t *table) newPage() {
	t.d.addPage()
	t.start()
}

// start draws the header at the cursor (if the table has one).
func (t *table) start() {
	if t.header {
		h := t.lay(t.headerRow())
		t.drawChunk(h, 0, h.n)
	}
	t.topY = t.d.y
}

// draw lays out and draws rows, starting at the cursor.
func (t *table) draw(rows []trow) {
	d := t.d
	ls := make([]laid, len(rows))
	for i, r := range rows {
		ls[i] = t.lay(r)
	}
	if d.y+t.height(1)*2 > d.bottom() {
		d.addPage()
	}
	t.start()
	body := d.bottom() - t.topY
	for i, l := range ls {
		need := t.height(l.n)
		for k := i; ls[k].row.keep && k+1 < len(ls); k++ {
			need += t.height(ls[k+1].n)
		}
		if need > body {
			need = t.height(l.n)
		}
		if d.y+need > d.bottom()+0.01 && d.y > t.topY+0.01 {
			t.newPage()
		}
		t.drawSplit(l)
	}
}

// drawSplit draws a row, continuing it on following pages when it is taller than what is left
// (only happens for rows taller than a whole page, since draw moves others to a new page).
func (t *table) drawSplit(l laid) {
	d := t.d
	from := 0
	for {
		fit := int(math.Floor((d.bottom() - d.y - 2*t.pad + 0.01) / t.lineH()))
		if l.n-from <= fit {
			t.drawChunk(l, from, l.n)
			return
		}
		if fit >= 1 {
			t.drawChunk(l, from, from+fit)
			from += fit
		}
		t.newPage()
	}
}

// drawChunk draws lines [from, to) of every cell of a row as one band of boxes.
func (t *table) drawChunk(l laid, from, to int) {
	d := t.d
	p := d.p
	h := t.height(max(1, to-from))
	d.setFont(l.row.bold, t.size)
	for i := range l.x {
		style := "D"
		if l.row.fill > 0 {
			p.SetFillColor(l.row.fill, l.row.fill, l.row.fill)
			style = "FD"
		}
		p.Rect(l.x[i], d.y, l.w[i], h, style)
		lines := l.lines[i]
		if i == 0 && from > 0 && len(lines) <= from {
			// a row continued from the previous page says so where its first cell is empty
			d.lineAt(l.x[i]+(l.w[i]-d.width("（续）"))/2, d.y+t.pad, "（续）")
		}
		for k := from; k < to && k < len(lines); k++ {
			s := lines[k]
			x := l.x[i] + t.pad
			switch l.align[i] {
			case 'C':
				x = l.x[i] + (l.w[i]-d.width(strings.TrimRight(s, " ")))/2
			case 'R':
				x = l.x[i] + l.w[i] - t.pad - d.width(strings.TrimRight(s, " "))
			}
			d.lineAt(x, d.y+t.pad+float64(k-from)*t.lineH(), s)
		}
	}
	d.y += h
}
