package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/export"
)

// Status codes of a stickResult (the contract of `review import --json`).
const (
	stickImported  = "imported"
	stickRefused   = "refused"
	stickDuplicate = "duplicate"
)

// stickImport is one run of 导入报送包: the progress while it runs, then one line per package.
type stickImport struct {
	b      *bureau
	root   string
	cancel context.CancelFunc

	dlg    *dialog.CustomDialog
	bar    *widget.ProgressBar
	detail *widget.Label
	stop   *widget.Button

	mu   sync.Mutex
	last time.Time

	results []stickResult
	lines   *fyne.Container
	summary *widget.Label
	all     *dialogButton // 全部替换
}

// importStick asks for a folder (a USB stick's root, a folder of zips) and imports every package in it.
func (b *bureau) importStick() {
	b.d.pickFolder("选择U盘或存放报送包的文件夹（其中所有报送包都会导入）", "从此文件夹导入", b.importFrom)
}

// importFrom imports every package under root with a progress bar and 取消, off the UI goroutine.
func (b *bureau) importFrom(root string) {
	ctx, cancel := context.WithCancel(context.Background())
	s := &stickImport{b: b, root: root, cancel: cancel, bar: widget.NewProgressBar(),
		detail: widget.NewLabel("正在查找报送包…")}
	s.detail.Truncation = fyne.TextTruncateEllipsis
	s.stop = widget.NewButtonWithIcon("取消", theme.CancelIcon(), func() {
		s.detail.SetText("正在取消…（正在导入的包会完整撤销）")
		s.stop.Disable()
		cancel()
	})
	body := container.NewVBox(wrapped("来源："+root), s.bar, s.detail, container.NewHBox(spacer(), s.stop))
	s.dlg = dialog.NewCustomWithoutButtons("导入报送包", atLeast(body, dialogWidth+160, 0), b.d.win)
	s.dlg.Show()
	go func() {
		defer cancel()
		n, err := b.d.store.CountPackages(ctx, []string{root})
		if err == nil && n == 0 {
			b.d.post(func() {
				s.dlg.Hide()
				showInfo(b.d.win, "没有找到报送包", fmt.Sprintf("“%s”中（包括其下几层文件夹和 .zip 文件）没有找到报送包。报送包是含有“校验清单.txt”的文件夹或 .zip 文件。", root))
			})
			return
		}
		var res []stickResult
		if err == nil {
			b.d.post(func() { s.detail.SetText(fmt.Sprintf("找到 %d 个报送包，正在校验并导入…", n)) })
			res, err = b.d.store.ImportStick(ctx, []string{root}, false, s.progress)
		}
		canceled := errors.Is(err, context.Canceled) || ctx.Err() != nil
		b.d.post(func() {
			s.dlg.Hide()
			if err != nil && !canceled {
				showError(b.d.win, "导入报送包失败", err)
				if len(res) == 0 {
					b.reload()
					return
				}
			}
			s.showResults(res, canceled)
			b.reload()
		})
	}()
}

// progress is the import's callback (any goroutine); at most ten screen updates a second.
func (s *stickImport) progress(p stickProgress) {
	s.mu.Lock()
	now := time.Now()
	if now.Sub(s.last) < 100*time.Millisecond && p.PackagesDone < p.Packages {
		s.mu.Unlock()
		return
	}
	s.last = now
	s.mu.Unlock()
	s.b.d.post(func() {
		switch {
		case p.Bytes > 0:
			s.bar.SetValue(float64(p.BytesDone) / float64(p.Bytes))
		case p.Packages > 0:
			s.bar.SetValue(float64(p.PackagesDone) / float64(p.Packages))
		}
		s.detail.SetText(progressText(p))
	})
}

// progressText is the line under the import's progress bar.
func progressText(p stickProgress) string {
	t := fmt.Sprintf("%d/%d 个报送包，%s/%s", p.PackagesDone, p.Packages, export.SizeText(p.BytesDone), export.SizeText(p.Bytes))
	if p.Current != "" {
		t += "　" + filepath.Base(p.Current)
	}
	return t
}

// resultText is a package's line: what happened, the unit and year, and the Chinese reason.
func resultText(r stickResult) (string, widget.Importance) {
	who := r.Unit
	if r.Year != 0 {
		who = fmt.Sprintf("%s %d 年度", r.Unit, r.Year)
	}
	if who == "" {
		who = filepath.Base(r.Path)
	}
	switch r.Status {
	case stickImported:
		done := "已导入："
		if r.Replaced {
			done = "已替换："
		}
		if r.Unmarked.Any() { // a replace sent its 已复核 review back to 复核中
			return done + who + "（复核回到复核中，" + r.Unmarked.Note() + "）", widget.WarningImportance
		}
		return done + who, widget.SuccessImportance
	case stickDuplicate:
		return "已导入过：" + who + "（" + duplicateText(r) + "）", widget.WarningImportance
	}
	reason := r.Reason
	if reason == "" {
		reason = "原因不明"
	}
	return "已拒绝：" + filepath.Base(r.Path) + "——" + reason, widget.DangerImportance
}

// duplicateText is the window's reason for a duplicate package: the fact (workflow's
// StickResult.Duplicate) and, when it can be replaced, the advice to use this line's 替换
// button — not the CLI's --replace of StickResult.Reason.
func duplicateText(r stickResult) string {
	fact := r.Duplicate
	if fact == "" {
		fact = "同一统一社会信用代码和年度的报送包已在数据库中"
	}
	if !r.Replaceable {
		return fact
	}
	return fact + "，未导入；如要用本报送包替换，请点本行右侧的“替换”"
}

// showResults lists one line per package; a duplicate has its own 替换 button, several have
// also 全部替换.
func (s *stickImport) showResults(res []stickResult, canceled bool) {
	s.results = res
	s.lines = container.NewVBox()
	s.summary = bold("")
	s.all = newDialogButton("", nil, widget.MediumImportance, func() { s.replace(s.duplicates()...) })
	s.fill()
	if canceled {
		s.summary.SetText(s.summary.Text + "。导入已取消：下列报送包已处理，其余未导入。")
	}
	var d dialog.Dialog
	ok := newDialogButton("关闭", nil, widget.HighImportance, func() { d.Hide() })
	buttons := container.NewHBox(spacer(), s.all, ok)
	scroll := container.NewVScroll(s.lines)
	scroll.SetMinSize(fyne.NewSize(820, 440)) // most of a 1366×768 screen: a stick holds dozens of packages
	d = dialog.NewCustomWithoutButtons("导入结果", container.NewBorder(s.summary, buttons, nil, nil, scroll), s.b.d.win)
	okCloses(s.b.d.win, d) // Esc and Enter are 关闭; 替换 takes Enter only when focused (Tab)
	d.Show()
}

// fill draws the result lines and the summary from s.results.
func (s *stickImport) fill() {
	s.lines.Objects = nil
	n := map[string]int{}
	for _, r := range s.results {
		r := r
		n[r.Status]++
		text, imp := resultText(r)
		l := newCJKLabel(text, fyne.TextStyle{}) // Chinese line breaking: "2024 年度" stays on one line
		l.widths = s.b.d.widths
		l.lines.Importance = imp
		if r.Status == stickDuplicate && r.Replaceable {
			rep := newDialogButton("替换", nil, widget.MediumImportance, func() { s.replace(r.Path) })
			s.lines.Add(container.NewBorder(nil, nil, nil, rep, l))
		} else {
			s.lines.Add(l)
		}
	}
	s.summary.SetText(fmt.Sprintf("共 %d 个报送包：已导入 %d 个，已拒绝 %d 个，已导入过 %d 个",
		len(s.results), n[stickImported], n[stickRefused], n[stickDuplicate]))
	if d := len(s.duplicates()); d > 1 { // 全部替换 while more than one is left to replace
		s.all.SetText(fmt.Sprintf("全部替换（%d 个）", d))
		s.all.Show()
	} else {
		s.all.Hide()
	}
	s.lines.Refresh()
}

// duplicates are the paths of the packages that were already imported.
func (s *stickImport) duplicates() []string {
	var out []string
	for _, r := range s.results {
		if r.Status == stickDuplicate && r.Replaceable {
			out = append(out, r.Path)
		}
	}
	return out
}

// replace imports the given duplicate packages again, replacing what was imported before
// (after a confirmation: the earlier package's data give way; the review is kept by storage).
func (s *stickImport) replace(paths ...string) {
	text := fmt.Sprintf("用这 %d 个报送包替换数据库中同一单位、同一年度已导入的内容？", len(paths))
	if len(paths) == 1 {
		text = fmt.Sprintf("用“%s”替换数据库中同一单位、同一年度已导入的内容？", filepath.Base(paths[0]))
	}
	showConfirm(s.b.d.win, "替换已导入的报送包", text+"\n\n已录入的复核得分和意见会保留（新报送包换了指标体系时，只保留复核人和复核结论）；已复核的改回“复核中”，其示范单位、执法标兵推荐随之取消。", "替换", func() {
		wait := newWait(s.b.d.win, "正在替换…")
		go func() {
			res, err := s.b.d.store.ImportStick(context.Background(), paths, true, nil)
			s.b.d.post(func() {
				wait.Hide()
				if err != nil && len(res) == 0 {
					showError(s.b.d.win, "替换失败", err)
					return
				}
				for _, r := range res {
					r.Replaced = r.Status == stickImported
					for i := range s.results {
						if s.results[i].Path == r.Path {
							s.results[i] = r
						}
					}
				}
				s.fill()
				s.b.reload()
			})
		}()
	})
}
