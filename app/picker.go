package app

import (
	"fmt"
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
)

// pickMode says what a picker returns.
type pickMode int

const (
	pickFiles   pickMode = iota // several files, ticked across folders
	pickFolder                  // the folder being shown
	pickPackage                 // one .zip file, or the folder being shown
)

// pickEntry is one row of the picker's folder listing.
type pickEntry struct {
	name, path string
	dir        bool
}

// picker is a Chinese file chooser that can tick many files at once (Fyne's own file dialog
// picks one file and labels its places in English). It lists folders through Fyne's storage
// API; it never reads file contents.
type picker struct {
	u       *UI
	mode    pickMode
	dir     string
	entries []pickEntry
	ticked  map[string]bool
	order   []string // ticked paths in the order ticked
	done    func([]string)

	dlg     *dialog.CustomDialog
	path    *widget.Label
	list    *widget.List
	places  *widget.List
	spots   []pickEntry
	count   *widget.Label
	ok      *widget.Button
	empty   *widget.Label // shown over the list when a folder has nothing to choose
	pending string        // a .zip chosen in pickPackage mode
}

// pickFiles lets the user tick one or many files; done gets their paths.
func (u *UI) pickFiles(done func([]string)) {
	u.showPicker(pickFiles, "选择佐证文件（可勾选多个）", "添加所选文件", done)
}

// pickFolder lets the user choose a folder; done gets its path.
func (u *UI) pickFolder(title, ok string, done func(string)) {
	u.showPicker(pickFolder, title, ok, func(p []string) { done(p[0]) })
}

// pickPackage lets the user choose a submission package: a .zip file or a folder.
func (u *UI) pickPackage(title string, done func(string)) {
	u.showPicker(pickPackage, title, "选择", func(p []string) { done(p[0]) })
}

func (u *UI) showPicker(mode pickMode, title, okText string, done func([]string)) *picker {
	p := &picker{u: u, mode: mode, ticked: map[string]bool{}, done: done}
	p.path = widget.NewLabel("")
	p.path.Truncation = fyne.TextTruncateEllipsis
	up := widget.NewButtonWithIcon("上一级", theme.MoveUpIcon(), p.up)
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
		help = "进入要选择的文件夹后，点击右下角按钮。"
	case pickPackage:
		help = "单击 .zip 报送包选中它；或进入报送包文件夹后点击“选择”。"
	}
	p.empty = widget.NewLabel("此文件夹中没有可选的文件或文件夹")
	split := container.NewHSplit(p.places, container.NewStack(p.list, container.NewCenter(p.empty)))
	split.SetOffset(0.25)
	body := container.NewBorder(
		container.NewBorder(nil, nil, up, nil, p.path),
		container.NewVBox(hint(help), container.NewBorder(nil, nil, nil, container.NewHBox(cancel, p.ok), p.count)),
		nil, nil, split)
	p.dlg = dialog.NewCustomWithoutButtons(title, body, u.win)
	start := u.lastDir
	if start == "" || !isDir(start) {
		start, _ = os.UserHomeDir()
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
	if e.dir {
		icon.SetResource(theme.FolderIcon())
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
	if e.dir {
		p.open(e.path)
		return
	}
	switch p.mode {
	case pickFiles:
		p.tick(e.path, !p.ticked[e.path])
	case pickPackage:
		p.pending = e.path
		p.updateCount()
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
	}
}

func (p *picker) up() {
	parent := filepath.Dir(p.dir)
	if parent != p.dir {
		p.open(parent)
	}
}

// open lists a folder: sub-folders first, then files, hidden ones left out.
func (p *picker) open(dir string) {
	list, err := fstorage.List(fstorage.NewFileURI(dir))
	if err != nil {
		showInfo(p.u.win, "无法打开文件夹", fmt.Sprintf("无法列出文件夹“%s”的内容：%v", dir, err))
		return
	}
	p.dir = dir
	p.pending = ""
	p.entries = p.entries[:0]
	for _, uri := range list {
		name := uri.Name()
		if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
			continue
		}
		path := filepath.Join(dir, name)
		isDir, _ := fstorage.CanList(uri)
		if !isDir && p.mode == pickFolder {
			continue
		}
		if !isDir && p.mode == pickPackage && !strings.EqualFold(filepath.Ext(name), ".zip") {
			continue
		}
		p.entries = append(p.entries, pickEntry{name: name, path: path, dir: isDir})
	}
	sortEntries(p.entries)
	p.path.SetText(dir)
	p.empty.Hidden = len(p.entries) > 0
	p.empty.Refresh()
	p.list.Refresh()
	p.list.ScrollToTop()
	p.updateCount()
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
		p.u.lastDir = filepath.Dir(out[len(out)-1])
	case pickFolder:
		out = []string{p.dir}
		p.u.lastDir = p.dir
	case pickPackage:
		if p.pending != "" {
			out = []string{p.pending}
		} else {
			out = []string{p.dir}
		}
		p.u.lastDir = p.dir
	}
	p.dlg.Hide()
	p.done(out)
}

// places are the picker's shortcuts: home, desktop, documents, downloads, and the drives
// (Windows drive letters, Linux mount points), so a USB stick is one click away.
func places() []pickEntry {
	var out []pickEntry
	add := func(name, path string) {
		if path != "" && isDir(path) {
			out = append(out, pickEntry{name: name, path: path, dir: true})
		}
	}
	home, _ := os.UserHomeDir()
	add("主目录", home)
	if home != "" {
		add("桌面", filepath.Join(home, "Desktop"))
		add("文档", filepath.Join(home, "Documents"))
		add("下载", filepath.Join(home, "Downloads"))
	}
	if runtime.GOOS == "windows" {
		for l := 'C'; l <= 'Z'; l++ {
			d := string(l) + `:\`
			add("磁盘 "+string(l)+":", d)
		}
		return out
	}
	add("根目录 /", "/")
	for _, base := range []string{"/media", "/run/media", "/mnt"} {
		subs, err := fstorage.List(fstorage.NewFileURI(base))
		if err != nil {
			continue
		}
		for _, s := range subs {
			path := filepath.Join(base, s.Name())
			add("可移动磁盘 "+s.Name(), path)
			if inner, err := fstorage.List(fstorage.NewFileURI(path)); err == nil && (base != "/mnt") {
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

// listFolder collects the files below dir (hidden ones and Office lock files left out),
// at most limit of them, for "添加整个文件夹".
func listFolder(dir string, limit int) ([]string, error) {
	var out []string
	var walk func(string, int) error
	walk = func(d string, depth int) error {
		items, err := fstorage.List(fstorage.NewFileURI(d))
		if err != nil {
			return fmt.Errorf("无法列出文件夹“%s”：%w", d, err)
		}
		sort.Slice(items, func(i, j int) bool { return items[i].Name() < items[j].Name() })
		for _, it := range items {
			name := it.Name()
			if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || strings.EqualFold(name, "Thumbs.db") {
				continue
			}
			path := filepath.Join(d, name)
			if isDir(path) {
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
func (u *UI) attachFolder(no int, dir string) {
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
