package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"sanxiang/app/workspace"
	"sanxiang/scoring"
)

// materials is the 申报材料 page: one tab per material the assessment's catalog declares, in its
// order, each with its fields (执法标兵 姓名…) and a live character count against its minimum.
type materials struct {
	ws       *workspace.Workspace
	shortcut func(*desktop.CustomShortcut) bool // the window's keyboard commands, also in fields
	editors  map[string]*field
	counts   map[string]*widget.Label
	refused  map[string]*cjkLabel // per material: the red line saying why its text was not saved
	tabs     *container.AppTabs
	content  fyne.CanvasObject
}

func newMaterials(ws *workspace.Workspace, shortcut func(*desktop.CustomShortcut) bool) *materials {
	m := &materials{ws: ws, shortcut: shortcut, editors: map[string]*field{}, counts: map[string]*widget.Label{},
		refused: map[string]*cjkLabel{}}
	ro := func(o fyne.CanvasObject) fyne.CanvasObject {
		if ws.ReadOnly() { // 已定稿: the disabled texts in the normal colour, to be read
			return readable(o)
		}
		return o
	}
	// one tab per material the catalog declares, in its order, with its fields above the text
	// (made with all its tabs at once: each Append lays the tabs out and measures them again)
	var items []*container.TabItem
	for _, mat := range ws.Catalog().Materials {
		var extra fyne.CanvasObject
		if len(mat.Fields) > 0 {
			form := container.New(layout.NewFormLayout())
			for _, f := range mat.Fields {
				form.Add(widget.NewLabel(f.Title))
				form.Add(container.NewVBox(m.line(f.Key, f.Hint), m.refused[f.Key]))
			}
			extra = form
		}
		intro := mat.Title
		if mat.Hint != "" {
			intro += "：" + mat.Hint
		}
		items = append(items, container.NewTabItem(mat.Title, ro(m.editor(mat.Key, intro, extra))))
	}
	m.tabs = container.NewAppTabs(items...)
	m.content = m.tabs
	if len(ws.Catalog().Materials) == 0 {
		m.content = container.NewPadded(wrapped("本指标体系不要求申报材料。"))
	}
	return m
}

// line is a single-line narrative field (nominee's name, post, certificate number).
func (m *materials) line(key, hint string) *field {
	f := newField(false, m.shortcut)
	f.preset(m.ws.Narrative(key), hint)
	m.refused[key] = refusedLine()
	f.OnChanged = func(s string) { m.showRefused(key, m.ws.EditNarrative(key, s)) } // refused while 已定稿 (disabled then)
	enable(f, !m.ws.ReadOnly())
	if m.ws.ReadOnly() {
		f.SetPlaceHolder("") // drawn in the readable text colour it would read as an answer
	}
	m.editors[key] = f
	return f
}

// editor is a long text with its count below.
func (m *materials) editor(key, intro string, extra fyne.CanvasObject) fyne.CanvasObject {
	f := newField(true, m.shortcut)
	f.preset(m.ws.Narrative(key), "在此输入或粘贴正文，输入即自动保存。")
	count := widget.NewLabel("")
	m.counts[key] = count
	m.editors[key] = f
	m.showCount(key)
	m.refused[key] = refusedLine()
	f.OnChanged = func(s string) {
		m.showRefused(key, m.ws.EditNarrative(key, s))
		m.showCount(key)
	}
	enable(f, !m.ws.ReadOnly())
	if m.ws.ReadOnly() {
		f.SetPlaceHolder("") // “输入即自动保存” is not true while 已定稿, and would read as text
	}
	top := container.NewVBox(wrapped(intro))
	if extra != nil {
		top.Add(extra)
	}
	return container.NewBorder(top, container.NewVBox(m.refused[key], count), nil, nil, f)
}

// refusedLine is the red line under a text field that says why its text was not saved; hidden
// while the text is saved.
// (broken as Chinese text: Fyne's word wrap breaks only at spaces).
func refusedLine() *cjkLabel {
	l := newCJKLabel("", fyne.TextStyle{})
	l.lines.Importance = widget.DangerImportance
	l.Hide()
	return l
}

// showCount shows how many characters (汉字、字母、数字) the text has against its minimum.
func (m *materials) showCount(key string) {
	n := scoring.CountChars(m.editors[key].Text)
	min, _ := m.ws.Catalog().MinChars(key)
	l := m.counts[key]
	switch {
	case min == 0:
		l.Importance = widget.MediumImportance
		l.SetText(fmt.Sprintf("已写 %d 字（统计汉字、字母和数字，不含空格和标点）", n))
	case n < min:
		l.Importance = widget.DangerImportance
		l.SetText(fmt.Sprintf("已写 %d 字，要求不少于 %d 字，还差 %d 字", n, min, min-n))
	default:
		l.Importance = widget.SuccessImportance
		l.SetText(fmt.Sprintf("已写 %d 字，达到不少于 %d 字的要求", n, min))
	}
	l.Refresh()
}

// showRefused shows why the text of material key was not saved (err from the workspace, which
// checks the storage's rule: a control character, over the length limit), or hides the line
// once it is saved.
func (m *materials) showRefused(key string, err error) {
	showRefused(m.refused[key], err, "（未保存）")
}

// showRefused puts err (the Chinese reason a typed text was refused) and what that means
// (unsaved) into the refusedLine l, or hides l when err is nil; true when l appeared or went.
func showRefused(l *cjkLabel, err error, unsaved string) bool {
	if l == nil {
		return false
	}
	if err == nil {
		if !l.Visible() {
			return false
		}
		l.SetText("")
		l.Hide()
		return true
	}
	l.SetText(err.Error() + unsaved)
	if l.Visible() {
		return false
	}
	l.Show()
	return true
}
