package app

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fstorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"sanxiang/export/pack"
	"sanxiang/internal/desktop"
	"sanxiang/internal/junk"
	"sanxiang/internal/oserr"
	"sanxiang/workflow"
)

// pickMode says what a picker returns.
type pickMode int

const (
	pickFiles       pickMode = iota // several files, ticked across folders
	pickFolder                      // the folder being shown
	pickPackage                     // one .zip file, or the folder being shown
	pickCatalogFile                 // one indicator-system file (workflow.IsCatalogFile)
)

// pickEntry is one row of the picker's folder listing.
type pickEntry struct {
	name, path string
	dir        bool
	grey       bool // shown for orientation, not choosable (files in a folder picker)
}

// pickers open the program's file and folder choosers over the window; each starts in the
// folder where the last one was confirmed. Built once with the window (wiring.go).
type pickers struct {
	win     fyne.Window
	post    func(func()) // runs work on the UI goroutine
	lastDir string       // where the next picker opens
}

// picker is a Chinese file chooser that can tick many files at once (Fyne's own file dialog
// picks one file and labels its places in English). It lists folders through Fyne's storage
// API; it never reads file contents.
type picker struct {
	ps      *pickers
	mode    pickMode
	dir     string
	entries []pickEntry
	ticked  map[string]bool
	order   []string // ticked paths in the order ticked
	done    func([]string)

	dlg     *dialog.CustomDialog
	path    *widget.Entry // the folder shown; the user may type or paste a path and press Enter
	list    *widget.List
	places  *widget.List
	spots   []pickEntry
	count   *widget.Label
	ok      *widget.Button
	empty   *widget.Label // shown over the list when a folder has nothing to choose
	pending string        // the file chosen in pickPackage or pickCatalogFile mode
}

// pickFiles lets the user tick one or many files; done gets their paths.
func (u *pickers) pickFiles(done func([]string)) {
	u.showPicker(pickFiles, "选择佐证文件（可勾选多个）", "添加所选文件", done)
}

// pickFolder lets the user choose a folder; done gets its path.
func (u *pickers) pickFolder(title, ok string, done func(string)) {
	u.showPicker(pickFolder, title, ok, func(p []string) { done(p[0]) })
}

// pickPackage lets the user choose a submission package: a .zip file or a folder.
func (u *pickers) pickPackage(title string, done func(string)) {
	u.showPicker(pickPackage, title, "选择", func(p []string) { done(p[0]) })
}

// showPicker opens a picker in mode; done gets what was chosen. It returns the picker (for tests).
func (u *pickers) showPicker(mode pickMode, title, okText string, done func([]string)) *picker {
	p := &picker{ps: u, mode: mode, ticked: map[string]bool{}, done: done}
	p.path = widget.NewEntry()
	p.path.SetPlaceHolder("输入或粘贴路径后按回车")
	p.path.OnSubmitted = p.goTo
	up := widget.NewButtonWithIcon("上一级", theme.MoveUpIcon(), p.up)
	goBtn := widget.NewButton("转到", func() { p.goTo(p.path.Text) })
	mkdir := widget.NewButtonWithIcon("新建文件夹", theme.FolderNewIcon(), p.askNewFolder)
	p.list = widget.NewList(func() int { return len(p.entries) }, p.createRow, p.updateRow)
	p.list.OnSelected = p.tap
	p.places = widget.NewList(func() int { return len(p.spots) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, widget.NewIcon(theme.FolderIcon()), nil, widget.NewLabel("文件夹"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*fyne.Container).Objects[0].(*widget.Label).SetText(p.spots[i].name)
		})
	p.places.OnSelected = func(i widget.ListItemID) {
		p.places.UnselectAll()
		p.open(p.spots[i].path)
	}
	p.count = widget.NewLabel("")
	p.ok = widget.NewButtonWithIcon(okText, theme.ConfirmIcon(), p.finish)
	p.ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("取消", theme.CancelIcon(), func() { p.dlg.Hide() })
	help := "单击文件夹进入，单击文件勾选或取消勾选。"
	switch mode {
	case pickFolder:
		help = "进入要选择的文件夹后，点击右下角按钮。灰色的是该文件夹中已有的文件，仅供查看。"
	case pickPackage:
		help = "单击 .zip 报送包选中它；或进入报送包文件夹后点击“选择”。"
	case pickCatalogFile:
		help = "单击文件夹进入，单击 .json 指标体系文件或 .txt 指标体系文本选中它。灰色的文件不能导入。"
	}
	p.empty = widget.NewLabel("此文件夹是空的")
	split := container.NewHSplit(p.places, container.NewStack(p.list, container.NewCenter(p.empty)))
	split.SetOffset(0.25)
	body := container.NewBorder(
		container.NewBorder(nil, nil, up, container.NewHBox(goBtn, mkdir), p.path),
		container.NewVBox(hint(help), container.NewBorder(nil, nil, nil, container.NewHBox(cancel, p.ok), p.count)),
		nil, nil, split)
	p.dlg = dialog.NewCustomWithoutButtons(title, body, u.win)
	start := u.lastDir
	if start == "" || !isDir(start) {
		start, _ = os.UserHomeDir()
	}
	if inside := pack.Within(start); inside != "" && mode == pickFolder {
		// after 校验 the last folder may be a package: a save location never starts inside one
		start = filepath.Dir(inside)
	}
	p.open(start)
	p.dlg.Resize(fyne.NewSize(860, 540))
	p.dlg.Show()
	// probing drive letters can stall on a disconnected network drive: do it off the UI goroutine
	go func() {
		spots := places()
		u.post(func() {
			p.spots = spots
			p.places.Refresh()
		})
	}()
	return p
}

func (p *picker) createRow() fyne.CanvasObject {
	check := widget.NewCheck("", nil)
	name := widget.NewLabel("文件名")
	name.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, container.NewHBox(check, widget.NewIcon(theme.FileIcon())), nil, name)
}

func (p *picker) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	e := p.entries[i]
	row := o.(*fyne.Container)
	name := row.Objects[0].(*widget.Label)
	left := row.Objects[1].(*fyne.Container)
	check, icon := left.Objects[0].(*widget.Check), left.Objects[1].(*widget.Icon)
	name.SetText(e.name)
	check.OnChanged = nil
	name.Importance = widget.MediumImportance
	if e.dir {
		icon.SetResource(theme.FolderIcon())
		check.Hide()
	} else if e.grey {
		icon.SetResource(theme.NewDisabledResource(theme.FileIcon()))
		name.Importance = widget.LowImportance
		name.Refresh()
		check.Hide()
	} else {
		icon.SetResource(theme.FileIcon())
		if p.mode == pickFiles {
			check.Show()
			check.SetChecked(p.ticked[e.path])
			check.OnChanged = func(on bool) { p.tick(e.path, on) }
		} else {
			check.Hide()
			if p.pending == e.path {
				name.SetText("√ " + e.name)
			}
		}
	}
}

// tap enters a folder or ticks a file.
func (p *picker) tap(i widget.ListItemID) {
	p.list.UnselectAll()
	e := p.entries[i]
	if e.grey {
		return
	}
	if e.dir {
		p.open(e.path)
		return
	}
	switch p.mode {
	case pickFiles:
		p.tick(e.path, !p.ticked[e.path])
	case pickPackage, pickCatalogFile:
		p.pending = e.path
		p.updateCount()
		p.list.Refresh() // the √ moves from the file chosen before
		return
	}
	p.list.RefreshItem(i)
}

func (p *picker) tick(path string, on bool) {
	if on == p.ticked[path] {
		return
	}
	if on {
		p.ticked[path] = true
		p.order = append(p.order, path)
	} else {
		delete(p.ticked, path)
		for i, x := range p.order {
			if x == path {
				p.order = append(p.order[:i], p.order[i+1:]...)
				break
			}
		}
	}
	p.updateCount()
}

func (p *picker) updateCount() {
	switch p.mode {
	case pickFiles:
		p.count.SetText(fmt.Sprintf("已勾选 %d 个文件", len(p.order)))
		enable(p.ok, len(p.order) > 0)
	case pickFolder:
		p.count.SetText("将选择：" + p.dir)
	case pickPackage:
		if p.pending != "" {
			p.count.SetText("将选择：" + p.pending)
		} else {
			p.count.SetText("将选择文件夹：" + p.dir)
		}
	case pickCatalogFile:
		if p.pending != "" {
			p.count.SetText("将选择：" + p.pending)
		} else {
			p.count.SetText("未选择文件")
		}
		enable(p.ok, p.pending != "")
	}
}

func (p *picker) up() {
	parent := filepath.Dir(p.dir)
	if parent != p.dir {
		p.open(parent)
	}
}

// open lists a folder: sub-folders first, then files; hidden entries and OS/Office
// by-products left out (junk). In a folder picker the files show greyed, so the user sees
// what the folder holds.
func (p *picker) open(dir string) {
	es, err := listEntries(dir, p.mode)
	if err != nil {
		showInfo(p.ps.win, "无法打开文件夹", err.Error())
		p.path.SetText(p.dir)
		return
	}
	p.dir = dir
	p.pending = ""
	p.entries = es
	p.path.SetText(dir)
	p.empty.Hidden = len(p.entries) > 0
	p.empty.Refresh()
	p.list.Refresh()
	p.list.ScrollToTop()
	p.updateCount()
}

// listEntries reads one folder for the picker.
func listEntries(dir string, mode pickMode) ([]pickEntry, error) {
	items, err := os.ReadDir(dir)
	if err != nil {
		return nil, oserr.Wrap(fmt.Sprintf("无法列出文件夹“%s”的内容", dir), err)
	}
	var out []pickEntry
	for _, it := range items {
		name := it.Name()
		path := filepath.Join(dir, name)
		info, err := it.Info()
		if err != nil || junk.Skip(name, junk.HiddenInfo(info)) {
			continue
		}
		dir := it.IsDir()
		if it.Type()&fs.ModeSymlink != 0 || it.Type()&fs.ModeIrregular != 0 { // links, junctions
			st, err := os.Stat(path)
			if err != nil {
				continue
			}
			dir = st.IsDir()
		}
		e := pickEntry{name: name, path: path, dir: dir}
		if !dir {
			e.grey = !choosable(mode, name)
		}
		out = append(out, e)
	}
	sortEntries(out)
	return out, nil
}

// choosable says whether a file of this name can be chosen in mode; the others are listed grey,
// for orientation (folders can always be entered).
func choosable(mode pickMode, name string) bool {
	switch mode {
	case pickFolder:
		return false
	case pickPackage:
		return strings.EqualFold(filepath.Ext(name), ".zip")
	case pickCatalogFile:
		return workflow.IsCatalogFile(name)
	}
	return true
}

// goTo opens a typed or pasted path: a folder is shown; a file's folder is shown with the file
// ticked (or chosen, for a package zip). Quotes from Explorer's 复制为路径 are removed.
func (p *picker) goTo(text string) {
	path := strings.Trim(strings.TrimSpace(text), `"'`)
	if path == "" {
		return
	}
	if strings.HasPrefix(path, "~") {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, strings.TrimLeft(path[1:], `/\`))
		}
	}
	if len(path) == 2 && path[1] == ':' { // "E:" means the drive's root, not its current folder
		path += `\`
	}
	st, err := os.Stat(path)
	if err != nil {
		showInfo(p.ps.win, "找不到该位置", fmt.Sprintf("“%s”不存在或无法访问（路径是否输入正确？U盘是否已插好？）", path))
		p.path.SetText(p.dir)
		return
	}
	if st.IsDir() {
		p.open(path)
		return
	}
	p.open(filepath.Dir(path))
	if p.dir != filepath.Dir(path) {
		return
	}
	for i, e := range p.entries {
		if e.path == filepath.Join(p.dir, filepath.Base(path)) && !e.grey {
			p.tap(i)
		}
	}
}

// askNewFolder asks for a name and creates that folder inside the one shown, then enters it.
func (p *picker) askNewFolder() {
	name := widget.NewEntry()
	name.SetText("新建文件夹")
	msg := wrappedIn("", widget.DangerImportance)
	msg.Hide()
	var d dialog.Dialog
	create := func() {
		n := strings.TrimSpace(name.Text)
		if err := checkFolderName(n); err != nil {
			msg.SetText(err.Error())
			msg.Show()
			return
		}
		target := filepath.Join(p.dir, n)
		go func() {
			err := os.Mkdir(target, 0o755)
			p.ps.post(func() {
				if err != nil {
					if os.IsExist(err) {
						msg.SetText("已有同名的文件或文件夹“" + n + "”，请换一个名称")
					} else {
						msg.SetText(oserr.Wrap(fmt.Sprintf("无法新建文件夹“%s”", target), err).Error())
					}
					msg.Show()
					return
				}
				d.Hide()
				p.open(target)
			})
		}()
	}
	name.OnSubmitted = func(string) { create() }
	ok := widget.NewButtonWithIcon("新建", theme.ConfirmIcon(), create)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("取消", theme.CancelIcon(), func() { d.Hide() })
	body := container.NewVBox(widget.NewLabel("在“"+p.dir+"”中新建文件夹，名称："), name, msg,
		container.NewHBox(spacer(), cancel, ok))
	d = dialog.NewCustomWithoutButtons("新建文件夹", body, p.ps.win)
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
	p.ps.win.Canvas().Focus(name)
}

// checkFolderName refuses what Windows does not allow in a folder name, in Chinese.
func checkFolderName(n string) error {
	switch {
	case n == "":
		return fmt.Errorf("请输入文件夹名称")
	case strings.ContainsAny(n, `\/:*?"<>|`):
		return fmt.Errorf("文件夹名称不能包含下列字符：\\ / : * ? \" < > |")
	case strings.HasSuffix(n, ".") || n == "..":
		return fmt.Errorf("文件夹名称不能以句点结尾")
	case len([]rune(n)) > 120:
		return fmt.Errorf("文件夹名称太长（最多 120 个字）")
	case pack.ReservedName(n):
		return fmt.Errorf("“%s”是 Windows 保留的名称，不能用作文件夹名称", n)
	}
	for _, r := range n {
		if r < 32 {
			return fmt.Errorf("文件夹名称不能包含控制字符")
		}
	}
	return nil
}

// sortEntries orders a listing as Windows Explorer does: folders first, Chinese names by
// pinyin, numbers by value ("2" before "10").
func sortEntries(es []pickEntry) {
	col := collate.New(language.SimplifiedChinese, collate.IgnoreCase, collate.Numeric)
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].dir != es[j].dir {
			return es[i].dir
		}
		return col.CompareString(es[i].name, es[j].name) < 0
	})
}

func (p *picker) finish() {
	var out []string
	switch p.mode {
	case pickFiles:
		out = append(out, p.order...)
		if len(out) == 0 {
			return
		}
		p.ps.lastDir = filepath.Dir(out[len(out)-1])
	case pickFolder:
		out = []string{p.dir}
		p.ps.lastDir = p.dir
	case pickPackage:
		if p.pending != "" {
			out = []string{p.pending}
		} else {
			out = []string{p.dir}
		}
		p.ps.lastDir = p.dir
	case pickCatalogFile:
		if p.pending == "" {
			return
		}
		out = []string{p.pending}
		p.ps.lastDir = p.dir
	}
	p.dlg.Hide()
	p.done(out)
}

// places are the picker's shortcuts: home, the real 桌面/文档/下载 (which may have been
// moved, e.g. to D:\桌面 or OneDrive), and the drives with their kind and volume label
// ("U盘 (E:) KINGSTON"), or Linux mount points, so a USB stick is one click away. It may touch
// slow drives: call it off the UI goroutine.
func places() []pickEntry {
	var out []pickEntry
	seen := map[string]bool{}
	add := func(name, path string) {
		if path != "" && !seen[path] && isDir(path) {
			seen[path] = true
			out = append(out, pickEntry{name: name, path: path, dir: true})
		}
	}
	home, _ := os.UserHomeDir()
	add("主目录", home)
	for _, k := range desktop.KnownFolders(home) {
		add(k.Name, k.Path)
	}
	if runtime.GOOS == "windows" {
		for _, d := range desktop.Drives() {
			add(d.Name, d.Path)
		}
		return out
	}
	add("根目录 /", "/")
	for _, base := range []string{"/media", "/run/media", "/mnt"} {
		subs, err := os.ReadDir(base)
		if err != nil {
			continue
		}
		for _, s := range subs {
			path := filepath.Join(base, s.Name())
			add("可移动磁盘 "+s.Name(), path)
			if inner, err := os.ReadDir(path); err == nil && (base != "/mnt") {
				for _, m := range inner {
					add("可移动磁盘 "+m.Name(), filepath.Join(path, m.Name()))
				}
			}
		}
	}
	return out
}

// isDir reports whether path is a listable folder.
func isDir(path string) bool {
	ok, err := fstorage.CanList(fstorage.NewFileURI(path))
	return err == nil && ok
}

// listFolder collects the files below dir (hidden and system files and OS/Office by-products
// such as desktop.ini, Thumbs.db and ~$ lock files left out: junk), at most limit of them, for
// "添加整个文件夹".
func listFolder(dir string, limit int) ([]string, error) {
	var out []string
	var walk func(string, int) error
	walk = func(d string, depth int) error {
		items, err := os.ReadDir(d)
		if err != nil {
			return fmt.Errorf("无法列出文件夹“%s”：%w", d, err)
		}
		for _, it := range items {
			name := it.Name()
			info, err := it.Info()
			if err != nil || junk.Skip(name, junk.HiddenInfo(info)) {
				continue
			}
			path := filepath.Join(d, name)
			if it.IsDir() {
				if depth < 8 {
					if err := walk(path, depth+1); err != nil {
						return err
					}
				}
				continue
			}
			if len(out) >= limit {
				return fmt.Errorf("文件夹中的文件超过 %d 个，请分批添加", limit)
			}
			out = append(out, path)
		}
		return nil
	}
	return out, walk(dir, 0)
}

// attachFolder adds every file below dir to a criterion.
func (u *evidenceCmds) attachFolder(no int, dir string) {
	go func() {
		files, err := listFolder(dir, 500)
		u.post(func() {
			if err != nil {
				showInfo(u.win, "无法添加文件夹", err.Error())
				return
			}
			if len(files) == 0 {
				showInfo(u.win, "文件夹是空的", "文件夹“"+dir+"”中没有可添加的文件。")
				return
			}
			u.attach(no, files)
		})
	}()
}
