package main

import (
	"fmt"
	"io"
)

// importPackage is replaced by the package helper's implementation in cmd_package.go
// (delete this file when that lands).
func importPackage(path, dbPath string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "错误：本版本尚不能导入报送包：", path)
	return 1
}
