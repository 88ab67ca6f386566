#!/usr/bin/env bash
# Starts the Linux desktop program where it cannot get OpenGL and checks that each way of
# failing ends in the Chinese OpenGL message ("本电脑的显卡驱动不支持 OpenGL 2.1", with this
# system's remedy) and exit status 3 — not a hang, a crash, or the internal-error message:
#
#   scripts/no-opengl-smoke.sh BIN/sanxiang
#
#   1. an X server without the GLX extension (Xvfb -extension GLX): "GLX extension not found";
#   2. GLX there but no OpenGL library for it (the Mesa vendor library cannot be loaded, as when
#      the system's Mesa needs a newer glibc): "No GLXFBConfigs returned" / "Failed to find a
#      suitable GLXFBConfig" (go-gl/glfw panics);
#   3. an OpenGL library lacking a GLX function (a preloaded dlsym that refuses glXCreateWindow):
#      GLFW logs "GLX: Failed to load required entry points" and makes no window (the program
#      used to wait for ever with nothing on the screen);
#   4. no X display at all: glfwInit fails, then "NotInitialized" (the real cause named).
# Each case: a fresh HOME, status 3, the message and the cause on standard error, the same line
# in sanxiang.log; SANXIANG_NO_DIALOG=1 keeps the desktop dialog out of these runs.
#   5. when zenity is installed (not by make deps: it pulls in GTK): case 1 without
#      SANXIANG_NO_DIALOG shows the message in zenity's dialog titled "… — 无法显示窗口"; the
#      program waits for it and exits 3 once it is closed. NO_OPENGL_SHOTS=DIR keeps its screenshot.
# NO_OPENGL_TIMEOUT (default 60 s) bounds each start.
# Prints "no-opengl-smoke: N passed, M failed" last.
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -eq 1 ] || { echo "usage: $0 BIN/sanxiang" >&2; exit 2; }
bin=$(realpath "$1")
[ -x "$bin" ] || { echo "no-opengl-smoke: $1 is missing (run make build)" >&2; exit 1; }
for c in Xvfb gcc timeout; do
  command -v "$c" >/dev/null || { echo "no-opengl-smoke: $c is missing (run make deps)" >&2; exit 1; }
done

limit=${NO_OPENGL_TIMEOUT:-60}
work=$(mktemp -d "${TMPDIR:-/tmp}/sanxiang-noopengl.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
t0=$SECONDS
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "  ok    $*"; }
bad() { fail=$((fail + 1)); echo "  FAIL  $*"; }
show() { sed 's/^/        /' "$@" | grep -v 'locale\|language: tag\|lang/locale.go' | head -20; }

# xserver ARGS...: starts Xvfb with ARGS and prints its display number.
xserver() {
  local f="$work/display.$RANDOM"
  Xvfb -displayfd 5 -screen 0 1280x800x24 -nolisten tcp "$@" 5>"$f" >"$f.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do [ -s "$f" ] && break; sleep 0.2; done
  [ -s "$f" ] || { echo "no-opengl-smoke: Xvfb $* did not start" >&2; cat "$f.log" >&2; exit 1; }
  head -1 "$f"
}

# expect NAME CAUSE ENV...: runs the program with ENV and checks status 3, the OpenGL message
# with CAUSE (a fixed string) in its technical detail, and the same cause in sanxiang.log.
expect() {
  local name=$1 cause=$2; shift 2
  local home="$work/home-$pass-$fail" out="$work/out-$pass-$fail" rc=0
  mkdir -p "$home"
  env -u DISPLAY -u WAYLAND_DISPLAY HOME="$home" XDG_CONFIG_HOME="$home/.config" SANXIANG_NO_DIALOG=1 "$@" \
    timeout -k 5 "$limit" "$bin" </dev/null >"$out" 2>&1 || rc=$?
  local log="$home/.config/sanxiang/sanxiang.log"
  if [ $rc -eq 3 ] && grep -q '本电脑的显卡驱动不支持 OpenGL 2.1' "$out" &&
    grep -q '安装 Mesa 软件渲染' "$out" && grep -q '命令行工具 sanxiang-cli 不需要 OpenGL' "$out" &&
    grep -F '技术信息：' "$out" | grep -qF "$cause" &&
    grep -F '无法显示窗口，程序退出：' "$log" 2>/dev/null | grep -qF "$cause"; then
    ok "$name: status 3, OpenGL message: $(grep -F '技术信息：' "$out" | head -1)"
  else
    bad "$name: status $rc (want 3 and the OpenGL message naming \"$cause\")"; show "$out"
  fi
}

echo "no-opengl-smoke: $bin"
noglx=$(xserver -extension GLX)
glx=$(xserver)

expect "X server without GLX" "GLX extension not found" DISPLAY=":$noglx"

mkdir -p "$work/novendor"
: >"$work/novendor/libGLX_mesa.so.0"
: >"$work/novendor/libGLX_indirect.so.0"
expect "no loadable OpenGL vendor library" "GLXFBConfig" DISPLAY=":$glx" LD_LIBRARY_PATH="$work/novendor"

cat >"$work/faildlsym.c" <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
/* dlsym that answers NULL for the symbol named by FAIL_DLSYM (an OpenGL library lacking it). */
void *dlsym(void *h, const char *name) {
  static void *(*real)(void *, const char *);
  if (!real) real = dlvsym(RTLD_NEXT, "dlsym", "GLIBC_2.34");
  if (!real) real = dlvsym(RTLD_NEXT, "dlsym", "GLIBC_2.2.5");
  const char *f = getenv("FAIL_DLSYM");
  if (f && name && strcmp(name, f) == 0) return NULL;
  return real(h, name);
}
EOF
gcc -shared -fPIC -o "$work/faildlsym.so" "$work/faildlsym.c" -ldl
expect "OpenGL library without glXCreateWindow" "GLX: Failed to load required entry points" \
  DISPLAY=":$glx" LD_PRELOAD="$work/faildlsym.so" FAIL_DLSYM=glXCreateWindow

expect "no X display" "X11: The DISPLAY environment variable is missing"

if command -v zenity >/dev/null && command -v xdotool >/dev/null; then
  home="$work/home-dialog" out="$work/out-dialog"
  mkdir -p "$home"
  env -u WAYLAND_DISPLAY -u SANXIANG_NO_DIALOG DISPLAY=":$noglx" HOME="$home" XDG_CONFIG_HOME="$home/.config" \
    timeout -k 5 "$limit" "$bin" </dev/null >"$out" 2>&1 &
  app=$!
  wid= t1=$SECONDS
  while [ -z "$wid" ] && [ $((SECONDS - t1)) -lt "$limit" ] && kill -0 "$app" 2>/dev/null; do
    sleep 0.5
    wid=$(DISPLAY=":$noglx" xdotool search --name '无法显示窗口' 2>/dev/null | head -1 || true)
  done
  if [ -n "$wid" ]; then
    sleep 1
    if [ -n "${NO_OPENGL_SHOTS:-}" ] && command -v import >/dev/null; then
      mkdir -p "$NO_OPENGL_SHOTS" && DISPLAY=":$noglx" import -window root "$NO_OPENGL_SHOTS/no-opengl-dialog.png" 2>/dev/null || true
    fi
    running=no name=
    kill -0 "$app" 2>/dev/null && running=yes
    name=$(DISPLAY=":$noglx" xdotool getwindowname "$wid" 2>/dev/null || true)
    DISPLAY=":$noglx" xdotool windowfocus --sync "$wid" key Return 2>/dev/null || true
    rc=0
    wait "$app" || rc=$?
    if [ $running = yes ] && [ $rc -eq 3 ]; then
      ok "zenity dialog \"$name\" shown; the program waited for it, then exit 3"
    else
      bad "zenity dialog: program running while shown: $running, status after closing $rc (want 3)"; show "$out"
    fi
  else
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    bad "no zenity dialog titled 无法显示窗口 appeared"; show "$out"
  fi
else
  echo "  skip  the desktop dialog: zenity (or xdotool) is not installed"
fi

echo "no-opengl-smoke: done in $((SECONDS - t0))s"
echo "no-opengl-smoke: $pass passed, $fail failed"
[ $fail -eq 0 ]
