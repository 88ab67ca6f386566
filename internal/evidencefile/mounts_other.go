//go:build !linux

package evidencefile

// systemMounts is nil outside Linux: drive letters, shares and the /Volumes folder (VolumeOf)
// tell the drives apart there.
func systemMounts() []string { return nil }
