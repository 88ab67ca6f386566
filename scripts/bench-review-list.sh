#!/usr/bin/env bash
# Measures the real `sanxiang-cli review list --json` process on a database of 500 units of 2020
# (and 100 of 2019; ~15.5 MiB, see bench500 in workflow/review_bench_test.go) — target: ≤ 200 ms
# wall on an unloaded machine — with `cat` of the same file to /dev/null as a yardstick in the
# same run. Prints the medians of 10 runs (list-ms, list-cpu-ms, cat-ms). Usage:
# bash scripts/bench-review-list.sh [iterations] (default 1; each is 10 runs).
# The database is built once into $SANXIANG_BENCH_DIR (default /tmp/sanxiang-bench-review);
# delete the folder to rebuild it (after a schema change).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1}
export CGO_ENABLED=0
export SANXIANG_BENCH_DIR=${SANXIANG_BENCH_DIR:-/tmp/sanxiang-bench-review}
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/sanxiang-cli" ./cmd/sanxiang-cli
SANXIANG_BENCH_CLI="$bin/sanxiang-cli" go test -tags ci -run XXX -bench '^BenchmarkReviewListCLI500$' -benchtime "${runs}x" -timeout 30m -v ./workflow/ | grep -v '^=== RUN'
