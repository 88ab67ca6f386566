package scoring

import (
	"strings"
	"testing"
)

func TestBuiltinCatalogShape(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	a, cat, ind, cr := c.Counts()
	if a != 5 || cat != 20 || ind != 59 || cr != 170 {
		t.Fatalf("counts = %d/%d/%d/%d, want 5/20/59/170", a, cat, ind, cr)
	}
	if c.Total != 1000 {
		t.Fatalf("total = %s, want 100", c.Total)
	}
	wantAreas := []Tenths{240, 250, 260, 100, 150}
	for i, ar := range c.Areas {
		if ar.Points != wantAreas[i] {
			t.Errorf("area %s points %s, want %s", ar.Code, ar.Points, wantAreas[i])
		}
	}
	for i, no := range c.Numbers() {
		if no != i+1 {
			t.Fatalf("criterion %d at position %d; want contiguous 1…170", no, i)
		}
		ref, _ := c.Criterion(no)
		if ref.Criterion.Points < 1 || ref.Criterion.Points > 20 {
			t.Errorf("criterion %d points %s outside 0.1…2", no, ref.Criterion.Points)
		}
		if strings.Contains(ref.Criterion.Text, "分)") || strings.HasPrefix(ref.Criterion.Text, "(") {
			t.Errorf("criterion %d text keeps numbering or points: %q", no, ref.Criterion.Text)
		}
	}
	if ind := c.Indicators(); len(ind) != 59 || ind[58].Seq != 59 || ind[0].Code != "1.1.1" {
		t.Fatalf("indicator order wrong")
	}
	if n, ok := c.Node("3.3"); !ok || n.Title != "明确审核内容" || n.Points != 150 || n.Label != "(三)" {
		t.Fatalf("node 3.3 = %+v", n)
	}
	if len(c.Hash) != 64 {
		t.Fatalf("hash %q", c.Hash)
	}
}

const tinyCatalog = `{"format":"sanxiang.catalog","version":1,"id":"t","title":"测试","total":3,
"areas":[{"title":"甲","points":3,"categories":[{"title":"乙","points":3,"indicators":[
{"title":"丙","points":1,"criteria":[{"no":1,"text":"一","points":0.5},{"no":2,"text":"二","points":0.5}]},
{"title":"丁","points":2,"criteria":[{"no":3,"text":"三","points":2}]}]}]}]}`

func TestParseCatalogRefusals(t *testing.T) {
	if _, err := ParseCatalog([]byte(tinyCatalog)); err != nil {
		t.Fatalf("tiny catalog refused: %v", err)
	}
	cases := []struct{ name, from, to, want string }{
		{"indicator sum", `"no":3,"text":"三","points":2`, `"no":3,"text":"三","points":1.9`, "三级指标“2.丁”"},
		{"category sum", `"title":"乙","points":3`, `"title":"乙","points":4`, "二级指标“(一)乙”"},
		{"area sum", `"title":"甲","points":3`, `"title":"甲","points":2`, "一级指标“一、甲”"},
		{"total", `"total":3`, `"total":4`, "总分"},
		{"hundredths", `"no":1,"text":"一","points":0.5`, `"no":1,"text":"一","points":0.25`, "评分要点(1)"},
		{"zero points", `"no":1,"text":"一","points":0.5`, `"no":1,"text":"一","points":0`, "评分要点(1)"},
		{"duplicate no", `"no":2,`, `"no":1,`, "(1) 重复"},
		{"bad no", `"no":2,`, `"no":0,`, "编号 0"},
		{"empty text", `"text":"二"`, `"text":" "`, "评分要点(2)缺少内容"},
		{"policy", `"total":3,`, `"total":3,"na_policy":"magic",`, "计分方式"},
		{"format", `sanxiang.catalog`, `other`, "不是指标体系文件"},
		{"version", `"version":1`, `"version":3`, "版本 3"},
		{"unknown field", `"total":3,`, `"total":3,"extra":1,`, "未知字段"},
		{"truncated", `"points":2}]}]}]}`, `"poi`, "不完整"},
		{"string points", `"points":0.5}`, `"points":"x"}`, "不是数字"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(tinyCatalog, tc.from, tc.to, 1)
			if src == tinyCatalog {
				t.Fatalf("replacement %q not found", tc.from)
			}
			_, err := ParseCatalog([]byte(src))
			if err == nil {
				t.Fatalf("accepted")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

func FuzzParseCatalog(f *testing.F) {
	f.Add([]byte(tinyCatalog))
	f.Add([]byte(`{"format":"sanxiang.catalog"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseCatalog(data)
		if err != nil {
			return
		}
		r := Score(c, nil)
		if r.Overall.Points != c.Total || r.Overall.Unanswered != c.Len() {
			t.Fatalf("accepted catalog does not add up")
		}
	})
}
