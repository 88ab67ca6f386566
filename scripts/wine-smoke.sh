#!/usr/bin/env bash
# Smoke test of the Windows command-line program under Wine, headless, against the Linux build:
#
#   scripts/wine-smoke.sh bin/windows/sanxiang-cli.exe bin/sanxiang-cli
#
# Runs catalog, score, export, package (folder and zip) and verify on testdata/sample-assessment.json
# copied with its evidence into a folder whose name has Chinese characters and spaces, writes into
# another such folder, and checks that every score the Windows program reports or writes is the
# one the Linux program computes. Every Wine call has a time limit; the Wine prefix is private
# and removed afterwards. Prints "wine-smoke: N passed, M failed" last; exits 1 on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

[ $# -eq 2 ] || { echo "usage: $0 WINDOWS_CLI.exe LINUX_CLI" >&2; exit 2; }
winexe=$(realpath "$1")
lincli=$(realpath "$2")
for f in "$winexe" "$lincli"; do
  [ -f "$f" ] || { echo "wine-smoke: $f is missing (run make build windows)" >&2; exit 1; }
done
for c in wine wineboot wineserver jq unzip pdftotext x86_64-w64-mingw32-gcc timeout; do
  command -v "$c" >/dev/null || { echo "wine-smoke: $c is missing (run make deps)" >&2; exit 1; }
done

limit=${WINE_TIMEOUT:-120} # seconds for one program run under Wine
work=$(mktemp -d "${TMPDIR:-/tmp}/sanxiang-wine.XXXXXX")
export WINEPREFIX="$work/wineprefix" WINEARCH=win64 WINEDEBUG=-all
# No Mono/Gecko installer dialogs, no display: console programs need neither.
export WINEDLLOVERRIDES='mscoree,mshtml='
unset DISPLAY WAYLAND_DISPLAY

cleanup() {
  timeout -k 5 30 wineserver -k >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "  ok    $*"; }
bad() { fail=$((fail + 1)); echo "  FAIL  $*"; }

# winpath turns /tmp/a b/c into Z:\tmp\a b\c (Wine maps drive Z: to /).
winpath() { local p=${1//\//\\}; printf 'Z:%s' "$p"; }

# win runs the Windows CLI in the current directory; stdout to $1, stderr to $1.err, status echoed.
win() {
  local out=$1; shift
  local rc=0
  timeout -k 10 "$limit" wine "$winexe" "$@" </dev/null >"$out" 2>"$out.err" || rc=$?
  [ $rc -ne 124 ] && [ $rc -ne 137 ] || echo "  (wine timed out after ${limit}s: $*)" >&2
  return $rc
}
lin() {
  local out=$1; shift
  "$lincli" "$@" </dev/null >"$out" 2>"$out.err"
}
show() { sed 's/^/        /' "$@" | head -20; }

echo "wine-smoke: $(wine --version 2>/dev/null), prefix $WINEPREFIX"
t0=$SECONDS
timeout -k 10 300 wineboot -i </dev/null >"$work/wineboot.log" 2>&1 || {
  echo "wine-smoke: wineboot failed or timed out" >&2
  show "$work/wineboot.log" >&2
  exit 1
}
sys32="$WINEPREFIX/drive_c/windows/system32"
[ -d "$sys32" ] || { echo "wine-smoke: no system32 in the new prefix" >&2; exit 1; }
if [ ! -e "$sys32/bcryptprimitives.dll" ]; then
  # Wine 8 lacks the DLL the Go runtime needs at start-up; see scripts/wine/bcryptprimitives.c.
  x86_64-w64-mingw32-gcc -O2 -shared -s -o "$sys32/bcryptprimitives.dll" \
    scripts/wine/bcryptprimitives.c -ladvapi32
  echo "wine-smoke: installed the ProcessPrng stand-in for this Wine"
fi
echo "wine-smoke: prefix ready in $((SECONDS - t0))s"

# Folders with Chinese characters and spaces, as on a user's desktop or USB stick.
in="$work/自评 材料 甲"
out="$work/输出 文件夹 乙"
linout="$work/linux out"
mkdir -p "$in" "$out" "$linout"
cp testdata/sample-assessment.json "$in/自评 2020.json"
cp -r testdata/sample-evidence "$in/"
sample="自评 2020.json"

cd "$in"
r="$work/r"
mkdir -p "$r"

echo "wine-smoke: catalog"
if win "$r/cat.win" catalog --json && lin "$r/cat.lin" catalog --json; then
  if cmp -s "$r/cat.win" "$r/cat.lin"; then
    ok "catalog --json is byte-identical ($(jq '[.areas[].categories[].indicators[].criteria[]] | length' "$r/cat.win") criteria)"
  else
    bad "catalog --json differs from Linux"; diff "$r/cat.lin" "$r/cat.win" | head -10 || true
  fi
else
  bad "catalog --json failed"; show "$r/cat.win.err"
fi

echo "wine-smoke: score"
scorekeys='{total, max, na_points, applicable_max, converted, scored, na, unanswered}'
if win "$r/score.win" score "$sample" --json && lin "$r/score.lin" score "$in/$sample" --json; then
  w=$(jq -c "$scorekeys" "$r/score.win")
  l=$(jq -c "$scorekeys" "$r/score.lin")
  if [ "$w" = "$l" ]; then ok "score --json totals equal: $w"; else bad "score totals: windows $w, linux $l"; fi
  if [ "$(jq -S 'del(.problems)' "$r/score.win")" = "$(jq -S 'del(.problems)' "$r/score.lin")" ] &&
    [ "$(jq '.problems | length' "$r/score.win")" = "$(jq '.problems | length' "$r/score.lin")" ]; then
    ok "score --json: every area, category and indicator equal, same number of problems"
  else
    bad "score --json details differ"; diff <(jq -S . "$r/score.lin") <(jq -S . "$r/score.win") | head -10 || true
  fi
else
  bad "score failed"; show "$r/score.win.err"
fi
# Invalid input: a Chinese message on stderr, status 1, nothing on stdout.
rc=0; win "$r/missing" score "不存在 的文件.json" --json || rc=$?
if [ $rc -eq 1 ] && grep -q '错误' "$r/missing.err" && [ ! -s "$r/missing" ]; then
  ok "a missing file gives status 1 and a Chinese message: $(head -c 120 "$r/missing.err" | head -1)"
else
  bad "missing file: status $rc"; show "$r/missing.err"
fi

echo "wine-smoke: done in $((SECONDS - t0))s"
echo "wine-smoke: $pass passed, $fail failed"
[ $fail -eq 0 ]
