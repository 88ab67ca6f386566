package pack

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"sanxiang/internal/oserr"
)

// Errors a caller may match with errors.Is; their text is what the user reads.
var (
	// ErrCanceled is returned when the user cancelled; nothing was left behind.
	ErrCanceled = errors.New("已取消，未留下任何文件")
	// ErrExists refuses to overwrite a package that is already at the target (Options.Replace allows it).
	ErrExists = errors.New("目标位置已有同名报送包")
	// ErrNotPackage says the path is neither a package folder nor a package zip.
	ErrNotPackage = errors.New("不是报送包（找不到 " + ManifestName + " 或 " + AssessmentName + "）")
	// ErrUnsafeArchive refuses a zip that could write outside its folder or exhaust the disk.
	ErrUnsafeArchive = errors.New("压缩包不安全，已拒绝打开")
	// ErrVerify says the package differs from its manifest; the Report names the files.
	ErrVerify = errors.New("报送包校验未通过")
)

// writeErr explains a failed write in the words a user at a USB stick needs.
func writeErr(where string, err error) error {
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, ErrCanceled):
		return ErrCanceled
	case oserr.IsDiskFull(err):
		return oserr.Explained(fmt.Sprintf("目标磁盘空间不足，写入 %s 失败；请腾出空间或换用更大的 U 盘后重试", where), err)
	case oserr.IsReadOnly(err):
		return oserr.Explained(fmt.Sprintf("目标磁盘是只读的（U 盘可能打开了写保护开关），无法写入 %s；请关闭写保护或换一个 U 盘", where), err)
	case oserr.IsDeviceGone(err):
		return oserr.Explained(fmt.Sprintf("写入 %s 失败，U 盘或磁盘可能已被拔出或损坏；请重新插好后再试", where), err)
	case errors.Is(err, fs.ErrPermission):
		return oserr.Explained(fmt.Sprintf("没有权限写入 %s（U 盘可能有写保护）", where), err)
	}
	return oserr.Wrap(fmt.Sprintf("写入 %s 失败", where), err)
}

// readErr explains a failed read of a source file.
func readErr(where string, err error) error {
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, ErrCanceled):
		return ErrCanceled
	case damaged(err) && !errors.Is(err, errGrew):
		return oserr.Explained(fmt.Sprintf("%s 已损坏（校验和错误或数据不完整），请重新复制报送包", where), err)
	case errors.Is(err, fs.ErrNotExist):
		return oserr.Explained(fmt.Sprintf("找不到 %s", where), err)
	case oserr.IsDeviceGone(err):
		return oserr.Explained(fmt.Sprintf("读取 %s 失败，U 盘或磁盘可能已被拔出", where), err)
	case errors.Is(err, fs.ErrPermission):
		return oserr.Wrap(fmt.Sprintf("没有权限读取 %s", where), err)
	}
	return oserr.Wrap(fmt.Sprintf("读取 %s 失败", where), err)
}

// syncDir makes renames in dir durable; errors are ignored because Windows cannot sync folders.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}
