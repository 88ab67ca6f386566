package export

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

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

// PDF is one A4 document in the style of all of the program's PDFs (the unit's 评分表 and
// 自评报告, the bureau's 复核意见书 and 推荐名单), so that they share one way of drawing text and
// tables: every string is sanitized against the font subset and broken by cjk.Wrap, never by
// fpdf's SplitText/MultiCell (which drop a Chinese character at each break); a footer on every
// page has FooterLeft, "第 N 页 共 M 页" and FooterRight. Pages break only where it says.
type PDF struct {
	p              *fpdf.Fpdf
	fs             *fontSet
	pw, ph         float64 // page size (mm)
	ml, mr, mt, mb float64 // margins (mm)
	y              float64 // current vertical position (mm)
	bold           bool
	size           float64 // current font size (pt)
	widths         [2]map[rune]int
	footL, footR   string
}

// PDFOptions describe a new PDF: orientation, the document's metadata and its footer texts.
type PDFOptions struct {
	Landscape               bool
	Title, Author           string
	Date                    time.Time // creation and modification date (the export's date)
	FooterLeft, FooterRight string    // shortened with "…" to a third of the page; "" prints nothing
}

// NewPDF starts a document that draws with the fonts of fs (see CutFonts); add pages with AddPage.
func NewPDF(fs *FontSubset, o PDFOptions) *PDF { return newPDF(fs.fs, o) }

func newPDF(fs *fontSet, o PDFOptions) *PDF {
	orient := "P"
	if o.Landscape {
		orient = "L"
	}
	p := fpdf.New(orient, "mm", "A4", "")
	d := &PDF{p: p, fs: fs, ml: 15, mr: 15, mt: 15, mb: 16,
		widths: [2]map[rune]int{{}, {}}, footL: o.FooterLeft, footR: o.FooterRight}
	if o.Landscape {
		d.ml, d.mr, d.mt, d.mb = 10, 10, 10, 13
	}
	d.pw, d.ph = p.GetPageSize()
	p.AddUTF8FontFromBytes(familyRegular, "", fs.regular)
	p.AddUTF8FontFromBytes(familyBold, "", fs.bold)
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(d.ml, d.mt, d.mr)
	p.AliasNbPages("{nb}")
	p.SetTitle(d.Clean(o.Title), true)
	p.SetAuthor(d.Clean(o.Author), true)
	p.SetCreator("sanxiang 三项制度示范创建自评工具", true)
	p.SetLang("zh-CN")
	p.SetCreationDate(o.Date)
	p.SetModificationDate(o.Date)
	p.SetDrawColor(0, 0, 0)
	p.SetLineWidth(0.2)
	p.SetFooterFunc(d.footer)
	d.SetFont(false, 10)
	return d
}

// newDoc is a PDF of the unit's exports: its unit and year in the footer, and the 报送包校验码
// when the export belongs to a package.
func newDoc(m *model, fs *fontSet, landscape bool, title string) *PDF {
	o := PDFOptions{Landscape: landscape, Title: title, Author: m.a.Unit.Name, Date: m.date, FooterLeft: m.unitYear()}
	if m.digest != "" {
		o.FooterRight = "报送包校验码 " + m.digest
	}
	return newPDF(fs, o)
}

// Output finishes the document and writes it to w, the fonts under their subset names.
func (d *PDF) Output(w io.Writer) error {
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

// AddPage starts a new page and puts the cursor at the top margin, in the same font.
func (d *PDF) AddPage() {
	bold, size := d.bold, d.size
	d.p.AddPage()
	d.SetFont(bold, size)
	d.y = d.mt
}

// Y is the cursor: where the next line or table starts (mm from the top of the page).
func (d *PDF) Y() float64 { return d.y }

// SetY moves the cursor (to leave space, or to place a block at a fixed height).
func (d *PDF) SetY(y float64) { d.y = y }

// Left is the x of the left margin.
func (d *PDF) Left() float64 { return d.ml }

// Bottom is the lowest y that content may reach.
func (d *PDF) Bottom() float64 { return d.ph - d.mb }

// ContentW is the width between the margins.
func (d *PDF) ContentW() float64 { return d.pw - d.ml - d.mr }

// footer prints FooterLeft, "第 N 页 共 M 页" and FooterRight on every page.
func (d *PDF) footer() {
	d.SetFont(false, 7.5)
	y := d.ph - d.mb + 6
	d.Text(d.ml, y, d.Fit(d.footL, d.ContentW()*0.36))
	page := fmt.Sprintf("第 %d 页 共 {nb} 页", d.p.PageNo())
	d.Text(d.ml+(d.ContentW()-d.Width(page)+d.Width("{nb}")-d.Width("99"))/2, y, page)
	if d.footR != "" {
		s := d.Fit(d.footR, d.ContentW()*0.36)
		d.Text(d.pw-d.mr-d.Width(s), y, s)
	}
}

// SetFont selects the regular or bold face at size points.
func (d *PDF) SetFont(bold bool, size float64) {
	family := familyRegular
	if bold {
		family = familyBold
	}
	d.p.SetFont(family, "", size)
	d.bold, d.size = bold, size
}

// LineH is the height of one text line at the current size.
func (d *PDF) LineH() float64 { return d.size * ptMM * 1.42 }

// Clean makes user text printable with the subset: see cjk.Sanitize.
func (d *PDF) Clean(s string) string { return cjk.Sanitize(s, d.fs.has) }

// runeW measures one rune in mm at the current face and size.
func (d *PDF) runeW(r rune) float64 {
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

// Width measures a string (already clean) in mm at the current font.
func (d *PDF) Width(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += d.runeW(r)
	}
	return w
}

// Wrap cleans s and breaks it into lines no wider than w at the current font.
func (d *PDF) Wrap(s string, w float64) []string {
	return cjk.Wrap(d.Clean(s), w, d.runeW)
}

// Fit shortens a one-line label with "…" so it is at most w wide (only for footers, whose full
// text is printed elsewhere in the document).
func (d *PDF) Fit(s string, w float64) string {
	s = strings.ReplaceAll(d.Clean(s), "\n", " ")
	if d.Width(s) <= w {
		return s
	}
	rs := []rune(s)
	for len(rs) > 0 && d.Width(string(rs))+d.runeW('…') > w {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}

// Text draws a single line with its baseline at y. It cleans s again (a no-op for text that
// came through Wrap or Clean), so that a character missing from the subset prints as a visible
// □ — which the tests look for — and never as an invisible .notdef glyph.
func (d *PDF) Text(x, y float64, s string) {
	d.p.Text(x, y, d.Clean(s))
}

// LineAt draws one line inside a box of height LineH whose top is at top.
func (d *PDF) LineAt(x, top float64, s string) {
	d.Text(x, top+d.LineH()/2+d.size*ptMM*0.36, s)
}

// Line draws a straight line (a rule to sign on, a chart axis).
func (d *PDF) Line(x1, y1, x2, y2 float64) { d.p.Line(x1, y1, x2, y2) }

// Ensure starts a new page when less than h is left on this one.
func (d *PDF) Ensure(h float64) {
	if d.y+h > d.Bottom() {
		d.AddPage()
	}
}

// Paragraph prints text wrapped to the content width (indented by indent), breaking pages as
// needed, and leaves the cursor below it.
func (d *PDF) Paragraph(s string, indent float64) {
	lh := d.LineH()
	for _, line := range d.Wrap(s, d.ContentW()-indent) {
		d.Ensure(lh)
		d.LineAt(d.ml+indent, d.y, line)
		d.y += lh
	}
}

// Heading prints a bold heading at size points, before mm below what precedes it (not at the
// top of a page), kept on a page with at least keep mm below it; then the font is regular 10 pt.
func (d *PDF) Heading(s string, size, before, keep float64) {
	d.SetFont(true, size)
	lines := d.Wrap(s, d.ContentW())
	h := float64(len(lines))*d.LineH() + 2
	if d.y > d.mt+1 {
		d.y += before
	}
	d.Ensure(h + keep)
	for _, l := range lines {
		d.LineAt(d.ml, d.y, l)
		d.y += d.LineH()
	}
	d.y += 2
	d.SetFont(false, 10)
}

// Signature prints label/value pairs two per row at 10.5 pt, each with a line to sign or stamp
// on (a long value wraps above its line), the whole block kept together on one page.
func (d *PDF) Signature(fields [][2]string) {
	d.SetFont(false, 10.5)
	lh := d.LineH()
	half := d.ContentW() / 2
	type laid struct {
		x, lx, end float64
		label      string
		value      []string
	}
	var rows [][]laid
	var heights []int
	total := 8.0
	for i := 0; i < len(fields); i += 2 {
		var r []laid
		n := 1
		for k := 0; k < 2 && i+k < len(fields); k++ {
			f := fields[i+k]
			x := d.ml + float64(k)*half
			label := d.Clean(f[0])
			lx := x + d.Width(label)
			end := x + half - 12
			l := laid{x: x, lx: lx, end: end, label: label, value: d.Wrap(f[1], end-lx-2)}
			if len(l.value) == 1 && l.value[0] == "" {
				l.value = nil
			}
			n = max(n, len(l.value))
			r = append(r, l)
		}
		rows, heights = append(rows, r), append(heights, n)
		total += float64(n)*lh + 8
	}
	d.Ensure(total)
	d.y += 8
	for i, r := range rows {
		n := heights[i]
		for _, f := range r {
			d.LineAt(f.x, d.y+float64(n-1)*lh, f.label)
			for k, v := range f.value {
				d.LineAt(f.lx+1, d.y+float64(n-len(f.value)+k)*lh, v)
			}
			d.p.Line(f.lx, d.y+float64(n)*lh+0.5, f.end, d.y+float64(n)*lh+0.5)
		}
		d.y += float64(n)*lh + 8
	}
}

// Column is one table column: title, width (mm) and alignment ('L', 'C' or 'R').
type Column struct {
	Title string
	W     float64
	Align byte
}

// Cell is a table cell; Span > 1 merges it with the cells to its right; Align 0 is the column's.
type Cell struct {
	Text  string
	Span  int
	Align byte
}

// Row is a table row: Fill is a grey level 0..255 for the background (0 = none); Keep holds it
// on the same page as the row after it (a section title with its first line).
type Row struct {
	Cells []Cell
	Bold  bool
	Fill  int
	Keep  bool
}

// Table is how a table is drawn: its columns, font size (pt), cell padding (mm), whether a header
// row of the column titles starts it and every page it continues on (shaded 225, bold; titles
// centred, or aligned as their columns when TitlesAligned), and its left edge (0: the margin).
type Table struct {
	Cols          []Column
	Size, Pad     float64
	Header        bool
	TitlesAligned bool
	Left          float64
}

// table is a Table being drawn into a PDF.
type table struct {
	Table
	d    *PDF
	topY float64 // y just below the header on the current page
}

// laid is a row with its cells wrapped.
type laid struct {
	row   Row
	x, w  []float64
	lines [][]string
	align []byte
	n     int // most lines in any cell
}

// Table draws rows at the cursor with wrapped cells, repeating the header on each page, keeping
// rows whole when they fit on a page and splitting (line by line, nothing lost, "（续）" in an
// empty first cell) only rows taller than a page; the cursor ends below the table.
func (d *PDF) Table(t Table, rows []Row) {
	(&table{Table: t, d: d}).draw(rows)
}

func (t *table) lay(r Row) laid {
	d := t.d
	d.SetFont(r.Bold, t.Size)
	l := laid{row: r}
	col := 0
	for _, c := range r.Cells {
		span := max(c.Span, 1)
		x := t.Left
		if x == 0 {
			x = d.ml
		}
		for i := 0; i < col; i++ {
			x += t.Cols[i].W
		}
		w := 0.0
		for i := col; i < col+span && i < len(t.Cols); i++ {
			w += t.Cols[i].W
		}
		align := c.Align
		if align == 0 && col < len(t.Cols) {
			align = t.Cols[col].Align
		}
		lines := d.Wrap(c.Text, w-2*t.Pad)
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

func (t *table) lineH() float64 { return t.Size * ptMM * 1.42 }

func (t *table) height(n int) float64 { return float64(n)*t.lineH() + 2*t.Pad }

// headerRow is the row of column titles.
func (t *table) headerRow() Row {
	r := Row{Bold: true, Fill: 225}
	for _, c := range t.Cols {
		align := byte('C')
		if t.TitlesAligned {
			align = c.Align
		}
		r.Cells = append(r.Cells, Cell{Text: c.Title, Align: align})
	}
	return r
}

// newPage continues the table on a fresh page, header first.
func (t *table) newPage() {
	t.d.AddPage()
	t.start()
}

// start draws the header at the cursor (if the table has one).
func (t *table) start() {
	if t.Header {
		h := t.lay(t.headerRow())
		t.drawChunk(h, 0, h.n)
	}
	t.topY = t.d.y
}

// draw lays out and draws rows, starting at the cursor; a page with no room for the header and
// one line of a row is left for the next.
func (t *table) draw(rows []Row) {
	d := t.d
	ls := make([]laid, len(rows))
	for i, r := range rows {
		ls[i] = t.lay(r)
	}
	head := t.height(1)
	if t.Header {
		head = t.height(t.lay(t.headerRow()).n)
	}
	if d.y+head+t.height(1) > d.Bottom() {
		d.AddPage()
	}
	t.start()
	body := d.Bottom() - t.topY
	for i, l := range ls {
		need := t.height(l.n)
		for k := i; ls[k].row.Keep && k+1 < len(ls); k++ {
			need += t.height(ls[k+1].n)
		}
		if need > body {
			need = t.height(l.n)
		}
		if d.y+need > d.Bottom()+0.01 && d.y > t.topY+0.01 {
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
		fit := int(math.Floor((d.Bottom() - d.y - 2*t.Pad + 0.01) / t.lineH()))
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
	d.SetFont(l.row.Bold, t.Size)
	for i := range l.x {
		style := "D"
		if l.row.Fill > 0 {
			p.SetFillColor(l.row.Fill, l.row.Fill, l.row.Fill)
			style = "FD"
		}
		p.Rect(l.x[i], d.y, l.w[i], h, style)
		lines := l.lines[i]
		if i == 0 && from > 0 && len(lines) <= from {
			// a row continued from the previous page says so where its first cell is empty
			d.LineAt(l.x[i]+(l.w[i]-d.Width("（续）"))/2, d.y+t.Pad, "（续）")
		}
		for k := from; k < to && k < len(lines); k++ {
			s := lines[k]
			x := l.x[i] + t.Pad
			switch l.align[i] {
			case 'C':
				x = l.x[i] + (l.w[i]-d.Width(strings.TrimRight(s, " ")))/2
			case 'R':
				x = l.x[i] + l.w[i] - t.Pad - d.Width(strings.TrimRight(s, " "))
			}
			d.LineAt(x, d.y+t.Pad+float64(k-from)*t.lineH(), s)
		}
	}
	d.y += h
}
