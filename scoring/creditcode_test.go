package scoring

import (
	"strings"
	"testing"
)

func TestValidateCreditCode(t *testing.T) {
	cases := []struct {
		code string
		want string // "" = valid; else a fragment of the message
	}{
		{"91350100M000100Y43", ""},
		{"91610113MA6TXXXX0E", "校验位"},
		{" 91350100m000100y43 ", ""},
		{"９１３５０１００Ｍ０００１００Ｙ４３", ""},
		{"", "请填写"},
		{"9135010", "18 位"},
		{"91350100M000100Y4", "18 位"},
		{"91350100M000100Y44", "最后一位应为 3"},
		{"913501O0M000100Y43", "第 7 位"},
		{"91350A00M000100Y43", "行政区划"},
		{"91350100M00010中Y43", "第 15 位"},
	}
	for _, tc := range cases {
		err := ValidateCreditCode(tc.code)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%q refused: %v", tc.code, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%q: err = %v, want %q", tc.code, err, tc.want)
		}
	}
}

func FuzzValidateCreditCode(f *testing.F) {
	f.Add("91350100M000100Y43")
	f.Fuzz(func(t *testing.T, s string) {
		if ValidateCreditCode(s) == nil {
			n := NormalizeCreditCode(s)
			if len(n) != 18 {
				t.Fatalf("accepted %q of length %d", n, len(n))
			}
		}
	})
}
