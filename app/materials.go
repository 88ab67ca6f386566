package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"sanxiang/scoring"
)

// materials is the 申报材料 page: the two applications and the work summary, each with a
// live character count against the plan's minimum.
type materials struct {
	u       *UI
	editors map[string]*field
	counts  map[string]*widget.Label
	tabs    *container.AppTabs
	content fyne.CanvasObject
}

func newMaterials(u *UI) *materials {
	m := &materials{u: u, editors: map[string]*field{}, counts: map[string]*widget.Label{}}
	unitTab := m.editor(scoring.NarrativeUnitApplication,
		"示范单位申报材料：介绍本单位全面推行行政执法公示、执法全过程记录、重大执法决定法制审核三项制度的做法和成效。", nil)
	model := container.New(layout.NewFormLayout(),
		widget.NewLabel("姓名"), m.line(scoring.NarrativeModelName, "执法标兵姓名"),
		widget.NewLabel("岗位"), m.line(scoring.NarrativeModelPost, "例如：执法大队副大队长"),
		widget.NewLabel("执法证号"), m.line(scoring.NarrativeModelCertificate, "行政执法证件号码"),
	)
	modelTab := m.editor(scoring.NarrativeModelApplication,
		"执法标兵申报材料：推荐一名执法人员，写明其主要事迹。", model)
	summaryTab := m.editor(scoring.NarrativeWorkSummary,
		"工作总结：本年度推行三项制度工作的总体情况、存在问题和下一步打算。", nil)
	ro := func(o fyne.CanvasObject) fyne.CanvasObject {
		if u.readOnly() { // 已定稿: the disabled texts in the normal colour, to be read
			return readable(o)
		}
		return o
	}
	m.tabs = container.NewAppTabs(
		container.NewTabItem("示范单位申报材料", ro(unitTab)),
		container.NewTabItem("执法标兵申报材料", ro(modelTab)),
		container.NewTabItem("工作总结", ro(summaryTab)),
	)
	m.content = m.tabs
	return m
}

// line is a single-line narrative field (nominee's name, post, certificate number).
func (m *materials) line(key, hint string) *field {
	f := newField(false, m.u.shortcut)
	f.SetPlaceHolder(hint)
	f.SetText(m.u.narr[key])
	f.OnChanged = func(s string) { m.u.editNarrative(key, s) }
	enable(f, !m.u.readOnly())
	if m.u.readOnly() {
		f.SetPlaceHolder("") // drawn in the readable text colour it would read as an answer
	}
	m.editors[key] = f
	return f
}

// editor is a long text with its count below.
func (m *materials) editor(key, intro string, extra fyne.CanvasObject) fyne.CanvasObject {
	f := newField(true, m.u.shortcut)
	f.SetPlaceHolder("在此输入或粘贴正文，输入即自动保存。")
	f.SetText(m.u.narr[key])
	count := widget.NewLabel("")
	m.counts[key] = count
	m.editors[key] = f
	m.showCount(key)
	f.OnChanged = func(s string) {
		m.u.editNarrative(key, s)
		m.showCount(key)
	}
	enable(f, !m.u.readOnly())
	if m.u.readOnly() {
		f.SetPlaceHolder("") // “输入即自动保存” is not true while 已定稿, and would read as text
	}
	top := container.NewVBox(wrapped(intro))
	if extra != nil {
		top.Add(extra)
	}
	return container.NewBorder(top, count, nil, nil, f)
}

// showCount shows how many characters (汉字、字母、数字) the text has against its minimum.
func (m *materials) showCount(key string) {
	n := scoring.CountChars(m.editors[key].Text)
	min, _ := m.u.cat.MinChars(key)
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
