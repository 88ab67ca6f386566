package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

type inner struct {
	No    int          `json:"no"`
	Score *json.Number `json:"score,omitempty"`
}

type doc struct {
	Year    int               `json:"year"`
	Answers []inner           `json:"answers"`
	Notes   map[string]string `json:"notes,omitempty"`
	Raw     json.RawMessage   `json:"raw,omitempty"`
}

func TestCheckRefuses(t *testing.T) {
	cases := []struct {
		name, in, want string
		line, col      int
	}{
		{"duplicate key", `{"year":2020,"year":2021}`, `键 "year" 在同一对象中重复出现`, 1, 14},
		{"case twin", `{"year":2020,"YEAR":2021}`, `键 "YEAR" 与 "year" 只有大小写不同`, 1, 14},
		{"case alone", `{"YEAR":2021}`, `键 "YEAR" 的大小写有误，应写作 "year"`, 1, 2},
		{"answers null appended", `{"year":2020,"answers":[{"no":1}],"Answers": null}`, `只有大小写不同`, 1, 35},
		{"duplicate score", "{\"answers\":[\n  {\"no\":1,\"score\":0.5,\"score\":0.0}]}", `键 "score" 在同一对象中重复出现`, 2, 23},
		{"unknown key", `{"yeer":2020}`, `未知字段 "yeer"`, 1, 2},
		{"junk after", `{"year":2020} x`, `多余内容`, 1, 15},
		{"NUL after", "{\"year\":2020}\x00", `多余内容`, 1, 14},
		{"second value", `{"year":2020}{"year":2021}`, `多余内容`, 1, 14},
		{"map duplicate", `{"notes":{"a":"1","a":"2"}}`, `键 "a" 在同一对象中重复出现`, 1, 19},
		{"map case twin", `{"notes":{"Key":"1","key":"2"}}`, `只有大小写不同`, 1, 21},
		{"raw duplicate", `{"raw":{"x":1,"x":2}}`, `重复出现`, 1, 15},
		{"truncated", `{"year":20`, `文件不完整`, 1, 11},
		{"empty", ``, `文件是空的`, 1, 1},
		{"syntax", "{\n\"year\" 2020}", `JSON 语法错误`, 2, 8},
		{"NUL inside", "{\"year\":\x00}", `空字符`, 1, 9},
		{"deep", `{"raw":` + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "}", `嵌套层数`, 1, 0},
		// a wrong kind is named in reading order, before a later unknown key
		{"number for array", `{"answers":7,"x":[]}`, `字段 "answers" 的类型错误（应为数组）`, 1, 12},
		{"object for array", "{\n \"answers\": {}}", `字段 "answers" 的类型错误（应为数组）`, 2, 13},
		{"array for object", `{"notes":["a"]}`, `字段 "notes" 的类型错误（应为对象）`, 1, 10},
		{"array for number", `{"year":[2020]}`, `字段 "year" 的类型错误（应为文本、数字或布尔值）`, 1, 9},
		{"element kind", `{"answers":[{"no":1}, 5]}`, `类型错误（应为对象）`, 1, 23},
		{"top level", `[]`, `类型错误（应为对象）`, 1, 1},
		{"not json at all", `<html>`, `JSON 语法错误`, 1, 1},
		{"bad value where an array belongs", `{"answers":x}`, `JSON 语法错误`, 1, 12},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var d doc
			err := Unmarshal([]byte(tc.in), &d)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if !strings.Contains(e.Error(), tc.want) {
				t.Errorf("err = %q, want it to contain %q", e, tc.want)
			}
			if e.Line != tc.line || (tc.col != 0 && e.Col != tc.col) {
				t.Errorf("position = %d:%d, want %d:%d (%v)", e.Line, e.Col, tc.line, tc.col, e)
			}
		})
	}
}

func TestCheckAccepts(t *testing.T) {
	for _, in := range []string{
		`{"year":2020,"answers":[{"no":1,"score":0.5},{"no":2}],"notes":{"a":"1","b":"2"},"raw":{"x":1,"y":2}}` + "\n\r\n\t ",
		`{"answers":null}`,
		`{}`,
	} {
		var d doc
		if err := Unmarshal([]byte(in), &d); err != nil {
			t.Errorf("%s: %v", in, err)
		}
	}
	if err := Check([]byte(`[{"a":1},{"a":2}]`), nil); err != nil {
		t.Errorf("same key in two objects: %v", err)
	}
}

// FuzzCheck: whatever the bytes, Check never panics, its refusals carry a valid position, and
// what it accepts encoding/json accepts too (it is stricter, never looser).
func FuzzCheck(f *testing.F) {
	for _, s := range []string{`{"year":2020}`, `{"a":1,"A":2}`, `[1,2,{"x":[]}]`, "{\"year\":1}\x00", `{"answers":[{"no":1}]}`, `"x"`, `{`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		err := Check(data, reflect.TypeOf(doc{}))
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("non-positional error %v", err)
			}
			if e.Line < 1 || e.Col < 1 || e.Offset < 0 || e.Offset > int64(len(data)) {
				t.Fatalf("bad position %+v", e)
			}
			syntaxLike := strings.HasPrefix(e.Msg, "JSON 语法错误") || strings.HasPrefix(e.Msg, "文件不完整") || e.Msg == "文件是空的"
			if syntaxLike && json.Valid(data) {
				t.Fatalf("valid JSON called broken: %v", e)
			}
			return
		}
		var v any
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber() // numbers beyond float64 are the decoder's business, not the checker's
		if jerr := dec.Decode(&v); jerr != nil {
			t.Fatalf("Check accepted what encoding/json refuses: %v", jerr)
		}
	})
}
