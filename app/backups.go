package app

import (
	"fmt"
	"sanxiang/export"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/scoring"
	"sanxiang/storage"
)

// backupPage is the 备份与恢复 page: the automatic backups with date, unit and score, and
// restoring one after a confirmation.
type backupPage struct {
	d       backupDeps
	items   []storage.BackupInfo
	list    *widget.List
	msg     *cjkLabel // the list's state, or why it could not be read
	content fyne.CanvasObject
}

// backupDeps is what the 备份与恢复 page needs from the window: the database and its catalogs,
// the window's jobs and dialogs.
type backupDeps struct {
	win     fyne.Window
	dbPath  string
	cats    *scoring.Set
	post    func(func())               // runs work on the UI goroutine
	backup  func(done func())          // 立即备份: writes pending edits and backs up, then done
	restore func(b storage.BackupInfo) // writes pending edits, restores b and reopens
}

func newBackupPage(d backupDeps) *backupPage {
	p := &backupPage{d: d, msg: wrapped("")}
	p.list = widget.NewList(func() int { return len(p.items) },
		func() fyne.CanvasObject {
			what := widget.NewLabel("")
			what.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, bold("2006-01-02 15:04"), widget.NewButtonWithIcon("恢复", theme.HistoryIcon(), nil), what)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			b := p.items[i]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(backupSummary(b))
			c.Objects[1].(*widget.Label).SetText(b.Taken.Local().Format("2006-01-02 15:04"))
			btn := c.Objects[2].(*widget.Button)
			btn.OnTapped = func() { p.restore(b) }
		})
	now := widget.NewButtonWithIcon("立即备份", theme.DocumentSaveIcon(), p.backupNow)
	refresh := widget.NewButtonWithIcon("刷新", theme.ViewRefreshIcon(), p.reload)
	intro := wrapped("程序每次启动时，只要数据自上次备份以来有改动，就自动备份整个数据库；编辑过程中每小时最多再备份一次。保留最近 10 份，存放在数据库旁的 backups 文件夹。恢复某份备份前，当前数据会先自动备份一次。")
	p.content = container.NewBorder(
		container.NewVBox(intro, container.NewHBox(now, refresh), p.msg), nil, nil, nil, p.list)
	return p
}

// backupSummary describes what a backup holds: each assessment with its score.
func backupSummary(b storage.BackupInfo) string {
	if len(b.Assessments) == 0 {
		if len(b.Units) > 0 {
			return strings.Join(b.Units, "、") + "（尚无自评）"
		}
		return "（空数据库）"
	}
	parts := make([]string, 0, len(b.Assessments))
	for _, a := range b.Assessments {
		conv := "—"
		if a.ConvertedOK {
			conv = a.Converted.String()
		}
		parts = append(parts, fmt.Sprintf("%s %d 年度 得分 %s（折算 %s）", a.UnitName, a.Year, a.Score, conv))
	}
	return strings.Join(parts, "；") + "　" + export.SizeText(b.Size)
}

// reload lists the backups off the UI goroutine.
func (p *backupPage) reload() {
	path := p.d.dbPath
	p.msg.SetText("正在读取备份列表…")
	go func() {
		items, err := storage.ListBackups(path, p.d.cats)
		p.d.post(func() {
			if err != nil {
				p.msg.SetText("读取备份列表失败：" + err.Error())
				return
			}
			p.items = items
			if len(items) == 0 {
				p.msg.SetText("还没有备份。")
			} else {
				p.msg.SetText(fmt.Sprintf("共 %d 份备份，最新的在最上面。", len(items)))
			}
			p.list.Refresh()
		})
	}()
}

// backupNow makes a backup now and lists it.
func (p *backupPage) backupNow() { p.d.backup(p.reload) }

// restore replaces the database with a backup after a confirmation, then reopens.
func (p *backupPage) restore(b storage.BackupInfo) {
	text := fmt.Sprintf("将把数据恢复到 %s 的备份：\n%s\n\n恢复后，此后所做的修改将不在当前数据中（恢复前会先自动备份当前数据，可以再恢复回来）。确定恢复吗？",
		b.Taken.Local().Format("2006-01-02 15:04"), backupSummary(b))
	showConfirm(p.d.win, "从备份恢复", text, "恢复", func() { p.d.restore(b) })
}

// backupDeps wires the 备份与恢复 page to the window: the database's backups, written after
// the pending edits, each behind the window's job dialogs.
func (u *UI) backupDeps() backupDeps {
	return backupDeps{win: u.win, dbPath: u.db.Path(), cats: u.cats, post: func(f func()) { u.post(f) },
		backup: func(done func()) {
			u.jobs.background("正在备份…", func() error {
				if err := u.ws.Flush(10 * time.Second); err != nil {
					return err
				}
				_, err := u.db.Backup()
				return err
			}, func() {
				u.note("已备份")
				done()
			})
		},
		restore: func(b storage.BackupInfo) {
			u.jobs.exclusive("正在恢复…", func() error {
				if err := u.ws.Flush(10 * time.Second); err != nil {
					return err
				}
				return u.db.Restore(b.Path)
			}, func() {
				u.Start()
				showInfo(u.win, "恢复完成", "已从 "+b.Taken.Local().Format("2006-01-02 15:04")+" 的备份恢复。")
			})
		}}
}
