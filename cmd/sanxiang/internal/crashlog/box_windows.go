package crashlog

import "golang.org/x/sys/windows"

// ShowError shows a native error message box and waits until the user closes it. It is task
// modal: the program's other windows take no input meanwhile.
func ShowError(title, text string) {
	t, err1 := windows.UTF16PtrFromString(text)
	c, err2 := windows.UTF16PtrFromString(title)
	if err1 != nil || err2 != nil {
		return
	}
	const flags = windows.MB_OK | windows.MB_ICONERROR | windows.MB_TASKMODAL | windows.MB_SETFOREGROUND | windows.MB_TOPMOST
	_, _ = windows.MessageBox(0, t, c, flags)
}
