package junk

import "testing"

func TestPath(t *testing.T) {
	cases := []struct {
		rel  string
		want bool
	}{
		{"~$自评表.xlsx", true},
		{"台账/~$会议纪要.docx", true},
		{"Thumbs.db", true},
		{"evidence/(5)/THUMBS.DB", true},
		{"desktop.ini", true},
		{"Desktop.ini", true},
		{".DS_Store", true},
		{"evidence/.DS_Store", true},
		{"__MACOSX/某局_2024_三项制度自评/._说明.txt", true},
		{"__MACOSX", true},
		{"evidence/._执法记录仪截图.png", true},
		{`$RECYCLE.BIN\S-1-5-21\$R1.pdf`, true},
		{"System Volume Information/IndexerVolumeGuid", true},
		{".~lock.自评表.xlsx#", true},
		{"~WRL0001.tmp", true},
		// real files stay real: anything else extra still fails verification
		{"自评表.xlsx", false},
		{"说明.txt", false},
		{"evidence/(5)/thumbs.db.pdf", false},
		{"evidence/(5)/我的desktop.ini", false},
		{"evidence/$x.pdf", false},
		{"MACOSX/a.pdf", false},
		{"~自评表.xlsx", false},
		{"evidence/~WRL0001.docx", false},
		{"", false},
	}
	for _, c := range cases {
		if got := Path(c.rel); got != c.want {
			t.Errorf("Path(%q) = %v, want %v", c.rel, got, c.want)
		}
	}
}

func TestSkip(t *testing.T) {
	cases := []struct {
		name   string
		hidden bool
		want   bool
	}{
		{"佐证材料", false, false},
		{"执法记录仪截图.png", false, false},
		{"desktop.ini", false, true},
		{"System Volume Information", false, true},
		{"$Recycle.Bin", false, true},
		{"Documents and Settings", false, true},
		{".git", false, true},
		{"ProgramData", true, true},
		{"隐藏的文件.pdf", true, true},
	}
	for _, c := range cases {
		if got := Skip(c.name, c.hidden); got != c.want {
			t.Errorf("Skip(%q, %v) = %v, want %v", c.name, c.hidden, got, c.want)
		}
	}
}

func FuzzPath(f *testing.F) {
	for _, s := range []string{"~$a.xlsx", "__MACOSX/x", "a/b/Thumbs.db", `a\b`, "", "/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, rel string) {
		got := Path(rel)
		// a by-product stays one wherever it lies
		if got && !Path("evidence/"+rel) {
			t.Fatalf("Path(%q) but not under a folder", rel)
		}
	})
}
