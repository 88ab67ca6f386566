package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sanxiang/export"
	"strings"
	"syscall"
	"time"

	"github.com/mattn/go-isatty"

	"sanxiang/export/pack"
	"sanxiang/internal/oserr"
	"sanxiang/internal/samefile"
	"sanxiang/scoring"
	"sanxiang/storage"
	"sanxiang/workflow"
)

// cmdPackage builds the USB submission package (报送包) for an assessment file:
// `package FILE --out DIR [--zip] [--strict] [--replace] [--catalog FILE]`. Missing or changed
// evidence is listed on stderr and the package is built anyway (named in its report), unless
// --strict. Ctrl-C cancels and leaves nothing behind.
func cmdPackage(cats *scoring.Set, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("package", flag.ContinueOnError)
	out := fs.String("out", "", "")
	zipped := fs.Bool("zip", false, "")
	strict := fs.Bool("strict", false, "")
	replace := fs.Bool("replace", false, "")
	catFile := fs.String("catalog", "", "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return usageFail(stderr, "%v", err)
	}
	if len(pos) != 1 {
		return usageFail(stderr, "package 需要一个自评文件")
	}
	if *out == "" {
		return usageFail(stderr, "package 需要用 --out 指定目标文件夹（例如 U 盘）")
	}
	a, err := readAssessment(cats, pos[0], *catFile)
	if err != nil {
		return inputFail(stderr, err)
	}
	if err := scoring.CheckSubmittable(a); err != nil {
		return inputFail(stderr, fmt.Errorf("无法生成报送包：%w", err))
	}
	if st, err := os.Stat(*out); err != nil || !st.IsDir() {
		return inputFail(stderr, fmt.Errorf("目标文件夹 %s 不存在（U 盘是否已插好？）", *out))
	}
	target := filepath.Join(*out, pack.PackageName(a.Unit.Name, a.Year))
	if *zipped {
		target += ".zip"
	}
	for _, in := range append([]string{pos[0], *catFile}, workflow.EvidencePaths(a)...) {
		if in != "" && samefile.Within(in, target) {
			return inputFail(stderr, fmt.Errorf("输入文件 %s 在要生成的报送包 %s 中，替换时会被删除；请先把它复制到别处", in, target))
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	bar := newProgressLine(stderr, "检查佐证材料")
	issues, err := pack.PreflightContext(ctx, a, bar.update)
	bar.done()
	if err != nil {
		return inputFail(stderr, err)
	}
	if len(issues) > 0 {
		fmt.Fprintf(stderr, "注意：以下 %d 个佐证材料缺失或在添加后发生了变化：\n", len(issues))
		for _, is := range issues {
			fmt.Fprintf(stderr, "  评分要点(%d) %s：%s\n", is.No, is.Path, is.Problem)
		}
		if *strict {
			fmt.Fprintln(stderr, "已按 --strict 停止，未生成报送包。请补齐或重新添加这些材料后再试。")
			return 1
		}
		fmt.Fprintln(stderr, "仍将生成报送包：缺失的材料不放入报送包，说明.txt 和 自评报告.pdf 中会列出以上问题。")
	}
	bar = newProgressLine(stderr, "生成报送包")
	res, err := pack.Build(ctx, a, *out, pack.Options{Zip: *zipped, Replace: *replace, Progress: bar.update, Catalogs: cats})
	bar.done()
	if err != nil {
		if errors.Is(err, pack.ErrExists) {
			fmt.Fprintf(stderr, "错误：目标文件夹中已有同名报送包 %s；如要替换，请加 --replace\n", filepath.Join(*out, pack.PackageName(a.Unit.Name, a.Year)))
			return 1
		}
		return inputFail(stderr, err)
	}
	fmt.Fprintf(stdout, "已生成报送包：%s\n报送包校验码：%s\n共 %d 个文件，%s\n", res.Path, res.Digest, res.Files, export.SizeText(res.Bytes))
	if len(res.Issues) > 0 {
		fmt.Fprintf(stdout, "报送包的说明和自评报告中注明了 %d 个缺失或已变化的佐证材料。\n", len(res.Issues))
	}
	if note := res.LeftoverNote(); note != "" {
		fmt.Fprintln(stderr, note)
	}
	return 0
}

// cmdVerify checks a package folder or zip against its manifest: `verify PATH`. Exit 0 when
// everything matches, 1 when anything differs or the package cannot be read.
func cmdVerify(cats *scoring.Set, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return usageFail(stderr, "%v", err)
	}
	if len(pos) != 1 {
		return usageFail(stderr, "verify 需要一个报送包文件夹或 .zip 文件")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgressLine(stderr, "校验报送包")
	rep, err := pack.VerifyProgress(ctx, pos[0], bar.update)
	bar.done()
	if err != nil {
		return inputFail(stderr, err)
	}
	fmt.Fprintf(stdout, "报送包：%s\n", rep.Root)
	fmt.Fprint(stdout, rep.Summary())
	if !rep.OK {
		return 1
	}
	return 0
}

// importPackage is `import PKG` for a package folder or zip: it verifies the package, copies its
// evidence beside the database (storage.EvidenceDir) and stores the assessment. A package that
// fails verification, or an assessment the database refuses, leaves no copied files behind.
func importPackage(cats *scoring.Set, path, dbPath string, replace bool, stdout, stderr io.Writer) int {
	dbPath, err := resolveDBPath(dbPath)
	if err != nil {
		return inputFail(stderr, err)
	}
	in, err := openForImport(cats, dbPath, stderr)
	if err != nil {
		return inputFail(stderr, err)
	}
	db, evDir := in.db, in.evDir
	fail := func(err error) int {
		in.discard()
		return inputFail(stderr, err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgressLine(stderr, "校验并导入报送包")
	staged, err := workflow.StagePackage(ctx, db, path, bar.update)
	bar.done()
	if err != nil {
		return fail(err)
	}
	id, err := staged.Store(replace)
	if errors.Is(err, storage.ErrExists) {
		if derr := staged.Discard(); derr != nil {
			err = fmt.Errorf("%w（%s）", err, oserr.Reason(derr))
		}
	}
	if err != nil {
		return fail(err)
	}
	defer db.Close()
	a, n := staged.Assessment, staged.EvidenceCount()
	r := scoring.Score(a.Catalog, a.Answers)
	name := storedName(db, id, a, stderr)
	fmt.Fprintf(stdout, "报送包校验通过，已导入：%s %d 年度（编号 %d），自评得分 %s\n", name, a.Year, id, r.Overall.Score)
	printUnmarked(stderr, name, a.Year, staged.Unmarked)
	if n > 0 {
		fmt.Fprintf(stdout, "佐证材料 %d 个已复制到 %s\n", n, evDir)
	}
	return 0
}

// importTarget is the database an import writes into. It is opened (and locked) before anything
// is staged, so that the evidence is staged under its lock and the clean-up of stale staging
// folders at the next open can never hit a running import; discard removes again what a run that
// imported nothing created — a new database, the evidence folder.
type importTarget struct {
	db        *storage.DB
	evDir     string
	evExisted bool
}

// openForImport opens the database at dbPath for `import` and `review import`.
func openForImport(cats *scoring.Set, dbPath string, stderr io.Writer) (*importTarget, error) {
	evDir := storage.EvidenceDir(dbPath)
	_, evErr := os.Lstat(evDir)
	db, err := storage.Open(dbPath, cats)
	if err != nil {
		return nil, err
	}
	reportCleaned(stderr, db)
	return &importTarget{db: db, evDir: evDir, evExisted: evErr == nil}, nil
}

// discard removes a database this import created and the evidence folder when it created it
// and it is still empty.
func (t *importTarget) discard() {
	if !t.evExisted {
		os.Remove(t.evDir) // only when empty
	}
	t.db.DiscardNew()
}

// progressLine prints one self-overwriting progress line on stderr, only when stderr is a
// terminal (never into logs or pipes), at most ten times a second.
type progressLine struct {
	w     io.Writer
	label string
	last  time.Time
	width int
}

func newProgressLine(stderr io.Writer, label string) *progressLine {
	if !terminal(stderr) {
		return &progressLine{}
	}
	return &progressLine{w: stderr, label: label}
}

// terminal reports whether w is a console (not a file, a pipe or a test's buffer): progress is
// printed only there.
func terminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

func (p *progressLine) update(pr pack.Progress) {
	if p.w == nil || time.Since(p.last) < 100*time.Millisecond && pr.Files < pr.TotalFiles {
		return
	}
	p.last = time.Now()
	p.print(fmt.Sprintf("%s：%d/%d 个文件，%s/%s", p.label, pr.Files, pr.TotalFiles, export.SizeText(pr.Bytes), export.SizeText(pr.TotalBytes)))
}

// print overwrites the line with line.
func (p *progressLine) print(line string) {
	// pad with spaces over a longer previous line; no escape codes, which old Windows consoles print raw
	w := displayWidth(line)
	pad := ""
	if p.width > w {
		pad = strings.Repeat(" ", p.width-w)
	}
	p.width = w
	fmt.Fprintf(p.w, "\r%s%s", line, pad)
}

func (p *progressLine) done() {
	if p.w != nil && p.width > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width))
	}
}

// displayWidth counts terminal columns: East Asian characters take two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 && (r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf || r >= 0xac00 && r <= 0xd7a3 ||
			r >= 0xf900 && r <= 0xfaff || r >= 0xfe30 && r <= 0xfe4f || r >= 0xff00 && r <= 0xff60 || r >= 0xffe0 && r <= 0xffe6) {
			n += 2
		} else {
			n++
		}
	}
	return n
}
