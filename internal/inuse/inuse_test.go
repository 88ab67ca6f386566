package inuse

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestErrorText(t *testing.T) {
	var err error = &Error{Path: `E:\导出\评分表.pdf`}
	if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), `E:\导出\评分表.pdf`) || strings.Contains(err.Error(), "in use") {
		t.Errorf("%v", err)
	}
	if err := Check(filepath.Join(os.TempDir(), "sanxiang-没有这个文件.pdf")); err != nil {
		t.Errorf("missing file: %v", err)
	}
}
