package crashlog

import "strings"

// fatalReasons are what Fyne 2.7's GLFW driver and OpenGL painter log (fyne.LogError: a
// "Fyne error:" line, then "  Cause:", then "  At:") when it cannot draw at all. After
// "window creation error" Fyne calls os.Exit(1) if the event loop is running, and otherwise
// leaves the program running with no window; after the other two it carries on and crashes.
var fatalReasons = []string{
	"window creation error",
	"failed to initialise GLFW",
	"failed to initialise OpenGL",
}

// creationErrors are GLFW 3.3's platform errors that only occur while a window or its OpenGL
// context is being created (every such GLFW_PLATFORM_ERROR of glx_context.c, egl_context.c,
// x11_window.c, wgl_context.c, win32_window.c and context.c). go-gl/glfw logs platform errors
// and then swallows them, so Fyne sees no error, gets no window and waits forever (or crashes
// in C on the missing window): the log line is the only sign. Errors of later context switches,
// the clipboard or cursors are not here: the program carries on after them.
var creationErrors = []string{
	// Windows
	"WGL: Failed to load opengl32.dll",
	"WGL: Failed to set pixel format for dummy context",
	"WGL: Failed to create dummy context",
	"WGL: Failed to make dummy context current",
	"WGL: Failed to retrieve PFD for selected pixel format",
	"WGL: Failed to set selected pixel format",
	"WGL: Failed to retrieve DC for window",
	"WGL: Failed to describe pixel format",
	"WGL: Failed to retrieve pixel format attribute", // and "…attributes"
	"Win32: Failed to create window",
	"Win32: Failed to register window class",
	// Linux (X11 with GLX, or EGL)
	"GLX: Failed to load required entry points",
	"GLX: Failed to create window",
	"GLX: Failed to retrieve Visual for GLXFBConfig",
	"X11: Failed to create window",
	"EGL: Failed to load required entry points",
	"EGL: Failed to create window surface",
	"EGL: Failed to retrieve Visual for EGLConfig",
	// any system: the new context does not answer as OpenGL should
	"Entry point retrieval is broken",
	"OpenGL version string retrieval is broken",
	"No version found in OpenGL version string",
	"OpenGL ES version string retrieval is broken",
	"No version found in OpenGL ES version string",
}

// graphicsMarks identify a panic that comes from the OpenGL set-up (go-gl/glfw panics on GLFW
// errors it does not expect, e.g. "FormatUnavailable: WGL: Failed to find a suitable pixel
// format"; Fyne's painter panics when its shaders do not compile).
var graphicsMarks = []string{
	"WGL:", "GLX:", "EGL:", "OpenGL", "opengl32", "GLFW",
	// go-gl/glfw's error codes (glfw.ErrorCode.String) that begin a panic's text
	"NotInitialized:", "NoCurrentContext:", "NoWindowContext:",
	"APIUnavailable:", "VersionUnavailable:", "FormatUnavailable:", "PlatformError:",
}

// graphicsCode are the packages whose panics are OpenGL set-up failures whatever their text:
// go-gl's GLFW and OpenGL bindings, Fyne's OpenGL painter and its GLFW window creation.
var graphicsCode = []string{
	"github.com/go-gl/",
	"fyne.io/fyne/v2/internal/painter/gl.",
	"fyne.io/fyne/v2/internal/driver/glfw.(*window).create",
	"fyne.io/fyne/v2/internal/driver/glfw.(*gLDriver).initGLFW",
}

// Detector recognises, line by line, the log output with which Fyne or GLFW gives up drawing.
// Not safe for concurrent use.
type Detector struct {
	armed bool   // a fatal reason was seen; its Cause line is expected next
	last  string // the last GLFW error seen (see LastGLFWError)
}

// LastGLFWError is the last GLFW error the log showed (go-gl/glfw logs the platform errors it
// swallows), "" if none: the real cause when GLFW then fails with a vaguer error.
func (d *Detector) LastGLFWError() string { return d.last }

// Line reports whether line (one log line) completes a report that the program cannot show
// its window. A fatal reason arms it and the following line (its Cause) fires, so that the
// cause is in the log before the program ends.
func (d *Detector) Line(line string) bool {
	if i := strings.Index(line, "PlatformError:"); i >= 0 {
		d.last = strings.TrimSpace(line[i:])
	}
	if d.armed {
		d.armed = false
		return true
	}
	if i := strings.Index(line, "Fyne error:"); i >= 0 {
		reason := line[i+len("Fyne error:"):]
		for _, r := range fatalReasons {
			if strings.Contains(reason, r) {
				d.armed = true
				return false
			}
		}
		return false
	}
	for _, e := range creationErrors {
		if strings.Contains(line, e) {
			return true
		}
	}
	return false
}

// Cause is the part of a log line worth showing the user: what follows "Cause:", or the GLFW
// error itself, without the time stamp.
func Cause(line string) string {
	if i := strings.Index(line, "Cause:"); i >= 0 {
		return strings.TrimSpace(line[i+len("Cause:"):])
	}
	for _, e := range creationErrors {
		if i := strings.Index(line, e); i >= 0 {
			if j := strings.LastIndex(line[:i], "PlatformError:"); j >= 0 {
				i = j
			}
			return strings.TrimSpace(line[i:])
		}
	}
	return strings.TrimSpace(line)
}

// IsGraphics reports whether a panic's text names the OpenGL/GLFW set-up as its cause.
func IsGraphics(text string) bool {
	for _, m := range graphicsMarks {
		if strings.Contains(text, m) {
			return true
		}
	}
	return false
}

// PanickedInGraphics reports whether the goroutine stack of a recovered panic (debug.Stack
// called in the deferred function) shows the panic raised in the OpenGL set-up code: the first
// function below "panic(" that is not the runtime's own is in graphicsCode. Our own code that
// GLFW merely called (a key callback) does not count.
func PanickedInGraphics(stack string) bool {
	lines := strings.Split(stack, "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, "panic(") {
			continue
		}
		for _, f := range lines[i+1:] {
			if f == "" || strings.HasPrefix(f, "\t") || strings.HasPrefix(f, "runtime.") {
				continue
			}
			for _, c := range graphicsCode {
				if strings.HasPrefix(f, c) {
					return true
				}
			}
			return false
		}
	}
	return false
}
