package app

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/app/workspace"
	"sanxiang/scoring"
)

// dashboard is the 总览与问题 page: totals, a bar per Area and the list of problems to fix.
type dashboard struct {
	ws       *workspace.Workspace
	exists   func(path string) bool // whether an evidence file is there
	shown    func() bool            // whether the page is showing (set by the window; nil: it is not)
	total    *widget.Label
	conv     *widget.Label
	done     *widget.Label
	progress *widget.ProgressBar
	bars     []*areaBar
	summary  *cjkLabel                     // the problems by kind (Chinese line breaking)
	problems []scoring.Problem             // all of them, in catalog order
	groups   map[scoring.ProblemKind][]int // indexes into problems passing the filter, by kind
	query    string
	kind     *widget.Select
	search   *field
	tree     *widget.Tree // the groups (branches, collapsible) and their problems (leaves)
	opened   bool         // the groups' first opening was done
	content  fyne.CanvasObject
}

// problemOrder lists the groups of the problem tree: the real errors first, 未评 last (it is
// not an error, only work still to do, and at the start it holds all 170 criteria).
var problemOrder = []scoring.ProblemKind{
	scoring.ProblemNoDeduction,
	scoring.ProblemNoNAReason,
	scoring.ProblemMissingEvidence,
	scoring.ProblemNoEvidence,
	scoring.ProblemUnanswered,
}

// isError says whether a kind of problem is an error to correct (red) rather than work to do.
func isError(k scoring.ProblemKind) bool {
	return k == scoring.ProblemMissingEvidence || k == scoring.ProblemNoDeduction || k == scoring.ProblemNoNAReason
}

// areaBar is one Area's row: its name, a bar of score against points, and the figures.
type areaBar struct {
	name, figures *widget.Label
	bar           *barChart
}

// newDashboard builds the page for ws; jump opens the checklist at a criterion, shortcut is the
// window's keyboard commands (for the search field), exists tells whether an evidence file is
// there (the problem check).
func newDashboard(ws *workspace.Workspace, jump func(no int), shortcut func(*desktop.CustomShortcut) bool, exists func(string) bool) *dashboard {
	d := &dashboard{ws: ws, exists: exists, total: bigLabel(), conv: bigLabel(), done: bigLabel(), progress: widget.NewProgressBar()}
	d.progress.TextFormatter = func() string {
		return fmt.Sprintf("%.0f%%", d.progress.Value*100)
	}
	figures := container.NewGridWithColumns(3,
		container.NewVBox(widget.NewLabel("当前得分"), d.total),
		container.NewVBox(widget.NewLabel("折算得分（百分制）"), d.conv),
		container.NewVBox(widget.NewLabel("完成情况"), d.done, d.progress),
	)
	rows := container.NewVBox()
	for _, a := range ws.Catalog().Areas {
		b := &areaBar{name: widget.NewLabel(a.Label + "、" + a.Title), figures: widget.NewLabel(""), bar: newBarChart()}
		b.name.Truncation = fyne.TextTruncateEllipsis
		d.bars = append(d.bars, b)
		rows.Add(container.NewBorder(nil, nil, nil, b.figures, container.NewVBox(b.name, b.bar)))
	}
	d.summary = wrapped("")
	d.tree = widget.NewTree(d.children, func(uid string) bool { return uid == "" || strings.HasPrefix(uid, "k:") },
		func(branch bool) fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		}, d.updateNode)
	d.tree.OnSelected = func(uid string) {
		d.tree.UnselectAll()
		var i int
		if _, err := fmt.Sscanf(uid, "p:%d", &i); err == nil && i < len(d.problems) {
			jump(d.problems[i].No)
		} else if d.tree.IsBranchOpen(uid) {
			d.tree.CloseBranch(uid)
		} else {
			d.tree.OpenBranch(uid)
		}
	}
	kinds := []string{"全部问题"}
	for _, k := range problemOrder {
		kinds = append(kinds, k.Label())
	}
	d.kind = widget.NewSelect(kinds, func(string) { d.regroup() })
	d.kind.SetSelectedIndex(0)
	d.search = newField(false, shortcut)
	d.search.SetPlaceHolder("筛选问题：要点编号或文字，如 (36)")
	d.search.OnChanged = func(s string) {
		d.query = strings.TrimSpace(s)
		d.regroup()
	}
	left := container.NewVBox(
		figures,
		widget.NewSeparator(),
		bold("各一级指标得分"),
		rows,
		hint("蓝色为得分，灰色为不适用的分值，空白为失分或未评。"),
	)
	right := container.NewBorder(
		container.NewVBox(bold("待处理的问题（单击组名展开或收起，单击一项跳转到该评分要点）"), d.summary,
			container.NewBorder(nil, nil, d.kind, nil, d.search)), nil, nil, nil, d.tree)
	split := container.NewHSplit(container.NewVScroll(container.NewPadded(left)), container.NewPadded(right))
	split.SetOffset(0.45)
	d.content = split
	return d
}

func bigLabel() *widget.Label {
	l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// changed follows the workspace: new totals while the page shows (selecting it refreshes it).
func (d *dashboard) changed(c workspace.Change) {
	if c.Kind == workspace.ResultChanged && d.shown != nil && d.shown() {
		d.refresh()
	}
}

// refresh recomputes the figures and the problem list (evidence files are checked on disk).
func (d *dashboard) refresh() {
	r := d.ws.Result()
	d.total.SetText(fmt.Sprintf("%s / %s 分", r.Overall.Score, r.Overall.Points))
	if r.ConvertedOK {
		d.conv.SetText(r.Converted.String() + " 分")
	} else {
		d.conv.SetText("—（无可计分的要点）")
	}
	d.done.SetText(fmt.Sprintf("已评 %d / %d 项", r.Overall.Answered(), r.Overall.Total()))
	if t := r.Overall.Total(); t > 0 {
		d.progress.SetValue(float64(r.Overall.Answered()) / float64(t))
	}
	for i, ar := range r.Areas {
		b := d.bars[i]
		rate := "—"
		if h, ok := ar.Rate(); ok {
			rate = h.String() + "%"
		}
		b.figures.SetText(fmt.Sprintf("%s / %s 分　得分率 %s　已评 %d/%d", ar.Score, ar.Points, rate, ar.Answered(), ar.Total()))
		b.bar.set(ar.Score, ar.Points, ar.NAPoints)
	}
	d.problems = d.ws.Problems(d.exists)
	if len(d.problems) == 0 {
		d.summary.SetText("没有待处理的问题，可以定稿。")
	} else {
		d.summary.SetText(fmt.Sprintf("共 %d 个：%s", len(d.problems), problemSummary(d.problems)))
	}
	d.regroup()
}

// regroup sorts the problems passing the kind choice and the filter text into their groups.
func (d *dashboard) regroup() {
	d.groups = map[scoring.ProblemKind][]int{}
	want := ""
	if d.kind != nil && d.kind.SelectedIndex() > 0 {
		want = string(problemOrder[d.kind.SelectedIndex()-1])
	}
	// the IME's full-width brackets find "(36)" too
	q := strings.NewReplacer("（", "(", "）", ")").Replace(strings.ToLower(d.query))
	for i, p := range d.problems {
		if want != "" && string(p.Kind) != want {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(p.Message+"\n"+p.Path), q) {
			continue
		}
		d.groups[p.Kind] = append(d.groups[p.Kind], i)
	}
	if d.tree == nil {
		return
	}
	if !d.opened && len(d.problems) > 0 {
		// the errors open, 未评 (long at the start) closed unless it is all there is
		d.opened = true
		for _, k := range problemOrder {
			if k != scoring.ProblemUnanswered || len(d.groups) == 1 {
				d.tree.OpenBranch("k:" + string(k))
			}
		}
	}
	if d.query != "" || want != "" {
		for k := range d.groups {
			d.tree.OpenBranch("k:" + string(k)) // a filtered group shows what it found
		}
	}
	d.tree.Refresh()
}

func (d *dashboard) children(uid string) []string {
	var out []string
	if uid == "" {
		for _, k := range problemOrder {
			if len(d.groups[k]) > 0 {
				out = append(out, "k:"+string(k))
			}
		}
		return out
	}
	for _, i := range d.groups[scoring.ProblemKind(strings.TrimPrefix(uid, "k:"))] {
		out = append(out, fmt.Sprintf("p:%d", i))
	}
	return out
}

func (d *dashboard) updateNode(uid string, branch bool, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if branch {
		k := scoring.ProblemKind(strings.TrimPrefix(uid, "k:"))
		l.TextStyle.Bold = true
		l.Importance = widget.WarningImportance
		if isError(k) {
			l.Importance = widget.DangerImportance
		}
		l.SetText(fmt.Sprintf("%s（%d 项）", k.Label(), len(d.groups[k])))
		return
	}
	var i int
	fmt.Sscanf(uid, "p:%d", &i)
	l.TextStyle.Bold = false
	l.Importance = widget.MediumImportance
	if i < len(d.problems) {
		l.SetText(d.problems[i].Message)
	}
}

// barChart draws score (filled), N/A points (hatched grey) and the rest of the points (empty)
// as one horizontal bar, with canvas rectangles.
type barChart struct {
	widget.BaseWidget
	frac, naFrac float32
}

func newBarChart() *barChart {
	b := &barChart{}
	b.ExtendBaseWidget(b)
	return b
}

func (b *barChart) set(score, points, na scoring.Tenths) {
	b.frac, b.naFrac = 0, 0
	if points > 0 {
		b.frac = float32(score) / float32(points)
		b.naFrac = float32(na) / float32(points)
	}
	b.Refresh()
}

func (b *barChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barRenderer{b: b,
		back: canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)),
		fill: canvas.NewRectangle(theme.Color(theme.ColorNamePrimary)),
		na:   canvas.NewRectangle(color.NRGBA{R: 0x9e, G: 0x9e, B: 0x9e, A: 0xff}),
	}
	r.back.StrokeColor = theme.Color(theme.ColorNameSeparator)
	r.back.StrokeWidth = 1
	return r
}

type barRenderer struct {
	b              *barChart
	back, fill, na *canvas.Rectangle
}

func (r *barRenderer) Layout(s fyne.Size) {
	r.back.Resize(s)
	r.fill.Resize(fyne.NewSize(s.Width*clamp01(r.b.frac), s.Height))
	naW := s.Width * clamp01(r.b.naFrac)
	r.na.Move(fyne.NewPos(s.Width-naW, 0))
	r.na.Resize(fyne.NewSize(naW, s.Height))
}

func clamp01(f float32) float32 {
	if f < 0 {
		return 0
	}
	if f > 1 {
		return 1
	}
	return f
}

func (r *barRenderer) MinSize() fyne.Size { return fyne.NewSize(120, 14) }
func (r *barRenderer) Refresh() {
	r.Layout(r.b.Size())
	canvas.Refresh(r.b)
}
func (r *barRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.back, r.fill, r.na} }
func (r *barRenderer) Destroy()                     {}
