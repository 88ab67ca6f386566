package app

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/app/workspace"
	xbureau "sanxiang/export/bureau"
	"sanxiang/internal/evidencefile"
	"sanxiang/scoring/review"
	"sanxiang/workflow"
)

// bureauStore is what the district bureau's screens (区司法局复核) need from the database and
// the jobs of workflow; the program hands in dbBureau, tests a fake. Every call may take a
// while: the screens call it off the UI goroutine.
type bureauStore interface {
	// ReviewList is every imported unit of year (0: all years), summarized and ranked in groups
	// of one year and one catalog, history filled (workflow.ReviewList).
	ReviewList(year int) ([]review.Group, error)
	// BureauUnits is every imported unit of year (0: all years) with its review, in one read.
	BureauUnits(year int) ([]review.Unit, error)
	// BureauUnit is one imported unit with its review.
	BureauUnit(id int64) (review.Unit, error)
	SaveReviewItem(id int64, it review.Item) error
	DeleteReviewItem(id int64, no int) error
	SaveReviewMeta(id int64, reviewer, conclusion string) error
	// SetReviewStatus sets the review's status; leaving 已复核 removes the unit's
	// recommendation marks of the year, and says which (storage.DB.SetReviewStatus).
	SetReviewStatus(id int64, s review.Status) (review.Unmarked, error)
	// RecommendedFor is which marks leaving 已复核 would remove (storage.DB.RecommendedFor):
	// 取消已复核 asks first when there are any.
	RecommendedFor(id int64) (review.Unmarked, error)
	Marks(year int, catalogID string) (review.Marks, error)
	SetMarks(year int, catalogID string, m review.Marks) error
	Places() (review.Places, error)
	SetPlaces(p review.Places) error
	// BureauName is the 区司法局's name printed on 复核汇总表 and 推荐名单 ("" until set).
	BureauName() (string, error)
	SetBureauName(name string) error
	// CountPackages walks roots for packages (the count before an import).
	CountPackages(ctx context.Context, roots []string) (int, error)
	// ImportStick verifies and imports every package under roots (workflow.ImportStick).
	ImportStick(ctx context.Context, roots []string, replace bool, progress func(stickProgress)) ([]stickResult, error)
	// ExportReview writes 复核汇总表.xlsx, the 复核意见书 and 推荐名单.pdf of one group (year and
	// catalog) into dir and lists what it wrote; progress (may be nil) hears of each document
	// before it is written, and a canceled ctx leaves no file (xbureau.ErrCanceled).
	ExportReview(ctx context.Context, year int, catalogID, dir string, progress func(xbureau.Progress)) ([]string, error)
}

// stickProgress is how far an import of a stick has got (workflow.StickProgress).
type stickProgress struct {
	Packages, PackagesDone int
	Bytes, BytesDone       int64
	Current                string
}

// stickResult is the outcome of one package of a stick (workflow.StickResult).
type stickResult struct {
	Path       string
	Status     string // "imported", "refused" or "duplicate"
	Unit       string
	CreditCode string
	Year       int
	Digest     string
	Reason     string // the CLI's text (names --replace); the window shows duplicateText
	// Duplicate is a duplicate's reason without the advice on replacing it (workflow.StickResult).
	Duplicate string
	ID        int64
	// Unmarked is what a replace of a 已复核 unit removed of its recommendations.
	Unmarked review.Unmarked
	// Replaceable: a duplicate whose stored assessment came from a package (the bureau's own
	// self-assessment is never replaced by a unit's package), so 替换 is offered.
	Replaceable bool
	// Replaced: imported by 替换/全部替换, in place of what was imported before.
	Replaced bool
}

// bureauDeps is what the bureau's screens are built with (passed in, not reached for).
type bureauDeps struct {
	win        fyne.Window
	store      bureauStore
	post       func(func())                              // runs UI work from goroutines (fyne.Do)
	saver      *workspace.Workspace                      // the window's autosave
	openFile   func(path string)                         // hands a file to the system (evidence), or says why not
	copies     *evidencefile.Copies                      // checks the imported evidence copies (off the UI goroutine)
	widths     *runeWidths                               // character widths for the Chinese line breaking
	pickFolder func(title, ok string, done func(string)) // our folder picker
	self       func()                                    // goes to 本单位自评 (main screen or wizard)
}

// bureau is the bureau's side of the program: the 汇总 table of every imported unit, and from
// it the review of one unit, the import of a stick, the ranking and recommendation, the exports.
type bureau struct {
	d bureauDeps

	groups   []review.Group
	rows     []review.Ranked // the table's rows: filtered and sorted
	filter   review.Filter
	sortCol  review.Column
	sortDesc bool
	sorted   bool // the user picked a column; else the ranking's order

	table        *rowTable
	layout       *unitColumn
	measured     [review.NumColumns]float32 // the widest cell of each column over every unit (contentWidths)
	widths       [review.NumColumns]float32 // the column widths set last
	cursor       int64                      // the unit under the row cursor (0: none)
	moving       bool                       // the cursor is being moved (Select must not open the unit)
	headerHeight float32                    // the table's two-line header
	rowHeight    float32                    // a row of the table with the padding between rows
	selected     *widget.Label              // the line under the table: the unit under the cursor
	search       *searchEntry
	year         *widget.Select
	status       *widget.Select
	count        *widget.Label
	note         *cjkLabel // the line above the table: how to use it, the materials' legend
	content      fyne.CanvasObject
	loaded       chan struct{} // closed after the first load (tests wait on it)

	review *unitReview // the unit review shown last (nil: none yet)
	rank   *ranking    // the ranking shown last
}

// statusChoices are the status filter's options, in order; the first shows every status.
var statusChoices = []string{"全部状态", review.Pending.String(), review.InProgress.String(), review.Done.String()}

const allYears = "全部年度"

// tableHint is the line above the 汇总 table; the materials' legend follows it once loaded.
const tableHint = "点列标题排序（再点一次倒序），点一行打开该单位的复核。"

func newBureau(d bureauDeps) *bureau {
	b := &bureau{d: d, filter: review.Filter{Status: review.AnyStatus}, loaded: make(chan struct{})}
	b.search = &searchEntry{toTable: b.fromSearch}
	b.search.ExtendBaseWidget(b.search)
	b.search.SetPlaceHolder("按单位名称或信用代码筛选")
	b.search.OnChanged = func(s string) { b.filter.Text = s; b.refilter() }
	b.year = widget.NewSelect([]string{allYears}, func(s string) {
		b.filter.Year = 0
		fmt.Sscan(s, &b.filter.Year)
		b.refilter()
	})
	b.year.SetSelectedIndex(0)
	b.status = widget.NewSelect(statusChoices, func(s string) {
		b.filter.Status = review.AnyStatus
		for i, c := range statusChoices[1:] {
			if c == s {
				b.filter.Status = review.Status(i)
			}
		}
		b.refilter()
	})
	b.status.SetSelectedIndex(0)
	b.count = widget.NewLabel("正在读取…")
	b.note = hintText(tableHint)
	b.selected = widget.NewLabel("")
	b.selected.Truncation = fyne.TextTruncateEllipsis
	b.table = b.newTable()
	b.cursorNote()

	importBtn := widget.NewButtonWithIcon("导入报送包…", theme.DownloadIcon(), b.importStick)
	importBtn.Importance = widget.HighImportance
	rank := widget.NewButtonWithIcon("排名与推荐", theme.ListIcon(), b.showRanking)
	exp := widget.NewButtonWithIcon("导出复核文件…", theme.DocumentSaveIcon(), b.exportFiles)
	right := container.NewHBox(importBtn, rank, exp)
	if d.self != nil {
		right.Add(widget.NewButtonWithIcon("本单位自评", theme.HomeIcon(), d.self))
	}
	title := bold("区司法局复核 · 各单位汇总")
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, right, title),
		container.NewBorder(nil, nil, nil, container.NewHBox(b.year, b.status, b.count), b.search),
		b.note,
	)
	b.layout = &unitColumn{b: b}
	b.content = container.NewBorder(top, b.selected, nil, nil, container.New(b.layout, b.table))
	return b
}

// show puts the 汇总 table into the window and reads it afresh. The table takes the keyboard
// (the cursor stays on the unit reviewed last), also when nothing holds the focus.
func (b *bureau) show() {
	b.d.win.SetContent(b.content)
	c := b.d.win.Canvas()
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if b.d.win.Content() == b.content && c.Focused() == nil && c.Overlays().Top() == nil {
			b.tableKey(e)
		}
	})
	c.Focus(b.table)
	b.reload()
}

// reload reads every imported unit off the UI goroutine and shows them. The review's pending
// writes go first (back from a unit, they have only just started): the table shows what was
// typed. A write that fails is reported by the saver (status bar, dialog) and the table shows
// what is stored.
func (b *bureau) reload() {
	go func() {
		_ = b.d.saver.Flush(10 * time.Second) // its failure is the saver's to report
		groups, err := b.d.store.ReviewList(0)
		b.d.post(func() {
			defer func() {
				select {
				case <-b.loaded:
				default:
					close(b.loaded)
				}
			}()
			if err != nil {
				b.count.SetText("读取失败")
				showError(b.d.win, "读取复核汇总失败", err)
				return
			}
			b.setGroups(groups)
			b.setCursor(b.cursorRow()) // in view again after a review
		})
	}()
}

// setGroups shows a fresh list of units (keeps the filter and sort).
func (b *bureau) setGroups(groups []review.Group) {
	b.groups = groups
	b.measured = contentWidths(review.Rows(groups, review.Filter{Status: review.AnyStatus}))
	years := []string{allYears}
	for _, y := range review.Years(groups) {
		years = append(years, fmt.Sprint(y))
	}
	sel := b.year.Selected
	b.year.Options = years
	found := false
	for _, y := range years {
		found = found || y == sel
	}
	if !found {
		b.year.SetSelectedIndex(0) // calls refilter
	} else {
		b.year.Refresh()
	}
	b.refilter()
}

// refilter applies the filter and the sort to the groups and redraws the table.
func (b *bureau) refilter() {
	if b.table == nil {
		return
	}
	b.rows = review.Rows(b.groups, b.filter)
	note := tableHint
	if len(b.groups) == 0 {
		note = "尚未导入任何报送包。点右上角“导入报送包…”，选择U盘或存放各单位报送包的文件夹，其中所有报送包会一次导入。"
	} else if legend := review.MaterialsLegend(b.rows); legend != "" {
		note += legend + "。"
	}
	b.note.SetText(note)
	if b.sorted {
		review.SortRows(b.rows, b.sortCol, b.sortDesc)
	}
	total := 0
	for _, g := range b.groups {
		total += len(g.Units)
	}
	switch {
	case total == 0:
		b.count.SetText("尚未导入报送包")
	case len(b.rows) == total:
		b.count.SetText(fmt.Sprintf("共 %d 个单位", total))
	default:
		b.count.SetText(fmt.Sprintf("显示 %d 个，共 %d 个", len(b.rows), total))
	}
	b.fitColumns()
	b.table.Refresh()
	b.cursorNote()
}

// sortBy is a click on a column header: sort by it, or reverse when it already sorts.
func (b *bureau) sortBy(c review.Column) {
	if b.sorted && b.sortCol == c {
		b.sortDesc = !b.sortDesc
	} else {
		// scores, counts and problems read best largest first; names, codes and ranks ascending
		b.sorted, b.sortCol = true, c
		switch c {
		case review.ColSelf, review.ColSelfConv, review.ColReview, review.ColReviewConv, review.ColYear,
			review.ColCounts, review.ColEvidence, review.ColMaterials:
			b.sortDesc = true
		default:
			b.sortDesc = false
		}
	}
	b.refilter()
}

// headerText is a column's two-line title with the sort arrow when the table is sorted by it.
func (b *bureau) headerText(c review.Column) string {
	t := c.Header()
	if b.sorted && b.sortCol == c {
		m := sortMark(b.sortDesc) // on the second line
		if strings.HasSuffix(t, "\n") {
			m = strings.TrimSpace(m)
		}
		return t + m
	}
	return t
}

// newTable is the 汇总 table: widget.Table draws only the rows on screen, so 200 or 500 units
// scroll as smoothly as ten.
func (b *bureau) newTable() *rowTable {
	t := &rowTable{key: b.tableKey}
	t.Length = func() (int, int) { return len(b.rows), int(review.NumColumns) }
	t.CreateCell = newCell
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		objs := o.(*fyne.Container).Objects
		bg, l := objs[0].(*canvas.Rectangle), objs[1].(*widget.Label)
		var fill color.Color = color.Transparent // the row cursor's background
		if id.Row >= 0 && id.Row < len(b.rows) && b.rows[id.Row].ID == b.cursor {
			fill = theme.Color(theme.ColorNameSelection)
		}
		if bg.FillColor != fill {
			bg.FillColor = fill
			bg.Refresh()
		}
		if id.Row < 0 || id.Row >= len(b.rows) {
			if l.Text != "" {
				l.SetText("")
			}
			return
		}
		r := b.rows[id.Row]
		c := review.Column(id.Col)
		imp := widget.MediumImportance
		switch {
		case c == review.ColDigest && !r.Verified,
			c == review.ColEvidence && r.MissingEvidence > 0,
			c == review.ColMaterials && shortMaterials(r) > 0,
			c == review.ColCounts && r.Unanswered > 0:
			imp = widget.DangerImportance
		case c == review.ColReview && r.Changed > 0:
			imp = widget.WarningImportance
		case c == review.ColStatus && r.Status == review.Done:
			imp = widget.SuccessImportance
		}
		align := fyne.TextAlignLeading
		if c.Numeric() {
			align = fyne.TextAlignTrailing
		}
		setCell(l, review.Cell(r, c), imp, c == review.ColReviewConv, align)
	}
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		h := widget.NewButton("", nil)
		h.Importance = widget.LowImportance
		h.Alignment = widget.ButtonAlignLeading
		return h
	}
	// the header is two lines high (SetRowHeight: a two-line template would make every row so)
	b.headerHeight = widget.NewButton("一\n二", nil).MinSize().Height
	t.SetRowHeight(-1, b.headerHeight)
	b.rowHeight = newCell().MinSize().Height + theme.Padding() // a row and the padding below it
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		h := o.(*widget.Button)
		if id.Col < 0 {
			h.SetText("")
			h.OnTapped = nil
			return
		}
		c := review.Column(id.Col)
		h.OnTapped = func() { b.sortBy(c) }
		align := widget.ButtonAlignLeading
		if c.Numeric() {
			align = widget.ButtonAlignTrailing
		}
		if text := b.headerText(c); h.Text != text || h.Alignment != align { // a refresh re-lays the text out
			h.Alignment = align
			h.SetText(text)
		}
	}
	t.StickyColumnCount = 2 // 名次 and 单位 stay when the table scrolls sideways
	t.OnSelected = func(id widget.TableCellID) {
		if b.moving {
			return
		}
		t.UnselectAll()
		if id.Row >= 0 && id.Row < len(b.rows) {
			b.cursor = b.rows[id.Row].ID
			b.openUnit(b.rows[id.Row].ID)
		}
	}
	t.ExtendBaseWidget(t)
	return t
}

func shortMaterials(r review.Ranked) int {
	n := 0
	for _, m := range r.Materials {
		if !m.OK {
			n++
		}
	}
	return n
}

// exportFiles writes 复核汇总表.xlsx, the 复核意见书 and 推荐名单.pdf of one year into a chosen
// folder, off the UI goroutine.
func (b *bureau) exportFiles() {
	for _, g := range b.groups { // latest year first; the year filtered for, if any
		if b.filter.Year == 0 || g.Year == b.filter.Year {
			b.exportGroup(g)
			return
		}
	}
	showInfo(b.d.win, "没有可导出的内容", "尚未导入任何单位的报送包。请先点“导入报送包…”。")
}

// exportGroup asks for a folder and exports the documents of group g into it.
func (b *bureau) exportGroup(g review.Group) {
	b.d.pickFolder(fmt.Sprintf("选择 %d 年度复核文件导出到哪个文件夹", g.Year), "导出到此文件夹", func(dir string) {
		b.exportTo(g.Year, g.CatalogID, dir)
	})
}

// exportTo runs the export behind a progress dialog (第 k/n 家, 取消); the reviewer's pending
// edits are written first. A canceled export leaves no file and says so.
func (b *bureau) exportTo(year int, catalogID, dir string) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	detail := widget.NewLabel("正在保存复核记录…")
	detail.Truncation = fyne.TextTruncateEllipsis
	var stop *widget.Button
	stop = widget.NewButtonWithIcon("取消", theme.CancelIcon(), func() {
		detail.SetText("正在取消…（不会留下任何文件）")
		stop.Disable()
		cancel()
	})
	body := container.NewVBox(wrapped(fmt.Sprintf("%d 年度复核文件导出到：%s", year, dir)), bar, detail, container.NewHBox(spacer(), stop))
	dlg := dialog.NewCustomWithoutButtons("导出复核文件", atLeast(body, dialogWidth+160, 0), b.d.win)
	dlg.Show()
	progress := func(p xbureau.Progress) {
		b.d.post(func() {
			if ctx.Err() != nil {
				return // 正在取消… stays
			}
			if p.Total > 0 {
				bar.SetValue(float64(p.Done) / float64(p.Total))
			}
			detail.SetText(exportProgressText(p))
		})
	}
	go func() {
		defer cancel()
		var files []string
		err := b.d.saver.Flush(10 * time.Second)
		if err == nil {
			b.d.post(func() {
				if ctx.Err() == nil {
					detail.SetText("正在读取各单位的自评和复核…")
				}
			})
			files, err = b.d.store.ExportReview(ctx, year, catalogID, dir, progress)
		}
		canceled := errors.Is(err, xbureau.ErrCanceled)
		b.d.post(func() {
			dlg.Hide()
			switch {
			case canceled:
				showInfo(b.d.win, "导出已取消", fmt.Sprintf("没有写入任何文件，“%s”中原有的文件保持不变。", dir))
			case err != nil:
				showError(b.d.win, "导出复核文件失败", err)
			default:
				text := fmt.Sprintf("已在“%s”中写入 %d 年度的复核文件：", dir, year)
				for _, f := range files {
					text += "\n" + f
				}
				showInfo(b.d.win, "导出完成", text)
			}
		})
	}()
}

// exportProgressText is the line under the export's progress bar: which document is being
// written, the 复核意见书 as 第 k/n 家 with the unit's name.
func exportProgressText(p xbureau.Progress) string {
	if line := workflow.ExportProgressLine(p); line != "" {
		return line
	}
	return "正在完成…"
}

// newWait shows a modal "请稍候" with what is being done; Hide it when done.
func newWait(win fyne.Window, what string) dialog.Dialog {
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons("请稍候", atLeast(container.NewVBox(widget.NewLabel(what), bar), dialogWidth, 0), win)
	d.Show()
	return d
}
