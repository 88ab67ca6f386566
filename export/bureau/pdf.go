package bureau

import (
	"time"

	"sanxiang/export"
)

// doc is one PDF of the bureau's in the unit's exports' style: export.PDF draws the text,
// tables, footer and signature block; this adds the bureau documents' centred title, headings
// and plain-text tables.
type doc struct{ *export.PDF }

func newDoc(fs *export.FontSubset, landscape bool, title, author string, date time.Time, footL, footR string) *doc {
	return &doc{export.NewPDF(fs, export.PDFOptions{Landscape: landscape, Title: title, Author: author, Date: date,
		FooterLeft: footL, FooterRight: footR})}
}

// title prints a centred bold title, wrapped when long.
func (d *doc) title(s string, size float64) {
	d.SetFont(true, size)
	for _, l := range d.Wrap(s, d.ContentW()) {
		d.Ensure(d.LineH())
		d.LineAt(d.Left()+(d.ContentW()-d.Width(l))/2, d.Y(), l)
		d.SetY(d.Y() + d.LineH())
	}
	d.SetY(d.Y() + 2)
	d.SetFont(false, 10)
}

// heading prints a bold 12 pt section heading kept on one page with keep mm below it.
func (d *doc) heading(s string, keep float64) { d.Heading(s, 12, 4, keep) }

// column is one table column: title, width (mm), alignment ('L', 'C', 'R').
type column struct {
	title string
	w     float64
	align byte
}

// row is one table row of plain texts, one per column; bold rows are shaded (totals).
type row struct {
	cells []string
	bold  bool
}

// table draws rows at size points under a header of the column titles (each aligned as its
// column), repeated on every page; see export.PDF.Table for the page breaks.
func (d *doc) table(cols []column, rows []row, size float64) {
	cs := make([]export.Column, len(cols))
	for i, c := range cols {
		cs[i] = export.Column{Title: c.title, W: c.w, Align: c.align}
	}
	rs := make([]export.Row, len(rows))
	for i, r := range rows {
		cells := make([]export.Cell, len(cols)) // every column gets its box, filled or not
		for k := range cells {
			if k < len(r.cells) {
				cells[k].Text = r.cells[k]
			}
		}
		rs[i] = export.Row{Cells: cells, Bold: r.bold}
		if r.bold {
			rs[i].Fill = 238
		}
	}
	d.Table(export.Table{Cols: cs, Size: size, Pad: 1.1, Header: true, TitlesAligned: true}, rs)
	d.SetFont(false, 10)
}
