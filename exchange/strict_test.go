package exchange

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDecodeIsStrict: the attacks of issue 10 item 3. encoding/json matches keys
// case-insensitively and lets the last duplicate win, which silently dropped all answers
// (`,"Answers": null`), replaced a score or the year, and accepted junk after the file.
func TestDecodeIsStrict(t *testing.T) {
	raw, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	body := strings.TrimRight(string(raw), "\n")
	closing := strings.LastIndex(body, "}")
	appendKey := func(kv string) string { return body[:closing] + "," + kv + "}" }
	firstScore := strings.Index(body, `"score": `)
	if firstScore < 0 {
		firstScore = strings.Index(body, `"score":`)
	}
	cases := []struct{ name, in, want string }{
		{"Answers null", appendKey(`"Answers": null`), `只有大小写不同`},
		{"YEAR", appendKey(`"YEAR": 2021`), `只有大小写不同`},
		{"year twice", appendKey(`"year": 2021`), `重复出现`},
		{"score twice", body[:firstScore] + `"score":0.0,` + body[firstScore:], `重复出现`},
		{"Score alone", strings.Replace(body, `"score"`, `"Score"`, 1), `大小写有误`},
		{"junk after", body + "\n junk", `多余内容`},
		{"NUL after", body + "\x00", `多余内容`},
		{"second object", body + "{}", `多余内容`},
		{"unit NAME twin", strings.Replace(body, `"name":`, `"name": "x", "NAME":`, 1), `只有大小写不同`},
		{"answer key in another case", strings.Replace(body, `"status"`, `"Status"`, 1), `第 `},
	}
	for _, tc := range cases {
		_, err := Decode([]byte(tc.in), cats)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "行第") {
			t.Errorf("%s: err = %v, want a refusal with position containing %q", tc.name, err, tc.want)
		}
	}
	if _, err := Decode([]byte(body+"\n\n"), cats); err != nil {
		t.Fatalf("the sample itself: %v", err)
	}
}

// TestReadFileRefusesNonRegular (issue 10 items 4, 5): a FIFO blocked forever and /dev/zero
// grew without bound because the size limit was skipped for files that are not regular.
func TestReadFileRefusesNonRegular(t *testing.T) {
	for _, p := range []string{"/dev/zero", "/dev/null", t.TempDir()} {
		if _, err := os.Stat(p); err != nil {
			continue
		}
		_, err := ReadFile(p, cats)
		if err == nil || !strings.Contains(err.Error(), "不是") {
			t.Errorf("%s: err = %v, want a refusal", p, err)
		}
	}
	fifo := filepath.Join(t.TempDir(), "assessment.json")
	if err := mkfifo(fifo); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	_, err := ReadFile(fifo, cats) // must return at once, not block
	if err == nil || !strings.Contains(err.Error(), "不是普通文件") {
		t.Errorf("FIFO: err = %v", err)
	}
}
