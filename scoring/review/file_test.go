package review

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"sanxiang/scoring"
)

// knownCode is the one unit (2020, on the small catalog) the test resolver knows.
var knownCode = creditCode("11610113MB0000001")

func resolver(t testing.TB) Resolver {
	cat := smallCatalog(t)
	return func(code string, year int) (*scoring.Catalog, error) {
		if code == knownCode && year == 2020 {
			return cat, nil
		}
		return nil, &UnknownUnitError{CreditCode: code, Year: year}
	}
}

func validFile() string {
	return `{"format":"sanxiang.review","version":1,"credit_code":"` + knownCode + `","year":2020,
"catalog":"test-small","reviewer":"王喆","conclusion":"基本属实，个别要点扣分。",
"items":[{"no":2,"score":3.5,"comment":"公示不全"},{"no":1,"score":2,"comment":""},{"no":4,"na":true,"comment":"无审核人员编制"}]}`
}

func TestParseFileValid(t *testing.T) {
	f, err := ParseFile([]byte(validFile()), resolver(t))
	if err != nil {
		t.Fatal(err)
	}
	want := &File{CreditCode: knownCode, Year: 2020, Catalog: "test-small", Reviewer: "王喆", Conclusion: "基本属实，个别要点扣分。",
		Items: []Item{{No: 1, Score: 20}, {No: 2, Score: 35, Comment: "公示不全"}, {No: 4, NA: true, Comment: "无审核人员编制"}}}
	if !reflect.DeepEqual(f, want) {
		t.Fatalf("got %+v\nwant %+v", f, want)
	}
	r := f.Review()
	if r.Status != Done || r.Reviewer != "王喆" || len(r.Items) != 3 || r.Items[4].NA != true {
		t.Errorf("review %+v", r)
	}
	// an empty items list is a review that agrees with everything
	empty := strings.Replace(validFile(), validFile()[strings.Index(validFile(), `"items":`):], `"items":[]}`, 1)
	if f, err := ParseFile([]byte(empty), resolver(t)); err != nil || len(f.Items) != 0 {
		t.Errorf("empty items: %v %+v", err, f)
	}
}

// TestParseFileRefusals is the table of invalid review files: each is refused whole with the
// Chinese message that names the fault (and the item, for item faults).
func TestParseFileRefusals(t *testing.T) {
	v := validFile()
	rep := func(old, new string) string {
		if !strings.Contains(v, old) {
			t.Fatalf("test case: %q not in the valid file", old)
		}
		return strings.Replace(v, old, new, 1)
	}
	item := func(s string) string { return rep(`{"no":1,"score":2,"comment":""}`, s) }
	other := creditCode("11610113MB0000009")
	for _, c := range []struct{ name, data, want string }{
		{"empty", "", "复核文件格式错误：第 1 行第 1 列：文件是空的"},
		{"not UTF-8", "\xff\xfe{}", "复核文件不是 UTF-8 编码"},
		{"too big", v + strings.Repeat(" ", MaxFileSize), "复核文件过大（超过 4 MB）"},
		{"bad JSON", rep(`"year":2020,`, `"year":2020,,`), "复核文件格式错误：第 1 行第 88 列：JSON 语法错误（在“,”处）"},
		{"truncated", v[:len(v)-10], "复核文件格式错误：第 3 行第 114 列：文件不完整（可能被截断）"},
		{"trailing", v + "{}", "复核文件格式错误：第 3 行第 120 列：JSON 之后还有多余内容（文件末尾只能是空白）"},
		{"duplicate key", rep(`"year":2020,`, `"year":2020,"year":2021,`), "复核文件格式错误：第 1 行第 88 列：键 \"year\" 在同一对象中重复出现"},
		{"case key", rep(`"reviewer"`, `"Reviewer"`), "复核文件格式错误：第 2 行第 24 列：键 \"Reviewer\" 的大小写有误，应写作 \"reviewer\""},
		{"unknown key", rep(`"reviewer"`, `"auditor":"x","reviewer"`), "复核文件格式错误：第 2 行第 24 列：未知字段 \"auditor\""},
		{"not an object", `[]`, "复核文件格式错误：应为一个 JSON 对象（{…}）"},
		{"wrong format", rep(`"sanxiang.review"`, `"sanxiang.assessment"`), "不是复核文件（format 应为 \"sanxiang.review\"）"},
		{"no format", rep(`"format":"sanxiang.review",`, ``), "不是复核文件（format 应为 \"sanxiang.review\"）"},
		{"version 2", rep(`"version":1`, `"version":2`), "不支持的复核文件版本 2（本程序支持版本 1）"},
		{"no version", rep(`"version":1,`, ``), "复核文件格式错误：缺少 version"},
		{"no credit code", rep(`"credit_code":"`+knownCode+`",`, ``), "复核文件格式错误：缺少 credit_code"},
		{"no year", rep(`"year":2020,`, ``), "复核文件格式错误：缺少 year"},
		{"no catalog", rep(`"catalog":"test-small",`, ``), "复核文件格式错误：缺少 catalog"},
		{"no reviewer", rep(`"reviewer":"王喆",`, ``), "复核文件格式错误：缺少 reviewer"},
		{"no conclusion", rep(`"conclusion":"基本属实，个别要点扣分。",`, ``), "复核文件格式错误：缺少 conclusion"},
		{"no items", rep(`,
"items":[{"no":2,"score":3.5,"comment":"公示不全"},{"no":1,"score":2,"comment":""},{"no":4,"na":true,"comment":"无审核人员编制"}]`, ``), "复核文件格式错误：缺少 items"},
		{"null items", rep(`"items":[{"no":2,"score":3.5,"comment":"公示不全"},{"no":1,"score":2,"comment":""},{"no":4,"na":true,"comment":"无审核人员编制"}]`, `"items":null`), "复核文件格式错误：缺少 items"},
		{"items an object", rep(`"items":[{"no":2,"score":3.5,"comment":"公示不全"},{"no":1,"score":2,"comment":""},{"no":4,"na":true,"comment":"无审核人员编制"}]`, `"items":{}`), "复核文件格式错误：第 3 行第 9 列：字段 \"items\" 的类型错误（应为数组）"},
		{"year as text", rep(`"year":2020`, `"year":"2020"`), "复核文件格式错误：字段 year 的类型错误（应为 数字）"},
		{"year range", rep(`"year":2020`, `"year":1999`), "复核文件的年度 1999 无效（应为 2000–2100）"},
		{"bad credit code", rep(knownCode, knownCode[:17]+"0"), "复核文件的统一社会信用代码无效：统一社会信用代码校验位不正确（最后一位应为 " + knownCode[17:] + "），请核对是否输错"},
		{"lower-case credit code", rep(`"credit_code":"11610113MB`, `"credit_code":"11610113mb`), "复核文件的统一社会信用代码 \"11610113mb0000001G\" 应写作 \"11610113MB0000001G\"（大写、无空格）"},
		{"blank reviewer", rep(`"王喆"`, `"  "`), "复核文件没有写明复核人（reviewer）"},
		{"blank catalog", rep(`"catalog":"test-small"`, `"catalog":""`), "复核文件没有写明指标体系（catalog）"},
		{"unknown unit", rep(`"credit_code":"`+knownCode, `"credit_code":"`+other), "复核文件不能导入：数据库中没有统一社会信用代码为 " + other + " 的单位 2020 年度的自评（请先导入该单位的报送包）"},
		{"unknown year", rep(`"year":2020`, `"year":2021`), "复核文件不能导入：数据库中没有统一社会信用代码为 " + knownCode + " 的单位 2021 年度的自评（请先导入该单位的报送包）"},
		{"other catalog", rep(`"test-small"`, `"shaanxi-2020"`), "复核文件按指标体系 \"shaanxi-2020\" 评分，而该单位 2020 年度的自评使用指标体系 \"test-small\"（测试指标体系），不能导入"},
		{"unknown criterion", item(`{"no":99,"score":2,"comment":""}`), "复核文件中的评分要点(99)不在指标体系“测试指标体系”中"},
		{"score over max", item(`{"no":1,"score":2.1,"comment":""}`), "复核文件中评分要点(1)的复核得分 2.1 超过该要点分值 2"},
		{"negative score", item(`{"no":1,"score":-0.5,"comment":""}`), "复核文件第 2 项（评分要点(1)）的复核得分 -0.5 无效：不能为负数"},
		{"not a tenth", item(`{"no":1,"score":0.25,"comment":""}`), "复核文件第 2 项（评分要点(1)）的复核得分 0.25 不是 0.1 的整数倍"},
		{"exponent", item(`{"no":1,"score":1e0,"comment":""}`), "复核文件第 2 项（评分要点(1)）的复核得分 1e0 无效：\"1e0\" 不是数字"},
		{"score in quotes", item(`{"no":1,"score":"2","comment":""}`), "复核文件第 2 项（评分要点(1)）的复核得分 \"2\" 应为数字（不加引号）"},
		{"score true", item(`{"no":1,"score":true,"comment":""}`), "复核文件第 2 项（评分要点(1)）的复核得分 true 应为数字（不加引号）"},
		{"duplicate item", item(`{"no":2,"score":2,"comment":""}`), "复核文件第 2 项（评分要点(2)）与第 1 项重复：每个评分要点只能出现一次"},
		{"no number", item(`{"score":2,"comment":""}`), "复核文件第 2 项缺少评分要点序号（no）"},
		{"number zero", item(`{"no":0,"score":2,"comment":""}`), "复核文件第 2 项的评分要点序号 0 无效（应为正整数）"},
		{"number as text", item(`{"no":"1","score":2,"comment":""}`), "复核文件第 2 项：字段 no 的类型错误（应为 数字）"},
		{"no score", item(`{"no":1,"comment":""}`), "复核文件第 2 项（评分要点(1)）缺少复核得分（score），或写 \"na\": true"},
		{"null score", item(`{"no":1,"score":null,"comment":""}`), "复核文件第 2 项（评分要点(1)）缺少复核得分（score），或写 \"na\": true"},
		{"no comment", item(`{"no":1,"score":2}`), "复核文件第 2 项（评分要点(1)）缺少复核意见（comment），没有意见时写 \"\""},
		{"score and na", item(`{"no":1,"score":2,"na":true,"comment":"x"}`), "复核文件第 2 项（评分要点(1)）同时写了复核得分和不适用，只能二选一"},
		{"na false", item(`{"no":1,"score":2,"na":false,"comment":""}`), "复核文件第 2 项（评分要点(1)）的 na 只能写 true（有复核得分时不写 na）"},
		{"na without reason", item(`{"no":1,"na":true,"comment":" "}`), "复核文件第 2 项（评分要点(1)）认定不适用，须在 comment 中写明理由"},
		{"unknown item key", item(`{"no":1,"score":2,"comment":"","reason":"x"}`), "复核文件第 2 项：未知字段 \"reason\""},
		{"duplicate item key", item(`{"no":1,"score":2,"score":1,"comment":""}`), "复核文件格式错误：第 3 行第 66 列（items 第 2 项）：键 \"score\" 在同一对象中重复出现"},
		{"case key in item", item(`{"no":1,"score":2,"Comment":""}`), "复核文件第 2 项：键 \"Comment\" 的大小写有误，应写作 \"comment\""},
		{"case pair in item", item(`{"no":1,"score":2,"comment":"","Comment":""}`), "复核文件格式错误：第 3 行第 79 列（items 第 2 项）：键 \"Comment\" 与 \"comment\" 只有大小写不同，不能同时出现"},
		{"comment too long", item(`{"no":1,"score":2,"comment":"` + strings.Repeat("实", MaxComment+1) + `"}`), "复核文件中评分要点(1)的复核意见有 5001 个字，超过上限 5000 个字"},
		{"item not an object", item(`1`), "复核文件第 2 项应为对象（{\"no\": …, \"score\": …, \"comment\": …}）"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := ParseFile([]byte(c.data), resolver(t))
			if err == nil {
				t.Fatalf("accepted: %+v", f)
			}
			if err.Error() != c.want {
				t.Errorf("\n got %s\nwant %s", err, c.want)
			}
		})
	}
}

func TestParseFileUnknownUnitIsTyped(t *testing.T) {
	data := strings.Replace(validFile(), "2020", "2022", 1)
	_, err := ParseFile([]byte(data), resolver(t))
	var u *UnknownUnitError
	if !errors.As(err, &u) || u.Year != 2022 || u.CreditCode != knownCode {
		t.Errorf("error %v is not the unknown-unit error", err)
	}
	if _, err := ParseFile([]byte(validFile()), nil); err == nil {
		t.Error("no resolver must be an error")
	}
}

func TestEncodeFileGoldenAndRoundTrip(t *testing.T) {
	f, err := ParseFile([]byte(validFile()), resolver(t))
	if err != nil {
		t.Fatal(err)
	}
	f.Items[1].Comment = "含\"引号\"、<尖括号>和\n换行"
	got, err := f.Encode()
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "review.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("encoding differs from %s:\n%s", golden, got)
	}
	back, err := ParseFile(got, resolver(t))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, f) {
		t.Errorf("round trip\n got %+v\nwant %+v", back, f)
	}
	// items out of order encode in order; NewFile from a Review gives the same bytes
	again, _ := NewFile(f.CreditCode, f.Year, f.Catalog, back.Review()).Encode()
	if !bytes.Equal(again, got) {
		t.Errorf("NewFile(Review()) encodes differently:\n%s", again)
	}
	empty, _ := (&File{CreditCode: knownCode, Year: 2020, Catalog: "test-small", Reviewer: "王喆"}).Encode()
	if _, err := ParseFile(empty, resolver(t)); err != nil || !bytes.HasSuffix(empty, []byte("\"items\": []\n}\n")) {
		t.Errorf("empty review: %v\n%s", err, empty)
	}
}

// FuzzDecodeFile: no input panics; whatever is accepted encodes to bytes that decode to the same
// File, and encoding is stable.
func FuzzDecodeFile(f *testing.F) {
	f.Add([]byte(validFile()))
	f.Add([]byte(`{"format":"sanxiang.review","version":1,"credit_code":"` + knownCode + `","year":2020,"catalog":"c","reviewer":"r","conclusion":"","items":[{"no":1,"na":true,"comment":"x"}]}`))
	f.Add([]byte(`{"items":[{"no":1,"score":0.30,"comment":"x"}]}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := DecodeFile(data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		enc, err := d.Encode()
		if err != nil {
			t.Fatal(err)
		}
		back, err := DecodeFile(enc)
		if err != nil {
			t.Fatalf("own encoding refused: %v\n%s", err, enc)
		}
		if !reflect.DeepEqual(back, d) {
			t.Fatalf("round trip\n got %+v\nwant %+v", back, d)
		}
		enc2, _ := back.Encode()
		if !bytes.Equal(enc, enc2) {
			t.Fatalf("encoding not stable:\n%s\n%s", enc, enc2)
		}
	})
}
