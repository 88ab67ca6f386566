package app

import (
	"bufio"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"sanxiang/internal/atomicfile"
)

// FirstFrameEnv, set to a file name, makes the program write when its window's first frame
// with content was painted (Unix nanoseconds) and the process's memory then, and quit:
// scripts/bench-gui.sh measures the start-up with it. Unset in normal use.
const FirstFrameEnv = "SANXIANG_FIRST_FRAME"

// ProfileEnv, set to a folder together with FirstFrameEnv, also writes a CPU profile of the
// start-up (cpu.pprof) and a heap profile at the first frame (heap.pprof) there.
const ProfileEnv = "SANXIANG_PROFILE"

// startProfile starts the start-up CPU profile when ProfileEnv asks for it; stop ends it.
func startProfile() (stop func()) {
	dir := os.Getenv(ProfileEnv)
	if dir == "" || os.Getenv(FirstFrameEnv) == "" {
		return func() {}
	}
	f, err := os.Create(filepath.Join(dir, "cpu.pprof"))
	if err != nil {
		fyne.LogError("性能分析", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		fyne.LogError("性能分析", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
		if h, err := os.Create(filepath.Join(dir, "heap.pprof")); err == nil {
			pprof.Lookup("heap").WriteTo(h, 0)
			h.Close()
		}
	}
}

// ReportFirstFrame does what FirstFrameEnv describes for w; call it before w.Show. A transparent
// raster in the canvas' overlays is painted after the content, so it is painted once every text
// of the first frame has been; it leaves the content itself untouched.
func ReportFirstFrame(fa fyne.App, w fyne.Window, path string, stop func()) {
	painted := false
	var mark *canvas.Raster
	mark = canvas.NewRaster(func(int, int) image.Image {
		if !painted { // the painter runs on the UI thread
			painted = true
			at := time.Now()
			go func() {
				stop()
				rss, peak := memory()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				line := fmt.Sprintf("painted_ns=%d rss_kb=%d peak_kb=%d cpu_ms=%d go_heap_kb=%d go_sys_kb=%d\n",
					at.UnixNano(), rss, peak, cpuTime(), ms.HeapInuse/1024, ms.Sys/1024)
				if err := atomicfile.WriteFile(path, []byte(line)); err != nil {
					fyne.LogError("记录首帧时间失败", err)
				}
				fyne.Do(func() {
					w.Canvas().Overlays().Remove(mark)
					fa.Quit()
				})
			}()
		}
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	})
	w.Canvas().Overlays().Add(mark)
}

// memory is the process's resident set and its peak in KiB (Linux; zero elsewhere).
func memory() (rss, peak int) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		k, v, ok := strings.Cut(s.Text(), ":")
		if !ok {
			continue
		}
		var n int
		fmt.Sscanf(strings.TrimSpace(v), "%d", &n)
		switch k {
		case "VmRSS":
			rss = n
		case "VmHWM":
			peak = n
		}
	}
	return rss, peak
}

// cpuTime is the processor time the process has used so far in milliseconds (user and system,
// from /proc/self/stat in clock ticks of 10 ms; zero outside Linux): unlike wall time it hardly
// changes when other programs load the machine.
func cpuTime() int {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	_, rest, ok := strings.Cut(string(b), ") ") // the command name may contain spaces
	if !ok {
		return 0
	}
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0
	}
	var user, sys int
	fmt.Sscanf(f[11], "%d", &user)
	fmt.Sscanf(f[12], "%d", &sys)
	return (user + sys) * 10
}
