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
