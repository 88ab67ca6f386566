package app

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"sanxiang/scoring"
)

// unitForm edits a unit's name, 统一社会信用代码, contact and phone; the credit code is
// checked on every keystroke.
type unitForm struct {
	name, code, contact, phone *field
	codeMsg, nameMsg, phoneMsg *cjkLabel // under each field, broken by Chinese rules
	content                    fyne.CanvasObject
	changed                    func() // after any keystroke
	touched                    bool   // the user has typed: only then is an empty name an error
}

func newUnitForm(shortcut func(*desktop.CustomShortcut) bool, v scoring.Unit) *unitForm {
	f := &unitForm{
		name: newField(false, shortcut), code: newField(false, shortcut),
		contact: newField(false, shortcut), phone: newField(false, shortcut),
		codeMsg: wrapped(""), nameMsg: wrappedIn("", widget.DangerImportance),
		phoneMsg: wrappedIn("", widget.DangerImportance),
	}
	f.name.SetPlaceHolder("例如：西安市某某区市场监督管理局")
	f.code.SetPlaceHolder("18 位，如 11610113MB1234567X")
	f.contact.SetPlaceHolder("填表人姓名")
	f.phone.SetPlaceHolder("例如：029-85550123 转 8012")
	// each message line keeps the room of the longest message it shows, empty or not: the page
	// is centred, so a line that came and went moved every field while the user typed
	f.nameMsg.keepRoomFor(fmt.Sprintf("单位名称有 %d 个字，超过上限 %d 个字", 1000, scoring.MaxUnitName))
	f.codeMsg.keepRoomFor("统一社会信用代码校验位不正确（最后一位应为 W），请核对是否输错")
	f.phoneMsg.keepRoomFor(scoring.ValidatePhone("字").Error()) // the longest: a character not allowed
	f.name.SetText(v.Name)
	f.code.SetText(v.CreditCode)
	f.contact.SetText(v.Contact)
	f.phone.SetText(v.Phone)
	for _, e := range []*field{f.name, f.code, f.contact, f.phone} {
		e.OnChanged = func(string) {
			f.touched = true
			f.check()
			if f.changed != nil {
				f.changed()
			}
		}
	}
	f.content = container.New(layout.NewFormLayout(),
		widget.NewLabel("单位名称"), container.NewVBox(f.name, f.nameMsg),
		widget.NewLabel("统一社会信用代码"), container.NewVBox(f.code, f.codeMsg),
		widget.NewLabel("联系人"), f.contact,
		widget.NewLabel("联系电话"), container.NewVBox(f.phone, f.phoneMsg),
	)
	f.check()
	return f
}

// value is the unit as typed (trimmed).
func (f *unitForm) value() scoring.Unit {
	return scoring.Unit{
		Name:       strings.TrimSpace(f.name.Text),
		CreditCode: strings.ToUpper(strings.TrimSpace(f.code.Text)),
		Contact:    strings.TrimSpace(f.contact.Text),
		Phone:      strings.TrimSpace(f.phone.Text),
	}
}

// check shows what is wrong and returns it; nil when the unit can be saved.
func (f *unitForm) check() error {
	v := f.value()
	var first error
	if v.Name == "" {
		first = errors.New("请填写单位名称")
		if f.touched {
			f.nameMsg.SetText("请填写单位名称")
		} else {
			f.nameMsg.SetText("")
		}
	} else if err := scoring.CheckUnitLimits(v); err != nil { // too long for the exports' footers
		first = err
		f.nameMsg.SetText(err.Error())
	} else {
		f.nameMsg.SetText("")
	}
	if v.CreditCode == "" {
		f.codeMsg.setImportance(widget.MediumImportance)
		f.codeMsg.SetText("请填写本单位的 18 位统一社会信用代码")
		if first == nil {
			first = errors.New("请填写统一社会信用代码")
		}
	} else if err := scoring.ValidateCreditCode(v.CreditCode); err != nil {
		f.codeMsg.setImportance(widget.DangerImportance)
		f.codeMsg.SetText(err.Error())
		if first == nil {
			first = err
		}
	} else {
		f.codeMsg.setImportance(widget.SuccessImportance)
		f.codeMsg.SetText("√ 统一社会信用代码校验通过")
	}
	if err := scoring.ValidatePhone(v.Phone); err != nil {
		f.phoneMsg.SetText(err.Error())
		if first == nil {
			first = err
		}
	} else {
		f.phoneMsg.SetText("")
	}
	return first
}
