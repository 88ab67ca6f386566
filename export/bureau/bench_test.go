package bureau

import (
	"fmt"
	"testing"

	"sanxiang/scoring"
	"sanxiang/scoring/review"
)

// BenchmarkWriteAll200 writes the bureau's exports for 200 units on the built-in catalog, each
// with 10 re-scored criteria: the workbook, 200 复核意见书 and the 推荐名单.
func BenchmarkWriteAll200(b *testing.B) {
	cat, err := scoring.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	var units []review.Unit
	for i := 0; i < 200; i++ {
		a := &scoring.Assessment{Catalog: cat, Year: 2020, Unit: scoring.Unit{Name: fmt.Sprintf("第%03d行政执法单位", i),
			CreditCode: code(fmt.Sprintf("11610113MB%07d", i))}, Answers: map[int]scoring.Answer{}, Narratives: map[string]string{}}
		r := &review.Review{Reviewer: "王喆", Conclusion: "基本属实。", Status: review.Done, Items: map[int]review.Item{}}
		for k, no := range cat.Numbers() {
			ref, _ := cat.Criterion(no)
			a.Answers[no] = scoring.Answer{No: no, Status: scoring.Scored, Score: ref.Criterion.Points}
			if (k+i)%17 == 0 {
				r.Items[no] = review.Item{No: no, Score: 0, Comment: "佐证材料不足，不予认定"}
			}
		}
		units = append(units, review.Unit{Assessment: a, Review: r, Digest: "ABCD-EFGH-JKLM", Verified: true})
	}
	in, err := Collect(units, 2020, scoring.BuiltinID)
	if err != nil {
		b.Fatal(err)
	}
	in.Bureau = "西安市雁塔区司法局"
	in.Date = testDate
	dir := b.TempDir()
	cpu0, n := cpuTime(), 0
	for b.Loop() {
		n++
		if _, err := WriteAll(dir, in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(max(n, 1)), "cpu-ns/op")
}
