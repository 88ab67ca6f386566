package app

import (
	"strings"
	"testing"
	"time"

	"sanxiang/scoring"
)

// TestRelocateToOtherDrive: evidence recorded on E: that is missing there but found at the same
// path on G: is offered for relocation in one go, and saved with its new path.
func TestRelocateToOtherDrive(t *testing.T) {
	e := withAssessment(t)
	ev := func(p string) scoring.Evidence {
		return scoring.Evidence{Path: p, Name: p[strings.LastIndex(p, `\`)+1:], Size: 3, SHA256: strings.Repeat("a", 64), Added: time.Now()}
	}
	e.u.ws.EditAnswer(5, func(a *scoring.Answer) {
		a.Evidence = []scoring.Evidence{ev(`E:\检查材料\刘䶮执法证.png`), ev(`E:\检查材料\没有了.pdf`)}
	})
	e.u.ws.EditAnswer(11, func(a *scoring.Answer) {
		a.Evidence = []scoring.Evidence{ev(`E:\检查材料\会议纪要•终稿.pdf`)}
	})
	e.u.ws.EditAnswer(12, func(a *scoring.Answer) { a.Evidence = []scoring.Evidence{ev(`D:\台账\在原处.pdf`)} })
	e.flush()
	exists := map[string]bool{
		`G:\检查材料\刘䶮执法证.png`:   true,
		`G:\检查材料\会议纪要•终稿.pdf`: true,
		`D:\台账\在原处.pdf`:       true,
	}
	e.u.offerRelocation(func() []string { return []string{"C:", "D:", "G:"} }, func(p string) bool { return exists[p] })
	e.pump(func() bool { return e.u.win.Canvas().Overlays().Top() != nil })
	if s := e.texts(); !strings.Contains(s, "有 3 个佐证文件在原来的位置找不到，其中 2 个在 G: 的相同位置找到了") {
		t.Errorf("dialog text:\n%s", s)
	}
	e.button("在 G: 找到了，更新位置").OnTapped()
	e.flush()
	// asked once per session: opening again does not ask again
	e.u.offerRelocation(func() []string { return []string{"G:"} }, func(p string) bool { return p == `G:\检查材料\没有了.pdf` })
	e.settle()
	if top := e.u.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("asked again:\n%s", e.texts())
	}
	a := e.load()
	want := map[int][]string{
		5:  {`G:\检查材料\刘䶮执法证.png`, `E:\检查材料\没有了.pdf`},
		11: {`G:\检查材料\会议纪要•终稿.pdf`},
		12: {`D:\台账\在原处.pdf`},
	}
	for no, paths := range want {
		got := a.Answers[no].Evidence
		if len(got) != len(paths) {
			t.Fatalf("(%d): %d files, want %d", no, len(got), len(paths))
		}
		for i, p := range paths {
			if got[i].Path != p {
				t.Errorf("(%d) file %d at %s, want %s", no, i, got[i].Path, p)
			}
		}
	}
}
