//go:build !windows

package app

// attachIME does nothing outside Windows: on Linux the input method (fcitx, ibus) places its
// boxes itself, and nothing there changes.
func (u *UI) attachIME() {}
