package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"sanxiang/exchange"
	"sanxiang/export"
	"sanxiang/internal/oserr"
	"sanxiang/scoring"
	"sanxiang/storage"
	"sanxiang/workflow"
)

// resolveDBPath returns the --db path, or the desktop program's database when it is empty.
func resolveDBPath(path string) (string, error) {
	if path != "" {
		return path, nil
	}
	return storage.DefaultPath()
}

// openDB opens the database given by --db, or the one the desktop program uses; with
// mustExist it refuses to create one, so that reading commands never leave an empty file. What
// the opening cleaned up (storage.Cleanup) is said on stderr.
func openDB(cats *scoring.Set, path string, mustExist bool, stderr io.Writer) (*storage.DB, error) {
	return openDBWith(storage.Open, cats, path, mustExist, stderr)
}

// openDBToRead is openDB for a command that only reads (review list): storage.OpenToRead, which
// skips the whole-file check, on a database that must exist.
func openDBToRead(cats *scoring.Set, path string, stderr io.Writer) (*storage.DB, error) {
	return openDBWith(storage.OpenToRead, cats, path, true, stderr)
}

// openDBWith is openDB with the storage opener to use.
func openDBWith(open func(string, *scoring.Set) (*storage.DB, error), cats *scoring.Set, path string, mustExist bool, stderr io.Writer) (*storage.DB, error) {
	path, err := resolveDBPath(path)
	if err != nil {
		return nil, err
	}
	if mustExist {
		if _, err := os.Stat(path); err != nil {
			return nil, oserr.Wrap(fmt.Sprintf("无法打开数据库 %s（还没有用本程序自评过，或 --db 路径有误？）", path), err)
		}
	}
	db, err := open(path, cats)
	if err != nil {
		return nil, err
	}
	reportCleaned(stderr, db)
	return db, nil
}

// isPackage tells a submission package (a folder or a .zip) from an assessment file.
func isPackage(path string) bool {
	if strings.EqualFold(filepath.Ext(path), ".zip") {
		return true
	}
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

func cmdImport(cats *scoring.Set, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	dbPath := fs.String("db", "", "")
	replace := fs.Bool("replace", false, "")
	catFile := fs.String("catalog", "", "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return usageFail(stderr, "%v", err)
	}
	if len(pos) != 1 {
		return usageFail(stderr, "import 需要一个自评文件或报送包")
	}
	if isPackage(pos[0]) {
		if err := addCatalogFile(cats, *catFile); err != nil {
			return inputFail(stderr, err)
		}
		return importPackage(cats, pos[0], *dbPath, *replace, stdout, stderr)
	}
	a, err := readAssessment(cats, pos[0], *catFile)
	if err != nil {
		return inputFail(stderr, err)
	}
	db, err := openDB(cats, *dbPath, false, stderr)
	if err != nil {
		return inputFail(stderr, err)
	}
	im, err := db.ImportReport(a, *replace)
	if err != nil {
		db.DiscardNew() // a database this command created for nothing is removed again
		return inputFail(stderr, err)
	}
	defer db.Close()
	id := im.ID
	r := scoring.Score(a.Catalog, a.Answers)
	name := storedName(db, id, a, stderr)
	fmt.Fprintf(stdout, "已导入：%s %d 年度（编号 %d），自评得分 %s\n", name, a.Year, id, r.Overall.Score)
	printUnmarked(stderr, name, a.Year, im.Unmarked)
	return 0
}

// storedName is the unit name the database filed an import under: a unit found by its credit
// code keeps its name, which may differ from the file's; the user is told.
func storedName(db *storage.DB, id int64, a *scoring.Assessment, stderr io.Writer) string {
	info, err := db.AssessmentInfo(id)
	if err != nil || info.UnitName == "" {
		return a.Unit.Name
	}
	if info.UnitName != strings.TrimSpace(a.Unit.Name) {
		fmt.Fprintf(stderr, "注意：统一社会信用代码 %s 在数据库中属于单位“%s”，已导入到该单位名下；文件中的单位名称“%s”未采用（如单位已更名，请在程序的“单位信息”中修改）。\n",
			a.Unit.CreditCode, info.UnitName, strings.TrimSpace(a.Unit.Name))
	}
	return info.UnitName
}

// reportCleaned tells what opening the database cleaned up from earlier, interrupted runs.
func reportCleaned(stderr io.Writer, db *storage.DB) {
	if note := db.Cleaned().Note(export.SizeText); note != "" {
		fmt.Fprintln(stderr, note)
	}
}

func cmdList(cats *scoring.Set, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	dbPath := fs.String("db", "", "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return usageFail(stderr, "%v", err)
	}
	if len(pos) != 0 {
		return usageFail(stderr, "list 不接受参数 %q", pos[0])
	}
	db, err := openDB(cats, *dbPath, true, stderr)
	if err != nil {
		return inputFail(stderr, err)
	}
	defer db.Close()
	list, err := db.Assessments()
	if err != nil {
		return inputFail(stderr, err)
	}
	if len(list) == 0 {
		fmt.Fprintln(stdout, "数据库中还没有自评。")
		return 0
	}
	fmt.Fprintf(stdout, "%6s  %s %6s  %s\n", "编号", pad("单位", 40), "年度", "状态")
	for _, a := range list {
		fmt.Fprintf(stdout, "%6d  %s %6d  %s\n", a.ID, pad(a.UnitName, 40), a.Year, a.Status)
	}
	return 0
}

func cmdDump(cats *scoring.Set, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dump", flag.ContinueOnError)
	dbPath := fs.String("db", "", "")
	id := fs.Int64("assessment", 0, "")
	out := fs.String("out", "", "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return usageFail(stderr, "%v", err)
	}
	if len(pos) != 0 || *id <= 0 {
		return usageFail(stderr, "dump 需要 --assessment 编号（可用 list 命令查看）")
	}
	db, err := openDB(cats, *dbPath, true, stderr)
	if err != nil {
		return inputFail(stderr, err)
	}
	defer db.Close()
	if _, err := db.AssessmentInfo(*id); err != nil {
		return inputFail(stderr, fmt.Errorf("找不到编号为 %d 的自评：%w", *id, err))
	}
	a, err := db.Load(*id)
	if err != nil {
		return inputFail(stderr, err)
	}
	if *out != "" {
		if err := workflow.GuardOutput(*out, workflow.EvidencePaths(a), db.Path()); err != nil {
			return inputFail(stderr, err)
		}
		if err := exchange.WriteFile(*out, a); err != nil {
			return inputFail(stderr, err)
		}
		fmt.Fprintf(stderr, "已写入 %s\n", *out)
		return 0
	}
	data, err := exchange.Encode(a)
	if err != nil {
		return inputFail(stderr, err)
	}
	stdout.Write(data)
	return 0
}
