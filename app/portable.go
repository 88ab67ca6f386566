package app

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sanxiang/internal/atomicfile"
	"sanxiang/storage"
)

// dataBox is the 单位信息 page's "where the data is" block: the database path, selectable for
// copying, with 复制路径, 打开所在文件夹 and 复制到U盘便携使用.
func (u *UI) dataBox() fyne.CanvasObject {
	path := u.db.Path()
	box := widget.NewEntry()
	box.SetText(path)
	box.OnChanged = func(string) { box.SetText(path) } // selectable and copyable, not editable
	copyBtn := widget.NewButtonWithIcon("复制路径", theme.ContentCopyIcon(), func() {
		u.fa.Clipboard().SetContent(path)
		u.note("已复制数据库路径")
	})
	reveal := widget.NewButtonWithIcon("打开所在文件夹", theme.FolderOpenIcon(), func() { u.ev.openPath(path) })
	portable := widget.NewButtonWithIcon("复制到U盘便携使用…", theme.StorageIcon(), u.askCopyPortable)
	note := "数据保存在下面的文件中（可选中复制）："
	if storage.IsPortable(path) {
		note = "便携模式：数据库就在程序所在的文件夹（例如U盘上），使用中请勿拔出U盘。数据保存在："
		portable.Hide()
	}
	return container.NewVBox(wrapped(note), box, container.NewHBox(copyBtn, reveal, portable))
}

// askCopyPortable lets the user choose a folder (on a USB stick) and copies the program and
// the database there, for 便携模式 on another PC.
func (u *UI) askCopyPortable() {
	u.pick.pickFolder("选择U盘上的文件夹（程序和数据库将复制到这里）", "复制到此文件夹", func(dir string) {
		exe, err := os.Executable()
		if err != nil {
			showInfo(u.win, "无法复制", "找不到本程序的文件："+err.Error())
			return
		}
		u.ws.Trigger()
		u.note("正在复制到 " + dir + " …")
		go func() {
			err := u.ws.Flush(5 * time.Second)
			if err == nil {
				err = copyPortable(u.db, exe, dir)
			}
			u.post(func() {
				u.note("")
				if err != nil {
					showInfo(u.win, "无法复制到U盘", err.Error())
					return
				}
				name := filepath.Base(exe)
				u.cmds.showDone("已复制到U盘", fmt.Sprintf("已在“%s”中写入 %s 和 %s。\n\n在任何电脑上双击这里的 %s，"+
					"即以便携模式使用这份数据（窗口大小等设置也只记在U盘上）。\n\n此后本机的数据和U盘上的数据各自独立、"+
					"互不同步。登记的佐证材料文件没有复制：它们仍在原来的位置；在其他电脑上使用前，"+
					"请把佐证材料也放到U盘上并重新添加，或改用“生成报送包”“导入报送包”。",
					dir, name, storage.FileName, name), dir)
			})
		}()
	})
}

// copyPortable writes exe and a consistent copy of db into dir; nothing existing is replaced.
func copyPortable(db *storage.DB, exe, dir string) error {
	dstExe := filepath.Join(dir, filepath.Base(exe))
	dstDB := filepath.Join(dir, storage.FileName)
	for _, p := range []string{dstExe, dstDB} {
		if _, err := os.Lstat(p); !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("“%s”已存在。为免覆盖其中的数据，请选择另一个文件夹（或先把它移走）。", p)
		}
	}
	if err := copyFile(exe, dstExe); err != nil {
		return fmt.Errorf("无法复制程序到“%s”：%w", dstExe, err)
	}
	if err := db.CopyTo(dstDB); err != nil {
		os.Remove(dstExe)
		return err
	}
	return nil
}

// copyFile copies src to dst atomically (the program itself, tens of megabytes), executable.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := atomicfile.Write(dst, func(w io.Writer) error { _, err := io.Copy(w, in); return err }); err != nil {
		return err
	}
	return os.Chmod(dst, 0o755)
}
