package drives

import (
	"reflect"
	"testing"
)

func TestVolume(t *testing.T) {
	cases := map[string]string{
		`E:\佐证材料\执法记录仪截图.png`:  "E:",
		`e:/佐证材料/a.png`:        "E:",
		`C:\`:                  "C:",
		`\\server\share\a.pdf`: "",
		`/media/user/U盘/a.pdf`: "",
		`E:`:                   "",
		`1:\a`:                 "",
		``:                     "",
	}
	for p, want := range cases {
		if got := Volume(p); got != want {
			t.Errorf("Volume(%q) = %q, want %q", p, got, want)
		}
	}
	if got := OnVolume(`e:\佐证材料\a.png`, "f:"); got != `F:\佐证材料\a.png` {
		t.Errorf("OnVolume: %q", got)
	}
	if got := OnVolume(`\\server\a.png`, "F:"); got != `\\server\a.png` {
		t.Errorf("OnVolume of a share: %q", got)
	}
}

// fs is a fake set of existing files.
type fs map[string]bool

func (f fs) exists(p string) bool { return f[p] }

func TestRelocate(t *testing.T) {
	files := fs{
		`F:\佐证材料\执法记录仪截图.png`:     true, // the stick, now F:
		`F:\sanxiang\sanxiang.db`: true,
		`D:\台账\会议纪要.pdf`:          true, // a fixed disk, still there
		`E:\另一个U盘\a.pdf`:          true, // still where it was
	}
	db := `F:\sanxiang\sanxiang.db`
	cases := []struct{ p, want string }{
		// recorded as E: on the last PC, the database's stick is F: now: found on F:
		{`E:\佐证材料\执法记录仪截图.png`, `F:\佐证材料\执法记录仪截图.png`},
		// a file that exists where it was recorded is never moved
		{`D:\台账\会议纪要.pdf`, `D:\台账\会议纪要.pdf`},
		{`E:\另一个U盘\a.pdf`, `E:\另一个U盘\a.pdf`},
		// missing everywhere: unchanged (shown as 文件已不存在 with its original place)
		{`E:\佐证材料\没有了.png`, `E:\佐证材料\没有了.png`},
		// same drive as the database, or no drive letter: unchanged
		{`F:\佐证材料\没有了.png`, `F:\佐证材料\没有了.png`},
		{`\\server\台账\a.pdf`, `\\server\台账\a.pdf`},
	}
	for _, c := range cases {
		if got := Relocate(db, c.p, files.exists); got != c.want {
			t.Errorf("Relocate(%q) = %q, want %q", c.p, got, c.want)
		}
	}
	// a Linux database never moves anything
	if got := Relocate("/home/u/.config/sanxiang/sanxiang.db", `E:\a.png`, files.exists); got != `E:\a.png` {
		t.Errorf("Linux database: %q", got)
	}
	// the files are only probed when the letters differ
	probed := 0
	Relocate(db, `F:\a.png`, func(string) bool { probed++; return false })
	if probed != 0 {
		t.Errorf("a same-drive path was probed %d times", probed)
	}
}

func TestElsewhere(t *testing.T) {
	files := fs{
		`G:\检查材料\a.pdf`: true,
		`G:\检查材料\b.pdf`: true,
		`H:\检查材料\a.pdf`: true, // an older copy on another stick holds fewer
	}
	missing := []string{`E:\检查材料\a.pdf`, `E:\检查材料\b.pdf`, `E:\检查材料\c.pdf`, `\\srv\x.pdf`}
	f, ok := Elsewhere(missing, []string{"C:", "H:", "G:", "E:"}, files.exists)
	want := Found{Volume: "G:", Moved: map[string]string{
		`E:\检查材料\a.pdf`: `G:\检查材料\a.pdf`,
		`E:\检查材料\b.pdf`: `G:\检查材料\b.pdf`,
	}}
	if !ok || !reflect.DeepEqual(f, want) {
		t.Errorf("Elsewhere = %+v %v, want %+v", f, ok, want)
	}
	if _, ok := Elsewhere(missing, []string{"C:", "D:"}, files.exists); ok {
		t.Error("found on a drive that has none of them")
	}
	if _, ok := Elsewhere(nil, []string{"G:"}, files.exists); ok {
		t.Error("found with nothing missing")
	}
}

func FuzzVolume(f *testing.F) {
	for _, s := range []string{`E:\a`, `e:/a`, `\\s\a`, "", "E:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		v := Volume(p)
		if v != "" && (len(v) != 2 || Volume(OnVolume(p, "Q:")) != "Q:" || OnVolume(OnVolume(p, "Q:"), v)[2:] != p[2:]) {
			t.Fatalf("Volume(%q) = %q, round trip broken", p, v)
		}
	})
}
