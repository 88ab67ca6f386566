package app

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/scoring/review"
)

// The 汇总 table's columns are as wide as their widest text (two-line headers, cells of every
// imported unit) and the 单位 column takes what the window has beyond them, so all thirteen
// columns fit a 1280-pixel window; its keyboard moves a row cursor (↑↓, PageUp/PageDown,
// Home/End) and 回车 opens the unit under it.

const (
	// unitMinWidth is the narrowest the 单位 column gets (about nine characters); a narrower
	// window scrolls sideways rather than cut the names shorter.
	unitMinWidth = 150
	// maxColumnWidth caps a column measured from its texts: a freak text is cut with …, the
	// table not widened for it.
	maxColumnWidth = 240
)

// sortMark is the arrow a header shows when the table is sorted by its column.
func sortMark(desc bool) string {
	if desc {
		return " ▼"
	}
	return " ▲"
}

// textWidth is the width a Label needs to show s whole: the text, its inner padding and a
// padding more (at exactly text and inner padding, a truncating Label already cuts the text).
func textWidth(s string, bold bool) float32 {
	return fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{Bold: bold}).Width + 2*theme.InnerPadding() + theme.Padding()
}

// headerWidth is the width a header button needs for its widest line.
func headerWidth(h string) float32 {
	w := float32(0)
	for _, line := range strings.Split(h, "\n") {
		w = max(w, textWidth(line, true))
	}
	return w
}

// contentWidths is the widest cell of every column over rows (the 单位 column is left at 0: it
// takes what is left).
func contentWidths(rows []review.Ranked) [review.NumColumns]float32 {
	var w [review.NumColumns]float32
	seen := make([]map[string]bool, review.NumColumns)
	for c := range seen {
		seen[c] = map[string]bool{}
	}
	for _, r := range rows {
		for c := review.Column(0); c < review.NumColumns; c++ {
			if c == review.ColUnit {
				continue
			}
			s := review.Cell(r, c)
			if seen[c][s] {
				continue
			}
			seen[c][s] = true
			w[c] = max(w[c], textWidth(s, c == review.ColReviewConv))
		}
	}
	return w
}

// baseWidths is every column's width but the 单位 column's: its widest cell or header (with the
// sort arrow on the sorted column), at most maxColumnWidth.
func baseWidths(content [review.NumColumns]float32, header func(review.Column) string) [review.NumColumns]float32 {
	var w [review.NumColumns]float32
	for c := review.Column(0); c < review.NumColumns; c++ {
		if c != review.ColUnit {
			w[c] = min(maxColumnWidth, max(content[c], headerWidth(header(c))))
		}
	}
	return w
}

// fitColumns gives the 单位 column what a table total wide has beyond the other columns, the
// padding between columns and the scroll bar, never less than unitMinWidth; the last column
// then takes what is left at the right end (the scroll bar's strip, which it keeps clear of its
// left-aligned text), so that the columns span the whole table and the row cursor's background
// reaches its right edge (it stopped ~18 px short at 1366×768).
func fitColumns(base [review.NumColumns]float32, total, pad, scroll float32) [review.NumColumns]float32 {
	w := base
	left := total - scroll
	for c, cw := range base {
		left -= pad
		if c != int(review.ColUnit) {
			left -= cw
		}
	}
	w[review.ColUnit] = max(left, unitMinWidth)
	span := float32(len(w)-1) * pad // the paddings between the columns
	for _, cw := range w {
		span += cw
	}
	if span < total {
		w[len(w)-1] += total - span
	}
	return w
}

// moveRow is where key takes the row cursor at cur (-1: no row chosen yet) among n rows, page
// rows to a screen; ok is false for keys that do not move it. The first move from no row lands
// on the first row (End on the last).
func moveRow(cur, n, page int, key fyne.KeyName) (next int, ok bool) {
	if n <= 0 {
		return -1, false
	}
	page = max(page, 1)
	switch key {
	case fyne.KeyDown:
		next = cur + 1
	case fyne.KeyUp:
		next = cur - 1
	case fyne.KeyPageDown:
		next = cur + page
	case fyne.KeyPageUp:
		next = cur - page
	case fyne.KeyHome:
		next = 0
	case fyne.KeyEnd:
		next = n - 1
	default:
		return cur, false
	}
	if cur < 0 && key != fyne.KeyEnd {
		next = 0
	}
	return min(max(next, 0), n-1), true
}

// rowTable is the 汇总 table with a row cursor: the keys of the rows go to key first; the rest
// (←→ scroll sideways) are the table's own.
type rowTable struct {
	widget.Table
	key func(*fyne.KeyEvent) bool
}

// TypedKey offers the key to the row cursor, then to the table.
func (t *rowTable) TypedKey(e *fyne.KeyEvent) {
	if t.key == nil || !t.key(e) {
		t.Table.TypedKey(e)
	}
}

// tableKey moves the row cursor or opens the unit under it (回车); false for other keys.
func (b *bureau) tableKey(e *fyne.KeyEvent) bool {
	cur := b.cursorRow()
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if cur >= 0 {
			b.openUnit(b.rows[cur].ID)
		}
		return true
	}
	next, ok := moveRow(cur, len(b.rows), b.pageRows(), e.Name)
	if ok {
		b.setCursor(next)
	}
	return ok
}

// cursorRow is the row of the unit under the cursor, -1 when it is not among the rows shown.
func (b *bureau) cursorRow() int {
	if b.cursor == 0 {
		return -1
	}
	for i, r := range b.rows {
		if r.ID == b.cursor {
			return i
		}
	}
	return -1
}

// pageRows is about one row less than the table shows at once (below its two-line header), so
// PageUp/PageDown keep one row of the screen before in view.
func (b *bureau) pageRows() int {
	return max(int(b.table.Size().Height/b.rowHeight)-3, 1)
}

// setCursor puts the cursor on row i and scrolls it into view; the table's own focus mark
// follows it (Select moves it, and scrolls), the line under the table names the unit in full.
func (b *bureau) setCursor(i int) {
	if i < 0 || i >= len(b.rows) {
		b.cursorNote()
		return
	}
	b.cursor = b.rows[i].ID
	b.moving = true
	id := widget.TableCellID{Row: i, Col: int(review.ColUnit)}
	b.table.Select(id)
	b.table.UnselectAll()
	b.moving = false
	// Table.ScrollTo (which Select calls) counts the header twice when it scrolls up, leaving
	// the row under the header: scrolling to the row as many rows higher as the header is high
	// puts it just below the header. When the row is on screen (or was scrolled to from above)
	// that row is too, and nothing moves.
	if up := int(math.Ceil(float64(b.headerHeight / b.rowHeight))); i-up <= 0 {
		b.table.ScrollToTop()
	} else {
		id.Row = i - up
		b.table.ScrollTo(id)
	}
	b.table.Refresh()
	b.cursorNote()
}

// cursorNote says under the table which unit the cursor is on, its name in full.
func (b *bureau) cursorNote() {
	text := "↑↓、PageUp/PageDown、Home/End 选择单位，回车打开复核。"
	if i := b.cursorRow(); i >= 0 {
		r := b.rows[i]
		text = fmt.Sprintf("已选第 %d 行：%s（%s，%d 年度）　回车打开复核，↑↓ 换一个单位。", i+1, r.Unit.Name, r.Unit.CreditCode, r.Year)
	}
	if b.selected.Text != text {
		b.selected.SetText(text)
	}
}

// newCell is a cell of the 汇总 table: a label over the row cursor's background.
func newCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	bg := canvas.NewRectangle(color.Transparent)
	return container.NewStack(bg, l)
}

// setCell shows text in a cell's label, touching the label only when something changed: the
// table updates every visible cell whenever it scrolls or a cursor key redraws it, and a label's
// refresh lays its text out again (about 0.1 ms each, 200 of them on a screen).
func setCell(l *widget.Label, text string, imp widget.Importance, bold bool, align fyne.TextAlign) {
	if l.Text == text && l.Importance == imp && l.TextStyle.Bold == bold && l.Alignment == align {
		return
	}
	l.Importance, l.TextStyle.Bold, l.Alignment = imp, bold, align
	l.SetText(text)
}

// unitColumn lays out the 汇总 table and gives its 单位 column whatever the window has beyond the
// other columns (fitColumns): on a wide screen the unit names show whole.
type unitColumn struct {
	b     *bureau
	width float32 // the table width the columns were fitted to last
}

func (l *unitColumn) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.width {
		l.width = size.Width
		l.b.fitColumns()
	}
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *unitColumn) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

// fitColumns sets the column widths for the table's width, texts and sort.
func (b *bureau) fitColumns() {
	total := b.layout.width
	if total <= 0 {
		return
	}
	w := fitColumns(baseWidths(b.measured, b.headerText), total, theme.Padding(), theme.ScrollBarSize())
	for c, cw := range w {
		if cw != b.widths[c] {
			b.widths[c] = cw
			b.table.SetColumnWidth(c, cw)
		}
	}
}

// searchEntry is the 汇总 table's filter box: ↓ or 回车 in it goes on to the rows it filtered.
type searchEntry struct {
	widget.Entry
	toTable func()
}

// TypedKey hands ↓ and 回车 to the table, every other key to the entry.
func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown, fyne.KeyReturn, fyne.KeyEnter:
		e.toTable()
	default:
		e.Entry.TypedKey(k)
	}
}

// fromSearch gives the table the keyboard, the cursor on the first row shown unless it is on
// one of them already.
func (b *bureau) fromSearch() {
	b.d.win.Canvas().Focus(b.table)
	if b.cursorRow() < 0 {
		b.setCursor(0)
	}
}
