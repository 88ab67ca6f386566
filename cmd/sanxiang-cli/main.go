// Command sanxiang-cli is the headless face of sanxiang: it prints the catalog, scores, imports,
// dumps, exports and packages assessment files for scripts, tests and users without a display.
//
// Exit status: 0 ok, 1 invalid input (message on stderr, nothing written), 2 usage.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"sanxiang/internal/oserr"
	"sanxiang/scoring"
)

const usage = `用法：sanxiang-cli <命令> [参数]

命令：
  catalog [--catalog 文件] [--json]          打印指标体系（默认为内置的陕西省指标体系）
  catalog convert 文本.txt --out 文件.json [--id 编号] [--title 名称] [--na-policy rescale|full|zero]
          [--materials 申报材料.json] [--replace]
                                             把正式文件中的指标体系文本转换为指标体系文件
  score 自评文件 [--json] [--catalog 文件]    校验自评文件并计算得分
  import 自评文件|报送包 [--db 数据库] [--replace] [--catalog 文件]
                                             导入自评文件、报送包文件夹或 .zip 到数据库
                                             （指标体系随数据库保存；报送包自带指标体系时无需 --catalog）
  list [--db 数据库]                          列出数据库中的自评（含编号）
  dump --assessment 编号 [--db 数据库] [--out 文件]
                                             导出数据库中的一份自评为自评文件
  export 自评文件 --out 文件夹 [--catalog 文件] 生成 自评表.xlsx、评分表.pdf、自评报告.pdf
  package 自评文件 --out 文件夹 [--zip] [--replace] [--strict] [--catalog 文件]
                                             生成报送包（U 盘报送用）；--replace 替换已有的
                                             同名报送包，--strict 有缺失或已变化的佐证材料时停止
  verify 报送包                               校验报送包是否完整、未被改动
  review import 路径... [--db 数据库] [--replace] [--json]
                                             区司法局：导入 U 盘（或文件夹）中的全部报送包，
                                             逐个校验；--replace 替换已导入的同一单位同一年度
  review list [--db 数据库] [--year 年度] [--catalog 编号] [--json]
                                             区司法局复核：已导入各单位的汇总与排名（默认最近年度）
  review apply 复核文件 [--db 数据库]          导入复核人交回的复核文件（有任何错误则整份不导入）
  review export --year 年度 --out 文件夹 [--db 数据库] [--catalog 编号] [--bureau 区司法局名称]
                                             生成 复核汇总表.xlsx、推荐名单.pdf 和 复核意见书/
  review mark --year 年度 --unit 信用代码|--person 信用代码 [--off] [--db 数据库] [--catalog 编号]
                                             推荐（--off 取消推荐）示范单位或该单位的执法标兵
  review places [--units 个数] [--persons 名数] [--db 数据库]
                                             查看或设置推荐名额（默认各 1）
  version                                    显示版本

退出状态：0 成功，1 输入无效，2 用法错误。
`

// version is set at link time by the Makefile (-X main.version=…).
var version = "dev"

func main() {
	// the one catalog registry: the built-in catalogs; --catalog and databases add theirs
	cats, err := scoring.BuiltinSet()
	if err != nil {
		fmt.Fprintf(os.Stderr, "错误：%v\n", err)
		os.Exit(1)
	}
	os.Exit(run(cats, os.Args[1:], os.Stdout, os.Stderr))
}

// command is one subcommand; it returns the process exit status. cats is the program's
// catalog registry, which a command may extend (--catalog, a database's stored catalogs).
type command func(cats *scoring.Set, args []string, stdout, stderr io.Writer) int

func commands() map[string]command {
	return map[string]command{
		"catalog": cmdCatalog,
		"score":   cmdScore,
		"import":  cmdImport,
		"list":    cmdList,
		"dump":    cmdDump,
		"export":  cmdExport,
		"package": cmdPackage,
		"verify":  cmdVerify,
		"review":  cmdReview,
		"version": func(_ *scoring.Set, _ []string, stdout, _ io.Writer) int {
			fmt.Fprintln(stdout, "sanxiang-cli", version)
			return 0
		},
	}
}

func run(cats *scoring.Set, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "未知命令 %q\n\n%s", args[0], usage)
		return 2
	}
	for _, a := range args[1:] {
		if a == "-h" || a == "-help" || a == "--help" {
			fmt.Fprint(stdout, usage)
			return 0
		}
	}
	return cmd(cats, args[1:], stdout, stderr)
}

// parseArgs parses flags that may come before or after the positional arguments
// ("score FILE --json" as well as "score --json FILE") and returns the positionals.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError(fs, err)
		}
		var empty string
		fs.Visit(func(f *flag.Flag) {
			if _, isBool := f.Value.(interface{ IsBoolFlag() bool }); !isBool && f.Value.String() == "" && empty == "" {
				empty = f.Name
			}
		})
		if empty != "" {
			// "--db ''" would otherwise silently mean "the desktop database"
			return nil, fmt.Errorf("%s：选项 --%s 的值不能为空", fs.Name(), empty)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func usageError(fs *flag.FlagSet, err error) error {
	msg := err.Error()
	var value, name string
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		msg = "未知选项 " + strings.TrimPrefix(msg, "flag provided but not defined: ")
	case strings.HasPrefix(msg, "flag needs an argument: "):
		msg = "选项缺少参数：" + strings.TrimPrefix(msg, "flag needs an argument: ")
	case scanFlagValue(msg, "invalid boolean value ", " for -", &value, &name):
		msg = fmt.Sprintf("选项 --%s 只能写 --%s 或 --%s=true/false，不能是 %s", name, name, name, value)
	case scanFlagValue(msg, "invalid value ", " for flag -", &value, &name):
		msg = fmt.Sprintf("选项 --%s 的值 %s 无效", name, value)
	case strings.HasPrefix(msg, "bad flag syntax: "):
		msg = "选项格式错误：" + strings.TrimPrefix(msg, "bad flag syntax: ")
	default:
		msg = "选项错误"
	}
	return fmt.Errorf("%s：%s", fs.Name(), msg)
}

// scanFlagValue picks the value and flag name out of the flag package's English
// "invalid value "x" for flag -n: parse error", so that it can be said in Chinese.
func scanFlagValue(msg, prefix, mid string, value, name *string) bool {
	rest, ok := strings.CutPrefix(msg, prefix)
	if !ok {
		return false
	}
	v, after, ok := strings.Cut(rest, mid)
	if !ok {
		return false
	}
	n, _, _ := strings.Cut(after, ":")
	*value, *name = v, n
	return true
}

// usageFail reports a usage mistake (exit 2) in Chinese with the command list.
func usageFail(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, format+"\n\n%s", append(args, usage)...)
	return 2
}

// inputFail reports invalid input (exit 1); an operating-system error that reached here
// unexplained is still described in Chinese.
func inputFail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "错误：%s\n", oserr.Reason(err))
	return 1
}
