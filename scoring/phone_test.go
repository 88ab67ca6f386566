package scoring

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestValidatePhone(t *testing.T) {
	cases := []struct {
		in   string
		ok   bool
		want string // part of the message when refused
	}{
		{"", true, ""},
		{"029-85550123", true, ""},
		{"02985550123", true, ""},
		{"（029）8555 0123", true, ""},
		{"(029) 8555-0123", true, ""},
		{"029-85550123 转 8012", true, ""},
		{"029-85550123转8012", true, ""},
		{"０２９－８５５５０１２３", true, ""},
		{"13912345678", true, ""},
		{"+86 139 1234 5678", true, ""},
		{"029-85550123、13912345678", true, ""},
		{"029-85550123 / 029-85550124", true, ""},
		{"abc", false, "只能包含数字"},
		{"029-8555abc", false, "只能包含数字"},
		{"12345", false, "位数不对"},
		{"029-85550123 转", false, "分机号"},
		{"029-85550123 转 12 转 3", false, "只能出现一次"},
		{"029-85550123 转 分机", false, "分机号"},
		{"(029 85550123", false, "括号不配对"},
		{"029) 85550123", false, "括号不配对"},
		{"029-85550123、", true, ""},
		{"029-85550123、、13912345678", true, ""},
		{"1+3912345678", false, "只能包含数字"},
	}
	for _, c := range cases {
		err := ValidatePhone(c.in)
		if (err == nil) != c.ok {
			t.Errorf("%q: %v, want ok=%v", c.in, err, c.ok)
			continue
		}
		if err != nil && !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %q does not say %q", c.in, err, c.want)
		}
	}
}

// FuzzValidatePhone: any input gets an answer, a refusal is Chinese with the example, and what is
// accepted holds only the characters the rule allows.
func FuzzValidatePhone(f *testing.F) {
	for _, s := range []string{"029-85550123 转 8012", "abc", "（029）8555 0123", "+86 139", "转转", "((1))"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := ValidatePhone(s)
		if err != nil {
			if !strings.Contains(err.Error(), "例如") {
				t.Fatalf("%q: message without the example: %v", s, err)
			}
			return
		}
		for _, r := range strings.TrimSpace(s) {
			if r == utf8.RuneError || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') {
				t.Fatalf("%q accepted with %q", s, r)
			}
		}
	})
}
