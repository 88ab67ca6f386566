package crashlog

import "testing"

// Real log output: Fyne 2.7.1's fyne.LogError (three lines) and go-gl/glfw's logged platform errors.
func TestDetector(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		fire  int // index of the line that must fire, -1 for none
	}{
		{"wgl no opengl", []string{
			"2026/05/01 09:00:00 Fyne error:  window creation error",
			"2026/05/01 09:00:00   Cause: APIUnavailable: WGL: The driver does not appear to support OpenGL",
			"2026/05/01 09:00:00   At: C:/go/pkg/mod/fyne.io/fyne/v2@v2.7.1/internal/driver/glfw/driver.go:147",
		}, 1},
		{"wgl version 1.1", []string{
			"Fyne error:  window creation error",
			"  Cause: VersionUnavailable: WGL: Driver does not support OpenGL version 2.1",
		}, 1},
		{"glx missing", []string{
			"2026/05/01 09:00:00 Lifecycle: Started",
			"2026/05/01 09:00:00 Fyne error:  window creation error",
			"2026/05/01 09:00:00   Cause: APIUnavailable: GLX: GLX extension not found",
		}, 2},
		{"glfw init", []string{
			"Fyne error:  failed to initialise GLFW",
			"  Cause: PlatformError: X11: The DISPLAY environment variable is missing",
		}, 1},
		{"gl init", []string{
			"Fyne error:  failed to initialise OpenGL",
			"  Cause: glBindTexture",
		}, 1},
		{"reason without cause fires on the next line", []string{
			"Fyne error:  window creation error",
			"  At: driver.go:147",
		}, 1},
		{"swallowed platform error", []string{
			"2026/05/01 09:00:00 PlatformError: WGL: Failed to load opengl32.dll: 找不到指定的模块。",
		}, 0},
		{"dummy context", []string{"PlatformError: WGL: Failed to create dummy context: 像素格式无效。"}, 0},
		// Platform errors of window/context creation that GLFW 3.3 (glx_context.c, egl_context.c,
		// x11_window.c, wgl_context.c, win32_window.c, context.c) reports and go-gl/glfw swallows:
		// the window is never made and the program waits with nothing on the screen.
		{"glx entry points", []string{"2026/12/02 02:20:58 PlatformError: GLX: Failed to load required entry points"}, 0},
		{"glx window", []string{"PlatformError: GLX: Failed to create window"}, 0},
		{"glx visual", []string{"PlatformError: GLX: Failed to retrieve Visual for GLXFBConfig"}, 0},
		{"x11 window", []string{"PlatformError: X11: Failed to create window: BadMatch (invalid parameter attributes)"}, 0},
		{"egl entry points", []string{"PlatformError: EGL: Failed to load required entry points"}, 0},
		{"egl surface", []string{"PlatformError: EGL: Failed to create window surface: EGL_BAD_MATCH"}, 0},
		{"egl visual", []string{"PlatformError: EGL: Failed to retrieve Visual for EGLConfig"}, 0},
		{"wgl dc", []string{"PlatformError: WGL: Failed to retrieve DC for window"}, 0},
		{"wgl describe", []string{"PlatformError: WGL: Failed to describe pixel format: 参数错误。"}, 0},
		{"wgl attributes", []string{"PlatformError: WGL: Failed to retrieve pixel format attributes"}, 0},
		{"win32 window", []string{"PlatformError: Win32: Failed to create window: 拒绝访问。"}, 0},
		{"win32 class", []string{"PlatformError: Win32: Failed to register window class"}, 0},
		{"broken version string", []string{"PlatformError: OpenGL version string retrieval is broken"}, 0},
		{"no version", []string{"PlatformError: No version found in OpenGL version string"}, 0},
		{"broken entry point", []string{"PlatformError: Entry point retrieval is broken"}, 0},
		{"other fyne errors are not fatal", []string{
			"Fyne error:  Error parsing user locale C",
			"  Cause: language: tag is not well-formed",
			"  At: /root/go/pkg/mod/fyne.io/fyne/v2@v2.7.1/lang/locale.go:35",
			"Fyne error:  Failed to open clipboard",
			"  Cause: PlatformError: WGL: Failed to make context current",
		}, -1},
		{"a context switch failing later is not fatal", []string{
			"PlatformError: WGL: Failed to make context current: 句柄无效。",
			"PlatformError: WGL: Failed to clear current context",
			"PlatformError: GLX: Failed to make context current",
			"PlatformError: EGL: Failed to make context current: EGL_BAD_ACCESS",
		}, -1},
		{"clipboard and cursor errors are not fatal", []string{
			"PlatformError: X11: Failed to become owner of clipboard selection",
			"PlatformError: Win32: Failed to open clipboard: 拒绝访问。",
			"PlatformError: X11: Failed to create standard cursor",
			"PlatformError: Win32: Failed to create icon",
		}, -1},
		{"reason text outside a Fyne error", []string{
			"用户输入：window creation error",
			"  Cause: x",
		}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d Detector
			got := -1
			for i, l := range tt.lines {
				if d.Line(l) && got < 0 {
					got = i
				}
			}
			if got != tt.fire {
				t.Errorf("fired at line %d, want %d", got, tt.fire)
			}
		})
	}
}

func TestIsGraphics(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"FormatUnavailable: WGL: Failed to find a suitable pixel format", true},
		{"NotInitialized: The GLFW library is not initialized", true},
		{"failed to link OpenGL program:\nerror", true},
		{"FormatUnavailable: GLX: Failed to find a suitable GLXFBConfig", true},
		{"VersionUnavailable: Requested OpenGL version 2.1, got version 1.4", true},
		{"APIUnavailable: EGL: Library not found", true},
		{"NoCurrentContext: There is no current context", true},
		{"runtime error: index out of range [3] with length 3", false},
		{"assignment to entry in nil map", false},
	}
	for _, tt := range tests {
		if got := IsGraphics(tt.text); got != tt.want {
			t.Errorf("IsGraphics(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestCause(t *testing.T) {
	tests := []struct{ line, want string }{
		{"2026/05/01 09:00:00   Cause: APIUnavailable: WGL: The driver does not appear to support OpenGL", "APIUnavailable: WGL: The driver does not appear to support OpenGL"},
		{"2026/05/01 09:00:00 PlatformError: WGL: Failed to load opengl32.dll: 找不到指定的模块。", "PlatformError: WGL: Failed to load opengl32.dll: 找不到指定的模块。"},
		{"WGL: Failed to create dummy context", "WGL: Failed to create dummy context"},
		{"  At: driver.go:147 ", "At: driver.go:147"},
	}
	for _, tt := range tests {
		if got := Cause(tt.line); got != tt.want {
			t.Errorf("Cause(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

// A panic raised inside the OpenGL set-up code is an OpenGL failure whatever its text (a nil
// window after a swallowed GLFW error, a GL function missing); one raised in our code while
// GLFW merely called it (a key callback) is not.
func TestPanickedInGraphics(t *testing.T) {
	const head = "goroutine 1 [running, locked to thread]:\nruntime/debug.Stack()\n\t/usr/local/go/src/runtime/debug/stack.go:26 +0x5e\n" +
		"sanxiang/cmd/sanxiang/internal/crashlog.(*Guard).Panicked(0x1, {0x2, 0x3})\n\t/w/guard.go:107 +0x5d\n" +
		"main.(*guard).recoverPanic(0x1)\n\t/w/guard.go:84 +0x188\n" +
		"panic({0x10a47a0?, 0xe36fb8ce210?})\n\t/usr/local/go/src/runtime/panic.go:860 +0x13a\n"
	tests := []struct {
		name  string
		stack string
		want  bool
	}{
		{"go-gl/glfw", head + "github.com/go-gl/glfw/v3.3/glfw.acceptError({0xe36fbc25b90, 0x2, 0x0?})\n\t/r/error.go:181 +0x20d\n" +
			"github.com/go-gl/glfw/v3.3/glfw.CreateWindow(0x500, 0x2bc, {0x1224950?, 0x0?}, 0x0, 0x0)\n\t/r/window.go:349 +0x1f6\n", true},
		{"nil window in fyne's window creation", head + "runtime.panicmem(...)\n\t/usr/local/go/src/runtime/panic.go:262\nruntime.sigpanic()\n\t/usr/local/go/src/runtime/signal_unix.go:925 +0x359\n" +
			"fyne.io/fyne/v2/internal/driver/glfw.(*window).create.func1()\n\t/r/window_desktop.go:770 +0x20\n", true},
		{"go-gl/gl", head + "github.com/go-gl/gl/v2.1/gl.Init()\n\t/r/package.go:1 +0x1\n", true},
		{"fyne painter", head + "fyne.io/fyne/v2/internal/painter/gl.(*painter).Init(0x1)\n\t/r/gl_core.go:1 +0x1\n", true},
		{"our callback under glfw", head + "sanxiang/app.(*UI).typed(0x1)\n\t/w/app/keys.go:10 +0x1\n" +
			"fyne.io/fyne/v2/internal/driver/glfw.(*window).processKeyPressed(0x1)\n\t/r/window.go:1 +0x1\n" +
			"github.com/go-gl/glfw/v3.3/glfw.goKeyCB(0x1)\n\t/r/input.go:1 +0x1\n", false},
		{"no panic frame", "goroutine 1 [running]:\nmain.main()\n\t/w/main.go:1 +0x1\n", false},
	}
	for _, tt := range tests {
		if got := PanickedInGraphics(tt.stack); got != tt.want {
			t.Errorf("%s: PanickedInGraphics = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// The detector keeps the last GLFW error it saw, so that a later panic ("NotInitialized") can
// name the real cause ("X11: The DISPLAY environment variable is missing").
func TestDetectorLastGLFWError(t *testing.T) {
	var d Detector
	for _, l := range []string{
		"2026/12/02 02:20:44 —— 启动 ——",
		"2026/12/02 02:20:44 PlatformError: X11: The DISPLAY environment variable is missing",
		"2026/12/02 02:20:44 Lifecycle: Started",
	} {
		d.Line(l)
	}
	if got := d.LastGLFWError(); got != "PlatformError: X11: The DISPLAY environment variable is missing" {
		t.Errorf("LastGLFWError = %q", got)
	}
}
