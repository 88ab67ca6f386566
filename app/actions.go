package app

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/app/workspace"
	"sanxiang/exchange"
	"sanxiang/export"
	"sanxiang/export/pack"
	"sanxiang/scoring"
	"sanxiang/storage"
	"sanxiang/workflow"
)

// commands are the window's commands for the whole open assessment: export and the submission
// package (build, verify, import). They are built once with what they need (wiring.go); the
// receiver is still called u, as when these were the window's methods, so that their bodies
// read as before.
type commands struct {
	win         fyne.Window
	db          *storage.DB
	cats        *scoring.Set
	ws          *workspace.Workspace
	post        func(func())                                      // runs work on the UI goroutine
	note        func(string)                                      // a one-off message in the status bar
	background  func(what string, work func() error, done func()) // a job off the UI goroutine
	exclusive   func(what string, work func() error, done func()) // the same behind a modal dialog
	pickFolder  func(title, ok string, done func(string))
	pickPackage func(title string, done func(string))
	openPath    func(path string)          // a folder in the file manager, a file selected in its folder
	show        func(s workspace.Snapshot) // shows an assessment read with ws.Read (after an import)
}

// actionButtons are the top bar's commands for the whole assessment: export and the
// submission package (build, verify, import).
func (u *commands) actionButtons() []fyne.CanvasObject {
	exp := widget.NewButtonWithIcon("导出表格…", theme.DocumentIcon(), u.exportFiles)
	pkg := widget.NewButtonWithIcon("生成报送包…", theme.UploadIcon(), u.buildPackage)
	var more *widget.Button
	more = widget.NewButtonWithIcon("报送包", theme.MenuDropDownIcon(), func() {
		menu := fyne.NewMenu("",
			fyne.NewMenuItem("校验报送包…", u.verifyPackage),
			fyne.NewMenuItem("导入报送包…", u.importPackage),
		)
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(more).Add(fyne.NewPos(0, more.Size().Height))
		widget.ShowPopUpMenuAtPosition(menu, u.win.Canvas(), pos)
	})
	return []fyne.CanvasObject{exp, pkg, more}
}

// savedAssessment writes pending edits and reads the assessment back from the database, so
// that exports show exactly what is stored (runs off the UI goroutine).
func (u *commands) savedAssessment(id int64) (*scoring.Assessment, error) {
	if err := u.ws.Flush(10 * time.Second); err != nil {
		return nil, fmt.Errorf("仍有修改未保存：%w", err)
	}
	return u.db.Load(id)
}

// exportFiles writes 自评表.xlsx, 评分表.pdf and 自评报告.pdf into a chosen folder.
func (u *commands) exportFiles() {
	u.pickFolder("选择导出到哪个文件夹", "导出到此文件夹", u.exportTo)
}

// exportTo writes the three files into dir off the UI goroutine and reports the outcome.
func (u *commands) exportTo(dir string) {
	id := u.ws.ID()
	u.background("正在导出…", func() error {
		a, err := u.savedAssessment(id)
		if err != nil {
			return err
		}
		_, err = workflow.Export(dir, a, workflow.ExportOptions{DBPath: u.db.Path()})
		return err
	}, func() {
		u.note("已导出到 " + dir)
		u.showDone("导出完成", fmt.Sprintf("已在“%s”中写入：\n%s\n%s\n%s", dir,
			export.NameXLSX, export.NameScoreSheet, export.NameReport), dir)
	})
}

// showDone reports a finished job and offers to open the folder it wrote to.
func (u *commands) showDone(title, text, dir string) {
	var d dialog.Dialog
	open := newDialogButton("打开文件夹", theme.FolderOpenIcon(), widget.MediumImportance, func() {
		d.Hide()
		u.openPath(dir)
	})
	ok := newDialogButton("确定", nil, widget.HighImportance, func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(title, container.NewVBox(messageBody(text), container.NewHBox(spacer(), open, ok)), u.win)
	okCloses(u.win, d) // Esc and Enter are 确定
	d.Show()
}

// progressDialog shows a long job's progress with a 取消 button that cancels its context.
type progressDialog struct {
	d      *dialog.CustomDialog
	bar    *widget.ProgressBar
	detail *widget.Label
	cancel context.CancelFunc

	mu   sync.Mutex
	last time.Time
}

func (u *commands) newProgress(title string, cancel context.CancelFunc) *progressDialog {
	p := &progressDialog{bar: widget.NewProgressBar(), detail: widget.NewLabel("准备中…"), cancel: cancel}
	p.detail.Truncation = fyne.TextTruncateEllipsis
	stop := widget.NewButtonWithIcon("取消", theme.CancelIcon(), func() {
		p.detail.SetText("正在取消…")
		cancel()
	})
	p.d = dialog.NewCustomWithoutButtons(title, atLeast(container.NewVBox(p.bar, p.detail, container.NewHBox(spacer(), stop)), dialogWidth+60, 0), u.win)
	p.d.Show()
	return p
}

// report is the progress callback (any goroutine); at most ten screen updates a second.
func (p *progressDialog) report(u *commands) func(pack.Progress) {
	return func(pr pack.Progress) {
		p.mu.Lock()
		now := time.Now()
		if now.Sub(p.last) < 100*time.Millisecond && pr.Files < pr.TotalFiles {
			p.mu.Unlock()
			return
		}
		p.last = now
		p.mu.Unlock()
		u.post(func() {
			if pr.TotalBytes > 0 {
				p.bar.SetValue(float64(pr.Bytes) / float64(pr.TotalBytes))
			} else if pr.TotalFiles > 0 {
				p.bar.SetValue(float64(pr.Files) / float64(pr.TotalFiles))
			}
			p.detail.SetText(fmt.Sprintf("%d/%d 个文件，%s/%s　%s", pr.Files, pr.TotalFiles,
				export.SizeText(pr.Bytes), export.SizeText(pr.TotalBytes), pr.Current))
		})
	}
}

// buildPackage makes the submission package: choose the target (e.g. the USB stick) and folder
// or zip, list missing or changed evidence and let the user continue or cancel, then build with
// a progress bar.
func (u *commands) buildPackage() {
	asZip := widget.NewRadioGroup([]string{"文件夹（可直接打开查看）", "一个 .zip 压缩文件"}, nil)
	asZip.Required = true // a click on the chosen form keeps it chosen (it used to clear both, and then a zip was made)
	asZip.SetSelected("文件夹（可直接打开查看）")
	body := container.NewVBox(
		wrapped("报送包包含自评表、评分表、自评报告、自评数据文件、全部佐证材料和校验清单。评分表和自评报告每页都印有报送包校验码，可与电子文件核对。"),
		bold("报送包的形式"), asZip,
		wrapped("下一步选择保存位置，例如U盘。"),
	)
	showConfirmContent(u.win, "生成报送包", atLeast(body, dialogWidth+60, 0), "选择保存位置…", func() {
		zip := asZip.Selected != "文件夹（可直接打开查看）"
		u.pickFolder("选择报送包保存到哪里（例如U盘）", "保存到此文件夹", func(dir string) {
			u.preflight(dir, zip)
		})
	})
}

// preflight reads every evidence file once to find missing or changed ones before building.
func (u *commands) preflight(dir string, zip bool) {
	id := u.ws.ID()
	ctx, cancel := context.WithCancel(context.Background())
	p := u.newProgress("正在检查佐证材料", cancel)
	go func() {
		a, err := u.savedAssessment(id)
		var issues []pack.EvidenceIssue
		if err == nil {
			issues, err = pack.PreflightContext(ctx, a, p.report(u))
		}
		u.post(func() {
			p.d.Hide()
			cancel()
			if err != nil {
				if !errors.Is(err, context.Canceled) && !errors.Is(err, pack.ErrCanceled) {
					showError(u.win, "检查佐证材料失败", err)
				}
				return
			}
			if len(issues) == 0 {
				u.runBuild(a, dir, zip, false)
				return
			}
			list := container.NewVScroll(wrapped(evidenceIssueList(issues)))
			list.SetMinSize(fyne.NewSize(dialogWidth+120, 220))
			body := container.NewBorder(wrapped(fmt.Sprintf("有 %d 个佐证文件缺失或在登记后被修改。继续生成时，这些问题会写入说明.txt 和自评报告。", len(issues))), nil, nil, nil, list)
			showConfirmContent(u.win, "佐证材料有问题", body, "仍然生成", func() { u.runBuild(a, dir, zip, false) })
		})
	}()
}

// runBuild builds the package with a progress bar; an existing package is replaced only
// after the user agrees.
func (u *commands) runBuild(a *scoring.Assessment, dir string, zip, replace bool) {
	ctx, cancel := context.WithCancel(context.Background())
	p := u.newProgress("正在生成报送包", cancel)
	go func() {
		res, err := pack.Build(ctx, a, dir, pack.Options{Zip: zip, Replace: replace, Progress: p.report(u), Catalogs: u.cats})
		var old string
		if errors.Is(err, pack.ErrExists) {
			name := pack.PackageName(a.Unit.Name, a.Year)
			if zip {
				name += ".zip"
			}
			old = describePackage(filepath.Join(dir, name), u.cats)
		}
		u.post(func() {
			p.d.Hide()
			cancel()
			switch {
			case errors.Is(err, pack.ErrExists):
				showConfirm(u.win, "报送包已存在", fmt.Sprintf("目标位置已有同名报送包：\n%s\n\n是否用新生成的报送包（当前得分 %s 分）替换它？新包完整生成后才会替换旧包。",
					old, scoring.Score(a.Catalog, a.Answers).Overall.Score), "替换", func() {
					u.runBuild(a, dir, zip, true)
				})
			case errors.Is(err, pack.ErrCanceled) || errors.Is(err, context.Canceled):
				u.note("已取消生成报送包，未留下任何文件")
			case err != nil:
				showError(u.win, "生成报送包失败", err)
			default:
				text := fmt.Sprintf("报送包已生成：\n%s\n\n报送包校验码：%s\n共 %d 个文件，%s。", res.Path, res.Digest, res.Files, export.SizeText(res.Bytes))
				if len(res.Issues) > 0 {
					text += fmt.Sprintf("\n\n注意：有 %d 个佐证文件缺失或已变更，已在说明.txt 和自评报告中列出。", len(res.Issues))
				}
				if note := res.LeftoverNote(); note != "" {
					text += "\n\n" + note
				}
				u.note("报送包已生成到 " + res.Path)
				u.showDone("报送包已生成", text, dir)
			}
		})
	}()
}

// verifyPackage checks a package (folder or zip) against its manifest and shows the result.
func (u *commands) verifyPackage() {
	u.pickPackage("选择要校验的报送包（.zip 文件或报送包文件夹）", func(path string) {
		u.whichPackage(path, "校验", u.verifyAt)
	})
}

// whichPackage hands a chosen path on to act: a package itself, or a folder holding exactly one
// package (e.g. the USB stick's root). When the folder holds several — typically the package
// folder and its .zip — the user is asked which one is meant.
func (u *commands) whichPackage(path, verb string, act func(string)) {
	go func() {
		found := packagesIn(path)
		u.post(func() {
			switch len(found) {
			case 0:
				act(path) // not a package: pack says why, naming the path
			case 1:
				act(found[0])
			default:
				names := make([]string, len(found))
				for i, f := range found {
					names[i] = filepath.Base(f)
					if strings.HasSuffix(strings.ToLower(f), ".zip") {
						names[i] += "（.zip 压缩文件）"
					} else {
						names[i] += "（文件夹）"
					}
				}
				choice := widget.NewRadioGroup(names, nil)
				choice.Required = true
				choice.SetSelected(names[0])
				body := container.NewVBox(wrapped(fmt.Sprintf("“%s”中有 %d 个报送包，请选择要%s的一个：", path, len(found), verb)), choice)
				showConfirmContent(u.win, "选择报送包", atLeast(body, dialogWidth+60, 0), verb, func() {
					for i, n := range names {
						if n == choice.Selected {
							act(found[i])
						}
					}
				})
			}
		})
	}()
}

// packagesIn lists the packages at path: path itself when it is one (a folder with the
// manifest, or a .zip), else the package folders and .zip files directly inside it.
func packagesIn(path string) []string {
	isPkgDir := func(p string) bool {
		st, err := os.Stat(filepath.Join(p, pack.ManifestName))
		return err == nil && st.Mode().IsRegular()
	}
	st, err := os.Stat(path)
	if err != nil || !st.IsDir() || isPkgDir(path) {
		return []string{path}
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return []string{path}
	}
	var out []string
	for _, e := range entries {
		p := filepath.Join(path, e.Name())
		switch {
		case e.IsDir() && isPkgDir(p):
			out = append(out, p)
		case !e.IsDir() && strings.HasSuffix(strings.ToLower(e.Name()), ".zip") && strings.Contains(e.Name(), "三项制度自评"):
			out = append(out, p)
		}
	}
	return out
}

// describePackage names an existing package for the replace question: its name, when it was
// written and the score in its assessment.json (read off the UI goroutine).
func describePackage(path string, cats *scoring.Set) string {
	text := "“" + filepath.Base(path) + "”"
	if st, err := os.Stat(path); err == nil {
		text += "，生成于 " + st.ModTime().Local().Format("2006-01-02 15:04")
	}
	if data, err := packageAssessment(path); err == nil {
		if a, err := exchange.Decode(data, cats); err == nil {
			text += fmt.Sprintf("，得分 %s 分（%s · %d 年度）", scoring.Score(a.Catalog, a.Answers).Overall.Score, a.Unit.Name, a.Year)
		}
	}
	return text
}

// packageAssessment reads assessment.json from a package folder or zip.
func packageAssessment(path string) ([]byte, error) {
	if !strings.HasSuffix(strings.ToLower(path), ".zip") {
		return os.ReadFile(filepath.Join(path, pack.AssessmentName))
	}
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == pack.AssessmentName || strings.HasSuffix(f.Name, "/"+pack.AssessmentName) {
			if f.UncompressedSize64 > 64<<20 {
				return nil, errors.New("assessment.json 过大")
			}
			r, err := f.Open()
			if err != nil {
				return nil, err
			}
			defer r.Close()
			return io.ReadAll(r)
		}
	}
	return nil, pack.ErrNotPackage
}

// verifyAt checks the package at path with a progress bar and shows the report.
func (u *commands) verifyAt(path string) {
	ctx, cancel := context.WithCancel(context.Background())
	p := u.newProgress("正在校验报送包", cancel)
	go func() {
		rep, err := pack.VerifyProgress(ctx, path, p.report(u))
		u.post(func() {
			p.d.Hide()
			cancel()
			if err != nil {
				if !errors.Is(err, context.Canceled) && !errors.Is(err, pack.ErrCanceled) {
					showError(u.win, "无法校验", err)
				}
				return
			}
			title := "校验通过"
			if !rep.OK {
				title = "校验未通过"
			}
			what := "报送包文件夹"
			if strings.HasSuffix(strings.ToLower(path), ".zip") {
				what = ".zip 报送包"
			}
			text := container.NewVScroll(wrapped(fmt.Sprintf("已校验的%s：\n%s\n\n%s", what, path, rep.Summary())))
			text.SetMinSize(fyne.NewSize(dialogWidth+120, 260))
			d := newMessage(u.win, title, "确定", text)
			d.Show()
		})
	}()
}

// importPackage verifies a package, copies its evidence beside the database and stores the
// assessment; an existing assessment of the same unit and year is replaced only after asking.
func (u *commands) importPackage() {
	u.pickPackage("选择要导入的报送包（.zip 文件或报送包文件夹）", func(path string) {
		u.whichPackage(path, "导入", u.importFrom)
	})
}

// importFrom imports the package at path (verified first) with a progress bar.
func (u *commands) importFrom(path string) {
	ctx, cancel := context.WithCancel(context.Background())
	p := u.newProgress("正在导入报送包", cancel)
	go func() {
		var id int64
		var s workspace.Snapshot
		var readErr error
		staged, err := workflow.StagePackage(ctx, u.db, path, p.report(u))
		if err == nil {
			if err = u.ws.Flush(10 * time.Second); err == nil {
				id, err = staged.Store(false)
			} else if derr := staged.Discard(); derr != nil {
				err = errors.Join(err, derr)
			}
		}
		if err == nil { // read here, behind the progress dialog: not on the UI goroutine
			s, readErr = u.ws.Read(id)
		}
		u.post(func() {
			p.d.Hide()
			cancel()
			switch {
			case err == nil:
				u.importDone(s, readErr)
			case errors.Is(err, storage.ErrExists):
				a := staged.Assessment
				showChoice(u.win, "该年度自评已存在",
					messageBody(fmt.Sprintf("“%s”%d 年度的自评已在本机数据库中。是否用报送包中的内容替换它？（替换前会自动备份数据库）", a.Unit.Name, a.Year)),
					"替换", "不导入", func(yes bool) {
						if yes {
							u.importReplace(staged)
						} else {
							u.discardImport(staged)
						}
					})
			case staged != nil:
				showError(u.win, "导入失败", err) // Store removed the copies, or says why it could not
			case errors.Is(err, context.Canceled) || errors.Is(err, pack.ErrCanceled):
				u.note("已取消导入")
			default:
				showError(u.win, "导入失败", err)
			}
		})
	}()
}

// importReplace stores an imported assessment over the existing one (after a backup).
func (u *commands) importReplace(staged *workflow.StagedImport) {
	var s workspace.Snapshot
	var readErr error
	u.exclusive("正在导入…", func() error {
		if _, err := u.db.Backup(); err != nil {
			err = fmt.Errorf("替换前备份失败，未导入：%w", err)
			if derr := staged.Discard(); derr != nil {
				err = errors.Join(err, derr)
			}
			return err
		}
		id, err := staged.Store(true)
		if err == nil { // read here, behind the wait dialog: not on the UI goroutine
			s, readErr = u.ws.Read(id)
		}
		return err
	}, func() { u.importDone(s, readErr) })
}

// discardImport removes the evidence copies of an import the user declined, off the UI
// goroutine; a failure is shown, not dropped.
func (u *commands) discardImport(staged *workflow.StagedImport) {
	go func() {
		if err := staged.Discard(); err != nil {
			u.post(func() { showError(u.win, "未导入", err) })
		}
	}()
}

// importDone shows the imported assessment, read off the UI goroutine (readErr: why it could not be).
func (u *commands) importDone(s workspace.Snapshot, readErr error) {
	if readErr != nil {
		showError(u.win, "打开导入的自评失败", readErr)
		return
	}
	u.show(s)
	showInfo(u.win, "导入完成", fmt.Sprintf("已导入“%s”%d 年度的自评，佐证材料已复制到数据库旁的 evidence 文件夹。", u.ws.Unit().Name, u.ws.Info().Year))
}

// evidenceIssueList is the text of the "佐证材料有问题" list before a package is built; each
// path starts a line of its own, so that wrapping never splits it after its first "/".
func evidenceIssueList(issues []pack.EvidenceIssue) string {
	lines := make([]string, 0, len(issues))
	for _, is := range issues {
		lines = append(lines, fmt.Sprintf("· 评分要点(%d) %s\n    %s", is.No, is.Problem, is.Path))
	}
	return strings.Join(lines, "\n")
}
