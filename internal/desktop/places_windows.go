//go:build windows

package desktop

import (
	"fmt"
	"strings"

	"golang.org/x/sys/windows"

	"sanxiang/internal/drives"
)

// KnownFolders are 桌面, 文档 and 下载 where Windows really keeps them (the user or OneDrive
// may have moved them, e.g. to D:\桌面), asked from the shell (SHGetKnownFolderPath).
func KnownFolders(home string) []Place {
	var out []Place
	for _, k := range []struct {
		name string
		id   *windows.KNOWNFOLDERID
	}{{"桌面", windows.FOLDERID_Desktop}, {"文档", windows.FOLDERID_Documents}, {"下载", windows.FOLDERID_Downloads}} {
		if p, err := windows.KnownFolderPath(k.id, windows.KF_FLAG_DEFAULT); err == nil && p != "" {
			out = append(out, Place{Name: k.name, Path: p})
		}
	}
	return out
}

// Drives are the drives with their kind and volume label: "U盘 (E:) KINGSTON",
// "本地磁盘 (C:)", "网络驱动器 (Z:)". A drive without a medium (an empty card reader) is left out.
func Drives() []Place {
	var out []Place
	for _, v := range drives.List() {
		root := v + `\`
		r, err := windows.UTF16PtrFromString(root)
		if err != nil {
			continue
		}
		kind := windows.GetDriveType(r)
		var label [windows.MAX_PATH + 1]uint16
		if err := windows.GetVolumeInformation(r, &label[0], uint32(len(label)), nil, nil, nil, nil, 0); err != nil &&
			kind != windows.DRIVE_REMOTE {
			continue // no disc or card in the drive
		}
		out = append(out, Place{Name: driveName(kind, v, windows.UTF16ToString(label[:])), Path: root})
	}
	return out
}

// driveName is how the picker shows a drive, as Explorer does.
func driveName(kind uint32, vol, label string) string {
	k := "磁盘"
	switch kind {
	case windows.DRIVE_REMOVABLE:
		k = "U盘"
	case windows.DRIVE_FIXED:
		k = "本地磁盘"
	case windows.DRIVE_REMOTE:
		k = "网络驱动器"
	case windows.DRIVE_CDROM:
		k = "光驱"
	}
	return strings.TrimSpace(fmt.Sprintf("%s (%s) %s", k, vol, label))
}
