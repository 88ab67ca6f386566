package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"

	"sanxiang/exchange"
	"sanxiang/internal/oserr"
	"sanxiang/internal/safefile"
	"sanxiang/scoring"
)

// loadCatalog returns the default catalog of cats, or the one in file when given.
func loadCatalog(cats *scoring.Set, file string) (*scoring.Catalog, error) {
	if file == "" {
		return cats.Default()
	}
	data, err := safefile.ReadFile(file, scoring.MaxCatalogSize)
	switch {
	case errors.Is(err, safefile.ErrNotRegular):
		return nil, oserr.Explained(fmt.Sprintf("%s 不是普通文件（是文件夹、设备或管道），不是指标体系文件", file), err)
	case errors.Is(err, safefile.ErrTooLarge):
		return nil, oserr.Explained(fmt.Sprintf("%s 超过 %d MB，不是指标体系文件", file, scoring.MaxCatalogSize>>20), err)
	case err != nil:
		return nil, oserr.Wrap("无法读取指标体系文件 "+file, err)
	}
	return scoring.ParseCatalog(data)
}

// readAssessment reads an assessment file against the catalogs of cats, after adding the one in
// catFile (when given) for a file made on another indicator system.
func readAssessment(cats *scoring.Set, path, catFile string) (*scoring.Assessment, error) {
	if err := addCatalogFile(cats, catFile); err != nil {
		return nil, err
	}
	return exchange.ReadFile(path, cats)
}

// addCatalogFile adds the catalog in file (the --catalog option; "" adds nothing) to cats.
func addCatalogFile(cats *scoring.Set, file string) error {
	if file == "" {
		return nil
	}
	c, err := loadCatalog(cats, file)
	if err != nil {
		return err
	}
	cats.Add(c)
	return nil
}

type catalogJSON struct {
	ID        string            `json:"id"`
	Title     string            `json:"title"`
	Points    json.Number       `json:"points"`
	Policy    string            `json:"na_policy"`
	Materials []materialJSON    `json:"materials"`
	Areas     []catalogAreaJSON `json:"areas"`
}

type catalogAreaJSON struct {
	Code       string                `json:"code"`
	Title      string                `json:"title"`
	Points     json.Number           `json:"points"`
	Categories []catalogCategoryJSON `json:"categories"`
}

type catalogCategoryJSON struct {
	Code       string                 `json:"code"`
	Title      string                 `json:"title"`
	Points     json.Number            `json:"points"`
	Indicators []catalogIndicatorJSON `json:"indicators"`
}

type catalogIndicatorJSON struct {
	Code     string          `json:"code"`
	Title    string          `json:"title"`
	Points   json.Number     `json:"points"`
	Criteria []criterionJSON `json:"criteria"`
}

type criterionJSON struct {
	No     int         `json:"no"`
	Text   string      `json:"text"`
	Points json.Number `json:"points"`
}

func num(t scoring.Tenths) json.Number { return json.Number(t.String()) }

func cmdCatalog(cats *scoring.Set, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "convert" {
		return cmdCatalogConvert(cats, args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("catalog", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "")
	file := fs.String("catalog", "", "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return usageFail(stderr, "%v", err)
	}
	if len(pos) != 0 {
		return usageFail(stderr, "catalog 不接受参数 %q", pos[0])
	}
	c, err := loadCatalog(cats, *file)
	if err != nil {
		return inputFail(stderr, err)
	}
	if *asJSON {
		out := catalogJSON{ID: c.ID, Title: c.Title, Points: num(c.Total), Policy: string(c.NAPolicy), Materials: materialsJSON(c.Materials)}
		for _, a := range c.Areas {
			ja := catalogAreaJSON{Code: a.Code, Title: a.Title, Points: num(a.Points)}
			for _, cat := range a.Categories {
				jc := catalogCategoryJSON{Code: cat.Code, Title: cat.Title, Points: num(cat.Points)}
				for _, ind := range cat.Indicators {
					ji := catalogIndicatorJSON{Code: ind.Code, Title: ind.Title, Points: num(ind.Points)}
					for _, cr := range ind.Criteria {
						ji.Criteria = append(ji.Criteria, criterionJSON{No: cr.No, Text: cr.Text, Points: num(cr.Points)})
					}
					jc.Indicators = append(jc.Indicators, ji)
				}
				ja.Categories = append(ja.Categories, jc)
			}
			out.Areas = append(out.Areas, ja)
		}
		return writeJSON(stdout, stderr, out)
	}
	fmt.Fprintf(stdout, "%s（%s，共 %s 分）\n", c.Title, c.ID, c.Total)
	for _, a := range c.Areas {
		fmt.Fprintf(stdout, "%s、%s（%s分）\n", a.Label, a.Title, a.Points)
		for _, cat := range a.Categories {
			fmt.Fprintf(stdout, "  %s%s（%s分）\n", cat.Label, cat.Title, cat.Points)
			for _, ind := range cat.Indicators {
				fmt.Fprintf(stdout, "    %s%s（%s分）\n", ind.Label, ind.Title, ind.Points)
				for _, cr := range ind.Criteria {
					fmt.Fprintf(stdout, "      (%d)%s（%s分）\n", cr.No, cr.Text, cr.Points)
				}
			}
		}
	}
	return 0
}

func writeJSON(stdout, stderr io.Writer, v any) int {
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintln(stderr, "错误：输出失败：", err)
		return 1
	}
	return 0
}

func cmdScore(cats *scoring.Set, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "")
	catFile := fs.String("catalog", "", "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return usageFail(stderr, "%v", err)
	}
	if len(pos) != 1 {
		return usageFail(stderr, "score 需要一个自评文件")
	}
	a, err := readAssessment(cats, pos[0], *catFile)
	if err != nil {
		return inputFail(stderr, err)
	}
	rep := exchange.NewReport(a, fileExists)
	if *asJSON {
		b, err := rep.JSON()
		if err != nil {
			return inputFail(stderr, err)
		}
		stdout.Write(b)
		return 0
	}
	printScoreTable(stdout, a)
	return 0
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// printScoreTable prints the readable Chinese score summary, aligned for a terminal.
func printScoreTable(w io.Writer, a *scoring.Assessment) {
	c := a.Catalog
	r := scoring.Score(c, a.Answers)
	fmt.Fprintf(w, "%s  %d 年度  %s\n", a.Unit.Name, a.Year, c.Title)
	conv := "无法计算（没有适用的评分要点）"
	if r.ConvertedOK {
		conv = r.Converted.String()
	}
	fmt.Fprintf(w, "自评得分 %s / %s    不适用 %s 分    适用满分 %s    折算得分 %s\n",
		r.Overall.Score, r.Overall.Points, r.Overall.NAPoints, r.ApplicableMax, conv)
	fmt.Fprintf(w, "已评 %d    不适用 %d    未评 %d    共 %d 项\n\n", r.Overall.Scored, r.Overall.NA, r.Overall.Unanswered, c.Len())
	fmt.Fprintf(w, "%s %8s %8s %8s\n", pad("指标", 44), "分值", "得分", "不适用")
	for ai, ar := range r.Areas {
		area := c.Areas[ai]
		fmt.Fprintf(w, "%s %8s %8s %8s\n", pad(area.Label+"、"+area.Title, 44), ar.Points, ar.Score, ar.NAPoints)
		for ci, cr := range ar.Categories {
			cat := area.Categories[ci]
			fmt.Fprintf(w, "%s %8s %8s %8s\n", pad("  "+cat.Label+cat.Title, 44), cr.Points, cr.Score, cr.NAPoints)
		}
	}
	problems := scoring.Check(c, a.Answers, fileExists)
	if len(problems) == 0 {
		fmt.Fprintln(w, "\n没有发现问题。")
		return
	}
	fmt.Fprintf(w, "\n需要处理的问题（%d 项）：\n", len(problems))
	byKind := map[scoring.ProblemKind][]scoring.Problem{}
	var kinds []scoring.ProblemKind
	for _, p := range problems {
		if _, seen := byKind[p.Kind]; !seen {
			kinds = append(kinds, p.Kind)
		}
		byKind[p.Kind] = append(byKind[p.Kind], p)
	}
	for _, k := range kinds {
		ps := byKind[k]
		if k == scoring.ProblemNoEvidence || k == scoring.ProblemUnanswered {
			var nos []string
			for _, p := range ps {
				nos = append(nos, fmt.Sprintf("(%d)", p.No))
			}
			fmt.Fprintf(w, "  %s（%d 项）：%s\n", k.Label(), len(ps), strings.Join(nos, ""))
			continue
		}
		fmt.Fprintf(w, "  %s（%d 项）：\n", k.Label(), len(ps))
		for _, p := range ps {
			fmt.Fprintln(w, "    "+p.Message)
		}
	}
}

// pad right-pads s to width terminal columns, counting CJK characters as two.
func pad(s string, width int) string {
	w := 0
	for _, r := range s {
		w += runeWidth(r)
	}
	if w >= width {
		return s
	}
	return s + strings.Repeat(" ", width-w)
}

func runeWidth(r rune) int {
	if unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFF60) || (r >= 0x2E80 && r <= 0xA4CF) {
		return 2
	}
	return 1
}
