package review

import (
	"strings"
	"testing"

	"sanxiang/scoring"
)

// smallCatalogJSON is a 10-point catalog of two areas and four criteria, small enough that every
// expected total below is worked out by hand.
const smallCatalogJSON = `{"format":"sanxiang.catalog","version":2,"id":"test-small","title":"测试指标体系","total":10,"na_policy":"rescale",
"materials":[{"key":"unit_application","title":"示范单位申报材料","min_chars":10},
 {"key":"model_application","title":"执法标兵申报材料","min_chars":5,"fields":[{"key":"model_name","title":"姓名"},{"key":"model_post","title":"岗位"},{"key":"model_certificate","title":"执法证号"}]}],
"areas":[
 {"title":"行政执法公示","points":6,"categories":[{"title":"事前公开","points":6,"indicators":[{"title":"主体公示","points":6,"criteria":[
   {"no":1,"text":"公示执法主体","points":2},{"no":2,"text":"公示执法人员","points":4}]}]}]},
 {"title":"法制审核","points":4,"categories":[{"title":"审核机构","points":4,"indicators":[{"title":"机构人员","points":4,"criteria":[
   {"no":3,"text":"明确审核机构","points":1.5},{"no":4,"text":"配备审核人员","points":2.5}]}]}]}]}`

func smallCatalog(t testing.TB) *scoring.Catalog {
	t.Helper()
	c, err := scoring.ParseCatalog([]byte(smallCatalogJSON))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func builtin(t testing.TB) *scoring.Catalog {
	t.Helper()
	c, err := scoring.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// creditCode makes a valid 统一社会信用代码 from a 17-character body by adding its check character.
func creditCode(body string) string {
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	w := [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	sum := 0
	for i, r := range body {
		sum += strings.IndexRune(chars, r) * w[i]
	}
	return body + string(chars[(31-sum%31)%31])
}

func sc(no int, score scoring.Tenths) scoring.Answer {
	return scoring.Answer{No: no, Status: scoring.Scored, Score: score}
}

func na(no int) scoring.Answer {
	return scoring.Answer{No: no, Status: scoring.NA, NAReason: "本单位无此职能"}
}

// unitOn makes an assessment of cat by a unit named name with the given answers.
func unitOn(cat *scoring.Catalog, name, code string, year int, answers ...scoring.Answer) *scoring.Assessment {
	a := &scoring.Assessment{Catalog: cat, Year: year, Unit: scoring.Unit{Name: name, CreditCode: code},
		Answers: map[int]scoring.Answer{}, Narratives: map[string]string{}}
	for _, x := range answers {
		a.Answers[x.No] = x
	}
	return a
}

func TestCreditCodeHelperMakesValidCodes(t *testing.T) {
	for _, body := range []string{"11610113MB1234567", "12610113MB0000001", "11610113MB0000002"} {
		if err := scoring.ValidateCreditCode(creditCode(body)); err != nil {
			t.Errorf("%s: %v", creditCode(body), err)
		}
	}
}
