//go:build !windows

package pack

import (
	"errors"
	"syscall"
)

// isNotEmpty is rename's refusal to replace a folder that has files in it.
func isNotEmpty(err error) bool {
	return errors.Is(err, syscall.ENOTEMPTY) || errors.Is(err, syscall.EEXIST)
}
