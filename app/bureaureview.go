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

	"sanxiang/export"
	"sanxiang/internal/evidencefile"
	"sanxiang/scoring"
	"sanxiang/scoring/review"
)

// unitReview is the review of one imported unit: the checklist by indicator pages with the
// unit's own answers and evidence read-only, per criterion a 复核得分 and 复核意见, 同意 per
// page, live self vs review totals, the 复核结论, 复核人 and 标记为已复核. Every change is saved
// by the window's saver; the unit's own answers are never written.
type unitReview struct {
	b    *bureau
	id   int64
	unit review.Unit
	desk *review.Desk
	inds []*scoring.Indicator
	cur  int
	// copies is what the check of the imported copies found per evidence path: missing, changed
	// (another size or SHA-256 than the package's) or intact; asked off the UI goroutine
	copies map[string]evidencefile.CopyState

	nav        *widget.Tree        // 一级、二级、三级指标 as in the self-assessment's checklist
	kids       map[string][]string // the tree's children by node code ("" is the root)
	index      map[string]int      // indicator code → index into inds
	page       *fyne.Container
	scroll     *container.Scroll
	levels     *cjkLabel // totals of the page's area, category and indicator, both ways
	overall    *widget.Label
	state      *widget.Label
	reviewer   *field
	conclusion *field
	metaMsg    *cjkLabel // why the 复核人 or 复核结论 on screen was not saved; hidden while saved
	done       *widget.Button
	cards      map[int]*reviewCard
	loading    bool
	asking     bool // 取消已复核 is reading the unit's recommendation marks
	content    fyne.CanvasObject
}

// reviewCard is one criterion on a review page.
type reviewCard struct {
	score   *field
	na      *widget.Button
	msg     *cjkLabel // why the 复核得分 on screen was not saved, in red; empty while saved
	comment *field
	// commentMsg says under the 复核意见 why the text on screen was not saved; hidden while saved
	commentMsg *cjkLabel
	changed    *widget.Label
	evidence   *fyne.Container // the evidence rows, redrawn when the check of a copy answers
}

// openUnit reads one unit (and checks its evidence in the imported copy by presence and size,
// evidencefile.Copies.Quick; the SHA-256 of each page's files is read when the page shows)
// off the UI goroutine and shows its review.
func (b *bureau) openUnit(id int64) {
	go func() {
		u, err := b.d.store.BureauUnit(id)
		states := map[string]evidencefile.CopyState{}
		if err == nil && u.Assessment != nil {
			for _, a := range u.Assessment.Answers {
				for _, e := range a.Evidence {
					states[e.Path] = b.d.copies.Quick(e)
				}
			}
		}
		b.d.post(func() {
			if err != nil {
				showError(b.d.win, "打开该单位失败", err)
				return
			}
			if u.Assessment == nil || u.Assessment.Catalog == nil {
				showInfo(b.d.win, "打开该单位失败", "该单位的自评数据不完整（缺少指标体系）。")
				return
			}
			r := newUnitReview(b, id, u, states)
			b.review = r
			b.d.win.SetContent(r.content)
			backOnEsc(b.d.win, r.content, r.back)
		})
	}()
}

func newUnitReview(b *bureau, id int64, u review.Unit, copies map[string]evidencefile.CopyState) *unitReview {
	r := &unitReview{b: b, id: id, unit: u, copies: copies, cards: map[int]*reviewCard{}}
	r.desk = review.NewDesk(u.Assessment, u.Review)
	r.inds = u.Assessment.Catalog.Indicators()
	a := u.Assessment

	back := widget.NewButtonWithIcon("返回汇总", theme.NavigateBackIcon(), r.back)
	agree := widget.NewButtonWithIcon("同意本页自评", theme.ConfirmIcon(), r.agree)
	prev := widget.NewButtonWithIcon("上一页", theme.NavigateBackIcon(), func() { r.show(r.cur - 1) })
	next := widget.NewButtonWithIcon("下一页", theme.NavigateNextIcon(), func() { r.show(r.cur + 1) })
	next.IconPlacement = widget.ButtonIconTrailingText
	title := bold(fmt.Sprintf("复核：%s · %d 年度", a.Unit.Name, a.Year))
	title.Truncation = fyne.TextTruncateEllipsis
	r.state = widget.NewLabel("")
	r.overall = bold("")
	r.levels = wrapped("")
	r.levels.widths = b.d.widths
	r.levels.keepRoomFor("") // the room is set per page (show)
	sub := fmt.Sprintf("统一社会信用代码 %s　报送包校验码 %s", a.Unit.CreditCode, orDash(u.Digest))
	if u.Digest != "" && !u.Verified {
		sub += "（未通过校验）"
	}
	top := container.NewVBox(
		container.NewBorder(nil, nil, back, container.NewHBox(r.state, agree, prev, next), title),
		hintText(sub+"　　单位报送的内容只能查看；复核得分、意见和结论自动保存。"),
		r.overall,
	)

	r.kids = map[string][]string{}
	r.index = map[string]int{}
	for _, a := range u.Assessment.Catalog.Areas {
		r.kids[""] = append(r.kids[""], a.Code)
		for _, c := range a.Categories {
			r.kids[a.Code] = append(r.kids[a.Code], c.Code)
			for _, ind := range c.Indicators {
				r.kids[c.Code] = append(r.kids[c.Code], ind.Code)
			}
		}
	}
	for i, ind := range r.inds {
		r.index[ind.Code] = i
	}
	r.nav = widget.NewTree(
		func(uid widget.TreeNodeID) []widget.TreeNodeID { return r.kids[uid] },
		func(uid widget.TreeNodeID) bool { _, ok := r.kids[uid]; return ok },
		func(bool) fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, widget.NewLabel(""), l)
		},
		r.updateNode)
	r.nav.OnSelected = func(uid widget.TreeNodeID) {
		if i, ok := r.index[uid]; ok && i != r.cur {
			r.show(i)
		}
	}
	r.nav.OpenAllBranches()

	r.page = container.NewVBox()
	r.scroll = container.NewVScroll(r.page)

	r.reviewer = newField(false, nil)
	r.reviewer.SetPlaceHolder("复核人姓名")
	r.conclusion = newField(true, nil)
	r.conclusion.SetPlaceHolder("复核结论：对该单位自评的总体意见")
	r.conclusion.growing(2, 6)
	r.metaMsg = refusedLine()
	r.loading = true
	r.reviewer.SetText(r.desk.Review.Reviewer)
	r.conclusion.SetText(r.desk.Review.Conclusion)
	r.loading = false
	r.reviewer.OnChanged = func(string) { r.metaChanged() }
	r.conclusion.OnChanged = func(string) { r.conclusion.fit(); r.metaChanged() }
	r.reviewer.onEsc, r.conclusion.onEsc = r.escBack, r.escBack
	r.done = widget.NewButtonWithIcon("标记为已复核", theme.ConfirmIcon(), r.toggleDone)
	bottom := container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil,
		container.NewHBox(widget.NewLabel("复核人"), fixedWidth(160, r.reviewer), widget.NewLabel("复核结论")),
		r.done, container.NewVBox(r.conclusion, r.metaMsg)))

	split := container.NewHSplit(r.nav, container.NewBorder(r.levels, nil, nil, nil, r.scroll))
	split.Offset = 0.3
	r.content = container.NewBorder(top, bottom, nil, nil, split)
	r.show(0)
	r.refreshTotals()
	return r
}

// updateNode shows a tree node's title and its score, "self→review" where the review differs.
func (r *unitReview) updateNode(uid widget.TreeNodeID, _ bool, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	title, scores := box.Objects[0].(*widget.Label), box.Objects[1].(*widget.Label)
	n, ok := r.desk.Cat.Node(uid)
	if !ok {
		return
	}
	s, _ := r.desk.SelfResult.Lookup(uid)
	v, _ := r.desk.ReviewResult.Lookup(uid)
	title.TextStyle.Bold = n.Level == 1
	title.SetText(nodeTitle(n))
	if s.Score != v.Score {
		scores.Importance = widget.WarningImportance
		scores.SetText(fmt.Sprintf("%s→%s", s.Score, v.Score))
	} else {
		scores.Importance = widget.MediumImportance
		scores.SetText(v.Score.String())
	}
	box.Refresh()
}

// orDash is s, or "—" when it is empty.
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// back returns to the 汇总 table (pending edits are written now; the table reads afresh).
// backOnEsc makes Esc or Backspace run back while content is shown, no field holds the focus
// (typed in a field, the keys are the field's: Backspace deletes a character there; Esc in a
// field of the review is the field's onEsc, escBack) and no dialog is open over it (the
// dialog's Esc closes the dialog only).
func backOnEsc(win fyne.Window, content fyne.CanvasObject, back func()) {
	c := win.Canvas()
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if win.Content() == content && c.Focused() == nil && c.Overlays().Top() == nil &&
			(e.Name == fyne.KeyEscape || e.Name == fyne.KeyBackspace) {
			back()
		}
	})
}

func (r *unitReview) back() {
	r.b.d.saver.Trigger()
	r.b.show()
}

// escBack is Esc typed in one of the page's fields (复核得分, 复核意见, 复核人, 复核结论): back to
// the 汇总 as from outside the fields, unless a dialog is open over the page (its Esc closes only
// the dialog). What was typed is already queued with the saver on every keystroke (a refused
// text stays unsaved, as when 返回汇总 is clicked); back starts the writes and the table reads
// after them (bureau.reload).
func (r *unitReview) escBack() {
	if win := r.b.d.win; win.Content() == r.content && win.Canvas().Overlays().Top() == nil {
		r.back()
	}
}

// show builds the page of indicator i.
func (r *unitReview) show(i int) {
	if i < 0 || i >= len(r.inds) {
		return
	}
	r.b.d.saver.Trigger()
	r.cur = i
	r.nav.Select(r.inds[i].Code)
	if i == 0 {
		r.nav.ScrollToTop() // with the first 一级 and 二级指标 above it
	} else {
		r.nav.ScrollTo(r.inds[i].Code)
	}
	r.cards = map[int]*reviewCard{}
	ind := r.inds[i]
	objs := []fyne.CanvasObject{bold(fmt.Sprintf("%d. %s（%s 分）", ind.Seq, ind.Title, ind.Points))}
	for _, c := range ind.Criteria {
		objs = append(objs, r.card(c), widget.NewSeparator())
	}
	r.page.Objects = objs
	r.page.Refresh()
	r.scroll.ScrollToTop()
	r.levels.keepRoomFor(r.levelsRoom())
	r.refreshTotals()
	r.verifyPage(i)
}

// verifyPage compares the imported copies of page i's evidence with the package's SHA-256 on a
// goroutine (evidencefile.Copies.Verify: a file unchanged since it was read is not read again)
// and redraws the evidence rows whose state changed while the page still shows.
func (r *unitReview) verifyPage(i int) {
	var evs []scoring.Evidence
	for _, c := range r.inds[i].Criteria {
		evs = append(evs, r.desk.Self[c.No].Evidence...)
	}
	if len(evs) == 0 {
		return
	}
	go func() {
		found := make([]evidencefile.CopyState, len(evs))
		for k, e := range evs {
			found[k] = r.b.d.copies.Verify(e)
		}
		r.b.d.post(func() {
			changed := false
			for k, e := range evs {
				if r.copies[e.Path] != found[k] {
					r.copies[e.Path] = found[k]
					changed = true
				}
			}
			if !changed || r.cur != i {
				return
			}
			for _, c := range r.inds[i].Criteria {
				if k := r.cards[c.No]; k != nil && k.evidence != nil {
					k.evidence.Objects = r.evidenceRows(r.desk.Self[c.No])
					k.evidence.Refresh()
				}
			}
		})
	}()
}

// selfText is the unit's own answer of criterion c as the page shows it.
func selfText(a scoring.Answer, c scoring.Criterion) string {
	switch a.Status {
	case scoring.Scored:
		return fmt.Sprintf("%s 分", scoring.Clamp(a.Score, c.Points))
	case scoring.NA:
		return "不适用"
	}
	return "未评"
}

// card is criterion c: the unit's answer read-only, then the 复核得分 and 复核意见.
func (r *unitReview) card(c scoring.Criterion) fyne.CanvasObject {
	no := c.No
	a := r.desk.Self[no]
	k := &reviewCard{}
	r.cards[no] = k
	text := newCJKLabel(c.Text, fyne.TextStyle{})
	text.widths = r.b.d.widths
	head := container.NewBorder(nil, nil, bold(fmt.Sprintf("(%d)", no)), bold(c.Points.String()+" 分"), text)

	form := container.New(layout.NewFormLayout())
	add := func(label, value string) {
		if strings.TrimSpace(value) == "" {
			return
		}
		form.Add(formLabel(widget.NewLabel(label)))
		form.Add(wrapped(value))
	}
	add("自评得分", selfText(a, c))
	add("扣分原因", a.DeductionReason)
	add("不适用理由", a.NAReason)
	add("自评说明", a.Note)
	add("整改措施", a.Rectification)
	form.Add(formLabel(widget.NewLabel("佐证材料")))
	k.evidence = container.NewVBox(r.evidenceRows(a)...)
	form.Add(k.evidence)

	k.score = newField(false, nil)
	k.score.SetPlaceHolder("0～" + c.Points.String())
	k.msg = wrappedIn("", widget.DangerImportance)
	k.msg.widths = r.b.d.widths
	k.na = widget.NewButton("不适用", nil)
	k.changed = widget.NewLabel("")
	k.comment = newField(true, nil)
	k.comment.SetPlaceHolder("复核意见：改分时写明依据")
	k.comment.growing(1, 8)
	k.commentMsg = refusedLine()
	r.loading = true
	k.score.SetText(r.desk.ScoreText(no))
	k.comment.SetText(r.desk.Comment(no))
	r.loading = false
	k.score.OnChanged = func(s string) { r.scoreTyped(no, s) }
	k.score.onBlur = func() { r.normalize(no) }
	k.score.onEnter = func() { r.enter(no) }
	k.comment.OnChanged = func(s string) { k.comment.fit(); r.commentTyped(no, s) }
	k.score.onEsc, k.comment.onEsc = r.escBack, r.escBack
	k.na.OnTapped = func() { r.toggleNA(no) }
	r.syncCard(no)

	form.Add(formLabel(bold("复核得分")))
	form.Add(container.NewBorder(nil, nil, container.NewHBox(fixedWidth(90, k.score), k.na, k.changed), nil, k.msg))
	form.Add(formLabel(bold("复核意见")))
	form.Add(container.NewVBox(k.comment, k.commentMsg))
	return container.NewVBox(head, form)
}

// evidenceRows lists the answer's files from the imported copy, each with 打开; a missing copy
// says 缺失, a copy that differs from the package says so, neither can be opened.
func (r *unitReview) evidenceRows(a scoring.Answer) []fyne.CanvasObject {
	if len(a.Evidence) == 0 {
		return []fyne.CanvasObject{hint("无佐证材料")}
	}
	var rows []fyne.CanvasObject
	for _, e := range a.Evidence {
		e := e
		name := widget.NewLabel(e.DisplayName())
		name.Truncation = fyne.TextTruncateEllipsis
		if st := r.copies[e.Path]; st != evidencefile.CopyIntact {
			text := "缺失：" + e.DisplayName()
			if st == evidencefile.CopyChanged {
				text = st.String() + "：" + e.DisplayName()
			}
			l := colored(text, widget.DangerImportance)
			l.Truncation = fyne.TextTruncateEllipsis
			rows = append(rows, container.NewBorder(nil, nil, widget.NewIcon(theme.NewErrorThemedResource(theme.WarningIcon())), nil, l))
			continue
		}
		open := widget.NewButtonWithIcon("打开", theme.VisibilityIcon(), func() { r.b.d.openFile(e.Path) })
		rows = append(rows, container.NewBorder(nil, nil, widget.NewIcon(theme.FileIcon()),
			container.NewHBox(widget.NewLabel(export.SizeText(e.Size)), open), name))
	}
	return rows
}

// syncCard shows whether criterion no is re-scored and the 不适用 button's state.
func (r *unitReview) syncCard(no int) {
	k := r.cards[no]
	if k == nil {
		return
	}
	if r.desk.Changed(no) {
		k.changed.SetText("已改：" + r.desk.Outcome(no).String())
		k.changed.Importance = widget.WarningImportance
	} else {
		k.changed.SetText("同自评")
		k.changed.Importance = widget.SuccessImportance
	}
	k.changed.Refresh()
	if r.desk.Outcome(no).Status == scoring.NA {
		k.na.Importance = widget.HighImportance
	} else {
		k.na.Importance = widget.MediumImportance
	}
	k.na.Refresh()
}

// apply queues the write a Desk asked for and redraws the totals.
func (r *unitReview) apply(e review.Edit) {
	id, store := r.id, r.b.d.store
	what := fmt.Sprintf("复核 评分要点(%d)", e.No)
	key := fmt.Sprintf("r/%d/%d", id, e.No)
	if e.Delete {
		r.b.d.saver.Queue(key, what, func() error { return store.DeleteReviewItem(id, e.No) })
	} else {
		it := e.Item
		r.b.d.saver.Queue(key, what, func() error { return store.SaveReviewItem(id, it) })
	}
	if r.desk.Review.Status == review.Pending {
		r.desk.Review.Status = review.InProgress // storage does the same on the first item
	}
	r.syncCard(e.No)
	r.refreshTotals()
}

// scoreTyped checks the 复核得分 as it is typed; a refused text stays on screen, unsaved, with
// the reason in red.
func (r *unitReview) scoreTyped(no int, s string) {
	if r.loading {
		return
	}
	k := r.cards[no]
	e, err := r.desk.SetScore(no, s)
	if err != nil {
		k.msg.SetText(fmt.Sprintf("%v（未保存，仍按 %s 计）", err, r.desk.Outcome(no)))
		return
	}
	k.msg.SetText("")
	r.apply(e)
}

// normalize shows an accepted score as stored ("０．５" becomes 0.5) when the box is left.
func (r *unitReview) normalize(no int) {
	k := r.cards[no]
	if k == nil || k.msg.Text() != "" {
		return
	}
	if want := r.desk.ScoreText(no); strings.TrimSpace(k.score.Text) != want {
		r.loading = true
		k.score.SetText(want)
		r.loading = false
	}
}

// enter is Enter in a 复核得分 box: an accepted score moves the caret to the next criterion's
// box on the page (a refused one keeps it, as in the self-assessment).
func (r *unitReview) enter(no int) {
	k := r.cards[no]
	if k == nil || k.msg.Text() != "" {
		return
	}
	r.normalize(no)
	crit := r.inds[r.cur].Criteria
	for i, c := range crit {
		if c.No == no && i+1 < len(crit) {
			if next := r.cards[crit[i+1].No]; next != nil {
				r.b.d.win.Canvas().Focus(next.score)
			}
		}
	}
}

// commentTyped stores the 复核意见.
func (r *unitReview) commentTyped(no int, s string) {
	if r.loading {
		return
	}
	k := r.cards[no]
	e, err := r.desk.SetComment(no, s)
	showRefused(k.commentMsg, err, "（意见未保存）")
	if err != nil {
		return
	}
	r.apply(e)
}

// toggleNA makes the review count the criterion as 不适用, or as the unit's answer again.
func (r *unitReview) toggleNA(no int) {
	k := r.cards[no]
	on := r.desk.Outcome(no).Status != scoring.NA
	e, err := r.desk.SetNA(no, on)
	if err != nil {
		k.msg.SetText(err.Error())
		if on {
			r.b.d.win.Canvas().Focus(k.comment)
		}
		return
	}
	k.msg.SetText("")
	r.loading = true
	k.score.SetText(r.desk.ScoreText(no))
	r.loading = false
	r.apply(e)
}

// agree is 同意本页自评: every criterion of the page counts as the unit scored it.
func (r *unitReview) agree() {
	for _, e := range r.desk.Agree(r.inds[r.cur]) {
		r.apply(e)
	}
	r.show(r.cur)
}

// metaChanged stores the 复核人 and 复核结论.
func (r *unitReview) metaChanged() {
	if r.loading {
		return
	}
	err := r.desk.SetMeta(r.reviewer.Text, r.conclusion.Text)
	showRefused(r.metaMsg, err, "（未保存）")
	if err != nil {
		return
	}
	id, store := r.id, r.b.d.store
	reviewer, conclusion := r.reviewer.Text, r.conclusion.Text
	r.b.d.saver.Queue(fmt.Sprintf("rm/%d", id), "复核人和复核结论", func() error { return store.SaveReviewMeta(id, reviewer, conclusion) })
	if r.desk.Review.Status == review.Pending {
		r.desk.Review.Status = review.InProgress
	}
	r.refreshTotals()
}

// toggleDone is 标记为已复核 (needs a 复核人) or, on a done review, 取消已复核 — which asks
// first when the unit is recommended, since storage then removes its recommendation too.
func (r *unitReview) toggleDone() {
	if r.desk.Review.Status == review.Done {
		r.undoDone()
		return
	}
	if err := r.desk.CanFinish(); err != nil {
		showError(r.b.d.win, "还不能标记为已复核", err)
		r.b.d.win.Canvas().Focus(r.reviewer)
		return
	}
	r.setStatus(review.Done)
}

// undoDone is 取消已复核: it reads the unit's recommendation marks off the UI goroutine and,
// when there are any, names them in a confirmation (Esc or 取消 changes nothing).
func (r *unitReview) undoDone() {
	if r.asking {
		return // a second click while the marks are read
	}
	r.asking = true
	id, store := r.id, r.b.d.store
	go func() {
		u, err := store.RecommendedFor(id)
		r.b.d.post(func() {
			r.asking = false
			if r.desk.Review.Status != review.Done {
				return
			}
			switch {
			case err != nil:
				showError(r.b.d.win, "无法取消已复核", err)
			case u.Any():
				showConfirm(r.b.d.win, "取消已复核",
					fmt.Sprintf("该单位已被推荐为%s，取消已复核将同时取消推荐。", u.What()), "取消已复核",
					func() { r.setStatus(review.InProgress) })
			default:
				r.setStatus(review.InProgress)
			}
		})
	}()
}

// setStatus shows s at once and queues its write after the items and meta queued before it.
func (r *unitReview) setStatus(s review.Status) {
	r.desk.Review.Status = s
	id, store := r.id, r.b.d.store
	// after the items and the meta queued before it (the saver writes in order)
	who := fmt.Sprintf("“%s”%d 年度", r.unit.Assessment.Unit.Name, r.unit.Assessment.Year)
	r.b.d.saver.Queue(fmt.Sprintf("rs/%d", id), "复核状态", func() error {
		u, err := store.SetReviewStatus(id, s)
		if err == nil && u.Any() { // 取消已复核 of a recommended unit: storage removed the marks
			r.b.d.post(func() {
				showInfo(r.b.d.win, "已取消推荐", unmarkedText(who, u))
			})
		}
		return err
	})
	r.b.d.saver.Trigger()
	r.refreshTotals()
}

// unmarkedText says that a unit's review left 已复核 and which of its recommendations storage
// removed with it (取消已复核, or a replaced package).
func unmarkedText(who string, u review.Unmarked) string {
	return fmt.Sprintf("%s的复核已回到复核中，%s。", who, u.Note())
}

// levelsText is the self and review subtotals of the page's 一级、二级 and 三级指标.
func (r *unitReview) levelsText() string { return r.levelsWith(totalText) }

// levelsRoom is levelsText at its longest for the page: every figure as wide as it can get
// (widestTotal), so that the summary keeps the height a 复核得分 typed on the page may need
// and the cards below never move while the user edits (found using the real window: a
// subtotal of "12" that became "11.5" wrapped the line and pushed the cards ~20 px down).
func (r *unitReview) levelsRoom() string {
	digit := widestDigit(r.b.d.widths)
	return r.levelsWith(func(s scoring.Subtotal) string { return widestTotal(s, digit) })
}

// levelsWith writes the page's subtotals with total for the figures.
func (r *unitReview) levelsWith(total func(scoring.Subtotal) string) string {
	if r.cur >= len(r.inds) || len(r.inds[r.cur].Criteria) == 0 {
		return ""
	}
	ind := r.inds[r.cur]
	ref, ok := r.desk.Cat.Criterion(ind.Criteria[0].No)
	if !ok {
		return ""
	}
	var parts []string
	for _, n := range []struct{ what, code, title string }{
		{"一级指标", ref.Area.Code, ref.Area.Title}, {"二级指标", ref.Category.Code, ref.Category.Title}, {"三级指标", ind.Code, ind.Title}} {
		s, _ := r.desk.SelfResult.Lookup(n.code)
		v, _ := r.desk.ReviewResult.Lookup(n.code)
		parts = append(parts, fmt.Sprintf("%s“%s”：自评 %s，复核 %s", n.what, n.title, total(s), total(v)))
	}
	return strings.Join(parts, "\n")
}

// totalText is "x/y": a subtotal's score of its points.
func totalText(s scoring.Subtotal) string {
	return fmt.Sprintf("%s/%s", s.Score, s.Points)
}

// widestTotal is totalText as wide as any score of s's points can make it: the score with as
// many digits as the points and a tenth, every digit the widest one.
func widestTotal(s scoring.Subtotal, digit rune) string {
	whole := len(strconv.FormatInt(int64(s.Points)/10, 10))
	wide := func(n int) string { return strings.Repeat(string(digit), n) }
	return fmt.Sprintf("%s.%s/%s.%s", wide(whole), wide(1), wide(whole), wide(1))
}

// widestDigit is the digit drawn widest in the window's text face.
func widestDigit(ws *runeWidths) rune {
	if ws == nil {
		ws = &runeWidths{}
	}
	size, best, wide := theme.TextSize(), '0', 0.0
	for d := '0'; d <= '9'; d++ {
		if w := ws.width(d, size, fyne.TextStyle{}); w > wide {
			best, wide = d, w
		}
	}
	return best
}

// refreshTotals shows the live totals: the whole unit both ways, and the page's 一级、二级、三级指标.
func (r *unitReview) refreshTotals() {
	self, rev := r.desk.SelfResult, r.desk.ReviewResult
	changed := 0
	for no := range r.desk.Review.Items {
		if r.desk.Changed(no) {
			changed++
		}
	}
	r.overall.SetText(fmt.Sprintf("自评得分 %s，折算 %s　　复核得分 %s，折算 %s　　改分 %d 项",
		totalText(self.Overall), convertedText(self), totalText(rev.Overall), convertedText(rev), changed))
	r.levels.SetText(r.levelsText())
	r.state.SetText(r.desk.Review.Status.String())
	switch r.desk.Review.Status {
	case review.Done:
		r.state.Importance = widget.SuccessImportance
		r.done.SetText("取消已复核")
		r.done.Importance = widget.MediumImportance
	default:
		r.state.Importance = widget.WarningImportance
		r.done.SetText("标记为已复核")
		r.done.Importance = widget.HighImportance
	}
	r.state.Refresh()
	r.done.Refresh()
	r.nav.Refresh()
}
