package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"sanxiang/app"
	"sanxiang/cmd/sanxiang/internal/crashlog"
	"sanxiang/storage"
)

// version is set by the build (-X main.version=…) and written at the head of each session's log.
var version = "dev"

// Exit statuses of a start that could not draw a window and of a crash.
const (
	exitGraphics = 3
	exitPanic    = 2
)

// saveGrace lets the saver's goroutine finish writing the last edits (its debounce is 300 ms)
// before a crashed program exits.
const saveGrace = 1500 * time.Millisecond

// guard is the program's log and crash handling around app.Run.
type guard struct {
	log            *crashlog.Guard // nil when no log file could be opened anywhere
	alreadyRunning bool            // this start only brought the running window to the front
}

// startGuard sends the log to sanxiang.log in the database's folder and arranges that a
// failure to draw the window ends the program with a message box instead of silently.
func startGuard() *guard {
	dir := os.TempDir()
	if p, err := storage.DefaultPath(); err == nil {
		dir = filepath.Dir(p)
	}
	var echo io.Writer
	if runtime.GOOS != "windows" { // sanxiang.exe is a GUI program: it has no standard error
		echo = os.Stderr
	}
	g := &guard{}
	l, err := crashlog.Start(dir, echo)
	if l == nil {
		fmt.Fprintln(os.Stderr, "sanxiang:", err) // no file at all; the message boxes still work
		return g
	}
	g.log = l
	l.Note("—— %s %s 启动（%s/%s，进程 %d）——", app.Title, version, runtime.GOOS, runtime.GOARCH, os.Getpid())
	if err != nil {
		l.Note("日志改写到临时文件夹：%v", err)
	}
	l.OnGraphics = func(detail string) {
		l.Note("无法显示窗口，程序退出：%s", detail)
		crashlog.ShowError(app.Title+" — 无法显示窗口", graphicsText(detail, l.Path()))
		os.Exit(exitGraphics)
	}
	return g
}

// recoverPanic must be deferred in main: a panic anywhere on the interface's goroutine (every
// Fyne callback runs on it) is written to the log and explained before the program exits.
func (g *guard) recoverPanic() {
	v := recover()
	if v == nil {
		if g.log != nil {
			if g.alreadyRunning { // the log is the running window's: no 正常退出 in the middle of it
				g.log.Note("—— 程序已在运行（进程 %d 只把已打开的窗口切换到前台后退出）——", os.Getpid())
			} else {
				g.log.Note("—— 正常退出 ——")
			}
			g.log.Close()
		}
		return
	}
	start := time.Now()
	path := "（无法写入日志文件）"
	text, earlier := fmt.Sprint(v), ""
	var graphics bool
	if g.log != nil {
		graphics = g.log.Panicked(v)
		path = g.log.Path()
		earlier = g.log.LastGLFWError()
	} else {
		graphics = crashlog.IsGraphics(text) || crashlog.PanickedInGraphics(string(debug.Stack()))
	}
	if graphics {
		crashlog.ShowError(app.Title+" — 无法显示窗口", graphicsText(graphicsDetail(text, earlier), path))
	} else {
		crashlog.ShowError(app.Title+" — 程序出错", panicText(path))
	}
	if d := saveGrace - time.Since(start); d > 0 {
		time.Sleep(d)
	}
	code := exitPanic
	if graphics {
		code = exitGraphics
	}
	if g.log != nil {
		if graphics {
			g.log.Note("无法显示窗口，程序退出：%s", graphicsDetail(text, earlier))
		} else {
			g.log.Note("—— 因内部错误退出 ——")
		}
	}
	os.Exit(code)
}

// graphicsDetail is the technical detail of an OpenGL set-up panic: its text, and the GLFW error
// logged before it when that is a different one (the real cause of a "NotInitialized" panic,
// e.g. "X11: The DISPLAY environment variable is missing").
func graphicsDetail(panicText, earlier string) string {
	if earlier == "" || strings.Contains(panicText, earlier) {
		return panicText
	}
	return panicText + "（此前 GLFW 报告：" + earlier + "）"
}

// graphicsText explains a PC whose graphics driver cannot give the program OpenGL 2.1, with the
// remedies of its system (Windows: a Mesa opengl32.dll beside the exe; Linux: the Mesa packages).
func graphicsText(detail, logPath string) string {
	fix, cli := "③ 将 Mesa 软件渲染的 opengl32.dll 放到 sanxiang.exe 同一文件夹（见使用说明 docs\\windows.md“双击后没有窗口”一节）。\n\n", "sanxiang-cli.exe"
	if runtime.GOOS != "windows" {
		fix, cli = "③ 安装 Mesa 软件渲染（统信 UOS、麒麟、Debian 中为 libgl1-mesa-dri 软件包，见 docs/linux.md）。\n\n", "sanxiang-cli"
	}
	return "本电脑的显卡驱动不支持 OpenGL 2.1，程序无法显示窗口。\n\n" +
		"解决办法：\n" +
		"① 更新显卡驱动（请单位信息化人员安装显卡厂商提供的驱动）；\n" +
		"② 通过远程桌面操作时，请到这台电脑前直接登录后运行；\n" +
		fix +
		"命令行工具 " + cli + " 不需要 OpenGL，可以照常使用。\n\n" +
		"技术信息：" + detail + "\n" +
		"日志文件：" + logPath
}

// panicText explains a crash of the program itself.
func panicText(logPath string) string {
	return "程序发生内部错误，需要关闭。\n\n" +
		"错误详情已写入日志 sanxiang.log，请把这个文件发给技术支持人员：\n" + logPath + "\n\n" +
		"您的数据已自动保存（出错前一两秒内的输入可能需要重新填写），重新打开程序即可继续。"
}
