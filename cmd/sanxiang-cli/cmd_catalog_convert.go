package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"sanxiang/internal/atomicfile"
	"sanxiang/internal/oserr"
	"sanxiang/scoring"
	"sanxiang/scoring/catalogtext"
	"sanxiang/workflow"
)

// cmdCatalogConvert is `catalog convert 文件.txt --out 文件.json`: it turns an indicator system
// pasted from the official document into a catalog file. Nothing is written unless the whole
// text adds up; the problems are listed on stderr with their line numbers.
func cmdCatalogConvert(cats *scoring.Set, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("catalog convert", flag.ContinueOnError)
	out := fs.String("out", "", "")
	id := fs.String("id", "", "")
	title := fs.String("title", "", "")
	policy := fs.String("na-policy", "", "")
	matFile := fs.String("materials", "", "")
	replace := fs.Bool("replace", false, "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return usageFail(stderr, "%v", err)
	}
	if len(pos) != 1 {
		return usageFail(stderr, "catalog convert 需要一个指标体系文本文件（.txt）")
	}
	if *out == "" {
		return usageFail(stderr, "catalog convert 需要用 --out 指定输出的指标体系文件（.json）")
	}
	in := pos[0]
	if samePath(in, *out) {
		return usageFail(stderr, "--out 不能是输入文件本身（%s），否则原文会被覆盖", in)
	}
	opt := catalogtext.Options{ID: *id, Title: *title, NAPolicy: scoring.NAPolicy(*policy)}
	switch opt.NAPolicy {
	case "", scoring.NARescale, scoring.NAFull, scoring.NAZero:
	default:
		return usageFail(stderr, "选项 --na-policy 的值 %q 无效（应为 rescale、full 或 zero）", *policy)
	}
	if opt.ID == "" {
		opt.ID = strings.TrimSuffix(filepath.Base(*out), filepath.Ext(*out))
	}
	if *matFile != "" {
		data, err := os.ReadFile(*matFile)
		if err != nil {
			return inputFail(stderr, oserr.Wrap("无法读取申报材料文件 "+*matFile, err))
		}
		if opt.Materials, err = scoring.ParseMaterials(data); err != nil {
			return inputFail(stderr, err)
		}
	}
	if !*replace {
		if _, err := os.Lstat(*out); err == nil {
			return inputFail(stderr, fmt.Errorf("%s 已存在；要替换它请加 --replace", *out))
		}
	}
	f, err := os.Open(in)
	if err != nil {
		return inputFail(stderr, oserr.Wrap("无法打开指标体系文本 "+in, err))
	}
	data, cat, err := catalogtext.Convert(f, opt)
	f.Close()
	if err != nil {
		var pe *catalogtext.Error
		if errors.As(err, &pe) {
			fmt.Fprintf(stderr, "错误：%s 有 %d 处问题，未生成指标体系文件：\n", in, len(pe.Problems))
			for _, p := range pe.Problems {
				fmt.Fprintf(stderr, "  %s\n", p)
			}
			return 1
		}
		return inputFail(stderr, err)
	}
	if err := atomicfile.WriteFile(*out, data); err != nil {
		return inputFail(stderr, oserr.Wrap("无法写入指标体系文件 "+*out, err))
	}
	fmt.Fprintf(stdout, "已生成指标体系文件：%s\n%s\n", *out, workflow.Preview(cat).Summary())
	if len(cat.Materials) == 0 {
		fmt.Fprintln(stdout, "申报材料：无。")
	} else {
		var ms []string
		for _, m := range cat.Materials {
			if m.MinChars > 0 {
				ms = append(ms, fmt.Sprintf("%s（不少于 %d 字）", m.Title, m.MinChars))
			} else {
				ms = append(ms, m.Title)
			}
		}
		fmt.Fprintf(stdout, "申报材料：%s。\n", strings.Join(ms, "、"))
	}
	return 0
}

// samePath reports whether two paths name the same file: the same cleaned absolute path, or the
// same existing file reached another way (a link, a different case on Windows).
func samePath(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	if err1 == nil && err2 == nil && aa == bb {
		return true
	}
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// materialJSON is a catalog's 申报材料 in `catalog --json`, the same keys as in the catalog file.
type materialJSON struct {
	Key      string              `json:"key"`
	Title    string              `json:"title"`
	MinChars int                 `json:"min_chars"`
	Hint     string              `json:"hint,omitempty"`
	Fields   []materialFieldJSON `json:"fields,omitempty"`
}

type materialFieldJSON struct {
	Key   string `json:"key"`
	Title string `json:"title"`
	Hint  string `json:"hint,omitempty"`
}

// materialsJSON lists the materials for `catalog --json` (an empty array when there are none).
func materialsJSON(ms []scoring.Material) []materialJSON {
	out := make([]materialJSON, 0, len(ms))
	for _, m := range ms {
		j := materialJSON{Key: m.Key, Title: m.Title, MinChars: m.MinChars, Hint: m.Hint}
		for _, f := range m.Fields {
			j.Fields = append(j.Fields, materialFieldJSON(f))
		}
		out = append(out, j)
	}
	return out
}
