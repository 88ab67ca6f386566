package scoring

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"sanxiang/assets"
)

func TestBuiltinDeclaresShaanxiMaterials(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range c.Materials {
		got = append(got, m.Key+"/"+m.Title)
	}
	want := []string{"unit_application/示范单位申报材料", "model_application/执法标兵申报材料", "work_summary/工作总结"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("materials %v, want %v", got, want)
	}
	for _, tc := range []struct {
		key  string
		min  int
		has  bool
		name string
	}{
		{NarrativeUnitApplication, 1200, true, "示范单位申报材料"},
		{NarrativeModelApplication, 800, true, "执法标兵申报材料"},
		{NarrativeWorkSummary, 0, false, "工作总结"},
		{NarrativeModelName, 0, false, "姓名（执法标兵申报材料）"},
		{NarrativeModelCertificate, 0, false, "执法证号（执法标兵申报材料）"},
		{"other", 0, false, "其他材料（other）"},
	} {
		if min, ok := c.MinChars(tc.key); min != tc.min || ok != tc.has {
			t.Errorf("MinChars(%q) = %d, %v; want %d, %v", tc.key, min, ok, tc.min, tc.has)
		}
		if n := c.NarrativeTitle(tc.key); n != tc.name {
			t.Errorf("NarrativeTitle(%q) = %q, want %q", tc.key, n, tc.name)
		}
	}
	if m, _ := c.Material(NarrativeModelApplication); len(m.Fields) != 3 || m.Fields[2].Key != NarrativeModelCertificate {
		t.Fatalf("执法标兵 fields = %+v", m.Fields)
	}
}

// The version-1 built-in file, as shipped before catalogs declared materials, still loads with
// the same criteria and the default (Shaanxi) materials, and the built-in knows its hash.
func TestVersion1CatalogLoadsWithDefaultMaterials(t *testing.T) {
	old, err := os.ReadFile(filepath.Join("testdata", "shaanxi-2020-v1.json"))
	if err != nil {
		t.Fatal(err)
	}
	v1, err := ParseCatalog(old)
	if err != nil {
		t.Fatalf("version 1 file refused: %v", err)
	}
	cur, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(v1.Areas, cur.Areas) || v1.Total != cur.Total || v1.NAPolicy != cur.NAPolicy || v1.ID != cur.ID {
		t.Fatal("version 1 file differs from the built-in in its indicators")
	}
	if !reflect.DeepEqual(v1.Materials, cur.Materials) {
		t.Fatalf("version 1 materials %+v, want the built-in's", v1.Materials)
	}
	if v1.Hash == cur.Hash || !reflect.DeepEqual(cur.FormerHashes, []string{v1.Hash}) {
		t.Fatalf("built-in former hashes %v, want [%s] (current %s)", cur.FormerHashes, v1.Hash, cur.Hash)
	}
}

func TestEncodeCatalogReproducesBuiltin(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	data, back, err := EncodeCatalog(c)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, assets.BuiltinCatalogJSON) {
		t.Fatal("EncodeCatalog(Builtin()) is not the shipped file")
	}
	if back.Hash != c.Hash || back.Len() != 170 {
		t.Fatalf("re-parsed hash %s len %d", back.Hash, back.Len())
	}
	tiny, err := ParseCatalog([]byte(tinyCatalog))
	if err != nil {
		t.Fatal(err)
	}
	tiny.Materials = nil
	data, back, err = EncodeCatalog(tiny)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(`"materials": []`)) || len(back.Materials) != 0 {
		t.Fatalf("a catalog without materials must say so, not fall back to the defaults:\n%s", data)
	}
	tiny.Areas[0].Points = 4
	if _, _, err := EncodeCatalog(tiny); err == nil || !strings.Contains(err.Error(), "不符") {
		t.Fatalf("a catalog that does not add up was encoded: %v", err)
	}
}

const tinyV2 = `{"format":"sanxiang.catalog","version":2,"id":"t","title":"测试","total":1,
"materials":[{"key":"report","title":"创建报告","min_chars":500,"hint":"写做法","fields":[{"key":"leader","title":"负责人"}]},{"key":"notes","title":"其他说明"}],
"areas":[{"title":"甲","points":1,"categories":[{"title":"乙","points":1,"indicators":[
{"title":"丙","points":1,"criteria":[{"no":1,"text":"一","points":1}]}]}]}]}`

func TestParseCatalogMaterials(t *testing.T) {
	c, err := ParseCatalog([]byte(tinyV2))
	if err != nil {
		t.Fatal(err)
	}
	want := []Material{{Key: "report", Title: "创建报告", MinChars: 500, Hint: "写做法", Fields: []MaterialField{{Key: "leader", Title: "负责人"}}},
		{Key: "notes", Title: "其他说明"}}
	if !reflect.DeepEqual(c.Materials, want) {
		t.Fatalf("materials %+v", c.Materials)
	}
	if min, ok := c.MinChars("unit_application"); ok || min != 0 {
		t.Fatal("a catalog with its own materials must not inherit the Shaanxi minimums")
	}
	cases := []struct{ name, from, to, want string }{
		{"no key", `"key":"notes",`, ``, "缺少键名"},
		{"bad key", `"key":"notes"`, `"key":"其他"`, "键名 \"其他\" 无效"},
		{"long key", `"key":"notes"`, `"key":"` + strings.Repeat("n", 41) + `"`, "过长"},
		{"duplicate key", `"key":"notes"`, `"key":"report"`, "重复"},
		{"field duplicates material", `"key":"leader"`, `"key":"notes"`, "重复"},
		{"no title", `"title":"其他说明"`, `"title":" "`, "第 2 项申报材料缺少名称"},
		{"field no title", `"title":"负责人"`, `"title":""`, "第 1 个填写项缺少名称"},
		{"negative minimum", `"min_chars":500`, `"min_chars":-1`, "最少字数 -1"},
		{"fractional minimum", `"min_chars":500`, `"min_chars":1.5`, "类型错误"},
		{"unknown key", `"hint":"写做法"`, `"hint":"写做法","max":3`, "未知字段"},
		{"materials in version 1", `"version":2`, `"version":1`, "version 改为 2"},
		{"not an array", `"materials":[`, `"materials":7,"x":[`, "类型错误"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(tinyV2, tc.from, tc.to, 1)
			if src == tinyV2 {
				t.Fatalf("replacement %q not found", tc.from)
			}
			if _, err := ParseCatalog([]byte(src)); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v does not mention %q", err, tc.want)
			}
		})
	}
}

func TestParseMaterials(t *testing.T) {
	ms, err := ParseMaterials([]byte(`[{"key":"a","title":"材料甲","min_chars":10}]`))
	if err != nil || len(ms) != 1 || ms[0].MinChars != 10 {
		t.Fatalf("%+v, %v", ms, err)
	}
	if ms, err := ParseMaterials([]byte(` [] `)); err != nil || ms == nil || len(ms) != 0 {
		t.Fatalf("empty list: %+v, %v", ms, err)
	}
	for _, tc := range []struct{ in, want string }{
		{`null`, "应为数组"},
		{`{"key":"a"}`, "类型错误"},
		{`[{"key":"a","title":"甲"}] x`, "多余内容"},
		{"[\xff]", "UTF-8"},
		{``, "文件是空的"},
		{`[{"key":"A","title":"甲"}]`, "无效"},
	} {
		if _, err := ParseMaterials([]byte(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseMaterials(%q) = %v, want %q", tc.in, err, tc.want)
		}
	}
}

func FuzzParseMaterials(f *testing.F) {
	f.Add([]byte(`[{"key":"a","title":"甲","min_chars":3,"fields":[{"key":"b","title":"乙"}]}]`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ms, err := ParseMaterials(data)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, m := range ms {
			keys := []string{m.Key}
			for _, fd := range m.Fields {
				keys = append(keys, fd.Key)
			}
			for _, k := range keys {
				if k == "" || seen[k] {
					t.Fatalf("accepted empty or repeated key %q", k)
				}
				seen[k] = true
			}
			if m.Title == "" || m.MinChars < 0 {
				t.Fatalf("accepted %+v", m)
			}
		}
	})
}
