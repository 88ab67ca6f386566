//go:build !unix

package app

import "time"

// cpuTime is not measured on this system; benchmarks then report 0 cpu-ns/op.
func cpuTime() time.Duration { return 0 }
