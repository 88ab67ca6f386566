package app

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/scoring"
	"sanxiang/storage"
)

// dashboard is the 总览与问题 page: totals, a bar per Area and the list of problems to fix.
type dashboard struct {
	u        *UI
	total    *widget.Label
	conv     *widget.Label
	done     *widget.Label
	progress *widget.ProgressBar
	bars     []*areaBar
	summary  *widget.Label
	problems []scoring.Problem
	list     *widget.List
	content  fyne.CanvasObject
}

// areaBar is one Area's row: its name, a bar of score against points, and the figures.
type areaBar struct {
	name, figures *widget.Label
	bar           *barChart
}

func newDashboard(u *UI) *dashboard {
	d := &dashboard{u: u, total: bigLabel(), conv: bigLabel(), done: bigLabel(), progress: widget.NewProgressBar()}
	d.progress.TextFormatter = func() string {
		return fmt.Sprintf("%.0f%%", d.progress.Value*100)
	}
	figures := container.NewGridWithColumns(3,
		container.NewVBox(widget.NewLabel("当前得分"), d.total),
		container.NewVBox(widget.NewLabel("折算得分（百分制）"), d.conv),
		container.NewVBox(widget.NewLabel("完成情况"), d.done, d.progress),
	)
	rows := container.NewVBox()
	for _, a := range u.cat.Areas {
		b := &areaBar{name: widget.NewLabel(a.Label + "、" + a.Title), figures: widget.NewLabel(""), bar: newBarChart()}
		b.name.Truncation = fyne.TextTruncateEllipsis
		d.bars = append(d.bars, b)
		rows.Add(container.NewBorder(nil, nil, nil, b.figures, container.NewVBox(b.name, b.bar)))
	}
	d.summary = widget.NewLabel("")
	d.summary.Wrapping = fyne.TextWrapWord
	d.list = widget.NewList(func() int { return len(d.problems) },
		func() fyne.CanvasObject {
			kind := colored("文件缺失", widget.WarningImportance)
			msg := widget.NewLabel("")
			msg.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, atLeast(kind, 96, 0), nil, msg)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			p := d.problems[i]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(p.Message)
			kind := c.Objects[1].(*fyne.Container).Objects[1].(*widget.Label)
			kind.SetText(p.Kind.Label())
			kind.Importance = widget.WarningImportance
			if p.Kind == scoring.ProblemMissingEvidence || p.Kind == scoring.ProblemNoDeduction || p.Kind == scoring.ProblemNoNAReason {
				kind.Importance = widget.DangerImportance
			}
			kind.Refresh()
		})
	d.list.OnSelected = func(i widget.ListItemID) {
		d.list.UnselectAll()
		if i < len(d.problems) {
			u.jump(d.problems[i].No)
		}
	}
	left := container.NewVBox(
		figures,
		widget.NewSeparator(),
		bold("各一级指标得分"),
		rows,
		hint("蓝色为得分，灰色为不适用的分值，空白为失分或未评。"),
	)
	right := container.NewBorder(
		container.NewVBox(bold("待处理的问题（单击一项跳转到该评分要点）"), d.summary), nil, nil, nil, d.list)
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

// refresh recomputes the figures and the problem list (evidence files are checked on disk).
func (d *dashboard) refresh() {
	u := d.u
	r := u.result
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
	d.problems = scoring.Check(u.cat, u.answers, storage.FileExists)
	if len(d.problems) == 0 {
		d.summary.SetText("没有待处理的问题，可以定稿。")
	} else {
		d.summary.SetText(fmt.Sprintf("共 %d 个：%s", len(d.problems), problemSummary(d.problems)))
	}
	d.list.Refresh()
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
