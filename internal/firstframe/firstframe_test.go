package firstframe

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"testing"
	"time"
)

func TestWriteRecordsTimeMemoryAndCPU(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ff")
	at := time.Unix(1700000000, 123456789)
	if err := Write(path, at); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`^painted_ns=1700000000123456789 rss_kb=(\d+) peak_kb=(\d+) cpu_ms=(\d+) go_heap_kb=[1-9]\d* go_sys_kb=[1-9]\d*\n$`)
	m := re.FindStringSubmatch(string(b))
	if m == nil {
		t.Fatalf("line %q does not match %s", b, re)
	}
	if runtime.GOOS == "linux" && (m[1] == "0" || m[2] == "0") {
		t.Errorf("no resident memory read from /proc: %q", b)
	}
}

func TestStartProfileOnlyWhenAsked(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(ProfileEnv, dir)
	t.Setenv(Env, "")
	stop, err := StartProfile()
	if err != nil {
		t.Fatal(err)
	}
	stop()
	if _, err := os.Stat(filepath.Join(dir, "cpu.pprof")); err == nil {
		t.Error("profiled although no first frame was asked for")
	}
	t.Setenv(Env, filepath.Join(dir, "ff"))
	if stop, err = StartProfile(); err != nil {
		t.Fatal(err)
	}
	stop()
	for _, f := range []string{"cpu.pprof", "heap.pprof"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", f, err)
		}
	}
}
