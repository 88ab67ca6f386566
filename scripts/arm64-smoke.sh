#!/usr/bin/env bash
# Smoke test of the arm64 (飞腾/鲲鹏) Linux build under qemu-user, against the amd64 build:
#
#   scripts/arm64-smoke.sh dist/linux/sanxiang_VERSION_arm64.deb dist/linux/sanxiang_VERSION_amd64.deb
#
# Takes the programs out of the two packages (what a user installs, not bin/), and runs the
# arm64 sanxiang-cli (static, CGO_ENABLED=0) through qemu-aarch64 — called directly, so no
# binfmt_misc registration is needed (CI containers often have none); the desktop program runs
# with the arm64 C, X11 and OpenGL libraries of the multiarch install (scripts/deps.sh; the same
# program on Debian 11's glibc 2.31 is scripts/old-glibc-smoke.sh's job). On testdata/sample-assessment.json copied with its evidence
# into a folder whose name has Chinese characters and spaces it runs version, catalog, score,
# export, package (folder and zip) and verify, and checks that every output equals the amd64
# program's: catalog and score byte for byte, the PDFs' text, the workbook's cells, the package's
# assessment.json and manifest; each program verifies the other's package and finds an altered file.
# Then it starts the arm64 desktop program on a virtual X display and waits for its window.
# Every qemu run has a time limit (QEMU_TIMEOUT seconds, default 300). Prints the time taken and
# "arm64-smoke: N passed, M failed" last; exits 1 on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -eq 2 ] || { echo "usage: $0 ARM64.deb AMD64.deb" >&2; exit 2; }
armdeb=$(realpath "$1")
amddeb=$(realpath "$2")
for f in "$armdeb" "$amddeb"; do
  [ -f "$f" ] || { echo "arm64-smoke: $f is missing (run make linux-packages)" >&2; exit 1; }
done
for c in qemu-aarch64 dpkg-deb jq unzip pdftotext timeout cmp; do
  command -v "$c" >/dev/null || { echo "arm64-smoke: $c is missing (run make deps)" >&2; exit 1; }
done

limit=${QEMU_TIMEOUT:-300}
work=$(mktemp -d "${TMPDIR:-/tmp}/sanxiang-arm64.XXXXXX")
trap 'rm -rf "$work"' EXIT
t0=$SECONDS

dpkg-deb -x "$armdeb" "$work/arm64"
dpkg-deb -x "$amddeb" "$work/amd64"
armcli="$work/arm64/opt/sanxiang/sanxiang-cli"
amdcli="$work/amd64/opt/sanxiang/sanxiang-cli"
# The dynamic loader of the multiarch libc6:arm64 is /lib/ld-linux-aarch64.so.1; without it,
# the cross toolchain's copy of the C library serves as the root for qemu.
qemu=(qemu-aarch64)
[ -e /lib/ld-linux-aarch64.so.1 ] || qemu+=(-L /usr/aarch64-linux-gnu)
# A run under qemu must not write the user's database: every command here takes files only, but
# a private HOME/XDG_CONFIG_HOME makes sure.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config"
mkdir -p "$HOME"

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "  ok    $*"; }
bad() { fail=$((fail + 1)); echo "  FAIL  $*"; }
show() { sed 's/^/        /' "$@" | head -20; }

# arm OUT ARGS...: the arm64 CLI under qemu, stdout to OUT and stderr to OUT.err; its status.
arm() {
  local out=$1; shift
  local rc=0
  timeout -k 10 "$limit" "${qemu[@]}" "$armcli" "$@" </dev/null >"$out" 2>"$out.err" || rc=$?
  [ $rc -ne 124 ] && [ $rc -ne 137 ] || echo "  (qemu timed out after ${limit}s: $*)" >&2
  return $rc
}
# amd OUT ARGS...: the amd64 CLI the same way.
amd() {
  local out=$1; shift
  timeout -k 10 "$limit" "$amdcli" "$@" </dev/null >"$out" 2>"$out.err"
}
# same A B WHAT: ok when the two files are byte-identical.
same() {
  if cmp -s "$1" "$2"; then ok "$3"; else bad "$3: arm64 differs from amd64"; diff "$2" "$1" | head -10 || true; fi
}

echo "arm64-smoke: $(qemu-aarch64 --version | head -1); $(LC_ALL=C readelf -h "$armcli" | sed -n 's/^ *Machine: *//p') program from $(basename "$armdeb")"

# Folders with Chinese characters and spaces, as on a user's desktop or USB stick.
in="$work/自评 材料 甲"
mkdir -p "$in"
cp testdata/sample-assessment.json "$in/自评 2020.json"
cp -r testdata/sample-evidence "$in/"
sample="$in/自评 2020.json"
r="$work/r"
mkdir -p "$r"
cd "$in"

echo "arm64-smoke: version"
if arm "$r/ver.arm" version && amd "$r/ver.amd" version; then
  same "$r/ver.arm" "$r/ver.amd" "version: $(head -1 "$r/ver.arm")"
else
  bad "version failed"; show "$r/ver.arm.err"
fi

echo "arm64-smoke: catalog"
if arm "$r/cat.arm" catalog --json && amd "$r/cat.amd" catalog --json; then
  same "$r/cat.arm" "$r/cat.amd" "catalog --json byte-identical ($(jq '[.areas[].categories[].indicators[].criteria[]] | length' "$r/cat.arm") criteria)"
else
  bad "catalog --json failed"; show "$r/cat.arm.err"
fi
if arm "$r/cattxt.arm" catalog && amd "$r/cattxt.amd" catalog; then
  same "$r/cattxt.arm" "$r/cattxt.amd" "catalog (text) byte-identical ($(wc -l <"$r/cattxt.arm") lines)"
else
  bad "catalog failed"; show "$r/cattxt.arm.err"
fi

echo "arm64-smoke: score"
if arm "$r/score.arm" score "$sample" --json && amd "$r/score.amd" score "$sample" --json; then
  same "$r/score.arm" "$r/score.amd" "score --json byte-identical: $(jq -c '{total, max, converted, scored, na, unanswered}' "$r/score.arm")"
else
  bad "score --json failed"; show "$r/score.arm.err"
fi
if arm "$r/scoretxt.arm" score "$sample" && amd "$r/scoretxt.amd" score "$sample"; then
  same "$r/scoretxt.arm" "$r/scoretxt.amd" "score (text) byte-identical: $(grep -m1 '自评得分' "$r/scoretxt.arm" || head -1 "$r/scoretxt.arm")"
else
  bad "score failed"; show "$r/scoretxt.arm.err"
fi
# Invalid input: status 1, the same Chinese message, nothing on stdout.
rca=0; arm "$r/miss.arm" score "不存在 的文件.json" --json || rca=$?
rcb=0; amd "$r/miss.amd" score "不存在 的文件.json" --json || rcb=$?
if [ $rca -eq 1 ] && [ $rcb -eq 1 ] && [ ! -s "$r/miss.arm" ] && grep -q '错误' "$r/miss.arm.err" && cmp -s "$r/miss.arm.err" "$r/miss.amd.err"; then
  ok "a missing file: status 1 and the same Chinese message: $(head -1 "$r/miss.arm.err" | head -c 120)"
else
  bad "missing file: arm64 status $rca, amd64 status $rcb"; show "$r/miss.arm.err" "$r/miss.amd.err"
fi

echo "arm64-smoke: export"
# Sibling output folders, so the workbook's relative evidence links are the same.
aexp="$work/输出 arm64/导出 结果"
bexp="$work/输出 amd64/导出 结果"
if arm "$r/exp.arm" export "$sample" --out "$aexp" && amd "$r/exp.amd" export "$sample" --out "$bexp"; then
  missing=0
  for f in 自评表.xlsx 评分表.pdf 自评报告.pdf; do
    [ -s "$aexp/$f" ] || { missing=1; bad "export wrote no $f"; }
  done
  if [ $missing -eq 0 ]; then
    ok "export wrote 自评表.xlsx, 评分表.pdf, 自评报告.pdf ($(du -sh "$aexp" | cut -f1))"
    for f in 评分表.pdf 自评报告.pdf; do
      if diff <(pdftotext -layout "$bexp/$f" -) <(pdftotext -layout "$aexp/$f" -) >"$r/diff.$f.txt"; then
        ok "$f text identical ($(pdftotext "$aexp/$f" - | wc -m) characters, $(pdfinfo "$aexp/$f" 2>/dev/null | sed -n 's/^Pages: *//p') pages)"
      else
        bad "$f text differs"; head -10 "$r/diff.$f.txt"
      fi
    done
    # Every sheet and the shared strings: all values, formulas and texts.
    sheets() { unzip -p "$1" 'xl/worksheets/*.xml' xl/sharedStrings.xml 2>/dev/null; }
    if cmp -s <(sheets "$aexp/自评表.xlsx") <(sheets "$bexp/自评表.xlsx"); then
      ok "自评表.xlsx sheets and strings byte-identical ($(sheets "$aexp/自评表.xlsx" | grep -o '<v>' | wc -l) values)"
    else
      bad "自评表.xlsx sheets differ"
    fi
  fi
  total=$(jq -r .total "$r/score.amd")
  if grep -q "$total 分" "$r/exp.arm"; then ok "export reports the amd64 total: $(tail -1 "$r/exp.arm")"; else bad "export's total line"; show "$r/exp.arm"; fi
else
  bad "export failed"; show "$r/exp.arm.err" "$r/exp.amd.err"
fi

echo "arm64-smoke: package"
apkg="$work/报送 arm64"
bpkg="$work/报送 amd64"
mkdir -p "$apkg" "$bpkg"
if arm "$r/pkg.arm" package "$sample" --out "$apkg" && amd "$r/pkg.amd" package "$sample" --out "$bpkg"; then
  adir=$(find "$apkg" -mindepth 1 -maxdepth 1 -type d -name '*_三项制度自评' | head -1)
  bdir=$(find "$bpkg" -mindepth 1 -maxdepth 1 -type d -name '*_三项制度自评' | head -1)
  if [ -n "$adir" ] && [ -f "$adir/assessment.json" ] && [ -n "$bdir" ]; then
    ok "package folder \"$(basename "$adir")\" with $(find "$adir" -type f | wc -l) files"
    if [ "$(cd "$adir" && find . | LC_ALL=C sort)" = "$(cd "$bdir" && find . | LC_ALL=C sort)" ]; then
      ok "the same file names as amd64's package"
    else
      bad "file names differ from amd64's package"
    fi
    norm='del(.exported_at, .generator)'
    if [ "$(jq -S "$norm" "$adir/assessment.json")" = "$(jq -S "$norm" "$bdir/assessment.json")" ]; then
      ok "assessment.json equals amd64's (answers, scores, evidence paths and hashes)"
    else
      bad "assessment.json differs"; diff <(jq -S "$norm" "$bdir/assessment.json") <(jq -S "$norm" "$adir/assessment.json") | head -10 || true
    fi
    # Manifest lines of the evidence files (hash, size, path) are the same; the lines of the
    # generated files differ by the export time written into them.
    ev() { grep -F '佐证材料/' "$1/校验清单.txt" | LC_ALL=C sort; }
    if [ -n "$(ev "$adir")" ] && [ "$(ev "$adir")" = "$(ev "$bdir")" ]; then
      ok "校验清单.txt: the same $(ev "$adir" | wc -l) evidence lines (hash, size, path)"
    else
      bad "校验清单.txt evidence lines differ"
    fi
    if arm "$r/pkgscore.arm" score "$adir/assessment.json" --json && cmp -s <(jq -S 'del(.file)' "$r/pkgscore.arm") <(jq -S 'del(.file)' "$r/score.amd"); then
      ok "the package's assessment.json scores as the original: total $(jq -r .total "$r/pkgscore.arm")"
    else
      bad "the package's assessment.json scores differently"; diff <(jq -S . "$r/score.amd") <(jq -S . "$r/pkgscore.arm") | head -10 || true
    fi
    if arm "$r/v1" verify "$adir"; then ok "verify (arm64) of the arm64 package"; else bad "verify (arm64) of the arm64 package"; show "$r/v1" "$r/v1.err"; fi
    if amd "$r/v2" verify "$adir"; then ok "verify (amd64) of the arm64 package"; else bad "verify (amd64) of the arm64 package"; show "$r/v2" "$r/v2.err"; fi
    if arm "$r/v3" verify "$bdir"; then ok "verify (arm64) of the amd64 package"; else bad "verify (arm64) of the amd64 package"; show "$r/v3" "$r/v3.err"; fi
    cp -r "$adir" "$work/altered"
    printf 'x' >>"$work/altered/说明.txt"
    rca=0; arm "$r/alt.arm" verify "$work/altered" || rca=$?
    rcb=0; amd "$r/alt.amd" verify "$work/altered" || rcb=$?
    if [ $rca -eq 1 ] && [ $rcb -eq 1 ] && grep -q '说明.txt' "$r/alt.arm" "$r/alt.arm.err" && cmp -s "$r/alt.arm" "$r/alt.amd"; then
      ok "verify (arm64) finds an altered 说明.txt (status 1, the same report as amd64)"
    else
      bad "verify of an altered package: arm64 status $rca, amd64 status $rcb"; show "$r/alt.arm" "$r/alt.arm.err"
    fi
  else
    bad "package: no package folder with assessment.json"; show "$r/pkg.arm" "$r/pkg.arm.err"
  fi
else
  bad "package failed"; show "$r/pkg.arm.err" "$r/pkg.amd.err"
fi

echo "arm64-smoke: package --zip"
azip="$work/报送 zip"
mkdir -p "$azip"
if arm "$r/zip.arm" package "$sample" --out "$azip" --zip; then
  z=$(find "$azip" -maxdepth 1 -name '*.zip' | head -1)
  if [ -n "$z" ] && unzip -tq "$z" >/dev/null; then
    ok "zip \"$(basename "$z")\" ($(du -h "$z" | cut -f1)), unzip -t passes"
    if arm "$r/zv1" verify "$z"; then ok "verify (arm64) of the arm64 zip"; else bad "verify (arm64) of the zip"; show "$r/zv1" "$r/zv1.err"; fi
    if amd "$r/zv2" verify "$z"; then ok "verify (amd64) of the arm64 zip"; else bad "verify (amd64) of the zip"; show "$r/zv2" "$r/zv2.err"; fi
  else
    bad "package --zip wrote no valid .zip"; show "$r/zip.arm" "$r/zip.arm.err"
  fi
else
  bad "package --zip failed"; show "$r/zip.arm.err"
fi

# The desktop program: from the package, under qemu on a virtual X display (Xvfb), drawn by the
# arm64 Mesa software renderer (llvmpipe), with a fresh HOME so the first-run screen opens. Its
# window must appear with the Chinese title and show something. ARM64_SMOKE_GUI=0 skips this;
# ARM64_SMOKE_SHOTS=DIR keeps the screenshot.
if [ "${ARM64_SMOKE_GUI:-1}" != 0 ]; then
  echo "arm64-smoke: GUI"
  for c in Xvfb xdotool import convert; do
    command -v "$c" >/dev/null || { echo "arm64-smoke: $c is missing (run make deps)" >&2; exit 1; }
  done
  armgui="$work/arm64/opt/sanxiang/sanxiang"
  guilimit=${QEMU_GUI_TIMEOUT:-300}
  Xvfb -displayfd 5 -screen 0 1366x768x24 -nolisten tcp 5>"$work/xdisplay" >"$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  trap 'kill "$xvfb_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
  for _ in $(seq 50); do [ -s "$work/xdisplay" ] && break; sleep 0.2; done
  if [ ! -s "$work/xdisplay" ]; then
    bad "Xvfb did not start"; show "$work/xvfb.log"
  else
    export DISPLAY=":$(head -1 "$work/xdisplay")"
    timeout -k 10 "$guilimit" "${qemu[@]}" "$armgui" </dev/null >"$r/gui.out" 2>&1 &
    gui_pid=$!
    t1=$SECONDS
    wid=
    mean=0
    # The window appears before its first frame is drawn (slowly: every GL call is emulated), so
    # wait for something other than black.
    while [ $((SECONDS - t1)) -lt "$guilimit" ] && kill -0 "$gui_pid" 2>/dev/null; do
      [ -n "$wid" ] || wid=$(xdotool search --onlyvisible --name '三项制度示范创建自评工具' 2>/dev/null | head -1 || true)
      if [ -n "$wid" ]; then
        import -window root "$r/gui.png" 2>/dev/null || true
        mean=$(convert "$r/gui.png" -colorspace Gray -format '%[fx:mean]' info: 2>/dev/null || echo 0)
        awk -v m="$mean" 'BEGIN { exit !(m > 0.05) }' && break
      fi
      sleep 2
    done
    if [ -n "$wid" ] && awk -v m="$mean" 'BEGIN { exit !(m > 0.05) }'; then
      ok "arm64 sanxiang drew its window \"$(xdotool getwindowname "$wid")\" ($(xdotool getwindowgeometry "$wid" | sed -n 's/.*Geometry: //p')) in $((SECONDS - t1))s"
      [ -z "${ARM64_SMOKE_SHOTS:-}" ] || { mkdir -p "$ARM64_SMOKE_SHOTS" && cp "$r/gui.png" "$ARM64_SMOKE_SHOTS/arm64-gui.png"; }
    elif [ -n "$wid" ]; then
      bad "arm64 sanxiang's window stayed blank for ${guilimit}s (mean grey $mean)"
    else
      bad "arm64 sanxiang opened no window"; show "$r/gui.out"
    fi
    kill "$gui_pid" 2>/dev/null || true
    wait "$gui_pid" 2>/dev/null || true
    unset DISPLAY
  fi
fi

echo "arm64-smoke: done in $((SECONDS - t0))s"
echo "arm64-smoke: $pass passed, $fail failed"
[ $fail -eq 0 ]
