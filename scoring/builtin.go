package scoring

import (
	"fmt"

	"sanxiang/assets"
)

// BuiltinID is the id of the catalog compiled into the program.
const BuiltinID = "shaanxi-2020"

// builtinV1Hash is the SHA-256 of the earlier built-in file with the same criteria and points: the
// format-version-1 file without "materials" that assessments created before version 2 name.
const builtinV1Hash = "0fc61522d46ebcade6a9248d787e5ca5c3d328013f463c989ecab0ce3ded5275"

// Builtin parses the embedded 陕西省 catalog; it cannot fail in a released binary because
// the tests parse the same bytes, but a damaged build still gets an error, not a panic.
func Builtin() (*Catalog, error) {
	c, err := ParseCatalog(assets.BuiltinCatalogJSON)
	if err != nil {
		return nil, fmt.Errorf("内置指标体系损坏：%w", err)
	}
	c.FormerHashes = []string{builtinV1Hash}
	return c, nil
}
