package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/app/workspace"
	"sanxiang/internal/evidencefile"
	"sanxiang/scoring"
)

// filterKind narrows the checklist to the criteria that still need work of one kind.
type filterKind int

const (
	filterAll filterKind = iota
	filterUnanswered
	filterDeducted
	filterNA
	filterNoEvidence
	filterMissing
)

// keyHint is the line under the criteria that tells the keys (also in the user guide).
const keyHint = "键盘：Tab 到下一栏，Shift+Tab 回上一栏\n得分框中回车：确认并到下一要点\nAlt+M 满分　Alt+0 0分　Alt+N 不适用（再按取消）\nCtrl+PageDown、Alt+→：下一项\nCtrl+PageUp、Alt+←：上一项"

// filterNames are the choices of the filter, in filterKind order.
var filterNames = []string{"全部", "未评", "扣分", "不适用", "无佐证", "文件缺失"}

// checklist is the 自评打分 page: the tree of indicators on the left, one indicator's criteria
// on the right. It shows the workspace and follows its changes (changed); what it needs from
// the window comes in d.
type checklist struct {
	ws *workspace.Workspace
	d  checklistDeps
	// onScreen says whether the 自评打分 tab is the one showing (set by the window; nil: it is)
	onScreen func() bool
	gone     bool // the screen was replaced: posted work for it does nothing

	tree    *widget.Tree
	kids    map[string][]string // tree children by node code ("" is the root)
	index   map[string]int      // indicator code → position in u.indicators
	search  *field
	filter  *widget.Select
	kind    filterKind
	query   string
	found   *cjkLabel       // how many criteria the search or filter found (Chinese line breaking)
	matches map[int]bool    // criteria passing filter and search; nil when neither is set
	shown   map[string]bool // tree nodes holding a match; nil when everything shows

	crumb, sub *widget.Label
	title      *cjkLabel
	prev, next *widget.Button
	body       *fyne.Container
	scroll     *container.Scroll
	cards      map[int]*card
	selecting  bool
	content    fyne.CanvasObject
}

// checklistDeps is what the 自评打分 page needs from the window besides the workspace.
type checklistDeps struct {
	canvas   fyne.Canvas                          // the keyboard focus
	post     func(func())                         // runs work on the UI goroutine after this event
	shortcut func(*desktop.CustomShortcut) bool   // the window's keyboard commands, also in fields
	widths   *runeWidths                          // the Chinese line breaking's character widths
	note     func(string)                         // a one-off message in the status bar
	exists   func(path string) bool               // whether an evidence file is there (the problem check's answer)
	state    func(path string) evidencefile.State // what is known about an evidence file, from the cache
	recheck  func(nos []int)                      // ask the disk again about these criteria's files (nil: all)
	cards    cardActions
}

// cardActions are the window's commands a card's buttons start (dialogs, the disk).
type cardActions struct {
	addFiles  func(no int)                     // 添加文件…
	addFolder func(no int)                     // 添加整个文件夹…
	remove    func(no int, e scoring.Evidence) // 移除 (after a confirmation)
	open      func(path string)                // 打开 in the system's viewer
}

func newChecklist(ws *workspace.Workspace, d checklistDeps) *checklist {
	c := &checklist{ws: ws, d: d, kids: map[string][]string{}, index: map[string]int{}, cards: map[int]*card{}}
	for _, a := range ws.Catalog().Areas {
		c.kids[""] = append(c.kids[""], a.Code)
		for _, cat := range a.Categories {
			c.kids[a.Code] = append(c.kids[a.Code], cat.Code)
			for _, ind := range cat.Indicators {
				c.kids[cat.Code] = append(c.kids[cat.Code], ind.Code)
			}
		}
	}
	for i, ind := range ws.Indicators() {
		c.index[ind.Code] = i
	}

	c.tree = widget.NewTree(c.children, c.isBranch, c.createNode, c.updateNode)
	c.tree.OnSelected = c.selected
	c.tree.OpenAllBranches()

	c.search = newField(false, d.shortcut)
	c.search.SetPlaceHolder("搜索要点、说明、文件名（Ctrl+F）")
	c.search.OnChanged = func(s string) {
		c.query = strings.TrimSpace(s)
		c.refilter()
		c.followFilter()
	}
	c.filter = widget.NewSelect(filterNames, nil)
	c.filter.SetSelectedIndex(0)
	c.filter.OnChanged = func(s string) {
		for i, n := range filterNames {
			if n == s {
				c.kind = filterKind(i)
			}
		}
		if c.kind == filterMissing {
			d.recheck(nil) // the filter spans every criterion; it follows the answers
		}
		c.refilter()
		c.followFilter()
	}
	c.found = wrapped("")
	c.found.Hide()
	legend := hint("右侧数字：已评/要点数　得分/分值")
	// the keys, under the tree: every line the criteria keep is one more criterion on screen
	keys := hint(keyHint)
	left := container.NewBorder(
		container.NewVBox(c.search, container.NewBorder(nil, nil, widget.NewLabel("筛选"), nil, c.filter), c.found, legend),
		container.NewVBox(widget.NewSeparator(), keys), nil, nil, c.tree)

	c.crumb = widget.NewLabel("")
	c.crumb.Truncation = fyne.TextTruncateEllipsis
	c.title = newCJKLabel("", fyne.TextStyle{Bold: true})
	c.title.widths = d.widths
	c.sub = widget.NewLabel("")
	c.prev = widget.NewButtonWithIcon("上一项", theme.NavigateBackIcon(), func() { c.step(-1) })
	c.next = widget.NewButtonWithIcon("下一项", theme.NavigateNextIcon(), func() { c.step(+1) })
	c.next.IconPlacement = widget.ButtonIconTrailingText
	c.body = container.NewVBox()
	c.scroll = container.NewVScroll(c.body)
	// one line for where the page is, its totals and the arrows; the title below it
	right := container.NewBorder(
		container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(c.sub, c.prev, c.next), c.crumb), c.title, widget.NewSeparator()),
		nil, nil, nil, c.scroll)

	split := container.NewHSplit(left, right)
	split.SetOffset(0.3)
	c.content = split
	return c
}

func (c *checklist) children(uid widget.TreeNodeID) []widget.TreeNodeID {
	all := c.kids[uid]
	if c.shown == nil {
		return all
	}
	out := make([]string, 0, len(all))
	for _, k := range all {
		if c.shown[k] {
			out = append(out, k)
		}
	}
	return out
}

func (c *checklist) isBranch(uid widget.TreeNodeID) bool {
	_, ok := c.kids[uid]
	return ok
}

func (c *checklist) createNode(branch bool) fyne.CanvasObject {
	title := widget.NewLabel("")
	title.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, nil, widget.NewLabel(""), title)
}

// nodeTitle is how a tree node is named: "一、…", "(一)…", "1. …".
func nodeTitle(n scoring.Node) string {
	switch n.Level {
	case 1:
		return n.Label + "、" + n.Title
	case 2:
		return n.Label + n.Title
	}
	return n.Label + " " + n.Title
}

// countsText is the node's "answered/total  score/points" shown in the tree.
func countsText(s scoring.Subtotal) string {
	return fmt.Sprintf("%d/%d  %s/%s", s.Answered(), s.Total(), s.Score, s.Points)
}

func (c *checklist) updateNode(uid widget.TreeNodeID, _ bool, obj fyne.CanvasObject) {
	box := obj.(*fyne.Container)
	title, counts := box.Objects[0].(*widget.Label), box.Objects[1].(*widget.Label)
	n, ok := c.ws.Catalog().Node(uid)
	if !ok {
		return
	}
	// a row is refreshed whenever the tree is (every page change): touch only what changed,
	// as each refresh of a truncated label measures its text again
	r := c.ws.Result()
	s, _ := r.Lookup(uid)
	imp := widget.MediumImportance
	if s.Unanswered == 0 {
		imp = widget.SuccessImportance
	}
	bold, text, figures := n.Level == 1, nodeTitle(n), countsText(s)
	if title.Text == text && title.TextStyle.Bold == bold && counts.Text == figures && counts.Importance == imp {
		return
	}
	title.TextStyle.Bold = bold
	title.SetText(text)
	counts.Importance = imp
	counts.SetText(figures)
	box.Refresh() // the counts' width may have changed
}

// selected navigates to a chosen indicator, or to the first shown indicator of a branch.
func (c *checklist) selected(uid widget.TreeNodeID) {
	if c.selecting {
		return
	}
	for c.isBranch(uid) {
		kids := c.children(uid)
		if len(kids) == 0 {
			return
		}
		c.tree.OpenBranch(uid)
		uid = kids[0]
	}
	if i, ok := c.index[uid]; ok {
		c.ws.Trigger()
		c.show(i, 0)
		// a click on a tree row focuses the tree after this returns: take the focus back into
		// the page once the click is handled
		cur := c.ws.Page()
		c.d.post(func() {
			if !c.gone && c.ws.Page() == cur {
				c.focusPage(0)
			}
		})
	}
}

// matchesFilter says whether a criterion passes the chosen filter and search text.
func (c *checklist) matchesFilter(cr scoring.Criterion) bool {
	a := c.ws.Answer(cr.No)
	switch c.kind {
	case filterUnanswered:
		if a.Status != scoring.Unanswered {
			return false
		}
	case filterDeducted:
		if !scoring.IsDeducted(a, cr.Points) {
			return false
		}
	case filterNA:
		if a.Status != scoring.NA {
			return false
		}
	case filterNoEvidence:
		if !scoring.LacksEvidence(a) { // the same rule as the problem 无佐证
			return false
		}
	case filterMissing:
		missing := false
		for _, e := range a.Evidence {
			if !c.d.exists(e.Path) { // the same answer as the problem check
				missing = true
			}
		}
		if !missing {
			return false
		}
	}
	if c.query == "" {
		return true
	}
	q := strings.ToLower(c.query)
	texts := []string{cr.Text, a.Note, a.DeductionReason, a.Rectification, a.NAReason,
		fmt.Sprintf("(%d)", cr.No), fmt.Sprintf("（%d）", cr.No)}
	for _, e := range a.Evidence {
		texts = append(texts, e.Name)
	}
	for _, t := range texts {
		if strings.Contains(strings.ToLower(t), q) {
			return true
		}
	}
	return false
}

// refilter recomputes which criteria and tree nodes match, e.g. after the filter changed.
func (c *checklist) refilter() {
	if c.kind == filterAll && c.query == "" {
		c.matches, c.shown = nil, nil
		c.found.Hide()
	} else {
		c.matches, c.shown = map[int]bool{}, map[string]bool{}
		inds := 0
		for _, a := range c.ws.Catalog().Areas {
			for _, cat := range a.Categories {
				for _, ind := range cat.Indicators {
					hit := false
					for _, cr := range ind.Criteria {
						if c.matchesFilter(cr) {
							c.matches[cr.No], hit = true, true
						}
					}
					if hit {
						inds++
						c.shown[ind.Code], c.shown[cat.Code], c.shown[a.Code] = true, true, true
					}
				}
			}
		}
		if len(c.matches) == 0 {
			c.found.SetText("没有符合条件的评分要点")
		} else {
			c.found.SetText(fmt.Sprintf("符合条件的评分要点 %d 项，分布在 %d 个指标中", len(c.matches), inds))
		}
		c.found.Show()
	}
	c.tree.Refresh()
	c.tree.OpenAllBranches()
	c.markCards()
	c.updateNav()
}

// followFilter leaves a page that the filter or search no longer shows for the first one it
// shows, at its first matching criterion. While the user types in the search box the focus
// stays there (it is on screen); otherwise it moves into the new page.
func (c *checklist) followFilter() {
	if c.matches == nil || len(c.matches) == 0 || c.visible(c.ws.Page()) {
		return
	}
	for i, ind := range c.ws.Indicators() {
		if !c.visible(i) {
			continue
		}
		first := 0
		for _, cr := range ind.Criteria {
			if c.matches[cr.No] {
				first = cr.No
				break
			}
		}
		c.ws.Trigger()
		searching := c.d.canvas.Focused() == fyne.Focusable(c.search)
		c.show(i, first)
		if searching {
			c.d.canvas.Focus(c.search)
		}
		return
	}
}

// visible says whether indicator i is reachable under the current filter.
func (c *checklist) visible(i int) bool {
	return c.shown == nil || c.shown[c.ws.Indicators()[i].Code]
}

// step moves to the previous (-1) or next (+1) indicator that the filter shows.
func (c *checklist) step(d int) {
	c.ws.Trigger()
	if c.matches != nil {
		c.refilter()
	}
	for i := c.ws.Page() + d; i >= 0 && i < len(c.ws.Indicators()); i += d {
		if c.visible(i) {
			c.show(i, 0)
			return
		}
	}
	if d < 0 {
		c.d.note("已是第一项")
	} else {
		c.d.note("已是最后一项")
	}
}

func (c *checklist) updateNav() {
	has := func(d int) bool {
		for i := c.ws.Page() + d; i >= 0 && i < len(c.ws.Indicators()); i += d {
			if c.visible(i) {
				return true
			}
		}
		return false
	}
	enable(c.prev, has(-1))
	enable(c.next, has(+1))
}

func enable(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

// show puts indicator i on the right and moves the keyboard focus into it: to criterion
// focusNo's score box (scrolled into view) when focusNo > 0, else to the first criterion's.
func (c *checklist) show(i, focusNo int) {
	c.retire()
	c.ws.SetPage(i)
	ind := c.ws.Indicators()[i]
	c.d.recheck(criterionNos(ind)) // answers arrive later and redraw only the rows that changed
	ref, _ := c.ws.Catalog().Criterion(ind.Criteria[0].No)
	c.crumb.SetText(fmt.Sprintf("%s、%s › %s%s", ref.Area.Label, ref.Area.Title, ref.Category.Label, ref.Category.Title))
	c.title.SetText(ind.Label + ind.Title)
	c.cards = map[int]*card{}
	objs := make([]fyne.CanvasObject, 0, len(ind.Criteria))
	for _, cr := range ind.Criteria {
		k := newCard(c, cr)
		c.cards[cr.No] = k
		objs = append(objs, k.content)
	}
	for _, k := range c.cards { // every card themed: now each text is measured once
		k.dense.wake()
	}
	c.body.Objects = objs
	c.body.Refresh()
	c.scroll.ScrollToTop()
	c.markCards()
	c.refreshHeader()
	c.updateNav()

	c.selecting = true
	for _, b := range []string{ref.Area.Code, ref.Category.Code} {
		if !c.tree.IsBranchOpen(b) {
			c.tree.OpenBranch(b)
		}
	}
	c.tree.Select(ind.Code)
	c.selecting = false

	if k := c.cards[focusNo]; k != nil {
		c.scroll.Refresh() // lays the cards out where the scroller shows them
		// moving the view refreshes nothing inside it (Refresh would refresh every card again)
		c.scroll.ScrollToOffset(fyne.NewPos(0, k.content.Position().Y))
	}
	c.focusPage(focusNo)
}

// retire disconnects the cards of the page being replaced: a keystroke or click that still
// reaches one of them (the keyboard focus stayed there, a click queued during the switch)
// changes nothing, so text can never land in a criterion the user no longer sees.
func (c *checklist) retire() {
	for _, k := range c.cards {
		k.leave()
	}
}

// focusPage moves the keyboard focus into the page shown: criterion no's score box, or the
// first criterion's. Fyne keeps the focus on a widget that left the screen, so without this
// the next keystrokes went into the hidden field of the page before. A read-only (已定稿)
// page takes the focus nowhere: a disabled field would swallow the navigation shortcuts.
func (c *checklist) focusPage(no int) {
	cv := c.d.canvas
	k := c.cards[no]
	if crs := c.ws.Indicators()[c.ws.Page()].Criteria; k == nil && len(crs) > 0 {
		k = c.cards[crs[0].No]
	}
	if k == nil || c.ws.ReadOnly() || (c.onScreen != nil && !c.onScreen()) {
		cv.Unfocus()
		return
	}
	c.focusScore(k)
}

// focusScore puts the caret into card k's score box with its text selected, so that a score
// typed on arrival replaces the one shown (with the caret at its start, 0.1 typed into 0.5
// became "0.10.5", refused in red).
func (c *checklist) focusScore(k *card) {
	c.d.canvas.Focus(k.score)
	if k.score.Text != "" {
		k.score.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

// focusField puts the caret into a field of the page and scrolls it into view.
func (c *checklist) focusField(f *field) {
	c.d.canvas.Focus(f)
	c.reveal(f)
}

// moveFrom moves the caret from card k to the next (d=+1) or previous (d=-1) criterion of the
// page: its score box going forward, its last field going back. Past the last criterion it
// goes to 下一项 (Space or Enter presses it).
func (c *checklist) moveFrom(k *card, d int) {
	crs := c.ws.Indicators()[c.ws.Page()].Criteria
	for i, cr := range crs {
		if cr.No != k.cr.No {
			continue
		}
		j := i + d
		switch {
		case j >= 0 && j < len(crs) && d > 0:
			c.focusField(c.cards[crs[j].No].score)
			c.focusScore(c.cards[crs[j].No])
		case j >= 0 && j < len(crs):
			ch := c.cards[crs[j].No].chain()
			c.focusField(ch[len(ch)-1])
		case d > 0 && !c.next.Disabled():
			c.d.canvas.Focus(c.next)
		}
		return
	}
}

// reveal scrolls the page so that obj (inside a card) is in view.
func (c *checklist) reveal(obj fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(obj).Y - d.AbsolutePositionForObject(c.body).Y
	view := c.scroll.Size().Height
	h := obj.Size().Height
	switch {
	case top < c.scroll.Offset.Y:
		c.scroll.Offset.Y = top
	case top+h > c.scroll.Offset.Y+view && view > 0:
		c.scroll.Offset.Y = top + h - view + theme.Padding()
	default:
		return
	}
	c.scroll.Refresh()
}

// focusedCard is the card whose field has the keyboard focus, nil when none has.
func (c *checklist) focusedCard() *card {
	f := c.d.canvas.Focused()
	if f == nil {
		return nil
	}
	for _, k := range c.cards {
		if k.owns(f) {
			return k
		}
	}
	return nil
}

// refreshHeader shows the indicator's totals above its criteria.
func (c *checklist) refreshHeader() {
	ind := c.ws.Indicators()[c.ws.Page()]
	r := c.ws.Result()
	s, _ := r.Lookup(ind.Code)
	text := fmt.Sprintf("第 %d/%d 项　分值 %s 分　得分 %s 分　已评 %d/%d",
		c.ws.Page()+1, len(c.ws.Indicators()), s.Points, s.Score, s.Answered(), s.Total())
	c.sub.SetText(text)
}

// refreshCounts updates the tree and the header after a score changed.
func (c *checklist) refreshCounts() {
	c.tree.Refresh()
	c.refreshHeader()
}

// markCards shows which criteria on the page match the filter or search.
func (c *checklist) markCards() {
	for no, k := range c.cards {
		k.setMatch(c.matches != nil && c.matches[no])
	}
}

// changed follows the workspace: new totals in the tree and the header, a changed answer in
// its card (and its evidence rows when those changed).
func (c *checklist) changed(ch workspace.Change) {
	switch ch.Kind {
	case workspace.ResultChanged:
		c.refreshCounts()
	case workspace.AnswerChanged:
		if k := c.cards[ch.No]; k != nil {
			k.sync()
			if ch.Evidence {
				k.showEvidence()
			}
		}
	}
}

// leave retires the page for good when the screen is replaced.
func (c *checklist) leave() {
	c.gone = true
	c.retire()
}

// quickKey is Alt+M, Alt+0 or Alt+N: the quick buttons of the criterion being typed in (Tab
// skips the buttons); false when no card has the focus or the page is read-only.
func (c *checklist) quickKey(key fyne.KeyName) bool {
	k := c.focusedCard()
	if k == nil || c.ws.ReadOnly() {
		return false
	}
	switch key {
	case fyne.KeyM:
		k.quick(k.cr.Points)
	case fyne.Key0:
		k.zero.OnTapped()
	default:
		k.markNA()
	}
	return true
}

// focusSearch puts the caret into the search box (Ctrl+F).
func (c *checklist) focusSearch() { c.d.canvas.Focus(c.search) }

// refreshEvidence re-checks on return to the page whether evidence files still exist, off the
// UI goroutine: the rows whose files changed are redrawn when the answers arrive
// (UI.evidenceChanged).
func (c *checklist) refreshEvidence() {
	if len(c.cards) == 0 {
		return
	}
	c.d.recheck(criterionNos(c.ws.Indicators()[c.ws.Page()]))
}

// criterionNos are the numbers of an indicator's criteria.
func criterionNos(ind *scoring.Indicator) []int {
	nos := make([]int, 0, len(ind.Criteria))
	for _, cr := range ind.Criteria {
		nos = append(nos, cr.No)
	}
	return nos
}

// clear empties the page before the 自评打分 tab is selected for a jump: selecting a tab
// refreshes everything on it, and the old page's cards, about to be replaced, would be
// refreshed for nothing (most of a jump's time).
func (c *checklist) clear() {
	c.retire()
	c.cards = map[int]*card{}
	c.body.Objects = nil
}

// showCriterion opens the page of criterion no with the caret in its score box.
func (c *checklist) showCriterion(no int) {
	ref, ok := c.ws.Catalog().Criterion(no)
	if !ok {
		return
	}
	c.show(c.index[ref.Indicator.Code], no)
}

// jump opens the checklist at a criterion (from the dashboard's problem list).
func (u *UI) jump(no int) {
	if _, ok := u.ws.Catalog().Criterion(no); !ok {
		return
	}
	u.ws.Trigger()
	if u.tabs.Selected() != u.tabs.Items[0] {
		u.check.clear()
		u.tabs.Select(u.tabs.Items[0])
	}
	u.check.showCriterion(no)
}

// adding disables the add buttons of criterion no's card while its files are being
// registered (hashed off the UI goroutine), and enables them again afterwards.
func (c *checklist) adding(no int, on bool) {
	if k := c.cards[no]; k != nil {
		enable(k.addFiles, !on && !c.ws.ReadOnly())
		enable(k.addDir, !on && !c.ws.ReadOnly())
	}
}

// filtersMissing says whether the 文件缺失 filter is on (it spans every criterion).
func (c *checklist) filtersMissing() bool { return c.kind == filterMissing }

// evidenceChanged redraws the evidence rows of the page's cards that show one of the files
// whose state changed, and the 文件缺失 filter.
func (c *checklist) evidenceChanged(paths []string) {
	changed := make(map[string]bool, len(paths))
	for _, p := range paths {
		changed[p] = true
	}
	for no, k := range c.cards {
		for _, e := range c.ws.Answer(no).Evidence {
			if changed[e.Path] {
				k.showEvidence()
				break
			}
		}
	}
	if c.kind == filterMissing {
		c.refilter()
	}
}
