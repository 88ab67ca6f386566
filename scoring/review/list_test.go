package review

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"sanxiang/scoring"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// listUnits are three units of 2020 (one re-scored and done, one tie-less, one without applicable
// points) and an earlier year of the first, for the golden list.
func listUnits(t testing.TB) []Summary {
	cat := smallCatalog(t)
	a := unitOn(cat, "西安市雁塔区市场监督管理局", creditCode("11610113MB0000001"), 2020, sc(1, 20), sc(2, 40), sc(3, 15), sc(4, 25))
	a.Narratives["unit_application"] = "我局全面推行三项制度，成效明显。"
	a.Narratives["model_application"] = "李明"
	b := unitOn(cat, "雁塔区城市管理和综合执法局", creditCode("11610113MB0000002"), 2020, sc(1, 15), na(2))
	c := unitOn(cat, "雁塔区\"文化\"<旅游>局", creditCode("11610113MB0000003"), 2020, na(1), na(2), na(3), na(4))
	old := unitOn(cat, a.Unit.Name, a.Unit.CreditCode, 2019, sc(1, 20), sc(2, 20))
	older := unitOn(cat, a.Unit.Name, a.Unit.CreditCode, 2018, na(1), na(2), na(3), na(4))
	return []Summary{
		Summarize(Unit{Assessment: a, Digest: "ABCD-EFGH-JKLM", Verified: true, EvidenceFiles: 12, MissingEvidence: 1,
			Review: &Review{Status: Done, Reviewer: "王喆", Items: map[int]Item{2: {No: 2, Score: 35, Comment: "公示不全"}}}}),
		Summarize(Unit{Assessment: b, Digest: "NPQR-TUWX-Y234", Verified: true,
			Review: &Review{Status: InProgress, Items: map[int]Item{1: {No: 1, Score: 15, Comment: "属实"}}}}),
		Summarize(Unit{Assessment: c}),
		Summarize(Unit{Assessment: old}),
		Summarize(Unit{Assessment: older}),
	}
}

func TestListGolden(t *testing.T) {
	all := listUnits(t)
	groups := Rank(all)
	if len(groups) != 3 || groups[0].Year != 2020 {
		t.Fatalf("groups %+v", groups)
	}
	got, err := NewList(groups[0], all).Encode()
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "list.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("list JSON differs from %s:\n%s", golden, got)
	}
	// numbers are JSON numbers, undefined converted scores null, ranks null without a rank
	var generic struct {
		Units []map[string]any `json:"units"`
	}
	if err := json.Unmarshal(got, &generic); err != nil {
		t.Fatal(err)
	}
	u0, u2 := generic.Units[0], generic.Units[2]
	if _, ok := u0["rank"].(float64); !ok {
		t.Errorf("rank of the first unit is %T, want a number", u0["rank"])
	}
	if u2["rank"] != nil || u2["self"].(map[string]any)["converted"] != nil || u2["review"].(map[string]any)["converted"] != nil {
		t.Errorf("the unit without applicable points must have null rank and converted scores: %v", u2)
	}
	if tot, ok := u0["review"].(map[string]any)["total"].(float64); !ok || tot != 9.5 {
		t.Errorf("review total %v, want the number 9.5", u0["review"].(map[string]any)["total"])
	}
}

func TestListEmptyArrays(t *testing.T) {
	b, err := NewList(Group{Year: 2020, CatalogID: "x"}, nil).Encode()
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"year\": 2020,\n  \"catalog\": \"x\",\n  \"units\": []\n}\n"; string(b) != want {
		t.Errorf("empty list %q", b)
	}
}

// BenchmarkReviewList500 is the pure part of `review list` with 500 units on the built-in
// catalog, each answered in full and 20 of them re-scored: scoring both ways, ranking, history
// and the JSON (target for the whole command: 200 ms; see docs/review-format.md).
func BenchmarkReviewList500(b *testing.B) {
	cat := builtin(b)
	var units []Unit
	for i := 0; i < 500; i++ {
		a := unitOn(cat, fmt.Sprintf("第%03d执法单位", i), creditCode(fmt.Sprintf("11610113MB%07d", i)), 2018+i%3)
		r := &Review{Status: Done, Items: map[int]Item{}}
		for k, no := range cat.Numbers() {
			ref, _ := cat.Criterion(no)
			s := ref.Criterion.Points - scoring.Tenths((i+k)%3)
			if s < 0 {
				s = 0
			}
			a.Answers[no] = sc(no, s)
			if k%9 == i%9 {
				r.Items[no] = Item{No: no, Score: s / 2, Comment: "复核扣分"}
			}
		}
		for _, m := range cat.Materials {
			a.Narratives[m.Key] = "三项制度示范创建工作总结材料"
		}
		units = append(units, Unit{Assessment: a, Review: r, Digest: "ABCD-EFGH-JKLM", Verified: true})
	}
	b.ResetTimer()
	cpu0, n := cpuTime(), 0
	for b.Loop() {
		n++
		all := make([]Summary, len(units))
		for i, u := range units {
			all[i] = Summarize(u)
		}
		for _, g := range Rank(all) {
			if _, err := NewList(g, all).Encode(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(max(n, 1)), "cpu-ns/op")
}
