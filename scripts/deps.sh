#!/usr/bin/env bash
# Installs, on Debian 12 (bookworm) as root, every system package that building, testing and
# cross-compiling sanxiang needs. Idempotent and fast when everything is present: apt is only
# run for the packages that dpkg does not report as installed.
set -euo pipefail

# Installed with their recommended packages.
pkgs=(
  gcc                   # cgo for the Fyne GUI (GLFW)
  libgl1-mesa-dev       # OpenGL headers for the GUI build
  xorg-dev              # X11 headers for GLFW
  gcc-mingw-w64-x86-64  # cgo cross-compiler for the Windows GUI
  poppler-utils         # pdftotext/pdftoppm: PDF tests and the wine smoke test
  xvfb xauth xdotool    # GUI under a virtual X server
  libgl1-mesa-dri       # Mesa software OpenGL for that server (and Wine's WGL)
  imagemagick           # screenshots and the GUI check of the wine smoke test
  jq                    # JSON fields in the wine smoke test
  zip unzip             # release archives, package checks
  make git ca-certificates
)
# Installed without recommends: wine64's recommends pull in wine32, which needs the i386
# architecture; the 64-bit loader alone runs our 64-bit executables.
wine_pkgs=(wine wine64)
# The Linux packages for 信创 PCs (make linux-packages, make arm64-smoke), without recommends.
# arm64: Debian's aarch64 cross gcc and C library for cgo, and the arm64 multiarch headers and
# libraries that GLFW and go-gl compile and link against (-lGL -lX11 -lXrandr -lXxf86vm -lXi
# -lXcursor -lXinerama and their headers): each package gives one of them. qemu-user runs the arm64 programs (called directly,
# no binfmt_misc needed); dpkg-dev has dpkg-shlibdeps; lintian and desktop-file-utils check the
# packages. procps has pgrep (scripts/old-glibc-smoke.sh). The Debian 11 sysroots the packages are
# built against are not installed here but by `make sysroots` (scripts/glibc-sysroot.sh, with a
# private apt configuration, into the user's cache folder, no root needed).
linux_pkgs=(
  dpkg-dev lintian desktop-file-utils qemu-user procps
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross
  libgl-dev:arm64 libx11-dev:arm64 libxrandr-dev:arm64 libxinerama-dev:arm64
  libxi-dev:arm64 libxcursor-dev:arm64 libxxf86vm-dev:arm64
)

native=$(dpkg --print-architecture)
missing() {
  # One dpkg-query for all names; a name it does not know is missing too. A name without an
  # architecture (gcc) means the machine's own or an "all" package; libx11-dev:arm64 means that one.
  local have
  have=$(dpkg-query -W -f='${Package}:${Architecture} ${Status}\n' "$@" 2>/dev/null | awk '$NF == "installed" {print $1}' || true)
  local p
  for p in "$@"; do
    case $p in
      *:*) grep -qxF "$p" <<<"$have" || printf '%s\n' "$p" ;;
      *) grep -qxE "${p//+/\\+}:($native|all)" <<<"$have" || printf '%s\n' "$p" ;;
    esac
  done
}

# Go itself comes from go.dev's tarball at /usr/local/go (Debian 12's golang is too old for
# go.mod's "go" line); any Go ≥ 1.21 also works, fetching the required toolchain by itself.
if ! command -v go >/dev/null && [ ! -x /usr/local/go/bin/go ]; then
  echo "deps: Go is not installed; install Go $(sed -n 's/^go //p' go.mod) or newer to /usr/local/go" >&2
  exit 1
fi

mapfile -t need < <(missing "${pkgs[@]}")
# npm fetches the pinned font; Node.js from another source may already bring its own npm, and
# Debian's npm package conflicts with such a nodejs, so only ask apt when there is no npm at all.
command -v npm >/dev/null || need+=(npm)
mapfile -t need_wine < <(missing "${wine_pkgs[@]}")
mapfile -t need_linux < <(missing "${linux_pkgs[@]}")

if [ ${#need[@]} -eq 0 ] && [ ${#need_wine[@]} -eq 0 ] && [ ${#need_linux[@]} -eq 0 ]; then
  echo "deps: all system packages present"
else
  echo "deps: installing ${need[*]} ${need_wine[*]} ${need_linux[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "deps: run as root (or: sudo dpkg --add-architecture arm64; sudo apt-get install ${need[*]} ${need_wine[*]} ${need_linux[*]})" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  # The arm64 libraries come from the same archive as multiarch packages (apt-get update below
  # then fetches the arm64 package lists too).
  if ! dpkg --print-foreign-architectures | grep -qxF arm64; then
    dpkg --add-architecture arm64
    echo "deps: added the arm64 architecture to dpkg"
  fi
  # Wait for another apt/dpkg run (unattended upgrades, a parallel install) instead of failing.
  apt_opts=(-y -q -o DPkg::Lock::Timeout=600)
  apt-get update -q -o DPkg::Lock::Timeout=600
  if [ ${#need[@]} -gt 0 ]; then
    apt-get install "${apt_opts[@]}" "${need[@]}"
  fi
  if [ ${#need_wine[@]} -gt 0 ]; then
    apt-get install "${apt_opts[@]}" --no-install-recommends "${need_wine[@]}"
  fi
  if [ ${#need_linux[@]} -gt 0 ]; then
    apt-get install "${apt_opts[@]}" --no-install-recommends "${need_linux[@]}"
  fi
fi

# Go is part of the machine (/usr/local/go); Debian's golang is far too old for go.mod.
if ! command -v go >/dev/null; then
  echo "deps: Go is missing: install the Go version named in go.mod under /usr/local/go" >&2
  exit 1
fi
