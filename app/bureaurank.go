package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/scoring"
	"sanxiang/scoring/review"
)

// ranking is the ranked list of one group (one year, one catalog) where the bureau marks the
// recommended 示范单位 and 执法标兵, with the places setting and each unit's 标兵 view.
type ranking struct {
	b        *bureau
	groups   []review.Group
	g        int // the group shown
	units    map[int64]review.Unit
	all      []review.Summary // every imported unit, for the history
	places   review.Places
	marks    review.Marks
	nominees map[string]review.Nominee // by credit code: the unit's 执法标兵, when it named one
	ready    bool                      // the group's stored marks are read (marking waits for them)

	pick    *widget.Select
	list    *widget.List
	unitsN  *widget.Entry
	personN *widget.Entry
	bureauN *widget.Entry                // the 区司法局's name printed on the exported documents
	note    *cjkLabel                    // the ranking rule and how many are recommended, broken by Chinese rules
	rows    map[*fyne.Container]*rankRow // the list's row widgets by their container
	content fyne.CanvasObject
}

// showRanking reads the groups, the units (for the nominees), the places and marks off the UI
// goroutine, then shows the ranking of the latest year.
func (b *bureau) showRanking() {
	wait := newWait(b.d.win, "正在读取排名…")
	go func() {
		groups, err := b.d.store.ReviewList(0)
		var units []review.Unit
		var places review.Places
		var name string
		if err == nil {
			units, err = b.d.store.BureauUnits(0)
		}
		if err == nil {
			places, err = b.d.store.Places()
		}
		if err == nil {
			name, err = b.d.store.BureauName()
		}
		b.d.post(func() {
			wait.Hide()
			if err != nil {
				showError(b.d.win, "读取排名失败", err)
				return
			}
			if len(groups) == 0 {
				showInfo(b.d.win, "还没有可排名的单位", "尚未导入任何单位的报送包。请先点“导入报送包…”。")
				return
			}
			r := newRanking(b, groups, units, places)
			r.bureauN.SetText(name)
			b.rank = r
			b.d.win.SetContent(r.content)
			backOnEsc(b.d.win, r.content, b.show)
			r.load(0)
		})
	}()
}

func groupTitle(g review.Group, units map[int64]review.Unit) string {
	cat := g.CatalogID
	for _, u := range g.Units {
		if x, ok := units[u.ID]; ok && x.Assessment != nil && x.Assessment.Catalog != nil {
			cat = x.Assessment.Catalog.Title
			break
		}
	}
	return fmt.Sprintf("%d 年度 · %s（%d 个单位）", g.Year, cat, len(g.Units))
}

func newRanking(b *bureau, groups []review.Group, units []review.Unit, places review.Places) *ranking {
	r := &ranking{b: b, groups: groups, units: map[int64]review.Unit{}, places: places, rows: map[*fyne.Container]*rankRow{}}
	for _, u := range units {
		r.units[u.ID] = u
	}
	for _, g := range groups {
		for _, u := range g.Units {
			r.all = append(r.all, u.Summary)
		}
	}
	titles := make([]string, len(groups))
	for i, g := range groups {
		titles[i] = groupTitle(g, r.units)
	}
	r.pick = widget.NewSelect(titles, func(s string) {
		for i, t := range titles {
			if t == s && i != r.g {
				r.load(i)
			}
		}
	})
	r.pick.SetSelectedIndex(0)
	r.list = widget.NewList(func() int { return len(r.group().Units) }, r.createRow, r.updateRow)
	r.unitsN = widget.NewEntry()
	r.personN = widget.NewEntry()
	r.unitsN.SetText(strconv.Itoa(places.Units))
	r.personN.SetText(strconv.Itoa(places.Persons))
	savePlaces := widget.NewButton("保存名额", r.savePlaces)
	r.bureauN = widget.NewEntry()
	r.bureauN.SetPlaceHolder("印在复核汇总表和推荐名单上，例如：西安市雁塔区司法局")
	saveName := widget.NewButton("保存名称", r.saveBureauName)
	exp := widget.NewButtonWithIcon("导出复核文件…", theme.DocumentSaveIcon(), func() { b.exportGroup(r.group()) })
	r.note = hintText("")
	back := widget.NewButtonWithIcon("返回汇总", theme.NavigateBackIcon(), func() { b.show() })
	head := container.NewHBox(fixedWidth(48, bold("名次")), fixedWidth(300, bold("单位")), fixedWidth(90, bold("复核折算")),
		fixedWidth(90, bold("自评折算")), fixedWidth(70, bold("复核状态")), bold("推荐"))
	top := container.NewVBox(
		container.NewBorder(nil, nil, back, exp, bold("排名与推荐")),
		container.NewBorder(nil, nil, widget.NewLabel("年度与指标体系"), container.NewHBox(
			widget.NewLabel("示范单位名额"), fixedWidth(56, r.unitsN), widget.NewLabel("执法标兵名额"), fixedWidth(56, r.personN), savePlaces), r.pick),
		container.NewBorder(nil, nil, widget.NewLabel("区司法局名称"), saveName, r.bureauN),
		r.note,
		head,
	)
	r.content = container.NewBorder(top, nil, nil, nil, r.list)
	return r
}

func (r *ranking) group() review.Group {
	if r.g < 0 || r.g >= len(r.groups) {
		return review.Group{}
	}
	return r.groups[r.g]
}

// load shows group i with its marks (read off the UI goroutine).
func (r *ranking) load(i int) {
	r.g = i
	g := r.group()
	r.nominees = map[string]review.Nominee{}
	for _, u := range g.Units {
		if x, ok := r.units[u.ID]; ok {
			if n, ok := review.NomineeOf(x.Assessment); ok {
				r.nominees[u.Unit.CreditCode] = n
			}
		}
	}
	r.marks = review.Marks{Units: map[string]bool{}, Persons: map[string]bool{}}
	r.ready = false
	r.updateNote()
	r.list.Refresh()
	go func() {
		m, err := r.b.d.store.Marks(g.Year, g.CatalogID)
		r.b.d.post(func() {
			if err != nil {
				showError(r.b.d.win, "读取推荐标记失败", err)
				return
			}
			if r.g != i {
				return
			}
			if m.Units == nil {
				m.Units = map[string]bool{}
			}
			if m.Persons == nil {
				m.Persons = map[string]bool{}
			}
			r.marks, r.ready = m, true
			r.updateNote()
			r.list.Refresh()
		})
	}()
}

// updateNote says how many places are used.
func (r *ranking) updateNote() {
	count := func(m map[string]bool) int {
		n := 0
		for _, on := range m {
			if on {
				n++
			}
		}
		return n
	}
	r.note.SetText(fmt.Sprintf(
		"按复核折算得分排名（同分同名次，无适用分值的单位列在最后、不排名）。已推荐示范单位 %d/%d 个、执法标兵 %d/%d 名；示范单位须已复核。",
		count(r.marks.Units), r.places.Units, count(r.marks.Persons), r.places.Persons))
}

// rankRow is one line of the ranking.
type rankRow struct {
	rank, name, conv, self, state *widget.Label
	unit, person                  *widget.Check
	who                           *widget.Label // the nominee's name, or 未申报
	view                          *widget.Button
}

func (r *ranking) createRow() fyne.CanvasObject {
	w := &rankRow{rank: widget.NewLabel(""), name: widget.NewLabel(""), conv: widget.NewLabel(""),
		self: widget.NewLabel(""), state: widget.NewLabel(""),
		unit: widget.NewCheck("示范单位", nil), person: widget.NewCheck("执法标兵", nil),
		who:  widget.NewLabel(""),
		view: widget.NewButtonWithIcon("标兵材料", theme.AccountIcon(), nil)}
	w.name.Truncation = fyne.TextTruncateEllipsis
	w.conv.TextStyle.Bold = true
	box := container.NewHBox(fixedWidth(48, w.rank), fixedWidth(300, w.name), fixedWidth(90, w.conv),
		fixedWidth(90, w.self), fixedWidth(70, w.state), w.unit, w.person, fixedWidth(80, w.who), w.view)
	r.rows[box] = w
	return box
}

func (r *ranking) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	w := r.rows[o.(*fyne.Container)]
	g := r.group()
	if i >= len(g.Units) {
		return
	}
	u := g.Units[i]
	code := u.Unit.CreditCode
	w.rank.SetText(review.Cell(u, review.ColRank))
	w.name.SetText(u.Unit.Name)
	w.conv.SetText(review.Cell(u, review.ColReviewConv))
	w.self.SetText(review.Cell(u, review.ColSelfConv))
	w.state.SetText(u.Status.String())
	w.unit.OnChanged = nil
	w.person.OnChanged = nil
	w.unit.SetChecked(r.marks.Units[code])
	w.person.SetChecked(r.marks.Persons[code])
	w.unit.OnChanged = func(on bool) { r.mark(code, false, on) }
	w.person.OnChanged = func(on bool) { r.mark(code, true, on) }
	n, named := r.nominees[code]
	if named {
		w.who.SetText(n.Name)
	} else {
		w.who.SetText("未申报")
	}
	enable(w.unit, r.ready)
	enable(w.person, r.ready && (named || r.marks.Persons[code]))
	enable(w.view, named)
	w.view.OnTapped = func() { r.showNominee(u) }
}

// mark sets or clears a recommendation after review.CheckMarks agrees (more than the places,
// a unit not yet reviewed, a 标兵 nobody named are refused in Chinese and change nothing).
func (r *ranking) mark(code string, person, on bool) {
	if !r.ready { // the stored marks are still being read: a mark now would drop them
		r.list.Refresh()
		return
	}
	m := review.Marks{Units: copyMarks(r.marks.Units), Persons: copyMarks(r.marks.Persons)}
	if person {
		setMark(m.Persons, code, on)
	} else {
		setMark(m.Units, code, on)
	}
	named := map[string]bool{}
	for c := range r.nominees {
		named[c] = true
	}
	g := r.group()
	if err := review.CheckMarks(g, m, r.places, named); err != nil && on {
		showError(r.b.d.win, "不能这样推荐", err)
		r.list.Refresh()
		return
	}
	r.marks = m
	r.updateNote()
	year, cat := g.Year, g.CatalogID
	store := r.b.d.store
	r.b.d.saver.Queue(fmt.Sprintf("mk/%d/%s", year, cat), "推荐标记", func() error { return store.SetMarks(year, cat, m) })
	r.b.d.saver.Trigger()
}

func copyMarks(m map[string]bool) map[string]bool {
	out := make(map[string]bool, len(m))
	for k, v := range m {
		if v {
			out[k] = true
		}
	}
	return out
}

func setMark(m map[string]bool, code string, on bool) {
	if on {
		m[code] = true
	} else {
		delete(m, code)
	}
}

// saveBureauName stores the 区司法局's name (review.CheckBureauName; trimmed, "" clears it) off
// the UI goroutine; a refused name is explained and nothing is stored.
func (r *ranking) saveBureauName() {
	name := strings.TrimSpace(r.bureauN.Text)
	if err := review.CheckBureauName(name); err != nil {
		showError(r.b.d.win, "区司法局名称有误", err)
		return
	}
	store := r.b.d.store
	go func() {
		err := store.SetBureauName(name)
		r.b.d.post(func() {
			if err != nil {
				showError(r.b.d.win, "保存区司法局名称失败", err)
				return
			}
			r.bureauN.SetText(name)
			showInfo(r.b.d.win, "已保存", "区司法局名称已保存，导出复核文件时印在复核汇总表和推荐名单上。")
		})
	}()
}

// savePlaces stores the number of places (0–99 each) after checking them.
func (r *ranking) savePlaces() {
	u, err1 := strconv.Atoi(strings.TrimSpace(r.unitsN.Text))
	p, err2 := strconv.Atoi(strings.TrimSpace(r.personN.Text))
	if err1 != nil || err2 != nil {
		showInfo(r.b.d.win, "名额有误", "名额应为 0 至 99 的整数。")
		return
	}
	places := review.Places{Units: u, Persons: p}
	if err := places.Check(); err != nil {
		showError(r.b.d.win, "名额有误", err)
		return
	}
	store := r.b.d.store
	go func() {
		err := store.SetPlaces(places)
		r.b.d.post(func() {
			if err != nil {
				showError(r.b.d.win, "保存名额失败", err)
				return
			}
			r.places = places
			r.updateNote()
		})
	}()
}

// showNominee is the 标兵 view: the nominee's 姓名/岗位/执法证号, the application with its length
// against the minimum, and the unit's converted scores of earlier years (the three-year record).
func (r *ranking) showNominee(u review.Ranked) {
	n, ok := r.nominees[u.Unit.CreditCode]
	if !ok {
		showInfo(r.b.d.win, "未申报执法标兵", u.Unit.Name+"的申报材料中没有填写执法标兵。")
		return
	}
	length := fmt.Sprintf("%d 字（最少 %d 字）", n.Material.Chars, n.Material.Min)
	lengthL := widget.NewLabel(length)
	if !n.Material.OK {
		lengthL.Importance = widget.DangerImportance
		lengthL.SetText(length + "，字数不足")
	}
	hist := review.History(r.all, u.Unit.CreditCode, u.Year)
	var hs []string
	cur, curOK := u.Converted()
	hs = append(hs, fmt.Sprintf("%d 年度：%s（本年度）", u.Year, convText(cur, curOK)))
	for _, h := range hist {
		hs = append(hs, fmt.Sprintf("%d 年度：%s", h.Year, convText(h.Converted, h.OK)))
	}
	if len(hist) == 0 {
		hs = append(hs, "（未导入该单位以前年度的报送包）")
	}
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("单位"), bold(u.Unit.Name),
		widget.NewLabel("姓名"), bold(orDash(n.Name)),
		widget.NewLabel("岗位"), widget.NewLabel(orDash(n.Post)),
		widget.NewLabel("执法证号"), widget.NewLabel(orDash(n.Certificate)),
		widget.NewLabel(n.Material.Title), lengthL,
		widget.NewLabel("历年复核折算得分"), widget.NewLabel(strings.Join(hs, "\n")),
	)
	text := newCJKLabel(strings.TrimSpace(n.Text), fyne.TextStyle{})
	text.widths = r.b.d.widths
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(720, 300))
	d := newMessage(r.b.d.win, "执法标兵："+orDash(n.Name), "关闭", container.NewBorder(form, nil, nil, nil, scroll))
	d.Show()
}

func convText(h scoring.Hundredths, ok bool) string {
	if !ok {
		return "—"
	}
	return h.String()
}
