//go:build unix

package app

import (
	"syscall"
	"time"
)

// cpuTime is the process's user+system CPU time, so a benchmark on a shared, loaded machine can
// report the CPU it used besides the wall time it waited.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
