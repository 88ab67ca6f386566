//go:build windows

package app

import (
	"fmt"
	"unsafe"

	"fyne.io/fyne/v2"
	"golang.org/x/sys/windows"
)

var (
	user32                  = windows.NewLazySystemDLL("user32.dll")
	procMonitorFromWindow   = user32.NewProc("MonitorFromWindow")
	procGetMonitorInfoW     = user32.NewProc("GetMonitorInfoW")
	procShowWindow          = user32.NewProc("ShowWindow")
	procIsZoomed            = user32.NewProc("IsZoomed")
	procIsIconic            = user32.NewProc("IsIconic")
	procFindWindowW         = user32.NewProc("FindWindowW")
	procSetForegroundWindow = user32.NewProc("SetForegroundWindow")
)

type monitorInfo struct {
	size          uint32
	monitor, work windows.Rect
	flags         uint32
}

// screenOf is the monitor the window is on (MonitorFromWindow, the nearest one when it is off
// every screen), its work area converted to Fyne's logical pixels with the window's scale.
func screenOf(hwnd uintptr, scale float32) screen {
	if hwnd == 0 || scale <= 0 {
		return screen{}
	}
	const monitorDefaultToNearest = 2
	mon, _, _ := procMonitorFromWindow.Call(hwnd, monitorDefaultToNearest)
	if mon == 0 {
		return screen{}
	}
	mi := monitorInfo{size: uint32(unsafe.Sizeof(monitorInfo{}))}
	if ok, _, _ := procGetMonitorInfoW.Call(mon, uintptr(unsafe.Pointer(&mi))); ok == 0 {
		return screen{}
	}
	w, h := mi.work.Right-mi.work.Left, mi.work.Bottom-mi.work.Top
	return screen{
		work: fyne.NewSize(float32(w)/scale, float32(h)/scale),
		key:  fmt.Sprintf("%dx%d", mi.monitor.Right-mi.monitor.Left, mi.monitor.Bottom-mi.monitor.Top),
	}
}

// maximiseWindow maximises the window on its monitor (SW_MAXIMIZE).
func maximiseWindow(hwnd uintptr) {
	if hwnd != 0 {
		procShowWindow.Call(hwnd, windows.SW_MAXIMIZE)
	}
}

// isMaximised reports whether the window is maximised.
func isMaximised(hwnd uintptr) bool {
	if hwnd == 0 {
		return false
	}
	r, _, _ := procIsZoomed.Call(hwnd)
	return r != 0
}

// bringToFront finds the running program's main window by its title and brings it to the
// front (restored if minimised); false when there is none (e.g. the lock is held by the
// command-line tool or another user's session).
func bringToFront(title string) bool {
	t, err := windows.UTF16PtrFromString(title)
	if err != nil {
		return false
	}
	hwnd, _, _ := procFindWindowW.Call(0, uintptr(unsafe.Pointer(t)))
	if hwnd == 0 {
		return false
	}
	if r, _, _ := procIsIconic.Call(hwnd); r != 0 {
		procShowWindow.Call(hwnd, windows.SW_RESTORE)
	}
	procSetForegroundWindow.Call(hwnd)
	return true
}
