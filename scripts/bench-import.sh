#!/usr/bin/env bash
# Measures `sanxiang-cli review import` of a bureau's stick — 100 zip packages with 2 000 MiB of
# random (incompressible) evidence, 20 MiB each — against `unzip -q` + `sha256sum` of the same
# zips in the same run (target: ≤ 1.5 ×). Usage: bash scripts/bench-import.sh [runs] (default 1).
# The stick is built once into $SANXIANG_BENCH_DIR (default /tmp/sanxiang-bench-stick, ~2.1 GB;
# each run writes ~2 GB more there and removes it); delete the folder to start afresh.
# The measuring is BenchmarkImportStick100 in workflow (sync before each measurement; the
# import's own fsyncs count, the yardstick has none).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1}
for tool in unzip sha256sum find xargs; do
  command -v "$tool" >/dev/null || { echo "bench-import: $tool is not installed" >&2; exit 1; }
done
export CGO_ENABLED=0
export SANXIANG_BENCH_DIR=${SANXIANG_BENCH_DIR:-/tmp/sanxiang-bench-stick}
mkdir -p "$SANXIANG_BENCH_DIR"
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/sanxiang-cli" ./cmd/sanxiang-cli
SANXIANG_BENCH_CLI="$bin/sanxiang-cli" go test -tags ci -run XXX -bench '^BenchmarkImportStick100$' -benchtime "${runs}x" -timeout 60m ./workflow/
