package exchange

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"sanxiang/scoring"
)

const samplePath = "../testdata/sample-assessment.json"

func TestSampleRoundTripsByteForByte(t *testing.T) {
	raw, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Decode(raw, cats)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Encode(a)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(raw, back) {
		t.Fatalf("decode+encode changed the sample file")
	}
	r := scoring.Score(a.Catalog, a.Answers)
	if r.Overall.Score != 899 || r.Converted != 9221 || r.Overall.Unanswered != 3 {
		t.Fatalf("sample scores %s / %s", r.Overall.Score, r.Converted)
	}
}

func TestReadWriteFileResolvesEvidence(t *testing.T) {
	a, err := ReadFile(samplePath, cats)
	if err != nil {
		t.Fatal(err)
	}
	ev := a.Answers[36].Evidence
	if len(ev) != 2 || !filepath.IsAbs(ev[0].Path) {
		t.Fatalf("evidence not resolved: %+v", ev)
	}
	if _, err := os.Stat(ev[0].Path); err != nil {
		t.Fatalf("resolved path does not exist: %v", err)
	}
	// Written next to the evidence, paths become relative again; written elsewhere they stay absolute.
	dir := t.TempDir()
	out := filepath.Join(dir, "副本 文件.json")
	if err := WriteFile(out, a); err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(a.Answers[36].Evidence[0].Path) {
		t.Fatal("WriteFile changed its argument")
	}
	b, err := ReadFile(out, cats)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Answers, b.Answers) || !reflect.DeepEqual(a.Narratives, b.Narratives) || a.Unit != b.Unit {
		t.Fatal("round trip through another folder lost data")
	}
	rel := exampleWithEvidence(t, filepath.Join(dir, "材料", "证明.pdf"))
	if err := WriteFile(filepath.Join(dir, "x.json"), rel); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "x.json"))
	if !strings.Contains(string(data), `"path": "材料/证明.pdf"`) {
		t.Fatalf("evidence below the file's folder not written relative:\n%s", data)
	}
}

func exampleWithEvidence(t *testing.T, p string) *scoring.Assessment {
	c, err := scoring.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return &scoring.Assessment{Catalog: c, Year: 2021, Unit: scoring.Unit{Name: "甲单位"},
		Answers: map[int]scoring.Answer{5: {No: 5, Status: scoring.Scored, Score: 3, Evidence: []scoring.Evidence{{Path: p, Name: "证明.pdf", Size: 1}}}}}
}

const minimal = `{"format":"sanxiang.assessment","version":1,"catalog":"shaanxi-2020",
"unit":{"name":"甲单位","credit_code":"91350100M000100Y43","contact":"张三","phone":"1"},"year":2020,
"answers":[{"no":1,"status":"scored","score":0.5,"note":"好"},{"no":9,"status":"na","na_reason":"不涉及"}],
"narratives":{"work_summary":"总结"}}`

func TestDecodeRefusals(t *testing.T) {
	if _, err := Decode([]byte(minimal), cats); err != nil {
		t.Fatalf("minimal file refused: %v", err)
	}
	cases := []struct{ name, from, to, want string }{
		{"unknown criterion", `"no":1,`, `"no":171,`, "编号 171 不存在"},
		{"zero criterion", `"no":1,`, `"no":0,`, "编号 0 不存在"},
		{"above points", `"score":0.5`, `"score":0.6`, "评分要点(1)：得分 0.6 超过"},
		{"hundredths", `"score":0.5`, `"score":0.25`, "评分要点(1)：得分 0.25 不是 0.1 的整数倍"},
		{"negative", `"score":0.5`, `"score":-0.1`, "评分要点(1)：得分不能为负数"},
		{"string score", `"score":0.5`, `"score":"0.5"`, "评分要点(1)：格式错误：无法解析（得分应为数字，不能加引号）"},
		{"note as number", `"note":"好"`, `"note":5`, "评分要点(1)：格式错误：字段 note 的类型错误（应为 文本）"},
		{"unknown answer field", `"note":"好"`, `"note":"好","sore":1`, "自评文件格式错误：第 3 行第 61 列：未知字段 \"sore\""},
		{"exponent", `"score":0.5`, `"score":5e-1`, "评分要点(1)：得分 5e-1 请写成普通小数"},
		{"scored without score", `,"score":0.5`, ``, "评分要点(1)：状态为已评，但没有得分"},
		{"na with score", `"status":"na"`, `"status":"na","score":0`, "评分要点(9)：标为不适用"},
		{"duplicate", `{"no":9,`, `{"no":1,`, "评分要点(1)：在文件中重复出现"},
		{"unknown status", `"status":"na"`, `"status":"skip"`, "评分要点(9)：状态 \"skip\" 无效"},
		{"missing status", `"status":"na",`, ``, "评分要点(9)：缺少状态"},
		{"wrong catalog", `"catalog":"shaanxi-2020"`, `"catalog":"beijing-2021"`, "beijing-2021"},
		{"wrong format", `"format":"sanxiang.assessment"`, `"format":"other"`, "不是自评文件"},
		{"future version", `"version":1`, `"version":2`, "版本 2"},
		{"bad year", `"year":2020`, `"year":20`, "年度 20"},
		{"year as text", `"year":2020`, `"year":"2020"`, "类型错误"},
		{"no unit name", `"name":"甲单位"`, `"name":""`, "单位名称"},
		{"bad credit code", `91350100M000100Y43`, `91350100M000100Y44`, "校验位"},
		{"unknown field", `"year":2020,`, `"year":2020,"yaer":1,`, "未知字段"},
		{"truncated", `"narratives":{"work_summary":"总结"}}`, `"narratives":{"work_sum`, "不完整"},
		{"trailing", `"总结"}}`, `"总结"}}{}`, "多余内容"},
		{"not json", `{"format"`, `<html>`, "语法错误"},
		{"bad sha", `"note":"好"`, `"note":"好","evidence":[{"path":"a.pdf","sha256":"xyz"}]`, "评分要点(1)：第 1 个佐证材料的 SHA-256"},
		{"empty evidence path", `"note":"好"`, `"note":"好","evidence":[{"path":" "}]`, "评分要点(1)：第 1 个佐证材料缺少路径"},
		{"negative size", `"note":"好"`, `"note":"好","evidence":[{"path":"a","size":-1}]`, "大小 -1"},
		// control characters (issue 13): refused with the field and the character named
		{"NUL in the unit name", `"name":"甲单位"`, `"name":"甲\u0000单位"`, "单位名称的第 2 个字符是空字符（U+0000）"},
		{"RTL override in the unit name", `"name":"甲单位"`, "\"name\":\"甲单位\u202e\"", "单位名称的第 4 个字符是文字方向控制符（U+202E）"},
		{"escape in the contact", `"contact":"张三"`, `"contact":"张\u001b三"`, "联系人的第 2 个字符是控制字符（U+001B）"},
		{"C1 in a note", `"note":"好"`, `"note":"好\u0085"`, "评分要点(1)：自评说明的第 2 个字符是控制字符（U+0085）"},
		{"bidi in an N/A reason", `"na_reason":"不涉及"`, `"na_reason":"不\u2066涉及"`, "评分要点(9)：不适用理由的第 2 个字符是文字方向控制符（U+2066）"},
		{"RTL override in an evidence name", `"note":"好"`, `"note":"好","evidence":[{"path":"a.pdf","name":"照片\u202egpj.exe"}]`, "评分要点(1)：第 1 个佐证材料的名称的第 3 个字符是文字方向控制符（U+202E）"},
		{"NUL in a narrative", `"work_summary":"总结"`, `"work_summary":"总\u0000结"`, "申报材料“work_summary”的第 2 个字符是空字符（U+0000）"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(minimal, tc.from, tc.to, 1)
			if src == minimal {
				t.Fatalf("replacement %q not found", tc.from)
			}
			_, err := Decode([]byte(src), cats)
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q does not contain %q", err, tc.want)
			}
		})
	}
	for _, bad := range [][]byte{nil, []byte("\xff\xfe"), []byte("   ")} {
		if _, err := Decode(bad, cats); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestDecodeKeepsMissingReasonsAsProblems(t *testing.T) {
	src := strings.Replace(minimal, `"status":"scored","score":0.5`, `"status":"scored","score":0.2`, 1)
	src = strings.Replace(src, `,"na_reason":"不涉及"`, ``, 1)
	a, err := Decode([]byte(src), cats)
	if err != nil {
		t.Fatalf("missing reasons must not refuse the file: %v", err)
	}
	ps := scoring.Check(a.Catalog, a.Answers, nil)
	var kinds []string
	for _, p := range ps {
		if p.No == 1 || p.No == 9 {
			kinds = append(kinds, string(p.Kind))
		}
	}
	if strings.Join(kinds, ",") != "missing_deduction_reason,no_evidence,missing_na_reason" {
		t.Fatalf("problems %v", kinds)
	}
}

func TestUnansweredWithNotesRoundTrips(t *testing.T) {
	c, _ := scoring.Builtin()
	a := &scoring.Assessment{Catalog: c, Year: 2020, Unit: scoring.Unit{Name: "乙"}, Answers: map[int]scoring.Answer{
		7: {No: 7, Note: "待补充"},
		8: {No: 8}, // empty: not written
	}}
	data, err := Encode(a)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), `"no": 8`) || !strings.Contains(string(data), `"status": "unanswered"`) {
		t.Fatalf("unexpected encoding:\n%s", data)
	}
	b, err := Decode(data, cats)
	if err != nil {
		t.Fatal(err)
	}
	if b.Answers[7].Note != "待补充" || b.Answers[7].Status != scoring.Unanswered {
		t.Fatalf("lost the note: %+v", b.Answers[7])
	}
}

func TestReportJSON(t *testing.T) {
	a, err := Decode([]byte(minimal), cats)
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewReport(a, nil).JSON()
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{`"total": 0.5`, `"max": 100`, `"na_points": 0.5`, `"applicable_max": 99.5`, `"converted": 0.50`,
		`"scored": 1`, `"na": 1`, `"unanswered": 168`, `"code": "1.1.1"`, `"kind": "unanswered"`} {
		if !strings.Contains(s, want) {
			t.Errorf("report lacks %s", want)
		}
	}
	// All N/A: converted is undefined and must be null, not NaN.
	c, _ := scoring.Builtin()
	all := &scoring.Assessment{Catalog: c, Answers: map[int]scoring.Answer{}}
	for _, no := range c.Numbers() {
		all.Answers[no] = scoring.Answer{No: no, Status: scoring.NA}
	}
	b, _ = NewReport(all, nil).JSON()
	if !strings.Contains(string(b), `"converted": null`) {
		t.Fatal("undefined converted score not null")
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(minimal))
	if raw, err := os.ReadFile(samplePath); err == nil {
		f.Add(raw)
	}
	f.Add([]byte(`{"format":"sanxiang.assessment","version":1}`))
	f.Add([]byte(strings.Replace(minimal, `"note":"好"`, `"note":"一\t二\r\n三\u202e\u0000"`, 1)))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Decode(data, cats)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		// Anything accepted scores within bounds and survives a round trip unchanged.
		r := scoring.Score(a.Catalog, a.Answers)
		if r.Overall.Score < 0 || r.Overall.Score > r.Overall.Points {
			t.Fatalf("accepted file scores %s", r.Overall.Score)
		}
		enc, err := Encode(a)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Decode(enc, cats)
		if err != nil {
			t.Fatalf("re-decoding our own output: %v", err)
		}
		if scoring.Score(b.Catalog, b.Answers).Overall != r.Overall {
			t.Fatal("round trip changed the score")
		}
	})
}

func TestFinalizedRoundTrips(t *testing.T) {
	c, _ := scoring.Builtin()
	at := time.Date(2020, 12, 1, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))
	for _, tc := range []struct {
		name  string
		final time.Time
		key   bool
	}{{"draft", time.Time{}, false}, {"final", at, true}} {
		a := &scoring.Assessment{Catalog: c, Year: 2020, Unit: scoring.Unit{Name: "乙"}, Finalized: tc.final,
			Answers: map[int]scoring.Answer{1: {No: 1, Status: scoring.Scored, Score: 5}}}
		data, err := Encode(a)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(data), `"finalized": "2020-12-01T09:30:00+08:00"`); got != tc.key {
			t.Errorf("%s: finalized written = %v:\n%s", tc.name, got, data)
		}
		b, err := Decode(data, cats)
		if err != nil {
			t.Fatal(err)
		}
		if !b.Finalized.Equal(tc.final) {
			t.Errorf("%s: decoded finalized %v, want %v", tc.name, b.Finalized, tc.final)
		}
	}
	bad := strings.Replace(minimal, `"year":2020`, `"year":2020,"finalized":"昨天"`, 1)
	if bad == minimal {
		t.Fatal("test data: minimal has no year to patch")
	}
	if _, err := Decode([]byte(bad), cats); err == nil || !strings.Contains(err.Error(), "定稿时间") {
		t.Errorf("bad finalized time: %v", err)
	}
}
