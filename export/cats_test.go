package export

import "sanxiang/scoring"

// testCats is the program's catalog registry as main builds it (the built-in catalog), shared
// by the tests of this package; it is only read.
var testCats = func() *scoring.Set {
	s, err := scoring.BuiltinSet()
	if err != nil {
		panic(err)
	}
	return s
}()
