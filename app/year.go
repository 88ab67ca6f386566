package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/scoring"
)

// The years an assessment can be for. A list of "this year − 5 … + 1" left the 2020 plan
// unassessable on a PC whose clock says 2026; a typed year with −/+ covers the whole range
// without a hundred-line pop-up running past the window.
// The range is scoring's, the one year rule of files, the database and the forms.
const (
	minYear = scoring.MinYear
	maxYear = scoring.MaxYear
)

// yearPicker is a year box with − and + buttons; years that already have an assessment (taken)
// are refused with a message.
type yearPicker struct {
	box     *field
	minus   *widget.Button
	plus    *widget.Button
	msg     *cjkLabel // why the year typed cannot be used (Chinese line breaking)
	taken   map[int]bool
	changed func() // after every change, e.g. to enable the dialog's button
	content fyne.CanvasObject
}

func newYearPicker(shortcut func(*desktop.CustomShortcut) bool, year int, taken map[int]bool) *yearPicker {
	y := &yearPicker{box: newField(false, shortcut), msg: wrappedIn("", widget.DangerImportance), taken: taken}
	y.box.SetPlaceHolder(fmt.Sprintf("%d～%d", minYear, maxYear))
	y.box.SetText(strconv.Itoa(year))
	y.box.OnChanged = func(string) { y.check() }
	y.minus = widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { y.step(-1) })
	y.plus = widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { y.step(+1) })
	y.content = container.NewVBox(
		container.NewHBox(y.minus, fixedWidth(80, y.box), y.plus, widget.NewLabel("年度")),
		y.msg)
	y.check()
	return y
}

// value is the year chosen, or why it cannot be used.
func (y *yearPicker) value() (int, error) {
	s := strings.TrimSpace(y.box.Text)
	s = strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "年度"), "年")
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < minYear || n > maxYear {
		return 0, fmt.Errorf("请输入 %d 至 %d 之间的年份，例如 2020", minYear, maxYear)
	}
	if y.taken[n] {
		return 0, fmt.Errorf("%d 年度已有自评，请选择其他年度（或在“切换/新建自评”中打开它）", n)
	}
	return n, nil
}

// check shows what is wrong with the year typed, and tells the owner.
func (y *yearPicker) check() {
	if _, err := y.value(); err != nil {
		y.msg.SetText(err.Error())
		y.msg.Show()
	} else {
		y.msg.SetText("")
		y.msg.Hide()
	}
	if y.changed != nil {
		y.changed()
	}
}

// step moves to the next (previous) year that has no assessment yet.
func (y *yearPicker) step(d int) {
	n, err := strconv.Atoi(strings.TrimSpace(y.box.Text))
	if err != nil {
		n = minYear
		if d < 0 {
			n = maxYear + 1
		}
	}
	for n += d; n >= minYear && n <= maxYear; n += d {
		if !y.taken[n] {
			y.box.SetText(strconv.Itoa(n))
			return
		}
	}
}
