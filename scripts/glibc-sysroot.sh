#!/usr/bin/env bash
# Builds the old-glibc sysroots that the Linux desktop program of the .deb/.tar.gz packages is
# compiled and linked against, so that it runs on the glibc of 统信 UOS 20 (2.28) and
# 银河麒麟 V10 (2.31) and not only on glibc ≥ 2.34 (Debian 12's 2.36 adds GLIBC_2.34 versions of
# __libc_start_main, pthread_*, dl*):
#
#   scripts/glibc-sysroot.sh DIR          makes DIR/amd64 and DIR/arm64 (quick when present)
#
# Each is Debian 11 (bullseye, glibc 2.31) unpacked from Debian's own archive: libc6-dev and the
# X11/OpenGL headers and libraries GLFW links (libgl-dev libx11-dev libxrandr-dev
# libxinerama-dev libxi-dev libxcursor-dev libxxf86vm-dev) with their dependencies, plus the
# Mesa software renderer (libgl1-mesa-dri) so that scripts/old-glibc-smoke.sh can start the
# program on glibc 2.31 itself. apt runs with a private configuration and state under
# DIR/.apt (APT_CONFIG), so the system's apt sources, lists and dpkg database are untouched, and
# no root is needed. Only the bullseye suite is used (frozen since its last point release), not
# bullseye-security: the same files every time; the packages are verified by apt against the
# Debian archive keyring. Absolute symbolic links in the packages are made relative, so that
# they point inside the sysroot. A stamp file records the package list; a changed list rebuilds.
# Cost here: about 110 MB downloaded, 430 MB on disk, under a minute.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
dir=$1
suite=bullseye
pkgs=(libc6-dev libgl-dev libx11-dev libxrandr-dev libxinerama-dev libxi-dev libxcursor-dev
  libxxf86vm-dev libgl1-mesa-dri)
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
stamp="$suite ${pkgs[*]} v1"

for c in apt-get dpkg-deb realpath; do
  command -v "$c" >/dev/null || { echo "glibc-sysroot: $c is missing" >&2; exit 1; }
done
[ -s "$keyring" ] || { echo "glibc-sysroot: $keyring is missing (apt-get install debian-archive-keyring)" >&2; exit 1; }

if [ "$(cat "$dir/amd64/.stamp" 2>/dev/null)" = "$stamp" ] && [ "$(cat "$dir/arm64/.stamp" 2>/dev/null)" = "$stamp" ]; then
  exit 0
fi

t0=$SECONDS
mkdir -p "$dir"
dir=$(realpath "$dir")
apt="$dir/.apt"
rm -rf "$apt"
mkdir -p "$apt/etc/apt/apt.conf.d" "$apt/etc/apt/preferences.d" "$apt/etc/apt/sources.list.d" \
  "$apt/var/lib/apt/lists/partial" "$apt/var/lib/dpkg"
: >"$apt/var/lib/dpkg/status"
echo "deb [signed-by=$keyring] http://deb.debian.org/debian $suite main" >"$apt/etc/apt/sources.list"
cat >"$apt/apt.conf" <<EOF
Dir "$apt/";
Dir::State::status "$apt/var/lib/dpkg/status";
APT::Architectures { "amd64"; "arm64"; };
Acquire::Languages "none";
Debug::NoLocking "true";
APT::Sandbox::User "root";
EOF
export APT_CONFIG="$apt/apt.conf" DEBIAN_FRONTEND=noninteractive
echo "glibc-sysroot: fetching Debian $suite package lists"
apt-get update -q >"$apt/update.log" 2>&1 || { cat "$apt/update.log" >&2; echo "glibc-sysroot: apt-get update for $suite failed" >&2; exit 1; }

for arch in amd64 arm64; do
  root="$dir/$arch"
  cache="$apt/cache-$arch"
  mkdir -p "$cache/partial"
  # An empty dpkg status: apt downloads the named packages with all their dependencies.
  apt-get -q -o Dir::Cache::archives="$cache" -o APT::Architecture="$arch" \
    install --download-only -y --no-install-recommends "${pkgs[@]}" >"$apt/download-$arch.log" 2>&1 ||
    { tail -20 "$apt/download-$arch.log" >&2; echo "glibc-sysroot: downloading the $arch packages failed" >&2; exit 1; }
  rm -rf "$root.tmp"
  mkdir -p "$root.tmp"
  n=0
  for deb in "$cache"/*.deb; do
    dpkg-deb -x "$deb" "$root.tmp"
    n=$((n + 1))
  done
  # /usr/lib/…/libc.so → /lib/…/libc.so.6 and the like: keep them inside the sysroot.
  find "$root.tmp" -type l -lname '/*' -print0 | while IFS= read -r -d '' l; do
    ln -sfn "$(realpath -m --relative-to="$(dirname "$l")" "$root.tmp$(readlink "$l")")" "$l"
  done
  ls "$root.tmp"/lib/*-linux-gnu/libc-2.*.so >/dev/null 2>&1 ||
    { echo "glibc-sysroot: $arch: no libc in the unpacked packages" >&2; exit 1; }
  echo "$stamp" >"$root.tmp/.stamp"
  rm -rf "$root"
  mv "$root.tmp" "$root"
  echo "glibc-sysroot: $root: $n packages, $(basename "$(ls "$root"/lib/*-linux-gnu/libc-2.*.so)")"
  rm -rf "$cache"
done
rm -rf "$apt/var/lib/apt/lists"
echo "glibc-sysroot: done in $((SECONDS - t0))s"
