package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sort"
	"strings"
	"syscall"

	"sanxiang/export/bureau"
	"sanxiang/scoring"
	"sanxiang/scoring/review"
	"sanxiang/storage"
	"sanxiang/workflow"
)

// reviewCommands are the subcommands of `review` (the district bureau's side); a new one is one
// line here and its own cmd_review_<name>.go.
func reviewCommands() map[string]command {
	return map[string]command{
		"import": cmdReviewImport,
		"list":   cmdReviewList,
		"apply":  cmdReviewApply,
		"export": cmdReviewExport,
		"mark":   cmdReviewMark,
		"places": cmdReviewPlaces,
	}
}

// cmdReview dispatches `review <subcommand> …`.
func cmdReview(cats *scoring.Set, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return usageFail(stderr, "review 需要子命令（%s）", strings.Join(reviewNames(), "、"))
	}
	cmd, ok := reviewCommands()[args[0]]
	if !ok {
		return usageFail(stderr, "review 没有子命令 %q（有：%s）", args[0], strings.Join(reviewNames(), "、"))
	}
	return cmd(cats, args[1:], stdout, stderr)
}

func reviewNames() []string {
	var names []string
	for n := range reviewCommands() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// latestYear is the latest year among groups (0 when there are none).
func latestYear(groups []review.Group) int {
	y := 0
	for _, g := range groups {
		if g.Year > y {
			y = g.Year
		}
	}
	return y
}

// cmdReviewList prints the ranked 汇总 of one year (default: the latest year with imported
// packages): a table, or with --json the List of docs/review-format.md (one year and catalog;
// a year with units on several catalogs needs --catalog).
func cmdReviewList(cats *scoring.Set, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("review list", flag.ContinueOnError)
	dbPath := fs.String("db", "", "")
	year := fs.Int("year", 0, "")
	catalogID := fs.String("catalog", "", "")
	asJSON := fs.Bool("json", false, "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return usageFail(stderr, "%v", err)
	}
	if len(pos) != 0 {
		return usageFail(stderr, "review list 不接受参数 %q", pos[0])
	}
	if *year != 0 {
		if err := scoring.CheckYear(*year); err != nil {
			return inputFail(stderr, err)
		}
	}
	// The list reads every unit into a few tens of MiB that live until the process ends: the
	// garbage collector's default pace (GOGC=100) spends ~30 ms of CPU re-marking them for no
	// memory back (docs/review-format.md, 速度).
	debug.SetGCPercent(400)
	db, err := openDBToRead(cats, *dbPath, stderr)
	if err != nil {
		return inputFail(stderr, err)
	}
	defer db.Close()
	groups, err := workflow.ReviewList(db, 0, nil)
	if err != nil {
		return inputFail(stderr, err)
	}
	y := *year
	if y == 0 {
		y = latestYear(groups)
	}
	var sel []review.Group
	for _, g := range groups {
		if g.Year == y && (*catalogID == "" || g.CatalogID == *catalogID) {
			sel = append(sel, g)
		}
	}
	if *asJSON {
		g := review.Group{Year: y, CatalogID: *catalogID}
		switch {
		case len(sel) == 1:
			g = sel[0]
		case len(sel) > 1:
			var ids []string
			for _, s := range sel {
				ids = append(ids, s.CatalogID)
			}
			return inputFail(stderr, fmt.Errorf("%d 年度的单位使用了不同的指标体系（%s），不能一起排名；请用 --catalog 指定其一", y, strings.Join(ids, "、")))
		}
		b, err := review.NewList(g, nil).Encode()
		if err != nil {
			return inputFail(stderr, err)
		}
		stdout.Write(b)
		return 0
	}
	if len(sel) == 0 {
		switch {
		case y == 0:
			fmt.Fprintln(stdout, "数据库中还没有导入报送包（用 sanxiang-cli import 报送包 导入）。")
		case *catalogID != "":
			fmt.Fprintf(stdout, "%d 年度没有使用指标体系 %s 的已导入单位。\n", y, *catalogID)
		default:
			fmt.Fprintf(stdout, "%d 年度没有已导入的报送包。\n", y)
		}
		return 0
	}
	for i, g := range sel {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		printGroup(stdout, db, g)
	}
	return 0
}

// printGroup prints one ranked group as a readable table.
func printGroup(w io.Writer, db *storage.DB, g review.Group) {
	title := g.CatalogID
	if c, ok := db.Catalogs().Find(g.CatalogID, ""); ok {
		title = c.Title + "（" + c.ID + "）"
	}
	fmt.Fprintf(w, "%d 年度 · 指标体系 %s · %d 个单位（按复核折算得分排名）\n", g.Year, title, len(g.Units))
	head := []string{pad("名次", 5), pad("单位", 36), pad("统一社会信用代码", 19), pad("自评得分", 9), pad("自评折算", 9),
		pad("复核得分", 9), pad("复核折算", 9), pad("改分", 5), pad("复核状态", 9), pad("未评", 5), pad("缺失佐证", 9), pad("报送包校验码", 15), "历年复核折算"}
	fmt.Fprintln(w, strings.TrimRight(strings.Join(head, ""), " "))
	conv := func(r scoring.Result) string {
		if !r.ConvertedOK {
			return "无法计算"
		}
		return r.Converted.String()
	}
	for _, u := range g.Units {
		rank := "—"
		if u.Rank > 0 {
			rank = fmt.Sprint(u.Rank)
		}
		var hist []string
		for _, h := range u.History {
			c := "无法计算"
			if h.OK {
				c = h.Converted.String()
			}
			hist = append(hist, fmt.Sprintf("%d年 %s", h.Year, c))
		}
		digest := u.Digest
		if digest != "" && !u.Verified {
			digest += "（未通过）"
		}
		row := []string{pad(rank, 5), pad(u.Unit.Name, 36), pad(u.Unit.CreditCode, 19), pad(u.Self.Overall.Score.String(), 9),
			pad(conv(u.Self), 9), pad(u.Review.Overall.Score.String(), 9), pad(conv(u.Review), 9), pad(fmt.Sprint(u.Changed), 5),
			pad(u.Status.String(), 9), pad(fmt.Sprint(u.Unanswered), 5), pad(fmt.Sprint(u.MissingEvidence), 9), pad(digest, 15),
			strings.Join(hist, "，")}
		fmt.Fprintln(w, strings.TrimRight(strings.Join(row, ""), " "))
	}
}

// cmdReviewApply makes a review file the review of its unit, whole or not at all.
func cmdReviewApply(cats *scoring.Set, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("review apply", flag.ContinueOnError)
	dbPath := fs.String("db", "", "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return usageFail(stderr, "%v", err)
	}
	if len(pos) != 1 {
		return usageFail(stderr, "review apply 需要一个复核文件")
	}
	db, err := openDB(cats, *dbPath, true, stderr)
	if err != nil {
		return inputFail(stderr, err)
	}
	defer db.Close()
	res, err := workflow.ApplyReviewFile(db, pos[0])
	if err != nil {
		return inputFail(stderr, err)
	}
	fmt.Fprintf(stdout, "已导入复核：%s %d 年度（编号 %d），复核人 %s，复核 %d 项，其中改分 %d 项；状态：已复核\n",
		res.Unit, res.Year, res.ID, res.Reviewer, res.Items, res.Changed)
	return 0
}

// cmdReviewExport writes the bureau's three documents for one year; stdout lists the files
// written, stderr shows one line per document while they are written (on a terminal only:
// exportProgress).
func cmdReviewExport(cats *scoring.Set, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("review export", flag.ContinueOnError)
	dbPath := fs.String("db", "", "")
	year := fs.Int("year", 0, "")
	out := fs.String("out", "", "")
	catalogID := fs.String("catalog", "", "")
	bureauName := fs.String("bureau", "", "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return usageFail(stderr, "%v", err)
	}
	if len(pos) != 0 {
		return usageFail(stderr, "review export 不接受参数 %q", pos[0])
	}
	if *year == 0 || *out == "" {
		return usageFail(stderr, "review export 需要 --year 年度 和 --out 输出文件夹")
	}
	if err := scoring.CheckYear(*year); err != nil {
		return inputFail(stderr, err)
	}
	db, err := openDB(cats, *dbPath, true, stderr)
	if err != nil {
		return inputFail(stderr, err)
	}
	defer db.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	files, err := workflow.ExportReviewWith(ctx, db, *year, *out, workflow.ReviewExportOptions{CatalogID: *catalogID, Bureau: *bureauName,
		Progress: exportProgress(stdout, stderr)})
	if err != nil {
		return inputFail(stderr, err)
	}
	fmt.Fprintf(stdout, "已生成：\n  %s\n  %s\n", files.Workbook, files.Recommendation)
	codes := make([]string, 0, len(files.Opinions))
	for c := range files.Opinions {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool { return files.Opinions[codes[i]] < files.Opinions[codes[j]] })
	for _, c := range codes {
		fmt.Fprintf(stdout, "  %s\n", files.Opinions[c])
	}
	return 0
}

// exportProgress is the progress of `review export` on stderr — one line per document before it
// is written, the 复核意见书 as 第 k/n 家 with the unit's name, as in the GUI's export dialog —
// only when stdout and stderr are both terminals: a script reading stdout (the files written, a
// contract) or logging stderr gets nothing new. nil: nothing is printed.
func exportProgress(stdout, stderr io.Writer) func(bureau.Progress) {
	if !terminal(stdout) || !terminal(stderr) {
		return nil
	}
	return exportLines(stderr)
}

// exportLines writes each document's line (workflow.ExportProgressLine) to w (called on the export's goroutine).
func exportLines(w io.Writer) func(bureau.Progress) {
	return func(p bureau.Progress) {
		if line := workflow.ExportProgressLine(p); line != "" {
			fmt.Fprintln(w, line)
		}
	}
}

// cmdReviewMark sets or clears one recommendation: --unit CODE (示范单位) or --person CODE (the
// unit's 执法标兵); --off clears it. The marks are checked against places, ranks and reviews.
func cmdReviewMark(cats *scoring.Set, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("review mark", flag.ContinueOnError)
	dbPath := fs.String("db", "", "")
	year := fs.Int("year", 0, "")
	catalogID := fs.String("catalog", "", "")
	unit := fs.String("unit", "", "")
	person := fs.String("person", "", "")
	off := fs.Bool("off", false, "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return usageFail(stderr, "%v", err)
	}
	if len(pos) != 0 {
		return usageFail(stderr, "review mark 不接受参数 %q", pos[0])
	}
	if *year == 0 || (*unit == "") == (*person == "") {
		return usageFail(stderr, "review mark 需要 --year 年度，以及 --unit 信用代码（示范单位）或 --person 信用代码（该单位的执法标兵）之一")
	}
	if err := scoring.CheckYear(*year); err != nil {
		return inputFail(stderr, err)
	}
	db, err := openDB(cats, *dbPath, true, stderr)
	if err != nil {
		return inputFail(stderr, err)
	}
	defer db.Close()
	code, kind, what := *unit, workflow.MarkUnit, "示范单位"
	if *person != "" {
		code, kind, what = *person, workflow.MarkPerson, "执法标兵"
	}
	changed, err := workflow.Mark(db, *year, *catalogID, code, kind, !*off)
	if err != nil {
		return inputFail(stderr, err)
	}
	code = scoring.NormalizeCreditCode(code)
	switch {
	case *off && changed:
		fmt.Fprintf(stdout, "已取消推荐%s：%s（%d 年度）\n", what, code, *year)
	case *off:
		fmt.Fprintf(stdout, "%s 原本就没有被推荐为%s（%d 年度），没有改动\n", code, what, *year)
	case changed:
		fmt.Fprintf(stdout, "已推荐%s：%s（%d 年度）\n", what, code, *year)
	default:
		fmt.Fprintf(stdout, "%s 已经被推荐为%s（%d 年度），没有改动\n", code, what, *year)
	}
	return 0
}

// cmdReviewPlaces prints the number of recommendation places, or sets them (--units, --persons).
func cmdReviewPlaces(cats *scoring.Set, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("review places", flag.ContinueOnError)
	dbPath := fs.String("db", "", "")
	units := fs.Int("units", -1, "")
	persons := fs.Int("persons", -1, "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return usageFail(stderr, "%v", err)
	}
	if len(pos) != 0 {
		return usageFail(stderr, "review places 不接受参数 %q", pos[0])
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	db, err := openDB(cats, *dbPath, true, stderr)
	if err != nil {
		return inputFail(stderr, err)
	}
	defer db.Close()
	p, err := db.Places()
	if err != nil {
		return inputFail(stderr, err)
	}
	if set["units"] || set["persons"] {
		if set["units"] {
			p.Units = *units
		}
		if set["persons"] {
			p.Persons = *persons
		}
		if err := db.SetPlaces(p); err != nil {
			return inputFail(stderr, err)
		}
	}
	fmt.Fprintf(stdout, "推荐名额：示范单位 %d 个，执法标兵 %d 名\n", p.Units, p.Persons)
	return 0
}
