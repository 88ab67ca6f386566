package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"sanxiang/export"
	"sanxiang/internal/oserr"
	"sanxiang/scoring"
)

// cmdExport writes 自评表.xlsx, 评分表.pdf and 自评报告.pdf for an assessment file into a folder.
// The input is read and checked completely before anything is created, so invalid input
// writes nothing.
func cmdExport(args []string, stdout, stderr io.Writer) int {
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
	a, err := readAssessment(pos[0], *catFile)
	if err != nil {
		return inputFail(stderr, err)
	}
	for _, name := range []string{export.NameXLSX, export.NameScoreSheet, export.NameReport} {
		if err := guardOutput(filepath.Join(*out, name), append([]string{pos[0], *catFile}, evidencePaths(a)...), ""); err != nil {
			return inputFail(stderr, err)
		}
	}
	created := false
	if st, err := os.Stat(*out); err == nil {
		if !st.IsDir() {
			return inputFail(stderr, fmt.Errorf("%s 已存在且不是文件夹", *out))
		}
	} else if os.IsNotExist(err) {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return inputFail(stderr, oserr.Wrap("无法创建输出文件夹 "+*out, err))
		}
		created = true
	} else {
		return inputFail(stderr, oserr.Wrap("无法访问输出文件夹 "+*out, err))
	}
	files, err := export.WriteAll(*out, a, export.Options{Date: time.Now(), LinkBase: *out})
	if err != nil {
		if created {
			os.Remove(*out) // only succeeds when still empty
		}
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
