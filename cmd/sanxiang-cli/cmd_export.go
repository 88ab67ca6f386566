package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"sanxiang/scoring"
	"sanxiang/workflow"
)

// cmdExport writes 自评表.xlsx, 评分表.pdf and 自评报告.pdf for an assessment file into a folder.
// The input is read and checked completely before anything is created, so invalid input
// writes nothing.
func cmdExport(cats *scoring.Set, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	out := fs.String("out", "", "")
	catFile := fs.String("catalog", "", "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return usageFail(stderr, "%v", err)
	}
	if len(pos) != 1 {
		return usageFail(stderr, "export 需要一个自评文件")
	}
	if *out == "" {
		return usageFail(stderr, "export 需要用 --out 指定输出文件夹")
	}
	a, err := readAssessment(cats, pos[0], *catFile)
	if err != nil {
		return inputFail(stderr, err)
	}
	// Ctrl-C: the documents being rendered are discarded, nothing is written (no temporary files)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	files, err := workflow.Export(*out, a, workflow.ExportOptions{Inputs: []string{pos[0], *catFile}, Canceled: ctx.Done()})
	if err != nil {
		return inputFail(stderr, err)
	}
	r := scoring.Score(a.Catalog, a.Answers)
	conv := "无法计算"
	if r.ConvertedOK {
		conv = r.Converted.String()
	}
	fmt.Fprintf(stdout, "已生成：\n  %s\n  %s\n  %s\n自评总分 %s 分（满分 %s 分），折算得分 %s。\n",
		files.XLSX, files.ScoreSheet, files.Report, r.Overall.Score, r.Overall.Points, conv)
	return 0
}
