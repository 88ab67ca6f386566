// Package staging names and guards the temporary folders in which packages are built and
// imported (~报送包生成中-*): the builder or importer holds a lock on its folder while it works,
// so that the clean-up at the next start (storage) removes only folders whose writer is gone —
// killed, crashed, or its stick pulled — and never one that another process is still filling.
package staging

import (
	"os"
	"strings"
)

// Prefix starts the name of every temporary package folder or zip; a leftover one is always
// safe to delete.
const Prefix = "~报送包生成中-"

// Marker is a file an importer puts into the evidence folder it publishes and the database
// removes once the import is stored (storage.Import): a folder still holding it after its
// importer is gone was published but never stored — the importer was killed in between — and is
// deleted at the next open.
const Marker = ".导入未完成"

// IsStaging reports whether name (a base name) is a temporary package folder or file.
func IsStaging(name string) bool { return strings.HasPrefix(name, Prefix) }

// Lock marks dir as in use until release is called (or the process dies).
func Lock(dir string) (release func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { unlockFile(f); f.Close() }, nil
}

// InUse reports whether a live process holds dir's lock (or, where locks on folders are not
// available, whether dir was written to recently).
func InUse(dir string) bool {
	f, err := os.Open(dir)
	if err != nil {
		return false
	}
	defer f.Close()
	return inUse(f)
}
