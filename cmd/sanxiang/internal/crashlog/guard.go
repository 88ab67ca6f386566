package crashlog

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Guard receives all of the program's log output (Go's log package, which Fyne and go-gl/glfw
// use too) and the runtime's report of a fatal crash, writes them to the log file, and calls
// OnGraphics when that output shows that no window can be drawn.
type Guard struct {
	file *File
	echo io.Writer // also gets the output (a terminal); its errors are ignored

	mu      sync.Mutex // serialises Write's line splitting and detection
	partial []byte     // an unfinished line
	det     Detector
	fired   atomic.Bool

	// OnGraphics is called once, on the goroutine that logged it, when the log shows that
	// the program cannot draw its window; detail is the cause (see Cause). Fyne either
	// exits right after or never shows a window, so it should tell the user and end the
	// program. It must not use the log package (its lock is held).
	OnGraphics func(detail string)
}

// Start opens dir/sanxiang.log (falling back to the temporary folder) and makes it the
// destination of the log package and of the runtime's crash report; echo (may be nil) gets
// a copy of the log output.
func Start(dir string, echo io.Writer) (*Guard, error) {
	crash := func(f *os.File) { _ = debug.SetCrashOutput(f, debug.CrashOptions{}) }
	file, err := openFile(filepath.Join(dir, Name), MaxSize, crash)
	if err != nil {
		var err2 error
		if file, err2 = openFile(filepath.Join(os.TempDir(), Name), MaxSize, crash); err2 != nil {
			return nil, err
		}
	}
	g := &Guard{file: file, echo: echo}
	log.SetOutput(g)
	return g, err
}

// Path is the log file's path.
func (g *Guard) Path() string { return g.file.Path() }

// Write takes log output: to the file, to echo, then through the detector.
func (g *Guard) Write(p []byte) (int, error) {
	n, err := g.file.Write(p)
	if g.echo != nil {
		_, _ = g.echo.Write(p)
	}
	if detail, ok := g.detect(p); ok && g.fired.CompareAndSwap(false, true) && g.OnGraphics != nil {
		g.OnGraphics(detail)
	}
	if err != nil {
		// The log package ignores the error; keep the program going without its log.
		return len(p), nil
	}
	return n, nil
}

// detect feeds the complete lines of p to the detector.
func (g *Guard) detect(p []byte) (string, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.partial = append(g.partial, p...)
	for {
		i := bytes.IndexByte(g.partial, '\n')
		if i < 0 {
			return "", false
		}
		line := string(g.partial[:i])
		g.partial = g.partial[i+1:]
		if g.det.Line(line) {
			g.partial = nil
			return Cause(line), true
		}
	}
}

// Note writes a time-stamped line to the log directly (usable where the log package is not).
func (g *Guard) Note(format string, args ...any) {
	line := time.Now().Format("2006/01/02 15:04:05 ") + fmt.Sprintf(format, args...)
	if !strings.HasSuffix(line, "\n") {
		line += "\n"
	}
	_, _ = g.file.Write([]byte(line))
	if g.echo != nil {
		_, _ = g.echo.Write([]byte(line))
	}
}

// Panicked records a recovered panic with the stack of the goroutine that panicked (call it
// from the deferred function that recovered) and reports whether it came from the OpenGL set-up:
// its text names it (IsGraphics) or it was raised in the OpenGL code (PanickedInGraphics).
func (g *Guard) Panicked(value any) (graphics bool) {
	text, stack := fmt.Sprint(value), string(debug.Stack())
	g.Note("panic: %s\n%s", text, stack)
	return IsGraphics(text) || PanickedInGraphics(stack)
}

// LastGLFWError is the last GLFW error the log showed, "" if none (see Detector.LastGLFWError).
func (g *Guard) LastGLFWError() string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.det.LastGLFWError()
}

// Close restores the log package's default output and closes the file.
func (g *Guard) Close() error {
	log.SetOutput(os.Stderr)
	return g.file.Close()
}
