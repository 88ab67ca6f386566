package main

import (
	"runtime"
	"strings"
	"testing"
)

// The OpenGL message names this system's command-line tool and remedy (it said sanxiang-cli.exe
// and opengl32.dll on Linux too).
func TestGraphicsTextFitsTheSystem(t *testing.T) {
	s := graphicsText("GLX: No GLXFBConfigs returned", "/tmp/sanxiang.log")
	windows := runtime.GOOS == "windows"
	if strings.Contains(s, "sanxiang-cli.exe") != windows || strings.Contains(s, "opengl32.dll") != windows {
		t.Errorf("message on %s:\n%s", runtime.GOOS, s)
	}
	if !strings.Contains(s, "GLXFBConfigs") || !strings.Contains(s, "/tmp/sanxiang.log") {
		t.Errorf("technical detail or log path missing:\n%s", s)
	}
}

// A panic after GLFW logged its real cause shows both; the cause is not repeated when the
// panic already says it.
func TestGraphicsDetail(t *testing.T) {
	tests := []struct{ panicText, earlier, want string }{
		{"NotInitialized: The GLFW library is not initialized", "PlatformError: X11: The DISPLAY environment variable is missing",
			"NotInitialized: The GLFW library is not initialized（此前 GLFW 报告：PlatformError: X11: The DISPLAY environment variable is missing）"},
		{"FormatUnavailable: GLX: Failed to find a suitable GLXFBConfig", "", "FormatUnavailable: GLX: Failed to find a suitable GLXFBConfig"},
		{"PlatformError: WGL: Failed to create dummy context", "PlatformError: WGL: Failed to create dummy context", "PlatformError: WGL: Failed to create dummy context"},
	}
	for _, tt := range tests {
		if got := graphicsDetail(tt.panicText, tt.earlier); got != tt.want {
			t.Errorf("graphicsDetail(%q, %q) = %q, want %q", tt.panicText, tt.earlier, got, tt.want)
		}
	}
}
