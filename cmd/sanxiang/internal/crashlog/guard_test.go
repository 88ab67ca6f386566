package crashlog

import (
	"bytes"
	"log"
	"os"
	"strings"
	"testing"
)

// The guard is the log package's output: Fyne's report of a window it cannot create reaches
// the file and the echo, and OnGraphics fires once, after the cause is in the file.
func TestGuardFiresOnFyneWindowError(t *testing.T) {
	dir := t.TempDir()
	var echo bytes.Buffer
	g, err := Start(dir, &echo)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	var fired []string
	var fileAtFire string
	g.OnGraphics = func(detail string) {
		fired = append(fired, detail)
		b, _ := os.ReadFile(g.Path())
		fileAtFire = string(b)
	}
	log.Println("Lifecycle: Started")
	log.Println("Fyne error: ", "window creation error") // as fyne.LogError writes it
	log.Println("  Cause:", "APIUnavailable: WGL: The driver does not appear to support OpenGL")
	log.Printf("  At: %s:%d", "driver.go", 147)
	log.Println("Fyne error: ", "window creation error")
	log.Println("  Cause:", "again")
	if len(fired) != 1 {
		t.Fatalf("fired %d times: %q", len(fired), fired)
	}
	if fired[0] != "APIUnavailable: WGL: The driver does not appear to support OpenGL" {
		t.Errorf("detail = %q", fired[0])
	}
	if !strings.Contains(fileAtFire, "Cause: APIUnavailable: WGL") {
		t.Errorf("the cause was not in the log when it fired:\n%s", fileAtFire)
	}
	if !strings.Contains(echo.String(), "Lifecycle: Started") {
		t.Errorf("echo = %q", echo.String())
	}
}

func TestGuardPanickedWritesStack(t *testing.T) {
	g, err := Start(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	fired := false
	g.OnGraphics = func(string) { fired = true }
	func() {
		defer func() {
			if g.Panicked(recover()) {
				t.Error("an index error taken for an OpenGL failure")
			}
		}()
		var s []int
		_ = s[3]
	}()
	b, _ := os.ReadFile(g.Path())
	if !strings.Contains(string(b), "panic: runtime error: index out of range") || !strings.Contains(string(b), "TestGuardPanickedWritesStack") {
		t.Errorf("log lacks the panic and its stack:\n%s", b)
	}
	if fired {
		t.Error("a panic's stack fired OnGraphics")
	}
}
