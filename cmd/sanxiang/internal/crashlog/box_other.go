//go:build !windows

package crashlog

import (
	"fmt"
	"os"
)

// ShowError prints the message to standard error: outside Windows the program is started
// from a terminal or a desktop that keeps its output.
func ShowError(title, text string) {
	fmt.Fprintf(os.Stderr, "\n%s\n\n%s\n\n", title, text)
}
