package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"sanxiang/assets"
	"sanxiang/export/cjk"
	"sanxiang/scoring"
)

// userTexts collects every string literal of the package's non-test sources (the texts users
// read) together with the catalog's titles and criterion texts.
func userTexts(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if _, ok := n.(*ast.ImportSpec); ok {
				return false
			}
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					out[s] = fset.Position(lit.Pos()).String()
				}
			}
			return true
		})
	}
	cat, err := scoring.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	out[cat.Title] = "catalog"
	for _, a := range cat.Areas {
		out[a.Title] = "catalog"
		for _, c := range a.Categories {
			out[c.Title] = "catalog"
			for _, i := range c.Indicators {
				out[i.Title] = "catalog"
				for _, cr := range i.Criteria {
					out[cr.Text] = "catalog"
				}
			}
		}
	}
	for _, s := range fyneStrings {
		if str, ok := s.(string); ok {
			out[str] = "lang.go"
		}
	}
	return out
}

// Every character the program can show must be in both embedded faces: a missing one would be
// drawn as a box on a PC without Chinese fonts (the names 喆 玥 堃 included).
func TestEmbeddedFontsCoverEveryText(t *testing.T) {
	faces := map[string][]byte{"regular": assets.FontRegular, "bold": assets.FontBold}
	texts := userTexts(t)
	texts["王喆 李玥 张堃"] = "names"
	for name, ttf := range faces {
		cov, err := cjk.ParseCoverage(ttf)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for s, where := range texts {
			for _, r := range s {
				if unicode.IsControl(r) || r == '\u00a0' {
					continue
				}
				if !cov.Has(r) {
					t.Errorf("%s face lacks %q (U+%04X) used at %s in %q", name, r, r, where, s)
				}
			}
		}
	}
}

// No English may reach the user: every literal with letters also holds Chinese, unless it is
// a format verb, a file name, a key or a code the user types (checked by hand once, listed here).
func TestTextsAreChinese(t *testing.T) {
	allowed := map[string]bool{
		"icon.png": true, "NotoSansSC-Regular.ttf": true, "NotoSansSC-Bold.ttf": true,
		"window.width": true, "window.height": true, "file": true, ".zip": true, "Desktop": true,
		"Documents": true, "Downloads": true, "windows": true, "/media": true, "/run/media": true,
		"/mnt": true, "/": true, "Thumbs.db": true, "~$": true, ".": true, "15:04:05": true,
		"2006-01-02 15:04": true, "a/%d/%d": true, "n/%d/%s": true, "u/%d": true, "%d/%d  %s/%s": true,
		"%.1f GB": true, "%.1f MB": true, "%.1f KB": true, "%.0f%%": true, "(%d)": true, ":": true,
		`:\`: true, "OK": true, "Cancel": true, "Confirm": true, "Copy": true, "Cut": true, "Paste": true,
		"Advanced": true, "Create Folder": true, "Enter filename": true, "Error": true, "Favourites": true,
		"File": true, "Folder": true, "New Folder": true, "No": true, "Open": true, "Quit": true, "Redo": true,
		"Save": true, "Select all": true, "Show Hidden Files": true, "Undo": true, "Yes": true,
		"(Parent)": true, "file.name": true, "file.parent": true, "other": true, "en": true, "zh-Hans": true,
		"cn.gov.sanxiang.selfassess": true, "2006-01-02": true, "0": true,
		"k:": true, "p:%d": true, // ids of the problem tree's nodes, never shown
		"r/%d/%d": true, "rm/%d": true, "rs/%d": true, "mk/%d/%s": true, // saver keys of the bureau's edits
		"imported": true, "refused": true, "duplicate": true, // status codes of `review import --json`
	}
	for s, where := range userTexts(t) {
		if where == "catalog" || where == "lang.go" || allowed[s] {
			continue
		}
		letters, han := false, false
		for _, r := range verbs.ReplaceAllString(s, "") {
			letters = letters || unicode.IsLetter(r) && r < 0x2E80
			han = han || unicode.Is(unicode.Han, r)
		}
		if letters && !han {
			t.Errorf("%s: %q is shown without Chinese", where, s)
		}
	}
}

// verbs are fmt verbs, which are not text.
var verbs = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)

func TestFyneOwnTextsAreChinese(t *testing.T) {
	fa := test.NewApp()
	defer fa.Quit()
	Setup(fa)
	for en, zh := range map[string]string{"Cancel": "取消", "OK": "确定", "Open": "打开", "Copy": "复制", "Paste": "粘贴", "Select all": "全选"} {
		if got := lang.L(en); got != zh {
			t.Errorf("lang.L(%q) = %q, want %q", en, got, zh)
		}
	}
}
