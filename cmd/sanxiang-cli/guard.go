package main

import (
	"fmt"
	"path/filepath"

	"sanxiang/internal/samefile"
	"sanxiang/scoring"
	"sanxiang/storage"
)

// guardOutput refuses an output path that is one of the command's inputs or belongs to the
// database (the file, its log, lock, backups or imported evidence): writing there would destroy
// what the command reads. Files are compared by identity, not spelling (internal/samefile).
func guardOutput(out string, inputs []string, dbPath string) error {
	for _, in := range inputs {
		if in != "" && samefile.Same(out, in) {
			return fmt.Errorf("输出文件 %s 就是输入文件 %s，写入会覆盖它；请换一个输出位置", out, in)
		}
	}
	if dbPath == "" {
		return nil
	}
	for _, c := range storage.Companions(dbPath) {
		if samefile.Same(out, c) {
			return fmt.Errorf("输出文件 %s 是数据库 %s 的文件，写入会毁掉数据库；请换一个输出位置", out, dbPath)
		}
	}
	for _, dir := range []string{storage.BackupDir(dbPath), storage.EvidenceDir(dbPath)} {
		if samefile.Within(out, dir) {
			return fmt.Errorf("输出文件 %s 在数据库的 %s 文件夹中，写入可能覆盖备份或佐证材料；请换一个输出位置", out, filepath.Base(dir))
		}
	}
	return nil
}

// evidencePaths lists the evidence files an assessment refers to: inputs no output may overwrite.
func evidencePaths(a *scoring.Assessment) []string {
	var out []string
	for _, ans := range a.Answers {
		for _, e := range ans.Evidence {
			out = append(out, e.Path)
		}
	}
	return out
}
