package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"sanxiang/export"
	"sanxiang/export/pack"
	"sanxiang/scoring"
	"sanxiang/scoring/review"
	"sanxiang/workflow"
)

// cmdReviewImport is the bureau's `review import PATH... [--db DB] [--replace] [--json]`: every
// package found in the named folders and zips (a USB stick's root, a folder of zips) is verified
// and imported (workflow.ImportStick). One line per package — 已导入, 已导入过 (duplicate) or
// 未导入 with the reason — or with --json the array
// [{"path","status","unit","credit_code","year","digest","reason"}]. Exit 1 when any package was
// refused (also when cancelled with Ctrl-C), else 0.
func cmdReviewImport(cats *scoring.Set, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("review import", flag.ContinueOnError)
	dbPath := fs.String("db", "", "")
	replace := fs.Bool("replace", false, "")
	asJSON := fs.Bool("json", false, "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return usageFail(stderr, "%v", err)
	}
	if len(pos) == 0 {
		return usageFail(stderr, "review import 需要至少一个文件夹（如 U 盘根目录）、报送包文件夹或 .zip")
	}
	path, err := resolveDBPath(*dbPath)
	if err != nil {
		return inputFail(stderr, err)
	}
	in, err := openForImport(cats, path, stderr)
	if err != nil {
		return inputFail(stderr, err)
	}
	db := in.db
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newStickLine(stderr)
	results, err := workflow.ImportStick(ctx, db, pos, workflow.StickOptions{Replace: *replace, Progress: bar.update})
	bar.done()
	imported := 0
	for _, r := range results {
		if r.Status == workflow.StatusImported {
			imported++
		}
	}
	if imported == 0 {
		in.discard()
	} else {
		defer db.Close()
	}
	if err != nil && !errors.Is(err, pack.ErrCanceled) {
		return inputFail(stderr, err)
	}
	if *asJSON {
		if werr := writeStickJSON(stdout, results); werr != nil {
			return inputFail(stderr, werr)
		}
	} else {
		printStick(stdout, results)
	}
	for _, r := range results {
		if r.Status == workflow.StatusImported {
			printUnmarked(stderr, r.Unit, r.Year, r.Unmarked)
		}
	}
	if len(results) == 0 {
		fmt.Fprintf(stderr, "在 %s 中没有找到报送包（含 %s 或 %s 的文件夹或 .zip）。\n", strings.Join(pos, "、"), pack.ManifestName, pack.AssessmentName)
	}
	if errors.Is(err, pack.ErrCanceled) {
		fmt.Fprintf(stderr, "已取消：已导入的 %d 个报送包保留，其余未导入。\n", imported)
		return 1
	}
	for _, r := range results {
		if r.Status == workflow.StatusRefused {
			return 1
		}
	}
	return 0
}

// writeStickJSON writes the results as the contract's array (never null: [] when empty).
func writeStickJSON(w io.Writer, results []workflow.StickResult) error {
	if results == nil {
		results = []workflow.StickResult{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(results)
}

// printStick writes one Chinese line per package (a refusal's reason indented below it) and a
// count at the end.
func printStick(w io.Writer, results []workflow.StickResult) {
	var n [3]int
	for _, r := range results {
		who := strings.TrimSpace(fmt.Sprintf("%s %s", r.Unit, yearText(r.Year)))
		switch r.Status {
		case workflow.StatusImported:
			n[0]++
			fmt.Fprintf(w, "已导入：%s（统一社会信用代码 %s，报送包校验码 %s）：%s\n", who, r.CreditCode, r.Digest, r.Path)
		case workflow.StatusDuplicate:
			n[1]++
			fmt.Fprintf(w, "已导入过：%s：%s\n  %s\n", who, r.Path, r.Reason)
		default:
			n[2]++
			if who != "" {
				who += "："
			}
			fmt.Fprintf(w, "未导入：%s%s\n", who, r.Path)
			for _, line := range strings.Split(strings.TrimPrefix(r.Reason, "未导入。\n"), "\n") {
				fmt.Fprintf(w, "  %s\n", line)
			}
		}
	}
	if len(results) > 0 {
		fmt.Fprintf(w, "共 %d 个报送包：已导入 %d 个，已导入过 %d 个，未导入 %d 个。\n", len(results), n[0], n[1], n[2])
	}
}

// printUnmarked tells on stderr that a replace sent a 已复核 unit's review back to 复核中 and
// which of its recommendations storage removed with it (nothing when none was); stdout and
// --json stay as they were.
func printUnmarked(stderr io.Writer, unit string, year int, u review.Unmarked) {
	if u.Any() {
		fmt.Fprintf(stderr, "注意：%s %d 年度的复核已回到复核中，%s。\n", unit, year, u.Note())
	}
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return fmt.Sprintf("%d 年度", y)
}

// stickLine is progressLine for a whole stick: packages and bytes, on stderr when it is a
// terminal, at most ten times a second.
type stickLine struct {
	p *progressLine
}

func newStickLine(stderr io.Writer) *stickLine {
	return &stickLine{p: newProgressLine(stderr, "导入报送包")}
}

func (s *stickLine) update(pr workflow.StickProgress) {
	p := s.p
	if p.w == nil || time.Since(p.last) < 100*time.Millisecond && pr.PackagesDone < pr.Packages {
		return
	}
	p.last = time.Now()
	p.print(fmt.Sprintf("%s：%d/%d 个，%s/%s", p.label, pr.PackagesDone, pr.Packages, export.SizeText(pr.BytesDone), export.SizeText(pr.Bytes)))
}

func (s *stickLine) done() { s.p.done() }
