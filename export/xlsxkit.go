package export

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"sanxiang/internal/oserr"
)

// The workbook plumbing every xlsx of the program shares (the unit's 自评表 here, the bureau's
// 复核汇总表 in export/bureau), so that both open, look and print the same way.

// XLSXFont is the font of every workbook: Excel and WPS on Chinese Windows both ship it.
const XLSXFont = xlsxFont

// XLSXDoc is what XLSXNew puts into a new workbook: its sheets in order and its properties.
type XLSXDoc struct {
	Sheets  []string // the first renames Sheet1
	Title   string
	Subject string
	Created time.Time
}

// XLSXNew makes a workbook with XLSXFont as the default font, the sheets of d, recalculation of
// every formula when the file is opened, and the document properties. The caller closes it.
func XLSXNew(d XLSXDoc) (*excelize.File, error) {
	f := excelize.NewFile()
	err := func() error {
		if err := f.SetDefaultFont(xlsxFont); err != nil {
			return err
		}
		if err := f.SetSheetName("Sheet1", d.Sheets[0]); err != nil {
			return err
		}
		for _, s := range d.Sheets[1:] {
			if _, err := f.NewSheet(s); err != nil {
				return err
			}
		}
		full := true
		if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil {
			return err
		}
		return f.SetDocProps(&excelize.DocProperties{
			Title:   d.Title,
			Subject: d.Subject,
			Creator: "sanxiang 三项制度示范创建自评工具",
			Created: d.Created.UTC().Format("2006-01-02T15:04:05Z"),
		})
	}()
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// XLSXWrite runs the steps that fill f, in order, and writes the workbook to w, with the errors
// every export gives ("生成 Excel 失败", "写入 Excel 失败").
func XLSXWrite(w io.Writer, f *excelize.File, steps ...func() error) error {
	for _, step := range steps {
		if err := step(); err != nil {
			return oserr.Wrap("生成 Excel 失败", err)
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return oserr.Wrap("写入 Excel 失败", err)
	}
	return nil
}

// XLSXCellStyle is one cell style of the program's tables: XLSXFont, wrapped text at the top.
type XLSXCellStyle struct {
	Edges      []string // thin black borders: "left", "right", "top", "bottom"
	Bold       bool
	Size       float64 // points
	Horizontal string  // "left", "center"
	Fill       string  // background colour (RRGGBB), "" none
	NumFmt     string  // custom number format, "" none
	Unlocked   bool    // editable when the sheet is protected
	Link       bool    // blue and underlined
}

// XLSXAllEdges are the four edges of a boxed cell.
var XLSXAllEdges = []string{"left", "right", "top", "bottom"}

// XLSXNewStyle registers s with f and returns its id.
func XLSXNewStyle(f *excelize.File, s XLSXCellStyle) (int, error) {
	font := &excelize.Font{Family: xlsxFont, Size: s.Size, Bold: s.Bold}
	if s.Link {
		font.Color, font.Underline = "0563C1", "single"
	}
	var border []excelize.Border
	for _, side := range s.Edges {
		border = append(border, excelize.Border{Type: side, Color: "000000", Style: 1})
	}
	style := &excelize.Style{Font: font, Border: border,
		Alignment: &excelize.Alignment{Horizontal: s.Horizontal, Vertical: "top", WrapText: true}}
	if s.Fill != "" {
		style.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.Fill}}
	}
	if s.NumFmt != "" {
		num := s.NumFmt
		style.CustomNumFmt = &num
	}
	if s.Unlocked {
		style.Protection = &excelize.Protection{Locked: false}
	}
	return f.NewStyle(style)
}

// XLSXTitleStyle registers the style of a sheet's title row (14 pt bold, centred, no border).
func XLSXTitleStyle(f *excelize.File) (int, error) {
	return f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: xlsxFont, Size: 14, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
}

// XLSXCell is the "A1"-style name of column col (1-based) and row.
func XLSXCell(col, row int) string { return cell(col, row) }

// XLSXHead sets a sheet's column widths and writes its title (merged over the columns, 30 pt
// high) in row 1 and the column headers in row 2, texts made safe by text (XLSXSetRow).
func XLSXHead(f *excelize.File, sheet, title string, cols []string, widths []float64, titleStyle, headerStyle int, text func(string) string) error {
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	if err := XLSXSetRow(f, sheet, 1, []any{title}, []int{titleStyle}, text); err != nil {
		return err
	}
	if err := f.MergeCell(sheet, "A1", cell(len(cols), 1)); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, 1, 30); err != nil {
		return err
	}
	vals, styles := make([]any, len(cols)), make([]int, len(cols))
	for i, c := range cols {
		vals[i], styles[i] = c, headerStyle
	}
	return XLSXSetRow(f, sheet, 2, vals, styles, text)
}

// XLSXPage is how a sheet prints: on A4, fitted to the page width, rows 1–2 repeated on every
// page and frozen with the first FrozenCols columns, the footer "左 | 第 N 页 共 M 页 | 右".
type XLSXPage struct {
	Landscape               bool
	FooterLeft, FooterRight string // texts ("" none), made safe by text and escaped for Excel
	FrozenCols              int
}

// XLSXPageSetup sets up the printing of sheet as p says.
func XLSXPageSetup(f *excelize.File, sheet string, p XLSXPage, text func(string) string) error {
	size, fitW, fitH := 9, 1, 0
	orient := "portrait"
	if p.Landscape {
		orient = "landscape"
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient,
		FitToWidth: &fitW, FitToHeight: &fitH}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	l, r, t, b, h, ft := 0.4, 0.4, 0.5, 0.6, 0.3, 0.3
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &l, Right: &r, Top: &t,
		Bottom: &b, Header: &h, Footer: &ft}); err != nil {
		return err
	}
	esc := func(s string) string { return strings.ReplaceAll(text(s), "&", "&&") }
	footer := "&L&9" + esc(p.FooterLeft) + "&C&9第 &P 页 共 &N 页"
	if p.FooterRight != "" {
		footer += "&R&9" + esc(p.FooterRight)
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: footer}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$1:$2", sheet), Scope: sheet}); err != nil {
		return err
	}
	pane := "bottomLeft"
	if p.FrozenCols > 0 {
		pane = "bottomRight"
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: p.FrozenCols, YSplit: 2,
		TopLeftCell: cell(p.FrozenCols+1, 3), ActivePane: pane})
}
