package archtest

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "sanxiang"

// rule says what the non-test files of the packages under Prefix may import from the module
// (Internal: path prefixes below "sanxiang/") and which other imports they may not use at all.
type rule struct {
	Prefix   string   // package path below the module, e.g. "scoring" (also matches scoring/…)
	Internal []string // allowed module packages (prefixes); nil means any except cmd
	Forbid   []string // forbidden import paths (prefixes), std or third-party
}

// impure is what a pure package may not touch: the disk, processes, the network, databases, GUI.
var impure = []string{"os", "io/ioutil", "io/fs", "path/filepath", "syscall", "net", "database/sql",
	"modernc.org/", "fyne.io/", "github.com/", "codeberg.org/", "golang.org/x/sys"}

// rules is docs/architecture.md's table; the first matching prefix (longest first) applies.
func rules() []rule {
	sqlAndGUI := []string{"database/sql", "modernc.org/sqlite", "fyne.io/"}
	return []rule{
		{"assets", []string{}, sqlAndGUI},
		{"scoring", []string{"assets", "internal/strictjson", "scoring"}, impure},
		{"internal", []string{"internal"}, sqlAndGUI},
		{"internal/evidencefile", []string{"internal", "scoring"}, sqlAndGUI}, // Stat returns a scoring.Evidence
		{"exchange", []string{"scoring", "internal"}, sqlAndGUI},
		{"storage", []string{"scoring", "internal"}, []string{"fyne.io/"}},
		{"export/pack", []string{"export", "exchange", "scoring", "internal"}, sqlAndGUI},
		{"export", []string{"export", "assets", "scoring", "internal"}, sqlAndGUI},
		{"workflow", []string{"storage", "export", "exchange", "scoring", "internal"}, sqlAndGUI},
		{"app/workspace", []string{"storage", "scoring", "internal"}, sqlAndGUI},
		{"app", nil, []string{"database/sql", "modernc.org/sqlite"}},
		{"cmd/sanxiang-cli", nil, []string{"database/sql", "modernc.org/sqlite", "fyne.io/"}},
		{"cmd/sanxiang", nil, []string{"database/sql", "modernc.org/sqlite"}},
		{"scripts/benchgui", nil, []string{"database/sql", "modernc.org/sqlite"}},
	}
}

func matches(path, prefix string) bool {
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}

// ruleFor is the rule of the most specific prefix that matches pkg.
func ruleFor(pkg string, rs []rule) (rule, bool) {
	best, found := rule{}, false
	for _, r := range rs {
		if matches(pkg, r.Prefix) && (!found || len(r.Prefix) > len(best.Prefix)) {
			best, found = r, true
		}
	}
	return best, found
}

// violations judges the imports of each package (path below the module → import paths).
func violations(imports map[string][]string, rs []rule) []string {
	var out []string
	for pkg, list := range imports {
		r, ok := ruleFor(pkg, rs)
		if !ok {
			out = append(out, pkg+": no rule in docs/architecture.md")
			continue
		}
		for _, imp := range list {
			if own, isOwn := strings.CutPrefix(imp, module+"/"); isOwn {
				if matches(own, "cmd") && !matches(pkg, "cmd") {
					out = append(out, pkg+" imports "+imp+" (nothing imports a command)")
					continue
				}
				if matches(own, "app") && !matches(pkg, "cmd/sanxiang") && !matches(pkg, "scripts/benchgui") && !matches(pkg, "app") {
					out = append(out, pkg+" imports "+imp+" (only the desktop main and the start-up benchmark start the GUI)")
					continue
				}
				if r.Internal == nil {
					continue
				}
				allowed := false
				for _, p := range r.Internal {
					allowed = allowed || matches(own, p)
				}
				if !allowed {
					out = append(out, pkg+" imports "+imp)
				}
				continue
			}
			for _, f := range r.Forbid {
				if matches(imp, strings.TrimSuffix(f, "/")) || (strings.HasSuffix(f, "/") && strings.HasPrefix(imp, f)) {
					out = append(out, pkg+" imports "+imp)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// moduleImports reads the imports of the non-test Go files of every package of the module.
func moduleImports(t *testing.T) map[string][]string {
	t.Helper()
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found: %v", err)
	}
	out := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); p != root && (strings.HasPrefix(n, ".") || n == "testdata" || n == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		pkg := filepath.ToSlash(rel)
		if _, ok := out[pkg]; !ok {
			out[pkg] = nil
		}
		for _, s := range f.Imports {
			path, _ := strconv.Unquote(s.Path.Value)
			out[pkg] = append(out[pkg], path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	delete(out, ".") // no code at the root
	return out
}

// TestImportRules enforces the package layering on the real code.
func TestImportRules(t *testing.T) {
	imports := moduleImports(t)
	for _, must := range []string{"scoring", "storage", "app", "workflow", "export/pack", "cmd/sanxiang-cli"} {
		if _, ok := imports[must]; !ok {
			t.Fatalf("package %s not found: the walk is broken", must)
		}
	}
	for _, v := range violations(imports, rules()) {
		t.Error(v)
	}
}

// TestRulesCatch shows the rules refuse what they are meant to refuse.
func TestRulesCatch(t *testing.T) {
	bad := map[string][]string{
		"scoring":             {"os"},
		"scoring/catalogtext": {"path/filepath"},
		"export":              {"database/sql"},
		"exchange":            {"modernc.org/sqlite"},
		"storage":             {"fyne.io/fyne/v2"},
		"workflow":            {"sanxiang/app"},
		"export/pack":         {"sanxiang/storage"},
		"internal/oserr":      {"sanxiang/scoring"},
		"app":                 {"sanxiang/cmd/sanxiang-cli"},
		"app/workspace":       {"fyne.io/fyne/v2"},
		"newpkg":              {"fmt"},
	}
	got := violations(bad, rules())
	if len(got) != len(bad) {
		t.Fatalf("%d violations for %d bad packages:\n%s", len(got), len(bad), strings.Join(got, "\n"))
	}
	good := map[string][]string{
		"scoring":          {"fmt", "sanxiang/assets", "sanxiang/internal/strictjson"},
		"storage":          {"database/sql", "modernc.org/sqlite", "sanxiang/scoring"},
		"app":              {"fyne.io/fyne/v2", "sanxiang/workflow", "sanxiang/storage", "sanxiang/app/workspace"},
		"app/workspace":    {"sanxiang/storage", "sanxiang/scoring", "time"},
		"cmd/sanxiang":     {"fyne.io/fyne/v2/app", "sanxiang/app"},
		"cmd/sanxiang-cli": {"sanxiang/workflow", "sanxiang/cmd/sanxiang-cli/x"},
	}
	if got := violations(good, rules()); len(got) != 0 {
		t.Errorf("allowed imports refused: %v", got)
	}
}

// TestTestHelpersStayInTests: the packages that build fixtures for tests (export/pack/packtest)
// import "testing" and write random files; no program code may import them.
func TestTestHelpersStayInTests(t *testing.T) {
	for pkg, imps := range moduleImports(t) {
		for _, p := range imps {
			if p == module+"/export/pack/packtest" {
				t.Errorf("%s imports %s outside its tests", pkg, p)
			}
		}
	}
}
