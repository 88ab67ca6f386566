// Package firstframe records how fast the desktop program shows its first screen, for
// scripts/bench-gui.sh: when the first frame was painted, the processor time used until then,
// and the memory. The program sets it off only when Env is set; app paints the mark.
package firstframe

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"sanxiang/internal/atomicfile"
)

// Env, set to a file name, makes the program write one line about its first painted frame
// there (Write) and quit. Unset in normal use.
const Env = "SANXIANG_FIRST_FRAME"

// ProfileEnv, set to a folder together with Env, also writes a CPU profile of the start-up
// (cpu.pprof) and a heap profile at the first frame (heap.pprof) there.
const ProfileEnv = "SANXIANG_PROFILE"

// StartProfile starts the start-up CPU profile when ProfileEnv and Env ask for it; the
// returned stop ends it and writes the heap profile.
func StartProfile() (stop func(), err error) {
	dir := os.Getenv(ProfileEnv)
	if dir == "" || os.Getenv(Env) == "" {
		return func() {}, nil
	}
	f, err := os.Create(filepath.Join(dir, "cpu.pprof"))
	if err != nil {
		return func() {}, fmt.Errorf("无法写入性能分析文件：%w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return func() {}, fmt.Errorf("无法开始性能分析：%w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
		if h, err := os.Create(filepath.Join(dir, "heap.pprof")); err == nil {
			runtime.GC() // the profile shows the heap as of the last collection: make that now
			pprof.Lookup("heap").WriteTo(h, 0)
			h.Close()
		}
	}, nil
}

// Write records a first frame painted at `at` in path: one line of key=value pairs —
// painted_ns (Unix nanoseconds), rss_kb and peak_kb (resident memory now and at most),
// cpu_ms (user+system time so far: unlike wall time it hardly changes when other programs load
// the machine), go_heap_kb and go_sys_kb (the Go runtime's share). Memory and processor time
// come from /proc and are zero outside Linux.
func Write(path string, at time.Time) error {
	rss, peak := memory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	line := fmt.Sprintf("painted_ns=%d rss_kb=%d peak_kb=%d cpu_ms=%d go_heap_kb=%d go_sys_kb=%d\n",
		at.UnixNano(), rss, peak, cpuTime(), ms.HeapInuse/1024, ms.Sys/1024)
	return atomicfile.WriteFile(path, []byte(line))
}

// memory is the process's resident set and its peak in KiB.
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

// cpuTime is the processor time used so far in milliseconds (/proc/self/stat counts ticks of
// 10 ms).
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
