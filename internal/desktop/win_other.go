//go:build !windows

package desktop

// Monitor is unknown outside Windows: the window opens at the remembered or default size.
func Monitor(hwnd uintptr) (workW, workH int, key string, ok bool) { return 0, 0, "", false }

// Maximise does nothing outside Windows.
func Maximise(hwnd uintptr) {}

// IsMaximised is false outside Windows.
func IsMaximised(hwnd uintptr) bool { return false }

// BringToFront is not available outside Windows: the second start explains instead.
func BringToFront(title string) bool { return false }
