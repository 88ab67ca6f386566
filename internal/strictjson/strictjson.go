// Package strictjson decodes the JSON files the program reads (assessment files, catalogs) more
// strictly than encoding/json: keys must match a field exactly (encoding/json matches them
// case-insensitively), a key may not appear twice in one object, also not in another case
// (encoding/json lets the last one win), and nothing but white space may follow the value.
// Every refusal is a Chinese *Error with the line and column, so a user can find the spot.
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error is a refusal with its position in the file (line and column count from 1, columns in
// characters).
type Error struct {
	Offset    int64 // byte offset of the fault
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	return fmt.Sprintf("第 %d 行第 %d 列：%s", e.Line, e.Col, e.Msg)
}

// Unmarshal checks data with Check against v's type and then decodes it into v with numbers kept
// as json.Number. Errors from the decoding itself (a string where a number belongs) are
// encoding/json's, for the caller to word; everything Check refuses is an *Error.
func Unmarshal(data []byte, v any) error {
	if err := Check(data, reflect.TypeOf(v)); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// Check walks data once and refuses, with the position: invalid JSON, a truncated file, a
// duplicate key or two keys differing only in case in one object, a key that is not exactly a
// field of the Go struct it would be decoded into (t may be nil: then only the generic rules
// apply), and anything after the value. It is a hand-written scanner over the bytes (the
// grammar of RFC 8259, as encoding/json reads it): json.Decoder.Token allocates per token and
// was four times slower than decoding the file.
func Check(data []byte, t reflect.Type) error {
	c := &checker{data: data}
	c.skipWS()
	if c.i >= len(data) {
		return c.fail(0, "文件是空的")
	}
	if err := c.value(t, 0, ""); err != nil {
		return err
	}
	c.skipWS()
	if c.i < len(data) {
		return c.fail(int64(c.i), "JSON 之后还有多余内容（文件末尾只能是空白）")
	}
	return nil
}

// maxDepth bounds nesting, so a file of a million "[" cannot exhaust the stack.
const maxDepth = 200

type checker struct {
	data []byte
	i    int // the next byte to read
}

func (c *checker) fail(off int64, format string, args ...any) error {
	if off < 0 {
		off = 0
	}
	if off > int64(len(c.data)) {
		off = int64(len(c.data))
	}
	line, col := 1, 1
	for _, r := range string(c.data[:off]) {
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return &Error{Offset: off, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

func (c *checker) truncated() error {
	return c.fail(int64(len(c.data)), "文件不完整（可能被截断）")
}

func (c *checker) syntax(off int) error {
	return c.fail(int64(off), "JSON 语法错误%s", near(c.data, int64(off)))
}

func (c *checker) skipWS() {
	for c.i < len(c.data) {
		switch c.data[c.i] {
		case ' ', '\t', '\r', '\n':
			c.i++
		default:
			return
		}
	}
}

// near quotes the character at off for a syntax error message.
func near(data []byte, off int64) string {
	if off < 0 || off >= int64(len(data)) {
		return ""
	}
	r, _ := utf8.DecodeRune(data[off:])
	switch {
	case r == 0:
		return "（此处有空字符 NUL）"
	case r == utf8.RuneError || !unicode.IsPrint(r):
		return fmt.Sprintf("（此处有不可见字符 U+%04X）", r)
	}
	return fmt.Sprintf("（在“%c”处）", r)
}

var (
	rawType         = reflect.TypeOf(json.RawMessage(nil))
	numberType      = reflect.TypeOf(json.Number(""))
	unmarshalerType = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()
)

// target narrows t to what the value is decoded into: pointers are followed; nil means "any"
// (interfaces, raw messages and types that decode themselves, which are checked generically).
func target(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t == rawType || t == numberType || t.Kind() == reflect.Interface ||
		reflect.PointerTo(t).Implements(unmarshalerType) {
		return nil
	}
	return t
}

// value checks one JSON value starting at c.i (white space skipped by the caller); key names it
// for messages ("" for array elements and the top level).
func (c *checker) value(t reflect.Type, depth int, key string) error {
	if c.i >= len(c.data) {
		return c.truncated()
	}
	if want := mismatch(c.data[c.i], target(t)); want != "" {
		// reported here, in reading order, rather than by encoding/json after the whole walk
		// (which would name a later fault, such as an unknown key, first)
		if key != "" {
			return c.fail(int64(c.i), "字段 %q 的类型错误（应为%s）", key, want)
		}
		return c.fail(int64(c.i), "类型错误（应为%s）", want)
	}
	switch b := c.data[c.i]; {
	case b == '{' || b == '[':
		if depth >= maxDepth {
			return c.fail(int64(c.i), "嵌套层数超过 %d 层", maxDepth)
		}
		if b == '{' {
			return c.object(target(t), depth)
		}
		return c.array(target(t), depth)
	case b == '"':
		_, _, err := c.str()
		return err
	case b == 't':
		return c.literal("true")
	case b == 'f':
		return c.literal("false")
	case b == 'n':
		return c.literal("null")
	case b == '-' || b >= '0' && b <= '9':
		return c.number()
	}
	return c.syntax(c.i)
}

func (c *checker) literal(lit string) error {
	for k := 0; k < len(lit); k++ {
		if c.i >= len(c.data) {
			return c.truncated()
		}
		if c.data[c.i] != lit[k] {
			return c.syntax(c.i)
		}
		c.i++
	}
	return nil
}

// number: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
func (c *checker) number() error {
	digits := func() error { // one or more
		if c.i >= len(c.data) {
			return c.truncated()
		}
		if d := c.data[c.i]; d < '0' || d > '9' {
			return c.syntax(c.i)
		}
		for c.i < len(c.data) && c.data[c.i] >= '0' && c.data[c.i] <= '9' {
			c.i++
		}
		return nil
	}
	if c.data[c.i] == '-' {
		c.i++
	}
	if c.i < len(c.data) && c.data[c.i] == '0' {
		c.i++
	} else if err := digits(); err != nil {
		return err
	}
	if c.i < len(c.data) && c.data[c.i] == '.' {
		c.i++
		if err := digits(); err != nil {
			return err
		}
	}
	if c.i < len(c.data) && (c.data[c.i] == 'e' || c.data[c.i] == 'E') {
		c.i++
		if c.i < len(c.data) && (c.data[c.i] == '+' || c.data[c.i] == '-') {
			c.i++
		}
		if err := digits(); err != nil {
			return err
		}
	}
	return nil
}

// str checks a string at c.i and returns its raw bytes (quotes included) and whether it has
// escapes or bytes that are not UTF-8 (then it must be decoded to compare it).
func (c *checker) str() (raw []byte, decode bool, err error) {
	start := c.i
	c.i++ // the opening quote
	for {
		if c.i >= len(c.data) {
			return nil, false, c.truncated()
		}
		b := c.data[c.i]
		switch {
		case b == '"':
			c.i++
			return c.data[start:c.i], decode, nil
		case b < 0x20:
			return nil, false, c.syntax(c.i)
		case b == '\\':
			decode = true
			c.i++
			if c.i >= len(c.data) {
				return nil, false, c.truncated()
			}
			switch c.data[c.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				c.i++
			case 'u':
				for k := 1; k <= 4; k++ {
					if c.i+k >= len(c.data) {
						return nil, false, c.truncated()
					}
					if !isHex(c.data[c.i+k]) {
						return nil, false, c.syntax(c.i + k)
					}
				}
				c.i += 5
			default:
				return nil, false, c.syntax(c.i)
			}
		case b >= 0x80:
			decode = true // judged by encoding/json's rules (invalid bytes become U+FFFD)
			c.i++
		default:
			c.i++
		}
	}
}

func isHex(b byte) bool { return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F' }

func (c *checker) array(t reflect.Type, depth int) error {
	var elem reflect.Type
	if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
		elem = t.Elem()
	}
	c.i++ // [
	c.skipWS()
	if c.i < len(c.data) && c.data[c.i] == ']' {
		c.i++
		return nil
	}
	for {
		c.skipWS()
		if err := c.value(elem, depth+1, ""); err != nil {
			return err
		}
		if done, err := c.afterElement(']'); done || err != nil {
			return err
		}
	}
}

// afterElement reads what follows an array element or object member: a comma (more follow,
// false) or the closing bracket (done, true); anything else, or the end of the data, is an error.
func (c *checker) afterElement(closing byte) (bool, error) {
	c.skipWS()
	if c.i >= len(c.data) {
		return false, c.truncated()
	}
	switch c.data[c.i] {
	case ',':
		c.i++
		return false, nil
	case closing:
		c.i++
		return true, nil
	}
	return false, c.syntax(c.i)
}

func (c *checker) object(t reflect.Type, depth int) error {
	var fields map[string]reflect.Type
	var elem reflect.Type
	if t != nil {
		switch t.Kind() {
		case reflect.Struct:
			fields = structFields(t)
		case reflect.Map:
			elem = t.Elem()
		}
	}
	c.i++ // {
	c.skipWS()
	if c.i < len(c.data) && c.data[c.i] == '}' {
		c.i++
		return nil
	}
	seen := map[string]string{} // folded key → key as written
	for {
		c.skipWS()
		if c.i >= len(c.data) {
			return c.truncated()
		}
		if c.data[c.i] != '"' {
			return c.syntax(c.i)
		}
		keyOff := int64(c.i)
		raw, decode, err := c.str()
		if err != nil {
			return err
		}
		key := string(raw[1 : len(raw)-1])
		if decode {
			if err := json.Unmarshal(raw, &key); err != nil {
				return c.fail(keyOff, "JSON 语法错误（键无法解析）")
			}
		}
		folded := fold(key)
		if prev, dup := seen[folded]; dup {
			if prev == key {
				return c.fail(keyOff, "键 %q 在同一对象中重复出现", key)
			}
			return c.fail(keyOff, "键 %q 与 %q 只有大小写不同，不能同时出现", key, prev)
		}
		seen[folded] = key
		vt := elem
		if fields != nil {
			ft, ok := fields[key]
			if !ok {
				if exact := caseMatch(fields, key); exact != "" {
					return c.fail(keyOff, "键 %q 的大小写有误，应写作 %q", key, exact)
				}
				return c.fail(keyOff, "未知字段 %q", key)
			}
			vt = ft
		}
		c.skipWS()
		if c.i >= len(c.data) {
			return c.truncated()
		}
		if c.data[c.i] != ':' {
			return c.syntax(c.i)
		}
		c.i++
		c.skipWS()
		if err := c.value(vt, depth+1, key); err != nil {
			return err
		}
		if done, err := c.afterElement('}'); done || err != nil {
			return err
		}
	}
}

// mismatch names (in Chinese) the kind of value t needs when the value starting with byte b
// plainly cannot be decoded into it: an array or object where the other or a plain value
// belongs, or a plain value where an array or object belongs; "" when it fits or t accepts
// anything. null fits everything, as in encoding/json; plain values among themselves are left
// to encoding/json.
func mismatch(b byte, t reflect.Type) string {
	if t == nil || b == 'n' {
		return ""
	}
	if !(b == '{' || b == '[' || b == '"' || b == 't' || b == 'f' || b == '-' || b >= '0' && b <= '9') {
		return "" // not the start of any value: the scanner reports the syntax error
	}
	k := t.Kind()
	isList := k == reflect.Slice || k == reflect.Array
	isObj := k == reflect.Struct || k == reflect.Map
	want := "文本、数字或布尔值"
	switch {
	case isList:
		want = "数组"
	case isObj:
		want = "对象"
	}
	switch b {
	case '[':
		if isList {
			return ""
		}
		return want
	case '{':
		if isObj {
			return ""
		}
		return want
	case '"':
		if k == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
			return "" // []byte takes base64 text
		}
	}
	if isList || isObj {
		return want
	}
	return ""
}

// fold is the case folding under which encoding/json would match two keys.
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(unicode.ToUpper(unicode.ToLower(r)))
	}
	return b.String()
}

func caseMatch(fields map[string]reflect.Type, key string) string {
	k := fold(key)
	for name := range fields {
		if fold(name) == k {
			return name
		}
	}
	return ""
}

// structFields lists the JSON names of t's fields with their types (embedded structs flattened).
func structFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			if f.Anonymous && name == "" {
				ft := f.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Struct {
					walk(ft)
					continue
				}
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			out[name] = f.Type
		}
	}
	walk(t)
	return out
}

// Zh turns an error of Unmarshal (ours or encoding/json's) into a Chinese sentence a user can
// act on; the one wording of JSON faults for every file the program reads.
func Zh(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var strict *Error
	switch {
	case errors.As(err, &strict):
		return strict.Error()
	case errors.As(err, &syn):
		return fmt.Sprintf("第 %d 字节处 JSON 语法错误", syn.Offset)
	case errors.As(err, &typ):
		if typ.Field != "" {
			return fmt.Sprintf("字段 %s 的类型错误（应为 %s）", typ.Field, typeZh(typ.Type.Kind().String()))
		}
		return fmt.Sprintf("第 %d 字节处类型错误", typ.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "文件不完整（可能被截断）"
	case errors.Is(err, io.EOF):
		return "文件是空的"
	case strings.Contains(err.Error(), "invalid number literal"):
		return "有分值或分数不是数字"
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "未知字段 " + strings.TrimPrefix(err.Error(), "json: unknown field ")
	}
	return "无法解析（" + err.Error() + "）"
}

func typeZh(kind string) string {
	switch kind {
	case "string":
		return "文本"
	case "int", "int64", "float64":
		return "数字"
	case "slice":
		return "数组"
	case "map", "struct":
		return "对象"
	case "bool":
		return "布尔值"
	}
	return kind
}
