package workflow

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sanxiang/scoring"
)

func TestPreviewCatalogFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	other, err := PreviewCatalogFile(filepath.Join("..", "testdata", "catalog-other.json"))
	if err != nil {
		t.Fatal(err)
	}
	if other.Catalog == nil || other.Areas != 2 || other.Categories != 3 || other.Indicators != 5 || other.Criteria != 8 || other.Total != 200 {
		t.Errorf("preview of the second catalog: %+v", other)
	}
	if s := other.Summary(); !strings.Contains(s, "一级指标 2 个、二级指标 3 个、三级指标 5 个、评分要点 8 项，共 20 分") {
		t.Errorf("summary %q", s)
	}
	seed, err := PreviewCatalogFile(filepath.Join("..", "scoring", "catalogtext", "testdata", "shaanxi-2020.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if seed.Catalog == nil || seed.Criteria != 170 || seed.Total != 1000 || seed.Catalog.ID != "shaanxi-2020" {
		t.Errorf("preview of the seed text: %d criteria, %s points, problems %v", seed.Criteria, seed.Total, seed.Problems)
	}
	broken, err := PreviewCatalogFile(write("坏体系.txt", "测试体系\n一、甲(2分)\n(一)乙\n1.丙(1分)\n(1)丁(1分)\n"))
	if err != nil {
		t.Fatal(err)
	}
	if broken.Catalog != nil || len(broken.Problems) == 0 || !strings.Contains(broken.Problems[0], "第 2 行") {
		t.Errorf("a text that does not add up: %+v", broken)
	}
	badJSON, err := PreviewCatalogFile(write("坏.json", `{"format":"sanxiang.catalog","version":2,"id":"x"`))
	if err != nil {
		t.Fatal(err)
	}
	if badJSON.Catalog != nil || len(badJSON.Problems) != 1 || !strings.Contains(badJSON.Summary(), "1 处问题") {
		t.Errorf("a broken JSON file: %+v", badJSON)
	}
	folder := filepath.Join(dir, "文件夹.json")
	os.Mkdir(folder, 0o755)
	if _, err := PreviewCatalogFile(folder); err == nil || !strings.Contains(err.Error(), "不是普通文件") {
		t.Errorf("a folder: %v", err)
	}
	// other kinds of file are refused before they are read, in the picker's words (IsCatalogFile)
	for _, name := range []string{"指标体系.docx", "指标体系.xlsx", "指标体系", "指标体系.json.bak"} {
		_, err := PreviewCatalogFile(write(name, "测试体系\n"))
		if err == nil || !strings.Contains(err.Error(), "只能导入 .json 指标体系文件，或从正式文件复制出的 .txt 文本") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := PreviewCatalogFile(filepath.Join(dir, "没有.json")); err == nil {
		t.Error("a missing file previewed")
	}
}

func TestIsCatalogFile(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"某省指标体系.json", true},
		{"指标体系.JSON", true},
		{"从正式文件复制.txt", true},
		{`D:\资料\指标体系.Txt`, true},
		{"指标体系.xlsx", false},
		{"指标体系.docx", false},
		{"指标体系.pdf", false},
		{"指标体系.json.bak", false},
		{"json", false},
		{".txt.zip", false},
		{"", false},
	} {
		if got := IsCatalogFile(tc.name); got != tc.want {
			t.Errorf("IsCatalogFile(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// 复制上一年度 copies within one catalog and copies nothing, saying so, across two catalogs.
func TestNewYearAcrossCatalogs(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "db", "sanxiang.db"))
	defer db.Close()
	b, _ := db.Catalogs().Default()
	other := otherCatalog(t)
	uid, err := db.CreateUnit(scoring.Unit{Name: "某局", CreditCode: validCode(t)})
	if err != nil {
		t.Fatal(err)
	}
	first, _, _, err := NewYear(db, uid, 2024, b, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveAnswer(first, scoring.Answer{No: 1, Status: scoring.Scored, Score: 5, Note: "去年"}); err != nil {
		t.Fatal(err)
	}
	same, copied, note, err := NewYear(db, uid, 2025, b, first)
	if err != nil || !copied || note != "" {
		t.Fatalf("copy on the same catalog: copied %v note %q err %v", copied, note, err)
	}
	if a, _ := db.Load(same); a.Answers[1].Note != "去年" {
		t.Error("the same-catalog copy lost the answers")
	}
	cross, copied, note, err := NewYear(db, uid, 2026, other, first)
	if err != nil || copied || !strings.Contains(note, "未复制任何内容") || !strings.Contains(note, other.Title) {
		t.Fatalf("copy across catalogs: copied %v note %q err %v", copied, note, err)
	}
	a, err := db.Load(cross)
	if err != nil || a.Catalog.Hash != other.Hash || len(a.Answers) != 0 {
		t.Errorf("across catalogs: %v, catalog %.8s, %d answers", err, a.Catalog.Hash, len(a.Answers))
	}
	uid2, _ := db.CreateUnit(scoring.Unit{Name: "另一局", CreditCode: "11610113MB12345675"})
	if _, _, _, err := NewYear(db, uid2, 2025, b, first); err == nil {
		t.Error("copied another unit's assessment")
	}
}
