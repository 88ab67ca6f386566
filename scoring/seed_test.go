package scoring

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "regenerate assets/catalogs/shaanxi-2020.json from the seed")

// seedPath is the district plan whose appendix is the indicator system; CI has ../shared beside the repo.
const seedPath = "../../shared/seed/000_2b55d9eb1f6a2bc3.txt"

var (
	reArea       = regexp.MustCompile(`^([一二三四五六七八九十]+)、(.+)\(([\d.]+)分\)$`)
	reCategory   = regexp.MustCompile(`^\(([一二三四五六七八九十]+)\)(.+)\(([\d.]+)分\)$`)
	reIndicator  = regexp.MustCompile(`^(\d+)\.(.+)\(([\d.]+)分\)$`)
	reCriterion  = regexp.MustCompile(`^\((\d+)\)(.+)\(([\d.]+)分\)$`)
	rePointsTail = regexp.MustCompile(`^\(([\d.]+)分\)$`)
)

// shaanxiMaterials transcribes the plan's 申报先进 and 报送总结 steps: “示范单位材料1200字以上,
// 执法标兵材料800字以上”, and the 工作总结 without a minimum.
var shaanxiMaterials = []materialFile{
	{Key: NarrativeUnitApplication, Title: "示范单位申报材料", MinChars: intp(1200),
		Hint: "介绍本单位全面推行行政执法公示、执法全过程记录、重大执法决定法制审核三项制度的做法和成效。"},
	{Key: NarrativeModelApplication, Title: "执法标兵申报材料", MinChars: intp(800),
		Hint: "推荐一名执法人员，写明其主要事迹。", Fields: []materialFieldFile{
			{Key: NarrativeModelName, Title: "姓名", Hint: "执法标兵姓名"},
			{Key: NarrativeModelPost, Title: "岗位", Hint: "例如：执法大队副大队长"},
			{Key: NarrativeModelCertificate, Title: "执法证号", Hint: "行政执法证件号码"}}},
	{Key: NarrativeWorkSummary, Title: "工作总结", Hint: "本年度推行三项制度工作的总体情况、存在问题和下一步打算。"},
}

func intp(n int) *int { return &n }

// parseSeed reads the appendix of the plan into the catalog-file structure, independently of
// the JSON we ship, so that the test proves the transcription.
func parseSeed(t *testing.T, text string) catalogFile {
	t.Helper()
	start := strings.Index(text, "工作要求及分值构成")
	if start < 0 {
		t.Fatal("seed has no indicator appendix")
	}
	body := text[start:]
	if end := strings.Index(body, "《雁塔区开展"); end >= 0 {
		body = body[:end]
	}
	var lines []string
	for _, l := range strings.Split(body, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if rePointsTail.MatchString(l) && len(lines) > 0 {
			lines[len(lines)-1] += l // "(0.3分)" on its own line belongs to the entry above
			continue
		}
		lines = append(lines, l)
	}
	f := catalogFile{Format: CatalogFormat, Version: CatalogVersion, ID: "shaanxi-2020",
		Title: "陕西省全面推行“三项制度”工作指标体系", Total: "100", NAPolicy: string(NARescale),
		Materials: &shaanxiMaterials}
	for _, l := range lines {
		switch {
		case reArea.MatchString(l):
			m := reArea.FindStringSubmatch(l)
			f.Areas = append(f.Areas, catalogArea{Title: m[2], Points: json.Number(m[3])})
		case reCategory.MatchString(l):
			m := reCategory.FindStringSubmatch(l)
			a := &f.Areas[len(f.Areas)-1]
			a.Categories = append(a.Categories, catalogCategory{Title: m[2], Points: json.Number(m[3])})
		case reCriterion.MatchString(l):
			m := reCriterion.FindStringSubmatch(l)
			a := &f.Areas[len(f.Areas)-1]
			c := &a.Categories[len(a.Categories)-1]
			ind := &c.Indicators[len(c.Indicators)-1]
			var no int
			if err := json.Unmarshal([]byte(m[1]), &no); err != nil {
				t.Fatal(err)
			}
			ind.Criteria = append(ind.Criteria, catalogCriterion{No: no, Text: m[2], Points: json.Number(m[3])})
		case reIndicator.MatchString(l):
			m := reIndicator.FindStringSubmatch(l)
			a := &f.Areas[len(f.Areas)-1]
			c := &a.Categories[len(a.Categories)-1]
			c.Indicators = append(c.Indicators, catalogIndicator{Title: m[2], Points: json.Number(m[3])})
		case l == "备注" || l == "工作要求及分值构成":
		default:
			t.Fatalf("seed line not understood: %q", l)
		}
	}
	return f
}

func TestBuiltinCatalogMatchesSeed(t *testing.T) {
	raw, err := os.ReadFile(seedPath)
	if err != nil {
		t.Skipf("seed not available: %v", err)
	}
	f := parseSeed(t, string(raw))
	data, err := encodeCatalogFile(f)
	if err != nil {
		t.Fatal(err)
	}
	target := filepath.Join("..", "assets", "catalogs", "shaanxi-2020.json")
	if *update {
		if err := os.WriteFile(target, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	shipped, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shipped, data) {
		t.Fatalf("%s differs from the seed transcription; run go test ./scoring -run Seed -update and review the diff", target)
	}
}
