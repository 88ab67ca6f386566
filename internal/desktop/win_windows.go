//go:build windows

package desktop

import (
	"fmt"
	"unsafe"

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

// Monitor is the monitor the window hwnd is on (MonitorFromWindow, the nearest one when it is
// off every screen): its work area (without the taskbar) in physical pixels and a key that
// tells monitors apart ("1920x1080"); ok is false when unknown.
func Monitor(hwnd uintptr) (workW, workH int, key string, ok bool) {
	if hwnd == 0 {
		return 0, 0, "", false
	}
	const monitorDefaultToNearest = 2
	mon, _, _ := procMonitorFromWindow.Call(hwnd, monitorDefaultToNearest)
	if mon == 0 {
		return 0, 0, "", false
	}
	mi := monitorInfo{size: uint32(unsafe.Sizeof(monitorInfo{}))}
	if r, _, _ := procGetMonitorInfoW.Call(mon, uintptr(unsafe.Pointer(&mi))); r == 0 {
		return 0, 0, "", false
	}
	key = fmt.Sprintf("%dx%d", mi.monitor.Right-mi.monitor.Left, mi.monitor.Bottom-mi.monitor.Top)
	return int(mi.work.Right - mi.work.Left), int(mi.work.Bottom - mi.work.Top), key, true
}

// Maximise maximises the window on its monitor (SW_MAXIMIZE).
func Maximise(hwnd uintptr) {
	if hwnd != 0 {
		procShowWindow.Call(hwnd, windows.SW_MAXIMIZE)
	}
}

// IsMaximised reports whether the window is maximised.
func IsMaximised(hwnd uintptr) bool {
	if hwnd == 0 {
		return false
	}
	r, _, _ := procIsZoomed.Call(hwnd)
	return r != 0
}

// BringToFront finds the running program's main window by its title and brings it to the
// front (restored if minimised); false when there is none (e.g. the lock is held by the
// command-line tool or another user's session).
func BringToFront(title string) bool {
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
