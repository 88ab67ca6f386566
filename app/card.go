package app

import (
	"fmt"
	"image/color"
	"sanxiang/export"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/internal/evidencefile"
	"sanxiang/scoring"
)

// card is the editor of one criterion: score, quick buttons, reasons, notes and evidence. It
// belongs to the checklist page c, which hands it the workspace and the window's services.
type card struct {
	c  *checklist
	cr scoring.Criterion

	content  fyne.CanvasObject
	dense    *denseCard // content: the card under the dense theme
	stripe   *canvas.Rectangle
	form     *fyne.Container
	state    *widget.Label
	score    *field
	msg      *cjkLabel // why the score on screen was not saved, in red (Chinese line breaking)
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
	// refused holds, per text field, the red line under it saying why the text on screen was
	// not saved (a control character, too long); hidden while the text is saved
	refused map[*field]*cjkLabel
	gone    bool // the page moved on: this card no longer edits anything
	// building is true while newCard runs: the page lays out once when all cards are made
	// (laying out the page after each card made building a page quadratic)
	building bool
}

func newCard(c *checklist, cr scoring.Criterion) *card {
	k := &card{c: c, cr: cr, refused: map[*field]*cjkLabel{}}
	d, ws := c.d, c.ws
	a := ws.Answer(cr.No)
	k.loading, k.building = true, true
	defer func() { k.loading, k.building = false, false }()

	text := newCJKLabel(cr.Text, fyne.TextStyle{})
	text.widths = d.widths
	head := container.NewBorder(nil, nil, bold(fmt.Sprintf("(%d)", cr.No)), bold(cr.Points.String()+" 分"), text)

	k.score = newField(false, d.shortcut)
	score := ""
	if a.Status == scoring.Scored {
		score = a.Score.String()
	}
	k.score.preset(score, "0～"+cr.Points.String())
	k.score.OnChanged = k.scoreTyped
	k.score.onEnter = k.enter
	k.score.onBlur = k.normalize
	k.full = widget.NewButton("满分", func() { k.quick(cr.Points) })
	k.zero = widget.NewButton("0分", func() {
		if k.gone {
			return
		}
		k.quick(0)
		d.canvas.Focus(k.deduct)
	})
	k.na = widget.NewButton("不适用", k.markNA)
	k.state = widget.NewLabel("")
	k.msg = wrappedIn("", widget.DangerImportance)
	k.msg.widths = d.widths

	k.deductL = widget.NewLabel("扣分原因")
	k.deduct = k.text(a.DeductionReason, "必填：说明扣分的原因", func(a *scoring.Answer, s string) { a.DeductionReason = s })
	k.naL = widget.NewLabel("不适用理由")
	k.naReason = k.text(a.NAReason, "必填：说明本单位不适用该要点的理由", func(a *scoring.Answer, s string) { a.NAReason = s })
	k.note = k.text(a.Note, "简要说明落实情况", func(a *scoring.Answer, s string) { a.Note = s })
	k.rectL = widget.NewLabel("整改措施")
	k.rect = k.text(a.Rectification, "针对失分写明整改措施和时限", func(a *scoring.Answer, s string) { a.Rectification = s })

	k.addFiles = widget.NewButtonWithIcon("添加文件…", theme.ContentAddIcon(), func() {
		if k.gone {
			return
		}
		d.cards.addFiles(cr.No)
	})
	k.addDir = widget.NewButtonWithIcon("添加整个文件夹…", theme.FolderIcon(), func() {
		if k.gone {
			return
		}
		d.cards.addFolder(cr.No)
	})
	k.evBox = container.NewVBox()

	page := func(ev *fyne.ScrollEvent) {
		if c.scroll != nil {
			c.scroll.Scrolled(ev)
		}
	}
	k.form = container.New(layout.NewFormLayout(),
		formLabel(widget.NewLabel("得分")), container.NewBorder(nil, nil,
			container.NewHBox(fixedWidth(90, wheelThrough(k.score, page)),
				k.full, k.zero, k.na, k.state), nil, k.msg),
		formLabel(k.deductL), k.textCell(k.deduct, page),
		formLabel(k.naL), k.textCell(k.naReason, page),
		formLabel(widget.NewLabel("自评说明")), k.textCell(k.note, page),
		formLabel(k.rectL), k.textCell(k.rect, page),
		formLabel(widget.NewLabel("佐证材料")), k.evBox,
	)
	for _, f := range []*field{k.score, k.deduct, k.naReason, k.note, k.rect} {
		f := f
		f.onTab = func(back bool) { k.tab(f, back) }
	}
	k.stripe = canvas.NewRectangle(color.Transparent)
	k.stripe.SetMinSize(fyne.NewSize(4, 4))
	box := container.NewBorder(nil, widget.NewSeparator(), k.stripe, nil, container.NewVBox(head, k.form))
	k.showEvidence()
	k.sync()
	// themed last, with its evidence rows: quiet until the page wakes it (checklist.show)
	k.dense = newDenseCard(box, ws.ReadOnly())
	k.content = k.dense
	return k
}

// text makes a multi-line field that saves into the answer as the user types.
func (k *card) text(value, hint string, set func(*scoring.Answer, string)) *field {
	f := newField(true, k.c.d.shortcut)
	f.preset(value, hint)
	f.growing(1, 15)
	f.OnChanged = func(s string) {
		f.fit()
		if k.loading || k.gone {
			return
		}
		k.showRefused(f, k.edit(func(a *scoring.Answer) { set(a, s) }))
	}
	k.refused[f] = refusedLine()
	return f
}

// textCell is the form cell of a text field: the field (with the page's wheel through it) and
// below it the red line of a refused text.
func (k *card) textCell(f *field, page func(*fyne.ScrollEvent)) fyne.CanvasObject {
	return container.NewVBox(wheelThrough(f, page), k.refused[f])
}

// showRefused shows why the text typed into f was not saved (err from the workspace, which
// checks the storage's rule), or hides the line once the text is saved.
func (k *card) showRefused(f *field, err error) {
	if showRefused(k.refused[f], err, "（未保存）") {
		k.relayout()
	}
}

// scoreTyped validates the score as it is typed; refused text stays on screen, unsaved.
func (k *card) scoreTyped(s string) {
	if k.loading || k.gone {
		return
	}
	s = strings.TrimSpace(s)
	a := k.c.ws.Answer(k.cr.No)
	if s == "" {
		k.setInvalid("", nil)
		if a.Status == scoring.Scored {
			k.edit(func(a *scoring.Answer) { a.Status, a.Score = scoring.Unanswered, 0 })
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
	k.edit(func(a *scoring.Answer) { a.Status, a.Score = scoring.Scored, t })
}

// edit changes the criterion's answer through the workspace (which refuses it while 已定稿 —
// the fields are disabled then — and refuses what the storage would refuse) and thereby the
// card (checklist.changed); the error is the workspace's Chinese reason.
func (k *card) edit(change func(a *scoring.Answer)) error {
	return k.c.ws.EditAnswer(k.cr.No, change)
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
	if a := k.c.ws.Answer(k.cr.No); a.Status == scoring.Scored {
		saved = fmt.Sprintf("（未保存，仍按 %s 分计）", a.Score)
	}
	k.msg.SetText(err.Error() + saved)
}

// quick is the 满分 / 0分 buttons.
func (k *card) quick(t scoring.Tenths) {
	if k.gone {
		return
	}
	k.setScoreText(t.String())
	k.edit(func(a *scoring.Answer) { a.Status, a.Score = scoring.Scored, t })
}

// markNA is the 不适用 button; pressed on a criterion that is already 不适用 it returns it to
// 未评 (the reason text is kept).
func (k *card) markNA() {
	if k.gone {
		return
	}
	if k.c.ws.Answer(k.cr.No).Status == scoring.NA {
		k.setScoreText("")
		k.edit(func(a *scoring.Answer) { a.Status, a.Score = scoring.Unanswered, 0 })
		k.c.d.canvas.Focus(k.score)
		return
	}
	k.setScoreText("")
	k.edit(func(a *scoring.Answer) { a.Status, a.Score = scoring.NA, 0 })
	k.c.d.canvas.Focus(k.naReason)
}

// enter is Enter in the score box: a valid (or empty) score is confirmed and the caret moves
// to the next criterion's score box; a refused text keeps the caret where it is (this is also
// what stops an IME's Enter, which puts pinyin letters into the box, from moving on).
func (k *card) enter() {
	if k.gone || k.invalid != "" {
		return
	}
	k.normalize()
	k.c.moveFrom(k, +1)
}

// normalize shows an accepted score the way it is stored ("０．５" typed with an IME becomes 0.5).
func (k *card) normalize() {
	if k.gone || k.invalid != "" {
		return
	}
	a := k.c.ws.Answer(k.cr.No)
	if a.Status == scoring.Scored && strings.TrimSpace(k.score.Text) != a.Score.String() {
		k.setScoreText(a.Score.String())
	}
}

// chain is the card's keyboard order: the score box, then the text fields shown.
func (k *card) chain() []*field {
	out := []*field{k.score}
	for _, f := range []*field{k.deduct, k.naReason, k.note, k.rect} {
		if f.Visible() {
			out = append(out, f)
		}
	}
	return out
}

// tab moves the focus from one of the card's fields to the next (previous) in chain order, and
// past the last one to the next criterion's score box (past the first, to the previous
// criterion's last field). The buttons keep their shortcuts (Alt+M, Alt+0, Alt+N).
func (k *card) tab(from *field, back bool) {
	ch := k.chain()
	i := 0
	for j, f := range ch {
		if f == from {
			i = j
		}
	}
	switch {
	case !back && i+1 < len(ch):
		k.c.focusField(ch[i+1])
	case back && i > 0:
		k.c.focusField(ch[i-1])
	case back:
		k.c.moveFrom(k, -1)
	default:
		k.c.moveFrom(k, +1)
	}
}

// owns says whether f is one of the card's fields.
func (k *card) owns(f fyne.Focusable) bool {
	for _, x := range []*field{k.score, k.deduct, k.naReason, k.note, k.rect} {
		if fyne.Focusable(x) == f {
			return true
		}
	}
	return false
}

func (k *card) setScoreText(s string) {
	k.loading = true
	k.score.SetText(s)
	k.loading = false
	k.setInvalid("", nil)
}

// leave retires the card when its page is replaced, and warns when the page is left with a
// refused score on screen.
func (k *card) leave() {
	k.gone = true
	if k.invalid != "" {
		k.c.d.note(fmt.Sprintf("评分要点(%d)输入的“%s”无效，未保存", k.cr.No, k.invalid))
		return
	}
	for _, f := range []*field{k.deduct, k.naReason, k.note, k.rect} {
		if msg := k.refused[f]; msg != nil && msg.Visible() {
			k.c.d.note(msg.Text())
			return
		}
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
	a := k.c.ws.Answer(k.cr.No)
	deducted := a.Status == scoring.Scored && a.Score < k.cr.Points
	written := func(s string) bool { return strings.TrimSpace(s) != "" } // a lone 回车 is no text
	changed := k.showRow(k.deductL, k.deduct, deducted || written(a.DeductionReason))
	changed = k.showRow(k.naL, k.naReason, a.Status == scoring.NA || written(a.NAReason)) || changed
	changed = k.showRow(k.rectL, k.rect, deducted || written(a.Rectification)) || changed
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
	naImp := widget.MediumImportance
	if a.Status == scoring.NA {
		naImp = widget.HighImportance // pressed: a second click returns the criterion to 未评
	}
	if k.na.Importance != naImp {
		k.na.Importance = naImp
		k.na.Refresh()
	}
	ro := k.c.ws.ReadOnly()
	hint := "0～" + k.cr.Points.String()
	switch {
	case a.Status == scoring.NA:
		hint = "不适用"
	case ro:
		hint = "" // read-only fields draw placeholders in the text colour: they would read as answers
	}
	if k.score.PlaceHolder != hint {
		k.score.SetPlaceHolder(hint)
	}
	for _, w := range []fyne.Disableable{k.score, k.full, k.zero, k.na, k.deduct, k.naReason, k.note, k.rect, k.addFiles, k.addDir} {
		enable(w, !ro)
	}
	if ro {
		for _, f := range []*field{k.deduct, k.naReason, k.note, k.rect} {
			f.SetPlaceHolder("")
		}
		// the buttons do nothing while 已定稿; in the readable colours they would look active
		for _, b := range []*widget.Button{k.full, k.zero, k.na, k.addFiles, k.addDir} {
			b.Hide()
		}
	}
	if changed {
		k.relayout()
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

// fieldBox is the form cell holding f (the stack wheelThrough put it in, or the textCell
// holding that stack).
func fieldBox(form *fyne.Container, f *field) fyne.CanvasObject {
	for _, o := range form.Objects {
		c, ok := o.(*fyne.Container)
		if !ok || len(c.Objects) != 2 {
			continue
		}
		if c.Objects[0] == f {
			return c
		}
		if in, ok := c.Objects[0].(*fyne.Container); ok && len(in.Objects) == 2 && in.Objects[0] == f {
			return c
		}
	}
	return f
}

// showRow shows or hides a form row; true when that changed anything.
func (k *card) showRow(l *widget.Label, f *field, on bool) bool {
	if on == f.Visible() {
		return false
	}
	box, cell := labelBox(k.form, l), fieldBox(k.form, f)
	if on {
		box.Show()
		cell.Show()
		f.Show()
	} else {
		box.Hide()
		cell.Hide()
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

// showEvidence lists the evidence files; a file that is gone is shown red with its old path,
// one on a drive that does not answer as 无法访问, one not checked yet as 检查中. The states
// come from the window's cache (UI.evidenceState): drawing never waits for the disk.
func (k *card) showEvidence() {
	a := k.c.ws.Answer(k.cr.No)
	ro := k.c.ws.ReadOnly()
	rows := make([]fyne.CanvasObject, 0, len(a.Evidence)+1)
	if len(a.Evidence) == 0 {
		// one line: the note and the buttons side by side
		noFiles := hint("暂无佐证材料")
		noFiles.Wrapping = fyne.TextWrapOff
		k.evBox.Objects = []fyne.CanvasObject{container.NewHBox(k.addFiles, k.addDir, noFiles)}
		k.relayout()
		return
	}
	for _, e := range a.Evidence {
		e := e
		name := e.DisplayName()
		remove := widget.NewButtonWithIcon("移除", theme.DeleteIcon(), func() { k.c.d.cards.remove(k.cr.No, e) })
		enable(remove, !ro)
		if ro {
			remove.Hide()
		}
		state := k.c.d.state(e.Path)
		if state.Gone() {
			head := "文件已不存在：" + name
			if state == evidencefile.Unreachable {
				head = "无法访问：" + name + "（U盘是否已拔出？）"
			}
			missing := colored(head, widget.DangerImportance)
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
		open := widget.NewButtonWithIcon("打开", theme.VisibilityIcon(), func() { k.c.d.cards.open(e.Path) })
		size := widget.NewLabel(export.SizeText(e.Size))
		if state == evidencefile.Unknown {
			size.SetText(export.SizeText(e.Size) + "　检查中…")
		}
		rows = append(rows, container.NewBorder(nil, nil, widget.NewIcon(theme.FileIcon()),
			container.NewHBox(size, open, remove), label))
	}
	rows = append(rows, container.NewHBox(k.addFiles, k.addDir))
	k.evBox.Objects = rows
	k.relayout()
}

// relayout themes the new rows (a field shown or hidden, evidence rows) and lays the page out
// again (not while building it).
func (k *card) relayout() {
	if k.building || k.dense == nil {
		return
	}
	k.dense.retheme(false)
	if b := k.c.body; b != nil {
		// Lay the cards out again without refreshing them: Container.Refresh would refresh
		// every card's dense theme override, and Fyne lays a refreshed override's content
		// out in the window's theme, so the other cards of the page were drawn with the
		// default padding — shifted right, their last row cut off — until the next indicator.
		// (The driver lays this card out again in its own theme: its height changed.)
		b.Layout.Layout(b.Objects, b.Size())
	}
}

// attach hashes new evidence files off the UI goroutine and adds them to a criterion;
// files already attached are skipped. While it runs the card's add buttons are disabled and
// the status bar counts the files.
func (u *evidenceCmds) attach(no int, paths []string) {
	if len(paths) == 0 || u.ws.ReadOnly() {
		return
	}
	id := u.ws.ID()
	u.note(fmt.Sprintf("正在登记 %d 个文件…", len(paths)))
	u.adding(no, true)
	go func() {
		var evs []scoring.Evidence
		var failed []string
		for i, p := range paths {
			if i > 0 && len(paths) > 1 {
				n := i
				u.post(func() {
					if u.ws.ID() == id {
						u.note(fmt.Sprintf("正在登记文件 %d/%d…", n+1, len(paths)))
					}
				})
			}
			e, err := evidencefile.Stat(p)
			if err != nil {
				failed = append(failed, err.Error())
				continue
			}
			evs = append(evs, e)
		}
		u.post(func() {
			u.note("")
			if u.ws.ID() != id {
				return
			}
			u.adding(no, false)
			for _, e := range evs {
				u.evidence().Set(e.Path, evidencefile.Present) // just read whole: no need to ask again
			}
			added := 0
			err := u.ws.EditAnswer(no, func(a *scoring.Answer) { // the card shows the new rows (checklist.changed)
				have := map[string]bool{}
				for _, e := range a.Evidence {
					have[e.Path] = true
				}
				for _, e := range evs {
					if !have[e.Path] && len(a.Evidence) >= scoring.MaxEvidencePerCriterion {
						failed = append(failed, fmt.Sprintf("“%s”未添加：每个评分要点最多 %d 个佐证材料", e.Name, scoring.MaxEvidencePerCriterion))
						have[e.Path] = true
						continue
					}
					if !have[e.Path] {
						have[e.Path] = true
						a.Evidence = append(a.Evidence, e)
						added++
					}
				}
			})
			if err != nil { // a file name the storage refuses (a control character): nothing added
				showError(u.win, "未能添加佐证材料", err)
				return
			}
			if len(failed) > 0 {
				showInfo(u.win, "部分文件未能添加", strings.Join(failed, "\n"))
			} else if added < len(evs) {
				u.note(fmt.Sprintf("已添加 %d 个文件，%d 个此前已添加过", added, len(evs)-added))
			}
		})
	}()
}

// removeEvidence takes a file off a criterion after a confirmation (the file itself stays).
func (u *evidenceCmds) removeEvidence(no int, e scoring.Evidence) {
	name := e.DisplayName()
	showConfirm(u.win, "移除佐证材料",
		fmt.Sprintf("从评分要点(%d)中移除“%s”？\n只取消登记，不会删除文件本身。", no, name), "移除", func() {
			_ = u.ws.EditAnswer(no, func(a *scoring.Answer) {
				for i, x := range a.Evidence {
					if x.Path == e.Path {
						a.Evidence = append(a.Evidence[:i], a.Evidence[i+1:]...)
						break
					}
				}
			})
		})
}
