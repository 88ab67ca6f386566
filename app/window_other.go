//go:build !windows

package app

// screenOf is unknown outside Windows: the window opens at the remembered or default size.
func screenOf(hwnd uintptr, scale float32) screen { return screen{} }

func maximiseWindow(hwnd uintptr) {}

func isMaximised(hwnd uintptr) bool { return false }

// bringToFront is not available outside Windows: the second start explains instead.
func bringToFront(title string) bool { return false }
