package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/scoring"
	"sanxiang/workflow"
)

// catalogChooser picks the indicator system of a new assessment: one the program knows (built
// in or stored in the database) or, with 导入指标体系…, a .json catalog file or a .txt copied
// from the official document, shown in a preview with its problems before anything is stored.
type catalogChooser struct {
	d       catalogDeps
	list    []*scoring.Catalog
	sel     *widget.Select
	info    *cjkLabel
	content fyne.CanvasObject
	changed func() // called after the choice changed (may be nil)
}

// catalogDeps is what the catalog chooser needs from the window.
type catalogDeps struct {
	win   fyne.Window
	cats  *scoring.Set                                                       // the program's catalogs; an imported one joins them
	post  func(func())                                                       // runs work on the UI goroutine
	pick  func(mode pickMode, title, ok string, done func([]string)) *picker // the window's file picker
	store func(cat *scoring.Catalog) error                                   // stores an imported catalog (off the UI goroutine)
}

// newCatalogChooser lists the known catalogs with initial selected (the default when nil).
func newCatalogChooser(d catalogDeps, initial *scoring.Catalog) *catalogChooser {
	c := &catalogChooser{d: d, info: wrapped("")}
	c.sel = widget.NewSelect(nil, func(string) { c.selectedChanged() })
	imp := widget.NewButtonWithIcon("导入指标体系…", theme.FolderOpenIcon(), func() { c.importFile() })
	c.content = container.NewVBox(container.NewBorder(nil, nil, nil, imp, c.sel), c.info)
	if initial == nil {
		initial, _ = d.cats.Default()
	}
	c.reload(initial)
	return c
}

// label names a catalog in the list: built-in ones say so; others show their id and the start
// of their hash, since two files may share a title.
func (c *catalogChooser) label(cat *scoring.Catalog) string {
	if c.d.cats.IsBuiltin(cat) {
		return cat.Title + "（内置）"
	}
	return scoring.Describe(cat)
}

// reload lists the registry's catalogs again and selects want.
func (c *catalogChooser) reload(want *scoring.Catalog) {
	c.list = c.d.cats.All()
	opts := make([]string, len(c.list))
	for i, cat := range c.list {
		opts[i] = c.label(cat)
	}
	c.sel.Options = opts
	for i, cat := range c.list {
		if want != nil && cat.Hash == want.Hash {
			c.sel.SetSelectedIndex(i)
			return
		}
	}
	if len(c.list) > 0 {
		c.sel.SetSelectedIndex(0)
	}
}

// selected is the chosen catalog (nil when none).
func (c *catalogChooser) selected() *scoring.Catalog {
	i := c.sel.SelectedIndex()
	if i < 0 || i >= len(c.list) {
		return nil
	}
	return c.list[i]
}

func (c *catalogChooser) selectedChanged() {
	if cat := c.selected(); cat != nil {
		c.info.SetText(workflow.Preview(cat).Summary())
	}
	if c.changed != nil {
		c.changed()
	}
}

// importFile lets the user pick one catalog file (the picker offers only the kinds
// workflow.PreviewCatalogFile reads; other files are grey), reads and checks it off the UI goroutine and
// shows the preview. It returns the picker (for tests).
func (c *catalogChooser) importFile() *picker {
	return c.d.pick(pickCatalogFile, "选择指标体系文件（.json 指标体系文件，或从正式文件复制出的 .txt 文本）", "预览所选文件", func(paths []string) {
		path := paths[0]
		go func() {
			p, err := workflow.PreviewCatalogFile(path)
			c.d.post(func() {
				if err != nil {
					showError(c.d.win, "无法读取指标体系文件", err)
					return
				}
				c.showPreview(path, p)
			})
		}()
	})
}

// previewBody is what the preview shows: the file, the summary, the materials, and every problem.
func previewBody(path string, p workflow.CatalogPreview) fyne.CanvasObject {
	lines := []string{"文件：" + path, "", p.Summary()}
	if p.Catalog != nil {
		var ms []string
		for _, m := range p.Catalog.Materials {
			if m.MinChars > 0 {
				ms = append(ms, fmt.Sprintf("%s（不少于 %d 字）", m.Title, m.MinChars))
			} else {
				ms = append(ms, m.Title)
			}
		}
		if len(ms) == 0 {
			ms = []string{"无"}
		}
		lines = append(lines, "申报材料："+strings.Join(ms, "、")+"。")
		policy := map[scoring.NAPolicy]string{scoring.NARescale: "不适用项不计入满分，按适用分值折算",
			scoring.NAFull: "不适用项按满分计", scoring.NAZero: "不适用项按 0 分计"}[p.Catalog.NAPolicy]
		lines = append(lines, "不适用项："+policy+"。")
		for _, a := range p.Catalog.Areas {
			lines = append(lines, fmt.Sprintf("　%s、%s（%s 分）", a.Label, a.Title, a.Points))
		}
	} else {
		lines = append(lines, "", "发现的问题（请改正文件后重新导入）：")
		for _, pr := range p.Problems {
			lines = append(lines, "· "+pr)
		}
	}
	scroll := container.NewVScroll(wrapped(strings.Join(lines, "\n")))
	scroll.SetMinSize(fyne.NewSize(dialogWidth+160, 320))
	return scroll
}

// showPreview shows what the file holds; only 使用此指标体系 stores it (off the UI goroutine) and
// selects it. A file with problems can only be closed.
func (c *catalogChooser) showPreview(path string, p workflow.CatalogPreview) {
	body := previewBody(path, p)
	if p.Catalog == nil {
		d := newMessage(c.d.win, "指标体系有问题，未导入", "关闭", body)
		d.Show()
		return
	}
	cat := p.Catalog
	showConfirmContent(c.d.win, "导入指标体系：预览", body, "使用此指标体系", func() {
		go func() {
			err := c.d.store(cat)
			c.d.post(func() {
				if err != nil {
					showError(c.d.win, "保存指标体系失败", err)
					return
				}
				if known, ok := c.d.cats.ByHash(cat.Hash); ok {
					cat = known // the same file was known already (e.g. the built-in)
				}
				c.reload(cat)
			})
		}()
	})
}
