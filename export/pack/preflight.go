package pack

import (
	"context"
	"errors"

	"sanxiang/internal/safefile"
	"sanxiang/scoring"
)

// Preflight lists the evidence files of a that are missing or changed (size or SHA-256) since
// they were attached, for the user to see before a package is built; it reads every file once.
func Preflight(a *scoring.Assessment) ([]EvidenceIssue, error) {
	return PreflightContext(context.Background(), a, nil)
}

// PreflightContext is Preflight with cancellation and progress, for large evidence sets.
func PreflightContext(ctx context.Context, a *scoring.Assessment, progress func(Progress)) ([]EvidenceIssue, error) {
	if a == nil || a.Catalog == nil {
		return nil, errors.New("没有可检查的自评")
	}
	plans := planEvidence(a)
	pr := &progressState{fn: progress}
	for _, p := range plans {
		pr.p.TotalFiles++
		if p.size > 0 {
			pr.p.TotalBytes += p.size
		}
	}
	pr.emit()
	buf := make([]byte, bufSize)
	var issues []EvidenceIssue
	for _, p := range plans {
		pr.p.Current = p.src
		prob := p.prob
		if p.size >= 0 {
			prob = checkFile(ctx, p, buf, pr)
			if ctx.Err() != nil {
				return nil, ErrCanceled
			}
		}
		if prob != "" {
			issues = append(issues, EvidenceIssue{No: p.no, Path: p.src, Problem: prob})
		}
		pr.p.Files++
		pr.emit()
	}
	return issues, nil
}

func checkFile(ctx context.Context, p plan, buf []byte, pr *progressState) string {
	if p.ev.SHA256 == "" {
		return changeProblem(p.ev, p.size, "")
	}
	f, err := safefile.Open(p.src)
	if err != nil {
		return problemOf(err)
	}
	defer f.Close()
	r := hashCopy(ctx, nil, f, buf, -1, pr.add)
	if r.werr != nil { // only cancellation
		return ""
	}
	if r.rerr != nil {
		return "无法读取（" + r.rerr.Error() + "）"
	}
	return changeProblem(p.ev, r.n, r.sum)
}
