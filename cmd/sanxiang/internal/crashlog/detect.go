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

// creationErrors are GLFW platform errors that only occur while a window's OpenGL context is
// being created. go-gl/glfw logs platform errors and then swallows them, so Fyne sees no error,
// gets no window and waits forever: the log line is the only sign.
var creationErrors = []string{
	"WGL: Failed to load opengl32.dll",
	"WGL: Failed to set pixel format for dummy context",
	"WGL: Failed to create dummy context",
	"WGL: Failed to make dummy context current",
	"WGL: Failed to retrieve PFD for selected pixel format",
	"WGL: Failed to set selected pixel format",
}

// graphicsMarks identify a panic that comes from the OpenGL set-up (go-gl/glfw panics on GLFW
// errors it does not expect, e.g. "FormatUnavailable: WGL: Failed to find a suitable pixel
// format"; Fyne's painter panics when its shaders do not compile).
var graphicsMarks = []string{"WGL:", "GLX:", "EGL:", "OpenGL", "opengl32", "GLFW", "NotInitialized:"}

// Detector recognises, line by line, the log output with which Fyne or GLFW gives up drawing.
// Not safe for concurrent use.
type Detector struct {
	armed bool // a fatal reason was seen; its Cause line is expected next
}

// Line reports whether line (one log line) completes a report that the program cannot show
// its window. A fatal reason arms it and the following line (its Cause) fires, so that the
// cause is in the log before the program ends.
func (d *Detector) Line(line string) bool {
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
