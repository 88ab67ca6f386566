#!/usr/bin/env bash
# Smoke test of the Windows command-line program under Wine, headless, against the Linux build:
#
#   scripts/wine-smoke.sh bin/windows/sanxiang-cli.exe bin/sanxiang-cli [bin/windows/sanxiang.exe]
#
# Runs catalog, score, export, package (folder and zip) and verify on testdata/sample-assessment.json
# copied with its evidence into a folder whose name has Chinese characters and spaces, writes into
# another such folder, and checks that every score the Windows program reports or writes is the
# one the Linux program computes. Given the GUI program too, it starts it from such a folder on a
# virtual X display (Xvfb, Mesa's software OpenGL through Wine) and checks that its window opens
# and shows something (WINE_SMOKE_SHOTS=DIR keeps the screenshot), then starts it once more to
# check that the Windows input method is told where the caret of a focused field is.
# Every Wine call has a time limit (WINE_TIMEOUT seconds, default 120); the Wine prefix is private
# and removed afterwards. Prints "wine-smoke: N passed, M failed" last; exits 1 on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

[ $# -eq 2 ] || [ $# -eq 3 ] || { echo "usage: $0 WINDOWS_CLI.exe LINUX_CLI [WINDOWS_GUI.exe]" >&2; exit 2; }
winexe=$(realpath "$1")
lincli=$(realpath "$2")
guiexe=${3:+$(realpath "$3")}
for f in "$winexe" "$lincli" ${guiexe:+"$guiexe"}; do
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

xvfb_pid=
cleanup() {
  timeout -k 5 30 wineserver -k >/dev/null 2>&1 || true
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# wine_glfw_flake OUT PID SEEN: true (retry) when the program exited without SEEN because Wine
# refused GLFW's hidden helper window ("Failed to create helper window: Resource type not found"),
# which Wine 8 does now and then while its desktop process is still starting (3 of 13 runs under
# load); the retry is said in the log, so a program that really cannot open its window still fails.
wine_glfw_flake() {
  local out=$1 pid=$2 seen=$3
  [ -z "$seen" ] && ! kill -0 "$pid" 2>/dev/null && grep -q 'Failed to create helper window' "$out" || return 1
  wait "$pid" 2>/dev/null || true
  [ "$attempt" -lt 3 ] || return 1
  echo "  note  Wine refused GLFW's helper window (attempt $attempt); starting the program again"
  timeout -k 5 30 wineserver -k >/dev/null 2>&1 || true
  timeout -k 5 30 wineserver -w >/dev/null 2>&1 || true
  return 0
}

# wine_new_display ends the wineserver (and the desktop process it keeps) before the first GUI
# start on a new X display. A wineserver started by the console steps has its desktop without
# any display; a GUI joining it got "Failed to create helper window" from GLFW on its first try in
# every recent CI run, and started fine once the server was ended (that is what the retry did).
wine_new_display() {
  timeout -k 5 30 wineserver -k >/dev/null 2>&1 || true
  timeout -k 5 30 wineserver -w >/dev/null 2>&1 || true
}

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "  ok    $*"; }
bad() { fail=$((fail + 1)); echo "  FAIL  $*"; }

# winpath turns /tmp/a b/c into Z:\tmp\a b\c (Wine maps drive Z: to /).
winpath() { local p=${1//\//\\}; printf 'Z:%s' "$p"; }

# win runs the Windows CLI in the current directory, stdout to $1 and stderr to $1.err, and
# returns its exit status (124 or 137 when it ran out of time).
win() {
  local out=$1; shift
  local rc=0
  timeout -k 10 "$limit" wine "$winexe" "$@" </dev/null >"$out" 2>"$out.err" || rc=$?
  [ $rc -ne 124 ] && [ $rc -ne 137 ] || echo "  (wine timed out after ${limit}s: $*)" >&2
  return $rc
}
# lin runs the Linux CLI the same way.
lin() {
  local out=$1; shift
  timeout -k 10 "$limit" "$lincli" "$@" </dev/null >"$out" 2>"$out.err"
}
show() { sed 's/^/        /' "$@" | head -20; }

echo "wine-smoke: $(timeout 30 wine --version 2>/dev/null || echo wine), prefix $WINEPREFIX"
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

echo "wine-smoke: export"
# The Linux output folder is a sibling of the Windows one, so relative evidence links match.
wexp="$out/导出 结果"
lexp="$work/linux 导出"
if win "$r/exp.win" export "$sample" --out "$(winpath "$wexp")" && lin "$r/exp.lin" export "$in/$sample" --out "$lexp"; then
  missing=0
  for f in 自评表.xlsx 评分表.pdf 自评报告.pdf; do
    [ -s "$wexp/$f" ] || { missing=1; bad "export wrote no $f"; }
  done
  if [ $missing -eq 0 ]; then
    ok "export wrote 自评表.xlsx, 评分表.pdf, 自评报告.pdf into \"$(basename "$wexp")\" ($(du -sh "$wexp" | cut -f1))"
    # Every number and text of both PDFs (scores, subtotals, totals) as pdftotext reads them.
    for f in 评分表.pdf 自评报告.pdf; do
      if diff <(pdftotext -layout "$lexp/$f" -) <(pdftotext -layout "$wexp/$f" -) >"$r/diff.$f.txt"; then
        ok "$f text identical to Linux ($(pdftotext "$wexp/$f" - | wc -m) characters)"
      else
        bad "$f text differs from Linux"; head -10 "$r/diff.$f.txt"
      fi
    done
    # The workbook's stored values (scores and points; totals are formulas) in every sheet.
    vals() { unzip -p "$1" 'xl/worksheets/*.xml' | grep -o '<v>[^<]*</v>'; }
    if diff <(vals "$lexp/自评表.xlsx") <(vals "$wexp/自评表.xlsx") >"$r/diff.xlsx.txt"; then
      ok "自评表.xlsx cell values identical to Linux ($(vals "$wexp/自评表.xlsx" | wc -l) values)"
    else
      bad "自评表.xlsx values differ from Linux"; head -10 "$r/diff.xlsx.txt"
    fi
  fi
  grep -q "$(jq -r .total "$r/score.lin") 分" "$r/exp.win" && ok "export reports the Linux total: $(tail -1 "$r/exp.win")" ||
    { bad "export's total line"; show "$r/exp.win"; }
else
  bad "export failed"; show "$r/exp.win.err" "$r/exp.lin.err"
fi

echo "wine-smoke: package"
wpkg="$out/报送 U盘"
lpkg="$work/linux 报送"
mkdir -p "$wpkg" "$lpkg"
if win "$r/pkg.win" package "$sample" --out "$(winpath "$wpkg")" && lin "$r/pkg.lin" package "$in/$sample" --out "$lpkg"; then
  wdir=$(find "$wpkg" -mindepth 1 -maxdepth 1 -type d -name '*_三项制度自评' | head -1)
  ldir=$(find "$lpkg" -mindepth 1 -maxdepth 1 -type d -name '*_三项制度自评' | head -1)
  if [ -n "$wdir" ] && [ -f "$wdir/assessment.json" ] && [ -n "$ldir" ]; then
    ok "package folder \"$(basename "$wdir")\" with $(find "$wdir" -type f | wc -l) files"
    norm='del(.exported_at, .generator)'
    if [ "$(jq -S "$norm" "$wdir/assessment.json")" = "$(jq -S "$norm" "$ldir/assessment.json")" ]; then
      ok "the package's assessment.json equals Linux's (answers, scores, evidence paths and hashes)"
    else
      bad "the package's assessment.json differs from Linux's"
      diff <(jq -S "$norm" "$ldir/assessment.json") <(jq -S "$norm" "$wdir/assessment.json") | head -10 || true
    fi
    if lin "$r/pkgscore.lin" score "$wdir/assessment.json" --json; then
      w=$(jq -c "$scorekeys" "$r/pkgscore.lin")
      l=$(jq -c "$scorekeys" "$r/score.lin")
      [ "$w" = "$l" ] && ok "the package's assessment.json scores as the original: total $(jq -r .total "$r/pkgscore.lin"), converted $(jq -r .converted "$r/pkgscore.lin")" ||
        bad "package assessment scores $w, original $l"
    else
      bad "the package's assessment.json does not score"; show "$r/pkgscore.lin.err"
    fi
    if win "$r/ver.win" verify "$(winpath "$wdir")"; then ok "verify (Windows) of the Windows package: $(grep -o '报送包校验码[^ ]*' "$wdir/说明.txt" | head -1)"; else bad "verify (Windows) failed"; show "$r/ver.win" "$r/ver.win.err"; fi
    if lin "$r/ver.lin" verify "$wdir"; then ok "verify (Linux) of the Windows package"; else bad "verify (Linux) of the Windows package failed"; show "$r/ver.lin" "$r/ver.lin.err"; fi
    # An altered copy must fail verification on Windows, naming the file.
    cp -r "$wdir" "$work/altered"
    printf 'x' >>"$work/altered/说明.txt"
    rc=0; win "$r/alt.win" verify "$(winpath "$work/altered")" || rc=$?
    if [ $rc -eq 1 ] && grep -q '说明.txt' "$r/alt.win" "$r/alt.win.err"; then ok "verify (Windows) finds an altered 说明.txt (status 1)"; else bad "verify of an altered package: status $rc"; show "$r/alt.win" "$r/alt.win.err"; fi
  else
    bad "package: no package folder with assessment.json"; show "$r/pkg.win" "$r/pkg.win.err"; ls -R "$wpkg" | head
  fi
else
  bad "package failed"; show "$r/pkg.win.err" "$r/pkg.lin.err"
fi

echo "wine-smoke: package --zip"
wzip="$out/报送 zip"
mkdir -p "$wzip"
if win "$r/zip.win" package "$sample" --out "$(winpath "$wzip")" --zip; then
  z=$(find "$wzip" -maxdepth 1 -name '*.zip' | head -1)
  if [ -n "$z" ]; then
    ok "zip \"$(basename "$z")\" ($(du -h "$z" | cut -f1))"
    if lin "$r/zver.lin" verify "$z"; then ok "verify (Linux) of the Windows zip"; else bad "verify (Linux) of the Windows zip failed"; show "$r/zver.lin" "$r/zver.lin.err"; fi
    if win "$r/zver.win" verify "$(winpath "$z")"; then ok "verify (Windows) of the Windows zip"; else bad "verify (Windows) of the zip failed"; show "$r/zver.win" "$r/zver.win.err"; fi
  else
    bad "package --zip wrote no .zip"; show "$r/zip.win" "$r/zip.win.err"
  fi
else
  bad "package --zip failed"; show "$r/zip.win.err"
fi

# Windows files and drives: drive letters, OS by-products, ShellExecuteW (one function each).
. "$repo/scripts/wine-smoke-drives.sh"
smoke_portable_move
smoke_verify_byproducts
smoke_shellexecute
smoke_inuse
smoke_places
smoke_gui_portable

if [ -n "$guiexe" ]; then
  echo "wine-smoke: GUI"
  for c in Xvfb xdotool import convert; do
    command -v "$c" >/dev/null || { echo "wine-smoke: $c is missing (run make deps)" >&2; exit 1; }
  done
  # The program from a folder with Chinese characters and spaces; a fresh prefix means a fresh
  # database in its %APPDATA%, so the first-run screen opens.
  appdir="$work/程序 目录"
  mkdir -p "$appdir"
  cp "$guiexe" "$appdir/sanxiang.exe"
  Xvfb -displayfd 5 -screen 0 1366x768x24 -nolisten tcp 5>"$work/xdisplay" >"$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 50); do [ -s "$work/xdisplay" ] && break; sleep 0.2; done
  if [ ! -s "$work/xdisplay" ]; then
    bad "Xvfb did not start"; show "$work/xvfb.log"
  else
    export DISPLAY=":$(head -1 "$work/xdisplay")"
    wine_new_display
    for attempt in 1 2 3; do
      (cd "$appdir" && exec timeout -k 10 "$limit" wine ./sanxiang.exe </dev/null >"$r/gui.out" 2>&1) &
      gui_pid=$!
      t1=$SECONDS
      wid=
      while [ $((SECONDS - t1)) -lt 90 ] && kill -0 "$gui_pid" 2>/dev/null; do
        wid=$(xdotool search --onlyvisible --name '三项制度示范创建自评工具' 2>/dev/null | head -1 || true)
        [ -n "$wid" ] && break
        sleep 1
      done
      wine_glfw_flake "$r/gui.out" "$gui_pid" "$wid" || break
    done
    if [ -n "$wid" ]; then
      sleep 5 # let the first frames render
      import -window root "$r/gui.png"
      mean=$(convert "$r/gui.png" -colorspace Gray -format '%[fx:mean]' info:)
      size=$(xdotool getwindowgeometry "$wid" | sed -n 's/.*Geometry: //p')
      if awk -v m="$mean" 'BEGIN { exit !(m > 0.05) }'; then
        ok "sanxiang.exe opened its window \"$(xdotool getwindowname "$wid")\" ($size) in $((SECONDS - t1 - 5))s"
      else
        bad "sanxiang.exe's window is blank (mean grey $mean)"
      fi
      if [ -n "${WINE_SMOKE_SHOTS:-}" ]; then
        mkdir -p "$WINE_SMOKE_SHOTS" && cp "$r/gui.png" "$WINE_SMOKE_SHOTS/wine-gui.png"
      fi
    else
      bad "sanxiang.exe opened no window within 90s"; show "$r/gui.out"
    fi
    timeout -k 5 30 wineserver -k >/dev/null 2>&1 || true
    wait "$gui_pid" 2>/dev/null || true
    unset DISPLAY
  fi
fi

# IME at the caret (issue 13): the GUI again, with SANXIANG_IME_PROBE set. The program writes the
# screen rectangle of a text field at a known place (the unit name on the first-run screen) to
# ready.json; the test clicks into it and types; the program then sends its own window
# WM_IME_REQUEST(IMR_QUERYCHARPOSITION) and WM_IME_STARTCOMPOSITION as an input method would and
# reads the input context back with ImmGetCompositionWindow/ImmGetCandidateWindow (result.json).
if [ -n "$guiexe" ] && [ -s "$work/xdisplay" ]; then
  echo "wine-smoke: IME"
  export DISPLAY=":$(head -1 "$work/xdisplay")"
  wine_new_display
  probe="$work/输入法 探针"
  mkdir -p "$probe"
  for attempt in 1 2 3; do
    (cd "$appdir" && SANXIANG_IME_PROBE="$(winpath "$probe")" exec timeout -k 10 "$limit" wine ./sanxiang.exe </dev/null >"$r/ime.out" 2>&1) &
    ime_pid=$!
    t1=$SECONDS
    while [ ! -s "$probe/ready.json" ] && [ $((SECONDS - t1)) -lt 90 ] && kill -0 "$ime_pid" 2>/dev/null; do sleep 1; done
    ready=; [ -s "$probe/ready.json" ] && ready=1
    wine_glfw_flake "$r/ime.out" "$ime_pid" "$ready" || break
  done
  if [ -s "$probe/ready.json" ]; then
    read -r fl ft fr fb < <(jq -r '.field | @tsv' "$probe/ready.json")
    xdotool mousemove $(((fl + fr) / 2)) $(((ft + fb) / 2)) click 1
    sleep 1
    xdotool type --delay 60 'sanxiang ime probe'
    while [ ! -s "$probe/result.json" ] && [ $((SECONDS - t1)) -lt 150 ] && kill -0 "$ime_pid" 2>/dev/null; do sleep 1; done
  fi
  if [ -s "$probe/result.json" ]; then
    res="$probe/result.json"
    if [ -n "${WINE_SMOKE_SHOTS:-}" ]; then
      mkdir -p "$WINE_SMOKE_SHOTS" && cp "$res" "$WINE_SMOKE_SHOTS/ime-probe.json"
      import -window root "$WINE_SMOKE_SHOTS/wine-ime.png" || true
    fi
    # j EXPR: evaluates a jq expression over result.json with the caret and origin at hand
    j() { jq -e "(.caret) as [\$cl, \$ct, \$cr, \$cb] | (.origin) as [\$ox, \$oy] | (.field) as [\$fl, \$ft, \$fr, \$fb] | $1" "$res" >/dev/null; }
    caret=$(jq -c .caret "$res")
    if [ "$(jq -r .focused_by "$res")" = user ]; then
      ok "IME probe: clicked into the unit name field at $(jq -c .field "$res") (client px) and typed \"$(jq -r .text "$res")\""
    else
      bad "IME probe: the click and the typing did not reach the field (the program typed \"$(jq -r .text "$res")\" itself)"
    fi
    if j '.located and $cr > $cl and $cb > $ct and $cl >= $fl and $cr <= $fr and $ct >= $ft and $cb <= $fb and $cl > $fl + 40'; then
      ok "IME probe: the caret $caret lies inside the field, after the typed text"
    else
      bad "IME probe: caret $caret is not inside the field $(jq -c .field "$res") after the typed text"
    fi
    if j '.request == 1 and .charpos.pt == [$cl + $ox, $ct + $oy] and .charpos.line_height == $cb - $ct'; then
      ok "WM_IME_REQUEST(IMR_QUERYCHARPOSITION) answered: caret at $(jq -c .charpos.pt "$res") on the screen, line height $(jq .charpos.line_height "$res")"
    else
      bad "WM_IME_REQUEST(IMR_QUERYCHARPOSITION): $(jq -c '{request, charpos, origin}' "$res"), caret $caret"
    fi
    if j '.charpos.document as [$l, $t, $r, $b] | $l <= $cl + $ox and $r >= $cr + $ox and $t <= $ct + $oy and $b >= $cb + $oy'; then
      ok "IMECHARPOSITION.rcDocument $(jq -c .charpos.document "$res") holds the caret"
    else
      bad "IMECHARPOSITION.rcDocument $(jq -c .charpos.document "$res") does not hold the caret"
    fi
    if j '.composition.ok and .composition.style == 2 and .composition.pt == [$cl, $ct]'; then
      ok "ImmGetCompositionWindow: CFS_POINT at $(jq -c .composition.pt "$res") (before the composition: $(jq -c '.composition_before | [.ok, .style, .pt]' "$res"))"
    else
      bad "ImmGetCompositionWindow: $(jq -c .composition "$res"), caret $caret"
    fi
    if j '.candidate.ok and .candidate.style == 128 and .candidate.pt == [$cl, $cb] and .candidate.area == .caret'; then
      ok "ImmGetCandidateWindow: CFS_EXCLUDE below the caret at $(jq -c .candidate.pt "$res"), excluding $(jq -c .candidate.area "$res")"
    else
      bad "ImmGetCandidateWindow: $(jq -c .candidate "$res"), caret $caret"
    fi
  else
    bad "IME probe wrote no result within 150s"; show "$r/ime.out"
  fi
  timeout -k 5 30 wineserver -k >/dev/null 2>&1 || true
  wait "$ime_pid" 2>/dev/null || true
  unset DISPLAY
fi

echo "wine-smoke: done in $((SECONDS - t0))s"
echo "wine-smoke: $pass passed, $fail failed"
[ $fail -eq 0 ]
