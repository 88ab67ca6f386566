package evidencefile

import (
	"bytes"
	"strconv"
	"strings"
)

// parseMountInfo lists the mount points of a Linux /proc/self/mountinfo (the fifth field of
// each line, with the kernel's octal escapes such as \040 for a space undone); lines that do
// not look like mountinfo lines are skipped.
func parseMountInfo(data []byte) []string {
	var out []string
	for _, line := range bytes.Split(data, []byte("\n")) {
		f := strings.Fields(string(line))
		if len(f) < 5 || !strings.HasPrefix(f[4], "/") {
			continue
		}
		out = append(out, unescapeMount(f[4]))
	}
	return out
}

// unescapeMount undoes mountinfo's \ooo escapes (space, tab, newline, backslash).
func unescapeMount(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// mountOf is the longest of mounts that holds the absolute slash path p ("" when none does):
// the file system a stat of p waits for.
func mountOf(p string, mounts []string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") {
		return ""
	}
	best := ""
	for _, m := range mounts {
		under := p == m || m == "/" || strings.HasPrefix(p, strings.TrimSuffix(m, "/")+"/")
		if under && len(m) > len(best) {
			best = m
		}
	}
	return best
}
