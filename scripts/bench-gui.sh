#!/usr/bin/env bash
# GUI start-up benchmark (docs/build.md “界面启动速度”):
#
#   scripts/bench-gui.sh [RUNS]        # default 5
#
# Times, on a virtual X display (Xvfb, Mesa software OpenGL), how long after exec the first
# frame with content is painted, and the process's memory then, for
#   bare  — a bare Fyne window with the program's theme and embedded fonts (scripts/benchgui/bare)
#   one   — sanxiang opening a database with one full assessment (all 170 criteria answered)
#   big   — sanxiang opening a database with 10 units × 3 years (30 full assessments)
# in RUNS alternating rounds (bare, one, big, bare, one, big, …) after one discarded warm-up
# round, twice, and prints the medians, one/bare and big/one of each:
#   repeat start — each program keeps its own HOME from round to round, so Mesa's shader cache
#                  and Fyne's font index are there, as on the PC of anyone who has an assessment
#                  to open (the warm-up round fills them);
#   first start  — every run has a fresh HOME: nothing cached but the OS page cache, as on the
#                  very first start on a PC.
# No run sees system fonts (XDG_DATA_DIRS points nowhere: only the embedded fonts can be found).
# Where the script may (root, or CAP_SYS_NICE), Xvfb and the programs run SCHED_FIFO, so that
# compilers and tests running beside the benchmark do not delay them. The programs report their first
# painted frame themselves (app.FirstFrameEnv), with the processor time used until then (robust
# when other programs load the machine: wall times are not), and quit. PROFILE=DIR also writes each
# run's CPU profile and heap profile at the first frame into DIR/NAME.ROUND (go tool pprof).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
[ -x /usr/local/go/bin/go ] && export PATH="/usr/local/go/bin:$PATH"
for c in go Xvfb python3 timeout; do
  command -v "$c" >/dev/null || { echo "bench-gui: $c is missing (run make deps)" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/sanxiang-bench.XXXXXX")
xvfb_pid=
cleanup() {
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "bench-gui: building" >&2
go build -o "$work/bin/sanxiang" ./cmd/sanxiang
go build -o "$work/bin/sanxiang-cli" ./cmd/sanxiang-cli
go build -o "$work/bin/bare" ./scripts/benchgui/bare

# Assessments: the sample with every criterion answered, for one unit, and for 10 units × 3 years.
python3 - "$work" <<'PY'
import json, sys, copy
work = sys.argv[1]
a = json.load(open("testdata/sample-assessment.json", encoding="utf-8"))
done = {x["no"] for x in a["answers"]}
for no in range(1, 171):
    if no not in done:
        a["answers"].append({"no": no, "status": "scored", "score": 0, "deduction_reason": "未落实", "rectification": "限期整改"})
a["answers"].sort(key=lambda x: x["no"])
chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
def code(i):
    body = "116101%02dMB%07d" % (13 + i, 1234560 + i)
    s = sum(chars.index(c) * w for c, w in zip(body, weights))
    return body + chars[(31 - s % 31) % 31]
json.dump(a, open(f"{work}/one.json", "w", encoding="utf-8"), ensure_ascii=False)
for u in range(10):
    for y in (2022, 2023, 2024):
        b = copy.deepcopy(a)
        b["unit"]["name"] = f"示范执法局第{u + 1}分局（虚构）"
        b["unit"]["credit_code"] = code(u)
        b["year"] = y
        json.dump(b, open(f"{work}/big-{u}-{y}.json", "w", encoding="utf-8"), ensure_ascii=False)
PY
# The JSON files name their evidence relative to testdata/.
cp -r testdata/sample-evidence "$work/"
for p in one big; do mkdir -p "$work/$p"; cp "$work/bin/sanxiang" "$work/$p/"; done
"$work/bin/sanxiang-cli" import "$work/one.json" --db "$work/one/sanxiang.db" >/dev/null
for f in "$work"/big-*.json; do "$work/bin/sanxiang-cli" import "$f" --db "$work/big/sanxiang.db" >/dev/null; done
echo "bench-gui: big database: $("$work/bin/sanxiang-cli" list --db "$work/big/sanxiang.db" | grep -c '') lines listed" >&2

# Real-time scheduling when allowed: the runs then take the processor from other programs at once.
rt=()
if command -v chrt >/dev/null && chrt -f 40 true 2>/dev/null; then
  rt=(chrt -f 40)
fi
"${rt[@]}" Xvfb -displayfd 5 -screen 0 1366x768x24 -nolisten tcp 5>"$work/xdisplay" >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -s "$work/xdisplay" ] && break; sleep 0.2; done
[ -s "$work/xdisplay" ] || { echo "bench-gui: Xvfb did not start" >&2; cat "$work/xvfb.log" >&2; exit 1; }
export DISPLAY=":$(head -1 "$work/xdisplay")"

# once NAME PROGRAM ROUND MODE: one run; appends "MODE NAME ms rss_kb cpu_ms" to $work/results.
# MODE first: a fresh HOME; repeat: NAME's own HOME, kept from run to run.
once() {
  local name=$1 prog=$2 mode=$4 home="$work/home-$1"
  [ "$mode" = repeat ] && home="$work/kept-$1"
  [ "$mode" = first ] && rm -rf "$home"
  rm -f "$work/ff"
  mkdir -p "$home"
  local prof=()
  if [ -n "${PROFILE:-}" ]; then
    mkdir -p "$PROFILE/$mode-$name.$3"
    prof=(SANXIANG_PROFILE="$PROFILE/$mode-$name.$3")
  fi
  local start
  start=$(date +%s%N)
  env HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache" \
    XDG_DATA_HOME="$home/.local/share" XDG_DATA_DIRS="$work/no-fonts" \
    SANXIANG_FIRST_FRAME="$work/ff" "${prof[@]}" \
    "${rt[@]}" timeout -k 5 60 "$prog" </dev/null >"$work/$name.log" 2>&1 || true
  if [ ! -s "$work/ff" ]; then
    echo "bench-gui: $name painted no frame:" >&2; cat "$work/$name.log" >&2; exit 1
  fi
  local painted rss cpu
  painted=$(sed -n 's/.*painted_ns=\([0-9]*\).*/\1/p' "$work/ff")
  rss=$(sed -n 's/.*rss_kb=\([0-9]*\).*/\1/p' "$work/ff")
  cpu=$(sed -n 's/.*cpu_ms=\([0-9]*\).*/\1/p' "$work/ff")
  echo "$mode $name $(( (painted - start) / 1000000 )) $rss $cpu" >>"$work/results"
  echo "$mode $name $(cat "$work/ff")" >>"$work/details"
}

: >"$work/results"; : >"$work/details"
for mode in repeat first; do
  echo "bench-gui: $mode start: warm-up round (not counted)" >&2
  once bare "$work/bin/bare" 0 "$mode"; once one "$work/one/sanxiang" 0 "$mode"; once big "$work/big/sanxiang" 0 "$mode"
  sed -i "/^$mode /d" "$work/results"
  for i in $(seq "$runs"); do
    once bare "$work/bin/bare" "$i" "$mode"; once one "$work/one/sanxiang" "$i" "$mode"; once big "$work/big/sanxiang" "$i" "$mode"
    echo "bench-gui: $mode start, round $i: $(tail -3 "$work/results" | awk '{printf "%s %d ms (cpu %d ms) %.0f MB; ", $2, $3, $5, $4/1024}')" >&2
  done
done

[ -z "${DETAILS:-}" ] || cat "$work/details"
python3 - "$work/results" "$runs" "${rt[*]:-normal scheduling}" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
for mode, title in (("repeat", "repeat start (each program keeps its HOME: Mesa shader cache, font index)"),
                    ("first", "first start (fresh HOME every run: nothing cached)")):
    print(f"== {title}")
    med = {}
    for name in ("bare", "one", "big"):
        r = [x for x in rows if x[0] == mode and x[1] == name]
        ms, kb, cpu = [int(x[2]) for x in r], [int(x[3]) for x in r], [int(x[4]) for x in r]
        med[name] = (statistics.median(ms), statistics.median(kb) / 1024, statistics.median(cpu))
        print(f"{name:5s} first frame median {med[name][0]:6.0f} ms  CPU median {med[name][2]:6.0f} ms  RSS median {med[name][1]:6.1f} MB   (runs: {' '.join(map(str, ms))} ms)")
    b, o, g = med["bare"], med["one"], med["big"]
    print(f"one/bare time ratio {o[0] / b[0]:.2f} (target ≤ 1.30)  CPU ratio {o[2] / b[2]:.2f}  one−bare RSS {o[1] - b[1]:+.1f} MB (target ≤ +40)")
    print(f"big/one  time ratio {g[0] / o[0]:.2f} (target ≤ 1.00 within noise)  CPU ratio {g[2] / o[2]:.2f}  big−one RSS {g[1] - o[1]:+.1f} MB")
print(f"({sys.argv[2]} alternating rounds per mode, Xvfb 1366×768, window 1280×700, no system fonts, {sys.argv[3]})")
PY
