//go:build windows

package shellopen

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	shell32                       = windows.NewLazySystemDLL("shell32.dll")
	procShellExecuteW             = shell32.NewProc("ShellExecuteW")
	procILCreateFromPathW         = shell32.NewProc("ILCreateFromPathW")
	procILFree                    = shell32.NewProc("ILFree")
	procSHOpenFolderAndSelectItem = shell32.NewProc("SHOpenFolderAndSelectItems")
)

// withCOM runs f on a locked thread with COM initialised, as ShellExecuteW's documentation
// asks (some handlers are COM objects).
func withCOM(f func() error) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := windows.CoInitializeEx(0, windows.COINIT_APARTMENTTHREADED|0x4 /* COINIT_DISABLE_OLE1DDE */); err == nil {
		defer windows.CoUninitialize()
	}
	return f()
}

// shellExecute calls ShellExecuteW(NULL, NULL, file, NULL, dir, SW_SHOWNORMAL) and returns its
// result: above 32 is success, else one of the SE_ERR_/ERROR_ codes.
func shellExecute(file, dir string) (uintptr, error) {
	f, err := windows.UTF16PtrFromString(file)
	if err != nil {
		return 0, err
	}
	d, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return 0, err
	}
	r, _, _ := procShellExecuteW.Call(0, 0, uintptr(unsafe.Pointer(f)), 0, uintptr(unsafe.Pointer(d)), windows.SW_SHOWNORMAL)
	return r, nil
}

func open(path string) error {
	return withCOM(func() error {
		r, err := shellExecute(path, filepath.Dir(path))
		if err != nil {
			return &Error{Path: path, Reason: "路径无效", Err: err}
		}
		if r > 32 {
			return nil
		}
		return &Error{Path: path, Reason: reason(r, path), Err: fmt.Errorf("ShellExecuteW returned %d", r)}
	})
}

// reason explains a ShellExecuteW failure code in Chinese.
func reason(code uintptr, path string) string {
	switch code {
	case 2, 3: // ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND
		return "文件已不存在（可能已被移动、删除，或U盘已拔出）"
	case 5: // SE_ERR_ACCESSDENIED
		return "没有权限打开该文件"
	case 26: // SE_ERR_SHARE
		return "文件正被其他程序占用"
	case 31, 27: // SE_ERR_NOASSOC, SE_ERR_ASSOCINCOMPLETE
		return noProgram(path)
	case 28, 29, 30: // DDE time-out, failure, busy
		return "关联的程序没有响应，请稍后再试"
	case 0, 8: // out of memory or resources
		return "系统资源不足，请关闭一些程序后再试"
	case 32: // SE_ERR_DLLNOTFOUND
		return "打开该文件需要的系统组件缺失"
	}
	return fmt.Sprintf("系统无法打开该文件（错误代码 %d）", code)
}

func reveal(path string) error {
	st, err := os.Stat(path)
	if err == nil && st.IsDir() {
		return open(path)
	}
	return withCOM(func() error {
		p, err := windows.UTF16PtrFromString(path)
		if err != nil {
			return &Error{Path: path, Reason: "路径无效", Err: err}
		}
		pidl, _, _ := procILCreateFromPathW.Call(uintptr(unsafe.Pointer(p)))
		if pidl != 0 {
			defer procILFree.Call(pidl)
			hr, _, _ := procSHOpenFolderAndSelectItem.Call(pidl, 0, 0, 0)
			if hr == 0 { // S_OK
				return nil
			}
		}
		// no Explorer selection (another shell): open the folder itself
		dir := filepath.Dir(path)
		r, _ := shellExecute(dir, dir)
		if r > 32 {
			return nil
		}
		return &Error{Path: dir, Reason: reason(r, dir), Err: fmt.Errorf("ShellExecuteW returned %d", r)}
	})
}
