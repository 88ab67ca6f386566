#!/usr/bin/env bash
# Starts the programs of the Linux packages on an old glibc — Debian 11's 2.31 (银河麒麟 V10's
# version; 统信 UOS 20 has 2.28, see docs/build.md) — to show that they run there and not only
# on the Debian 12 they are built on:
#
#   scripts/old-glibc-smoke.sh SYSROOTS AMD64.deb [ARM64.deb]
#
# SYSROOTS is the folder of scripts/glibc-sysroot.sh (SYSROOTS/amd64, SYSROOTS/arm64: Debian 11's
# libc6, X11, OpenGL and Mesa). The programs come out of the packages (what a user installs).
#   - The dynamic loader of SYSROOTS really is glibc 2.31: a program of this machine (glibc 2.36,
#     /bin/true) must fail under it with "GLIBC_2.34 not found" (otherwise the check proves nothing).
#   - sanxiang-cli (static, no glibc): version and score give the expected output.
#   - amd64 desktop program: started through SYSROOTS/amd64's ld-linux-x86-64.so.2 with
#     --library-path to SYSROOTS/amd64's libraries only (libc 2.31, libpthread, libdl, libX11,
#     libGL and Mesa's software renderer of Debian 11), on a virtual X display with a fresh HOME:
#     its window must appear with the Chinese title and show the first-run wizard (not blank),
#     and /proc/PID/maps must show libc-2.31.so and no library of this machine.
#   - arm64 desktop program (when ARM64.deb is given): the same under qemu-aarch64, through
#     SYSROOTS/arm64's ld-linux-aarch64.so.1 and libraries (qemu-user maps the guest's files
#     itself, so /proc/PID/maps names them as well).
# OLD_GLIBC_SHOTS=DIR keeps the screenshots. Prints "old-glibc-smoke: N passed, M failed" last.
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -ge 2 ] && [ $# -le 3 ] || { echo "usage: $0 SYSROOTS AMD64.deb [ARM64.deb]" >&2; exit 2; }
sysroots=$(realpath "$1")
amddeb=$(realpath "$2")
armdeb=${3:+$(realpath "$3")}
for f in "$amddeb" ${armdeb:+"$armdeb"}; do
  [ -f "$f" ] || { echo "old-glibc-smoke: $f is missing (run make linux-packages)" >&2; exit 1; }
done
for c in dpkg-deb Xvfb xdotool import convert timeout jq; do
  command -v "$c" >/dev/null || { echo "old-glibc-smoke: $c is missing (run make deps)" >&2; exit 1; }
done
[ -z "$armdeb" ] || command -v qemu-aarch64 >/dev/null || { echo "old-glibc-smoke: qemu-aarch64 is missing (run make deps)" >&2; exit 1; }
a64=$sysroots/amd64
r64=$sysroots/arm64
m=x86_64-linux-gnu
ldso=$a64/lib64/ld-linux-x86-64.so.2
[ -x "$ldso" ] || { echo "old-glibc-smoke: $ldso is missing (run make sysroots)" >&2; exit 1; }
libpath=$a64/lib/$m:$a64/usr/lib/$m

limit=${OLD_GLIBC_TIMEOUT:-120}
work=$(mktemp -d "${TMPDIR:-/tmp}/sanxiang-oldglibc.XXXXXX")
xvfb_pid=
cleanup() { [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
t0=$SECONDS
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "  ok    $*"; }
bad() { fail=$((fail + 1)); echo "  FAIL  $*"; }
show() { sed 's/^/        /' "$@" | head -20; }

export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config"
dpkg-deb -x "$amddeb" "$work/amd64"
[ -z "$armdeb" ] || dpkg-deb -x "$armdeb" "$work/arm64"

glibc=$(basename "$(ls "$a64"/lib/$m/libc-2.*.so)")
echo "old-glibc-smoke: $glibc of Debian 11 glibc $(zcat "$a64/usr/share/doc/libc6/changelog.Debian.gz" | head -1 | cut -d' ' -f2) in $sysroots"

echo "old-glibc-smoke: the loader"
rc=0
"$ldso" --library-path "$libpath" /bin/true >"$work/true.out" 2>&1 || rc=$?
if [ $rc -ne 0 ] && grep -q "GLIBC_2.34' not found" "$work/true.out"; then
  ok "a program of this machine fails under it: $(head -1 "$work/true.out" | sed 's/.*: version/version/')"
else
  bad "/bin/true under the old loader: status $rc, expected GLIBC_2.34 not found"; show "$work/true.out"
fi

echo "old-glibc-smoke: sanxiang-cli"
for arch in amd64 ${armdeb:+arm64}; do
  cli="$work/$arch/opt/sanxiang/sanxiang-cli"
  run=("$cli")
  [ $arch = amd64 ] || run=(qemu-aarch64 "$cli")
  if LC_ALL=C readelf -l "$cli" | grep -q 'program interpreter'; then
    bad "$arch sanxiang-cli has a program interpreter (it should be static)"
  elif timeout -k 5 "$limit" "${run[@]}" version >"$work/ver.out" 2>&1 &&
    timeout -k 5 "$limit" "${run[@]}" score testdata/sample-assessment.json --json >"$work/score.out" 2>"$work/score.err" &&
    jq -e '.total' "$work/score.out" >/dev/null; then
    ok "$arch sanxiang-cli (static): $(head -1 "$work/ver.out"); score total $(jq -r .total "$work/score.out")"
  else
    bad "$arch sanxiang-cli failed"; show "$work/ver.out" "$work/score.err"
  fi
done

# gui ARCH SYSROOT TRIPLET COMMAND...: starts the desktop program, waits for its window and a
# drawn frame, and checks from /proc/PID/maps that it runs on SYSROOT's libc and libraries only
# (qemu-user maps the guest's files itself, so its maps name them too).
gui() {
  local arch=$1 root=$2 trip=$3; shift 3
  local shot="$work/gui-$arch.png" out="$work/gui-$arch.out"
  rm -rf "$HOME"
  mkdir -p "$HOME"
  timeout -k 5 "$limit" "$@" </dev/null >"$out" 2>&1 &
  local tpid=$! t1=$SECONDS wid= mean=0 pid=
  while [ $((SECONDS - t1)) -lt "$limit" ] && kill -0 "$tpid" 2>/dev/null; do
    [ -n "$wid" ] || wid=$(xdotool search --onlyvisible --name '三项制度示范创建自评工具' 2>/dev/null | head -1 || true)
    if [ -n "$wid" ]; then
      import -window root "$shot" 2>/dev/null || true
      mean=$(convert "$shot" -colorspace Gray -format '%[fx:mean]' info: 2>/dev/null || echo 0)
      awk -v m="$mean" 'BEGIN { exit !(m > 0.05) }' && break
    fi
    sleep 1
  done
  pid=$(pgrep -P "$tpid" | head -1 || true)
  local maps=
  [ -z "$pid" ] || maps=$(awk '$6 ~ /^\// {print $6}' "/proc/$pid/maps" 2>/dev/null | sort -u || true)
  if [ -n "$wid" ] && awk -v m="$mean" 'BEGIN { exit !(m > 0.05) }'; then
    ok "$arch sanxiang drew its window \"$(xdotool getwindowname "$wid")\" in $((SECONDS - t1))s (mean grey $mean)"
    [ -z "${OLD_GLIBC_SHOTS:-}" ] || { mkdir -p "$OLD_GLIBC_SHOTS" && cp "$shot" "$OLD_GLIBC_SHOTS/old-glibc-$arch.png"; }
  elif [ -n "$wid" ]; then
    bad "$arch sanxiang's window stayed blank (mean grey $mean)"
  else
    bad "$arch sanxiang opened no window"; show "$out"
  fi
  local libc others
  libc=$(grep -E "^$root/lib/$trip/libc-2\.[0-9]+\.so\$" <<<"$maps" || true)
  others=$(grep -E "/lib/$trip/.*\.so" <<<"$maps" | grep -vF "$root/" || true)
  if [ -n "$libc" ] && [ -z "$others" ]; then
    ok "$arch sanxiang ran on $(basename "$libc") with only the sysroot's $trip libraries ($(grep -cF "$root/" <<<"$maps") files mapped)"
  else
    bad "$arch sanxiang did not run on the sysroot's libc and libraries only"; show <<<"${others:-no libc of $root mapped}"
  fi
  kill "$tpid" 2>/dev/null || true
  wait "$tpid" 2>/dev/null || true
}

echo "old-glibc-smoke: desktop program"
Xvfb -displayfd 5 -screen 0 1366x768x24 -nolisten tcp 5>"$work/xdisplay" >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -s "$work/xdisplay" ] && break; sleep 0.2; done
if [ ! -s "$work/xdisplay" ]; then
  bad "Xvfb did not start"; show "$work/xvfb.log"
else
  export DISPLAY=":$(head -1 "$work/xdisplay")"
  LIBGL_DRIVERS_PATH=$a64/usr/lib/$m/dri gui amd64 "$a64" $m "$ldso" --library-path "$libpath" "$work/amd64/opt/sanxiang/sanxiang"
  if [ -n "$armdeb" ]; then
    am=aarch64-linux-gnu
    LIBGL_DRIVERS_PATH=$r64/usr/lib/$am/dri gui arm64 "$r64" $am qemu-aarch64 "$r64/lib/ld-linux-aarch64.so.1" \
      --library-path "$r64/lib/$am:$r64/usr/lib/$am" "$work/arm64/opt/sanxiang/sanxiang"
  fi
fi

echo "old-glibc-smoke: done in $((SECONDS - t0))s"
echo "old-glibc-smoke: $pass passed, $fail failed"
[ $fail -eq 0 ]
