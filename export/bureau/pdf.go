package bureau

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"sanxiang/export"
	"sanxiang/export/cjk"
	"sanxiang/internal/oserr"
)

// ptMM converts a font size in points to millimetres.
const ptMM = 25.4 / 72

// doc is one PDF in the unit's exports' style: Noto Sans SC subsets, text sanitized against the
// subset and broken by cjk.Wrap (never fpdf's own splitting), a footer on every page with who
// and which year on the left, "第 N 页 共 M 页" in the middle and an optional note on the right.
type doc struct {
	p              *fpdf.Fpdf
	fs             *export.FontSubset
	pw, ph         float64
	ml, mr, mt, mb float64
	y              float64
	bold           bool
	size           float64
	widths         [2]map[rune]int
	footL, footR   string
}

func newDoc(fs *export.FontSubset, landscape bool, title, author string, date time.Time, footL, footR string) *doc {
	orient := "P"
	if landscape {
		orient = "L"
	}
	p := fpdf.New(orient, "mm", "A4", "")
	d := &doc{p: p, fs: fs, ml: 15, mr: 15, mt: 15, mb: 16, widths: [2]map[rune]int{{}, {}}, footL: footL, footR: footR}
	if landscape {
		d.ml, d.mr, d.mt, d.mb = 10, 10, 10, 13
	}
	d.pw, d.ph = p.GetPageSize()
	fs.AddTo(p)
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(d.ml, d.mt, d.mr)
	p.AliasNbPages("{nb}")
	p.SetTitle(d.clean(title), true)
	p.SetAuthor(d.clean(author), true)
	p.SetCreator("sanxiang 三项制度示范创建自评工具", true)
	p.SetLang("zh-CN")
	p.SetCreationDate(date)
	p.SetModificationDate(date)
	p.SetDrawColor(0, 0, 0)
	p.SetLineWidth(0.2)
	p.SetFooterFunc(d.footer)
	d.setFont(false, 10)
	return d
}

func (d *doc) output(w io.Writer) error {
	if err := d.p.Error(); err != nil {
		return oserr.Wrap("生成 PDF 失败", err)
	}
	var buf bytes.Buffer
	if err := d.p.Output(&buf); err != nil {
		return oserr.Wrap("生成 PDF 失败", err)
	}
	if _, err := w.Write(export.SubsetNames(buf.Bytes())); err != nil {
		return oserr.Wrap("写入 PDF 失败", err)
	}
	return nil
}

func (d *doc) addPage() {
	bold, size := d.bold, d.size
	d.p.AddPage()
	d.setFont(bold, size)
	d.y = d.mt
}

func (d *doc) bottom() float64   { return d.ph - d.mb }
func (d *doc) contentW() float64 { return d.pw - d.ml - d.mr }

func (d *doc) footer() {
	d.setFont(false, 7.5)
	y := d.ph - d.mb + 6
	d.text(d.ml, y, d.fit(d.footL, d.contentW()*0.36))
	page := fmt.Sprintf("第 %d 页 共 {nb} 页", d.p.PageNo())
	d.text(d.ml+(d.contentW()-d.width(page)+d.width("{nb}")-d.width("99"))/2, y, page)
	if d.footR != "" {
		s := d.fit(d.footR, d.contentW()*0.36)
		d.text(d.pw-d.mr-d.width(s), y, s)
	}
}

func (d *doc) setFont(bold bool, size float64) {
	family := export.FamilyRegular
	if bold {
		family = export.FamilyBold
	}
	d.p.SetFont(family, "", size)
	d.bold, d.size = bold, size
}

func (d *doc) lineH() float64 { return d.size * ptMM * 1.42 }

func (d *doc) clean(s string) string { return cjk.Sanitize(s, d.fs.Has) }

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

func (d *doc) width(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += d.runeW(r)
	}
	return w
}

func (d *doc) wrap(s string, w float64) []string { return cjk.Wrap(d.clean(s), w, d.runeW) }

// fit shortens a footer label with "…" (its full text is printed in the document itself).
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

func (d *doc) text(x, y float64, s string) { d.p.Text(x, y, d.clean(s)) }

func (d *doc) lineAt(x, top float64, s string) {
	d.text(x, top+d.lineH()/2+d.size*ptMM*0.36, s)
}

func (d *doc) ensure(h float64) {
	if d.y+h > d.bottom() {
		d.addPage()
	}
}

// title prints a centred bold title, wrapped when long.
func (d *doc) title(s string, size float64) {
	d.setFont(true, size)
	for _, l := range d.wrap(s, d.contentW()) {
		d.ensure(d.lineH())
		d.lineAt(d.ml+(d.contentW()-d.width(l))/2, d.y, l)
		d.y += d.lineH()
	}
	d.y += 2
	d.setFont(false, 10)
}

// paragraph prints wrapped text at the current font, breaking pages as needed.
func (d *doc) paragraph(s string, indent float64) {
	lh := d.lineH()
	for _, line := range d.wrap(s, d.contentW()-indent) {
		d.ensure(lh)
		d.lineAt(d.ml+indent, d.y, line)
		d.y += lh
	}
}

// heading prints a bold heading kept on one page with keep mm below it.
func (d *doc) heading(s string, keep float64) {
	d.setFont(true, 12)
	lines := d.wrap(s, d.contentW())
	h := float64(len(lines))*d.lineH() + 2
	if d.y > d.mt+1 {
		d.y += 4
	}
	d.ensure(h + keep)
	for _, l := range lines {
		d.lineAt(d.ml, d.y, l)
		d.y += d.lineH()
	}
	d.y += 2
	d.setFont(false, 10)
}

// column is one table column: title, width (mm), alignment ('L', 'C', 'R').
type column struct {
	title string
	w     float64
	align byte
}

// row is one table row; bold rows are shaded (totals).
type row struct {
	cells []string
	bold  bool
}

// table draws rows with wrapped cells and a header repeated on every page; a row stays whole
// when it fits on a page, and only a row taller than a page continues line by line (nothing lost).
func (d *doc) table(cols []column, rows []row, size float64) {
	const pad = 1.1
	lh := size * ptMM * 1.42
	height := func(n int) float64 { return float64(max(n, 1))*lh + 2*pad }
	lay := func(r row) [][]string {
		d.setFont(r.bold, size)
		out := make([][]string, len(cols))
		for i := range cols {
			s := ""
			if i < len(r.cells) {
				s = r.cells[i]
			}
			out[i] = d.wrap(s, cols[i].w-2*pad)
			if len(out[i]) == 1 && out[i][0] == "" {
				out[i] = nil
			}
		}
		return out
	}
	lines := func(l [][]string) int {
		n := 1
		for _, c := range l {
			n = max(n, len(c))
		}
		return n
	}
	draw := func(l [][]string, from, to int, bold bool, fill int) {
		h := height(to - from)
		d.setFont(bold, size)
		x := d.ml
		for i, c := range cols {
			style := "D"
			if fill > 0 {
				d.p.SetFillColor(fill, fill, fill)
				style = "FD"
			}
			d.p.Rect(x, d.y, c.w, h, style)
			if i == 0 && from > 0 && len(l[i]) <= from {
				d.lineAt(x+(c.w-d.width("（续）"))/2, d.y+pad, "（续）")
			}
			for k := from; k < to && k < len(l[i]); k++ {
				s := l[i][k]
				tx := x + pad
				switch c.align {
				case 'C':
					tx = x + (c.w-d.width(strings.TrimRight(s, " ")))/2
				case 'R':
					tx = x + c.w - pad - d.width(strings.TrimRight(s, " "))
				}
				d.lineAt(tx, d.y+pad+float64(k-from)*lh, s)
			}
			x += c.w
		}
		d.y += h
	}
	hdr := row{bold: true}
	for _, c := range cols {
		hdr.cells = append(hdr.cells, c.title)
	}
	hl := lay(hdr)
	header := func() { draw(hl, 0, lines(hl), true, 225) }
	if d.y+height(lines(hl))+height(1) > d.bottom() {
		d.addPage()
	}
	header()
	top := d.y
	for _, r := range rows {
		l := lay(r)
		n := lines(l)
		fill := 0
		if r.bold {
			fill = 238
		}
		if d.y+height(n) > d.bottom()+0.01 && d.y > top+0.01 {
			d.addPage()
			header()
			top = d.y
		}
		for from := 0; from < n; {
			fit := int(math.Floor((d.bottom() - d.y - 2*pad + 0.01) / lh))
			if n-from <= fit {
				draw(l, from, n, r.bold, fill)
				break
			}
			if fit >= 1 {
				draw(l, from, from+fit, r.bold, fill)
				from += fit
			}
			d.addPage()
			header()
			top = d.y
		}
	}
	d.setFont(false, 10)
}

// signature prints label/value pairs two per row, each with a line to sign or stamp on (a long
// value wraps above its line), the whole block kept together on one page.
func (d *doc) signature(fields [][2]string) {
	d.setFont(false, 10.5)
	lh := d.lineH()
	half := d.contentW() / 2
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
			label := d.clean(f[0])
			lx := x + d.width(label)
			end := x + half - 12
			l := laid{x: x, lx: lx, end: end, label: label, value: d.wrap(f[1], end-lx-2)}
			if len(l.value) == 1 && l.value[0] == "" {
				l.value = nil
			}
			n = max(n, len(l.value))
			r = append(r, l)
		}
		rows, heights = append(rows, r), append(heights, n)
		total += float64(n)*lh + 8
	}
	d.ensure(total)
	d.y += 8
	for i, r := range rows {
		n := heights[i]
		for _, f := range r {
			d.lineAt(f.x, d.y+float64(n-1)*lh, f.label)
			for k, v := range f.value {
				d.lineAt(f.lx+1, d.y+float64(n-len(f.value)+k)*lh, v)
			}
			d.p.Line(f.lx, d.y+float64(n)*lh+0.5, f.end, d.y+float64(n)*lh+0.5)
		}
		d.y += float64(n)*lh + 8
	}
}
