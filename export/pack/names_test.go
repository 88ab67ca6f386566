package pack

import (
	"strings"
	"testing"
	"unicode/utf8"

	"sanxiang/scoring"
)

func TestWindowsName(t *testing.T) {
	long := strings.Repeat("行政处罚决定公开截图", 10) // 100 runes
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"行政处罚决定公开截图.png", 64, "行政处罚决定公开截图.png"},
		{`a<b>c:d"e/f\g|h?i*j.txt`, 64, "a_b_c_d_e_f_g_h_i_j.txt"},
		{"tab\there\nnewline\x00nul\x7fdel.doc", 64, "tab_here_newline_nul_del.doc"},
		{"\u0085c1 control.pdf", 64, "_c1 control.pdf"},
		{"结尾有点和空格. . .", 64, "结尾有点和空格"},
		{"   前导空格.jpg", 64, "前导空格.jpg"},
		{"...", 64, "_"},
		{"..", 64, "_"},
		{"", 64, "_"},
		{"   ", 64, "_"},
		{"CON", 64, "_CON"},
		{"con.txt", 64, "_con.txt"},
		{"Nul.tar.gz", 64, "_Nul.tar.gz"},
		{"PRN .txt", 64, "_PRN .txt"},
		{"aux", 64, "_aux"},
		{"COM1.png", 64, "_COM1.png"},
		{"lpt9", 64, "_lpt9"},
		{"COM¹", 64, "_COM¹"},
		{"CONIN$", 64, "_CONIN$"},
		{"COM10.png", 64, "COM10.png"},
		{"CONSOLE.txt", 64, "CONSOLE.txt"},
		{"NULL", 64, "NULL"},
		{"bad\xffbyte.png", 64, "bad_byte.png"},
		{"bidi\u202egnp.exe", 64, "bidi_gnp.exe"},
		{"\ufeffbom.txt", 64, "_bom.txt"},
		{"全角：冒号？问号.txt", 64, "全角：冒号？问号.txt"},
		// shortening keeps the extension and cuts at rune boundaries
		{long + ".png", 20, "行政处罚决定公开截图行政处罚决定.png"},
		{"abcdefghij.jpeg", 8, "abc.jpeg"},
		{"abc def .... .txt", 12, "abc def.txt"},
		// a long "extension" is not one: cut as a whole
		{"报告.这不是一个扩展名而是很长的一段文字", 8, "报告.这不是一个"},
		// characters outside the BMP count two UTF-16 units and are never split
		{"😀😀😀😀😀.png", 10, "😀😀😀.png"},
		{"😀😀😀😀😀.png", 9, "😀😀.png"},
		// a shortened name that becomes reserved is still made safe
		{"CONtent.txt", 7, "_CO.txt"},
	}
	for _, tt := range tests {
		got := WindowsName(tt.in, tt.max)
		if got != tt.want {
			t.Errorf("WindowsName(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
		if units(got) > tt.max {
			t.Errorf("WindowsName(%q, %d) = %q is %d units long", tt.in, tt.max, got, units(got))
		}
		if !utf8.ValidString(got) {
			t.Errorf("WindowsName(%q) = %q is not UTF-8", tt.in, got)
		}
		if again := WindowsName(got, tt.max); again != got {
			t.Errorf("WindowsName not idempotent: %q → %q → %q", tt.in, got, again)
		}
	}
}

func TestNameSetNumbersCollisions(t *testing.T) {
	ns := nameSet{}
	got := []string{
		ns.take("036_截图.png", 64),
		ns.take("036_截图.png", 64),
		ns.take("036_截图.PNG", 64), // Windows ignores case
		ns.take("036_截图(2).png", 64),
		ns.take("036_其他", 64),
		ns.take("036_其他", 64),
	}
	want := []string{"036_截图.png", "036_截图(2).png", "036_截图(3).PNG", "036_截图(2)(2).png", "036_其他", "036_其他(2)"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("take #%d = %q, want %q", i, got[i], want[i])
		}
	}
	// a name at the length limit still gets a number and stays within the limit
	full := strings.Repeat("长", 60) + ".png"
	a := ns.take(WindowsName(full, 64), 64)
	b := ns.take(WindowsName(full, 64), 64)
	if a == b || units(b) > 64 || !strings.HasSuffix(b, "(2).png") {
		t.Errorf("collision at the limit: %q then %q (%d units)", a, b, units(b))
	}
}

func TestPackageAndEvidenceNames(t *testing.T) {
	if got := PackageName("西安市雁塔区示范执法局（虚构）", 2020); got != "西安市雁塔区示范执法局（虚构）_2020_三项制度自评" {
		t.Errorf("PackageName = %q", got)
	}
	if got := PackageName(" 城管/执法:局 ", 2024); got != "城管_执法_局_2024_三项制度自评" {
		t.Errorf("PackageName = %q", got)
	}
	if got := PackageName("", 2024); got != "未命名单位_2024_三项制度自评" {
		t.Errorf("PackageName = %q", got)
	}
	long := PackageName(strings.Repeat("陕西省西安市雁塔区城市管理和综合执法局", 5), 2024)
	if units(long) > MaxFolderName || !strings.HasSuffix(long, "_2024_三项制度自评") {
		t.Errorf("long PackageName = %q (%d units)", long, units(long))
	}
	tests := []struct {
		no, width     int
		display, path string
		want          string
	}{
		{36, 3, "行政处罚决定公开截图.png", "/x/行政处罚决定公开截图.png", "036_行政处罚决定公开截图.png"},
		{36, 3, "行政处罚决定公开截图", "/x/IMG_0001.PNG", "036_行政处罚决定公开截图.PNG"},
		{5, 3, "", `C:\证据\签到表.pdf`, "005_签到表.pdf"},
		{170, 3, "a?b.doc", "/x/a.doc", "170_a_b.doc"},
		{7, 4, "CON", "/x/con", "0007_CON"},
	}
	for _, tt := range tests {
		if got := evidenceName(tt.no, tt.width, scoring.Evidence{Name: tt.display, Path: tt.path}); got != tt.want {
			t.Errorf("evidenceName(%d, %q, %q) = %q, want %q", tt.no, tt.display, tt.path, got, tt.want)
		}
	}
}

// TestPathBudget checks the promise of the name budgets: the longest path of a package on a
// drive root stays well under Windows' 260 units, even extracted by Explorer into Downloads.
func TestPathBudget(t *testing.T) {
	folder := PackageName(strings.Repeat("陕西省西安市雁塔区城市管理和综合执法局", 5), 2024)
	file := EvidenceFolder + `\` + evidenceName(170, 3, scoring.Evidence{Name: strings.Repeat("很长的佐证材料名称", 20) + ".docx", Path: "/x/y.docx"})
	onStick := `E:\` + folder + `\` + file
	if n := units(onStick); n > 130 {
		t.Errorf("path on a stick is %d units: %s", n, onStick)
	}
	extracted := `C:\Users\Administrator\Downloads\` + folder + `\` + folder + `\` + file
	if n := units(extracted); n > 220 {
		t.Errorf("path extracted from the zip is %d units: %s", n, extracted)
	}
	if !strings.HasSuffix(file, ".docx") {
		t.Errorf("extension lost: %s", file)
	}
}
