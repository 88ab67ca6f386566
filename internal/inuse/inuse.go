// Package inuse tells, before a set of files is replaced, whether one of them is held open by
// another program that would refuse the replacement (on Windows a PDF reader or Excel keeps
// 评分表.pdf or 自评表.xlsx open without delete sharing). Checking all of them first keeps an
// export from replacing some files of a set and then failing on the next.
package inuse

import (
	"errors"
	"fmt"
)

// ErrInUse matches (errors.Is) every Error.
var ErrInUse = errors.New("文件正被其他程序使用")

// Error names the file another program holds; its text is for the user.
type Error struct{ Path string }

func (e *Error) Error() string {
	return fmt.Sprintf("“%s”正被其他程序打开（例如 PDF 阅读器、Excel 或 WPS），请先关闭它再试", e.Path)
}

// Is makes errors.Is(err, ErrInUse) true.
func (e *Error) Is(target error) bool { return target == ErrInUse }

// Check returns an *Error naming path when another program holds it so that it cannot be
// replaced; nil when it can be, or does not exist. Outside Windows files are never held.
func Check(path string) error {
	if held(path) {
		return &Error{Path: path}
	}
	return nil
}
