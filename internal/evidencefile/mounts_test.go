package evidencefile

import (
	"reflect"
	"testing"
	"time"
)

const sampleMountInfo = `22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
35 22 0:30 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
61 22 8:17 / /media/li/KINGSTON\040U盘 rw,nosuid,nodev,relatime shared:33 - vfat /dev/sdb1 rw
62 22 0:55 / /tmp/i11ev/stick rw,nosuid,nodev,relatime shared:34 - fuse Hang rw
not a mountinfo line

`

func TestParseMountInfo(t *testing.T) {
	got := parseMountInfo([]byte(sampleMountInfo))
	want := []string{"/", "/proc", "/media/li/KINGSTON U盘", "/tmp/i11ev/stick"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseMountInfo = %q, want %q", got, want)
	}
	if got := unescapeMount(`/a\134b\011c\`); got != "/a\\b\tc\\" {
		t.Errorf("unescapeMount = %q", got)
	}
}

func FuzzParseMountInfo(f *testing.F) {
	f.Add([]byte(sampleMountInfo))
	f.Add([]byte(`1 2 3 4 /x\04`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, m := range parseMountInfo(data) {
			if m == "" {
				t.Fatalf("empty mount point from %q", data)
			}
		}
	})
}

func TestMountOf(t *testing.T) {
	mounts := []string{"/", "/proc", "/media/li/KINGSTON U盘", "/tmp/i11ev/stick", "/mnt/nas/"}
	for p, want := range map[string]string{
		"/media/li/KINGSTON U盘/佐证/a.pdf": "/media/li/KINGSTON U盘",
		"/media/li/KINGSTON U盘2/a.pdf":   "/",
		"/tmp/i11ev/stick":               "/tmp/i11ev/stick",
		"/tmp/i11ev/sticky/a.pdf":        "/",
		"/mnt/nas/a.pdf":                 "/mnt/nas/",
		"/home/li/a.pdf":                 "/",
		`E:\a.pdf`:                       "",
		"//server/share/a.pdf":           "",
		"a.pdf":                          "",
	} {
		if got := mountOf(p, mounts); got != want {
			t.Errorf("mountOf(%q) = %q, want %q", p, got, want)
		}
	}
	if got := mountOf("/a.pdf", nil); got != "" {
		t.Errorf("mountOf without mounts = %q", got)
	}
}

// On Linux a hung file system holds up only the files on it: another folder of the root file
// system keeps being checked (the mount points come from Options.Mounts).
func TestCheckerHungMountOnLinux(t *testing.T) {
	r := newRig(t)
	r.c.opt.Mounts = func() []string { return []string{"/", "/tmp/stick"} }
	hung, same, other := "/tmp/stick/台账/a.pdf", "/tmp/stick/b.pdf", "/tmp/real/c.pdf"
	r.disk.hold(hung)
	r.disk.set(other, Present)
	r.c.State(hung)
	r.startedProbe(hung)
	r.fire <- time.Time{}
	r.await(map[string]State{hung: Unreachable})
	if s := r.c.State(same); s != Unreachable {
		t.Errorf("another file on the hung mount is %v", s)
	}
	r.await(map[string]State{other: Present})
	if n := r.disk.count(same); n != 0 {
		t.Errorf("%d probes on the hung mount", n)
	}
	r.disk.release(hung)
	r.await(map[string]State{hung: Missing, same: Missing})
}
