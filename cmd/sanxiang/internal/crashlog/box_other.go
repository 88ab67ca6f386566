//go:build !windows

package crashlog

import (
	"fmt"
	"os"
	"os/exec"
)

// NoDialogEnv set to any value leaves the desktop dialog out (automatic tests, which read
// standard error instead and must not wait for someone to click).
const NoDialogEnv = "SANXIANG_NO_DIALOG"

// ShowError prints the message to standard error and, on a graphical desktop, also shows it in
// the desktop's own dialog and waits until the user closes it: a program started from the menu
// has no terminal, and without the dialog its user would see nothing at all. The dialog is
// zenity's (GTK: GNOME, 统信 UOS, 麒麟 UKUI) or else kdialog's (KDE); neither needs OpenGL. With
// neither installed, or no display, standard error is all there is.
func ShowError(title, text string) {
	fmt.Fprintf(os.Stderr, "\n%s\n\n%s\n\n", title, text)
	if os.Getenv(NoDialogEnv) != "" || os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return
	}
	for _, c := range dialogCommands(title, text) {
		path, err := exec.LookPath(c[0])
		if err != nil {
			continue
		}
		cmd := exec.Command(path, c[1:]...)
		cmd.Stdout, cmd.Stderr = nil, nil
		if err := cmd.Run(); err == nil {
			return
		} else if _, exited := err.(*exec.ExitError); exited && cmd.ProcessState.ExitCode() == 1 {
			return // zenity/kdialog: closed with the window's close button
		}
	}
}

// dialogCommands are the dialog programs ShowError tries, in order, with their arguments: the
// text as plain text (zenity would read "<" and "&" in a path as markup).
func dialogCommands(title, text string) [][]string {
	return [][]string{
		{"zenity", "--error", "--no-markup", "--width=560", "--title=" + title, "--text=" + text},
		{"kdialog", "--title", title, "--error", text},
	}
}
