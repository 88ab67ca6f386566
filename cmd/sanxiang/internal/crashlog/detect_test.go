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
