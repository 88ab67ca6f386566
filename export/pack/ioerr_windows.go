package pack

import (
	"errors"
	"syscall"
)

func errno(err error) (syscall.Errno, bool) {
	var e syscall.Errno
	ok := errors.As(err, &e)
	return e, ok
}

// isNotEmpty is MoveFileEx's refusal to replace an existing folder (ERROR_ALREADY_EXISTS 183,
// ERROR_DIR_NOT_EMPTY 145, or access denied 5 for a folder in use).
func isNotEmpty(err error) bool {
	e, ok := errno(err)
	return ok && (e == 183 || e == 145)
}
