package app

import (
	"fmt"
	"image/color"
	"net/url"
	"path/filepath"
	"runtime"
	"sanxiang/export"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/scoring"
	"sanxiang/storage"
)

// card is the editor of one criterion: score, quick buttons, reasons, notes and evidence.
type card struct {
	u  *UI
	cr scoring.Criterion

	content  fyne.CanvasObject
	stripe   *canvas.Rectangle
	form     *fyne.Container
	state    *widget.Label
	score    *field
	msg      *widget.Label
	full     *widget.Button
	zero     *widget.Button
	na       *widget.Button
	deductL  *widget.Label
	deduct   *field
	naL      *widget.Label
	naReason *field
	note     *field
	rectL    *widget.Label
	rect     *field
	evBox    *fyne.Container
	addFiles *widget.Button
	addDir   *widget.Button

	loading bool   // true while the program itself sets field texts
	invalid string // the refused score text on screen, "" when the field is valid
}

func newCard(u *UI, cr scoring.Criterion) *card {
	k := &card{u: u, cr: cr}
	a := u.answers[cr.No]
	k.loading = true
	defer func() { k.loading = false }()

	text := newCJKLabel(cr.Text, fyne.TextStyle{})
	head := container.NewBorder(nil, nil, bold(fmt.Sprintf("(%d)", cr.No)), bold(cr.Points.String()+" 分"), text)

	k.score = newField(false, u.shortcut)
	k.score.SetPlaceHolder("0～" + cr.Points.String())
	if a.Status == scoring.Scored {
		k.score.SetText(a.Score.String())
	}
	k.score.OnChanged = k.scoreTyped
	k.full = widget.NewButton("满分", func() { k.quick(cr.Points) })
	k.zero = widget.NewButton("0分", func() {
		k.quick(0)
		u.win.Canvas().Focus(k.deduct)
	})
	k.na = widget.NewButton("不适用", k.markNA)
	k.state = widget.NewLabel("")
	k.msg = colored("", widget.DangerImportance)
	k.msg.Wrapping = fyne.TextWrapWord
	scoreBox := container.NewGridWrap(fyne.NewSize(90, k.score.MinSize().Height), k.score)
	scoreRow := container.NewBorder(nil, nil, container.NewHBox(scoreBox, k.full, k.zero, k.na, k.state), nil, k.msg)

	k.deductL = widget.NewLabel("扣分原因")
	k.deduct = k.text(a.DeductionReason, "必填：说明扣分的原因", func(a *scoring.Answer, s string) { a.DeductionReason = s })
	k.naL = widget.NewLabel("不适用理由")
	k.naReason = k.text(a.NAReason, "必填：说明本单位不适用该要点的理由", func(a *scoring.Answer, s string) { a.NAReason = s })
	k.note = k.text(a.Note, "简要说明落实情况", func(a *scoring.Answer, s string) { a.Note = s })
	k.rectL = widget.NewLabel("整改措施")
	k.rect = k.text(a.Rectification, "针对失分写明整改措施和时限", func(a *scoring.Answer, s string) { a.Rectification = s })

	k.addFiles = widget.NewButtonWithIcon("添加文件…", theme.ContentAddIcon(), func() {
		u.pickFiles(func(paths []string) { u.attach(cr.No, paths) })
	})
	k.addDir = widget.NewButtonWithIcon("添加整个文件夹…", theme.FolderIcon(), func() {
		u.pickFolder("选择文件夹（添加其中全部文件）", "添加该文件夹中的文件", func(dir string) { u.attachFolder(cr.No, dir) })
	})
	k.evBox = container.NewVBox()

	k.form = container.New(layout.NewFormLayout(),
		formLabel(widget.NewLabel("得分")), scoreRow,
		formLabel(k.deductL), k.deduct,
		formLabel(k.naL), k.naReason,
		formLabel(widget.NewLabel("自评说明")), k.note,
		formLabel(k.rectL), k.rect,
		formLabel(widget.NewLabel("佐证材料")), k.evBox,
	)
	k.stripe = canvas.NewRectangle(color.Transparent)
	k.stripe.SetMinSize(fyne.NewSize(4, 4))
	k.content = container.NewBorder(nil, widget.NewSeparator(), k.stripe, nil, container.NewVBox(head, k.form))
	k.showEvidence()
	k.sync()
	return k
}

// text makes a multi-line field that saves into the answer as the user types.
func (k *card) text(value, hint string, set func(*scoring.Answer, string)) *field {
	f := newField(true, k.u.shortcut)
	f.SetPlaceHolder(hint)
	f.SetText(value)
	f.growing(2, 8)
	f.OnChanged = func(s string) {
		f.fit()
		if k.loading {
			return
		}
		k.u.edit(k.cr.No, false, func(a *scoring.Answer) { set(a, s) })
	}
	return f
}

// scoreTyped validates the score as it is typed; refused text stays on screen, unsaved.
func (k *card) scoreTyped(s string) {
	if k.loading {
		return
	}
	s = strings.TrimSpace(s)
	a := k.u.answers[k.cr.No]
	if s == "" {
		k.setInvalid("", nil)
		if a.Status == scoring.Scored {
			k.u.edit(k.cr.No, true, func(a *scoring.Answer) { a.Status, a.Score = scoring.Unanswered, 0 })
		}
		return
	}
	t, err := scoring.ParseScore(s, k.cr.Points)
	k.setInvalid(s, err)
	if err != nil {
		return
	}
	if a.Status == scoring.Scored && a.Score == t {
		return
	}
	k.u.edit(k.cr.No, true, func(a *scoring.Answer) { a.Status, a.Score = scoring.Scored, t })
}

// setInvalid shows (err != nil) or clears the message next to the score field.
func (k *card) setInvalid(text string, err error) {
	if err == nil {
		k.invalid = ""
		k.msg.SetText("")
		return
	}
	k.invalid = text
	saved := "（未保存）"
	if a := k.u.answers[k.cr.No]; a.Status == scoring.Scored {
		saved = fmt.Sprintf("（未保存，仍按 %s 分计）", a.Score)
	}
	k.msg.SetText(err.Error() + saved)
}

// quick is the 满分 / 0分 buttons.
func (k *card) quick(t scoring.Tenths) {
	k.setScoreText(t.String())
	k.u.edit(k.cr.No, true, func(a *scoring.Answer) { a.Status, a.Score = scoring.Scored, t })
}

// markNA is the 不适用 button.
func (k *card) markNA() {
	k.setScoreText("")
	k.u.edit(k.cr.No, true, func(a *scoring.Answer) { a.Status, a.Score = scoring.NA, 0 })
	k.u.win.Canvas().Focus(k.naReason)
}

func (k *card) setScoreText(s string) {
	k.loading = true
	k.score.SetText(s)
	k.loading = false
	k.setInvalid("", nil)
}

// leave warns when the page is left with a refused score on screen.
func (k *card) leave() {
	if k.invalid != "" && k.u.status != nil {
		k.u.status.note(fmt.Sprintf("评分要点(%d)输入的“%s”无效，未保存", k.cr.No, k.invalid))
	}
}

// setMatch marks the card as matching the filter or search.
func (k *card) setMatch(on bool) {
	if on {
		k.stripe.FillColor = theme.Color(theme.ColorNamePrimary)
	} else {
		k.stripe.FillColor = color.Transparent
	}
	k.stripe.Refresh()
}

// sync shows the fields the answer's state needs: 扣分原因 and 整改措施 when points were
// deducted, 不适用理由 for N/A; required-but-empty ones are marked red.
func (k *card) sync() {
	a := k.u.answers[k.cr.No]
	deducted := a.Status == scoring.Scored && a.Score < k.cr.Points
	changed := k.showRow(k.deductL, k.deduct, deducted || a.DeductionReason != "")
	changed = k.showRow(k.naL, k.naReason, a.Status == scoring.NA || a.NAReason != "") || changed
	changed = k.showRow(k.rectL, k.rect, deducted || a.Rectification != "") || changed
	required(k.deductL, "扣分原因", deducted && strings.TrimSpace(a.DeductionReason) == "")
	required(k.naL, "不适用理由", a.Status == scoring.NA && strings.TrimSpace(a.NAReason) == "")

	k.state.SetText(a.Status.String())
	switch a.Status {
	case scoring.Scored:
		k.state.Importance = widget.SuccessImportance
	case scoring.NA:
		k.state.Importance = widget.MediumImportance
	default:
		k.state.Importance = widget.WarningImportance
	}
	k.state.Refresh()
	hint := "0～" + k.cr.Points.String()
	if a.Status == scoring.NA {
		hint = "不适用"
	}
	if k.score.PlaceHolder != hint {
		k.score.SetPlaceHolder(hint)
	}
	ro := k.u.readOnly()
	for _, w := range []fyne.Disableable{k.score, k.full, k.zero, k.na, k.deduct, k.naReason, k.note, k.rect, k.addFiles, k.addDir} {
		enable(w, !ro)
	}
	if changed {
		k.form.Refresh()
		if k.u.check != nil {
			k.u.check.body.Refresh()
		}
	}
}

// formLabelWidth aligns the label column of every card (the widest label is 不适用理由 *).
const formLabelWidth = 104

// formLabel gives a card's field label the common width; the label stays reachable for
// showRow through labelBox.
func formLabel(l *widget.Label) fyne.CanvasObject {
	return atLeast(l, formLabelWidth, 0)
}

// labelBox is the container formLabel put l in.
func labelBox(form *fyne.Container, l *widget.Label) fyne.CanvasObject {
	for _, o := range form.Objects {
		if c, ok := o.(*fyne.Container); ok && len(c.Objects) == 2 && c.Objects[1] == l {
			return c
		}
	}
	return l
}

// showRow shows or hides a form row; true when that changed anything.
func (k *card) showRow(l *widget.Label, f *field, on bool) bool {
	if on == f.Visible() {
		return false
	}
	box := labelBox(k.form, l)
	if on {
		box.Show()
		f.Show()
	} else {
		box.Hide()
		f.Hide()
	}
	return true
}

// required marks a label red with a star while its field must still be filled in.
func required(l *widget.Label, name string, missing bool) {
	if missing {
		l.Importance = widget.DangerImportance
		l.SetText(name + " *")
	} else {
		l.Importance = widget.MediumImportance
		l.SetText(name)
	}
}

// showEvidence lists the evidence files; a file that is gone is shown red with its old path.
func (k *card) showEvidence() {
	a := k.u.answers[k.cr.No]
	ro := k.u.readOnly()
	rows := make([]fyne.CanvasObject, 0, len(a.Evidence)+1)
	if len(a.Evidence) == 0 {
		rows = append(rows, hint("暂无佐证材料"))
	}
	for _, e := range a.Evidence {
		e := e
		name := e.DisplayName()
		remove := widget.NewButtonWithIcon("移除", theme.DeleteIcon(), func() { k.u.removeEvidence(k.cr.No, e) })
		enable(remove, !ro)
		if !storage.FileExists(e.Path) {
			missing := colored("文件已不存在："+name, widget.DangerImportance)
			missing.Truncation = fyne.TextTruncateEllipsis
			old := colored("原位置："+e.Path, widget.DangerImportance)
			old.Wrapping = fyne.TextWrapBreak
			rows = append(rows, container.NewBorder(nil, nil,
				widget.NewIcon(theme.NewErrorThemedResource(theme.WarningIcon())), remove,
				container.NewVBox(missing, old)))
			continue
		}
		label := widget.NewLabel(name)
		label.Truncation = fyne.TextTruncateEllipsis
		open := widget.NewButtonWithIcon("打开", theme.VisibilityIcon(), func() { k.u.openFile(e.Path) })
		rows = append(rows, container.NewBorder(nil, nil, widget.NewIcon(theme.FileIcon()),
			container.NewHBox(widget.NewLabel(export.SizeText(e.Size)), open, remove), label))
	}
	rows = append(rows, container.NewHBox(k.addFiles, k.addDir))
	k.evBox.Objects = rows
	k.evBox.Refresh()
	if k.u.check != nil && k.u.check.body != nil {
		k.u.check.body.Refresh()
	}
}

// openFile shows an evidence file in the system's viewer.
func (u *UI) openFile(path string) {
	if !storage.FileExists(path) {
		showInfo(u.win, "无法打开", "文件已不存在："+path)
		return
	}
	u.openPath(path)
}

// openPath hands a file or folder to the system (Explorer, the PDF viewer, WPS …).
func (u *UI) openPath(path string) {
	if err := u.fa.OpenURL(pathURL(path)); err != nil {
		showInfo(u.win, "无法打开", fmt.Sprintf("无法用系统程序打开：%s\n%v", path, err))
	}
}

// pathURL is what OpenURL passes to the system opener. On Windows that is
// "rundll32 url.dll,FileProtocolHandler <text>", which takes a plain path reliably (a file URL
// with percent-escaped Chinese it may read in the ANSI code page), so the path goes as it is;
// elsewhere xdg-open gets a proper file URL.
func pathURL(path string) *url.URL { return pathURLFor(runtime.GOOS, path) }

func pathURLFor(goos, path string) *url.URL {
	if goos == "windows" {
		return &url.URL{Opaque: path}
	}
	return &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
}

// attach hashes new evidence files off the UI goroutine and adds them to a criterion;
// files already attached are skipped.
func (u *UI) attach(no int, paths []string) {
	if len(paths) == 0 || u.readOnly() {
		return
	}
	id := u.id
	u.status.note(fmt.Sprintf("正在登记 %d 个文件…", len(paths)))
	go func() {
		var evs []scoring.Evidence
		var failed []string
		for _, p := range paths {
			e, err := storage.StatEvidence(p)
			if err != nil {
				failed = append(failed, err.Error())
				continue
			}
			evs = append(evs, e)
		}
		u.post(func() {
			u.status.note("")
			if u.id != id {
				return
			}
			added := 0
			u.edit(no, true, func(a *scoring.Answer) {
				have := map[string]bool{}
				for _, e := range a.Evidence {
					have[e.Path] = true
				}
				for _, e := range evs {
					if !have[e.Path] {
						have[e.Path] = true
						a.Evidence = append(a.Evidence, e)
						added++
					}
				}
			})
			if k := u.check.cards[no]; k != nil {
				k.showEvidence()
			}
			if len(failed) > 0 {
				showInfo(u.win, "部分文件未能添加", strings.Join(failed, "\n"))
			} else if added < len(evs) {
				u.status.note(fmt.Sprintf("已添加 %d 个文件，%d 个此前已添加过", added, len(evs)-added))
			}
		})
	}()
}

// removeEvidence takes a file off a criterion after a confirmation (the file itself stays).
func (u *UI) removeEvidence(no int, e scoring.Evidence) {
	name := e.DisplayName()
	showConfirm(u.win, "移除佐证材料",
		fmt.Sprintf("从评分要点(%d)中移除“%s”？\n只取消登记，不会删除文件本身。", no, name), "移除", func() {
			u.edit(no, true, func(a *scoring.Answer) {
				for i, x := range a.Evidence {
					if x.Path == e.Path {
						a.Evidence = append(a.Evidence[:i], a.Evidence[i+1:]...)
						break
					}
				}
			})
			if k := u.check.cards[no]; k != nil {
				k.showEvidence()
			}
		})
}
