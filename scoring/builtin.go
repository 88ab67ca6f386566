package scoring

import (
	"fmt"

	"sanxiang/assets"
)

// BuiltinID is the id of the catalog compiled into the program.
const BuiltinID = "shaanxi-2020"

// Builtin parses the embedded 陕西省 catalog; it cannot fail in a released binary because
// the tests parse the same bytes, but a damaged build still gets an error, not a panic.
func Builtin() (*Catalog, error) {
	c, err := ParseCatalog(assets.BuiltinCatalogJSON)
	if err != nil {
		return nil, fmt.Errorf("内置指标体系损坏：%w", err)
	}
	return c, nil
}
