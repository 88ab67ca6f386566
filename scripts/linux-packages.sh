#!/usr/bin/env bash
# Packs the Linux programs for 信创 PCs (统信 UOS, 银河麒麟, Debian/Ubuntu) into dist/linux/
# (run by `make linux-packages` after the amd64 and arm64 builds):
#
#   scripts/linux-packages.sh ARCH BINDIR [ARCH BINDIR ...]     e.g. amd64 bin arm64 bin/linux-arm64
#
# For each architecture, from BINDIR/sanxiang and BINDIR/sanxiang-cli:
#   dist/linux/sanxiang_VERSION_ARCH.deb           programs under /opt/sanxiang, commands in /usr/bin,
#                                                  Chinese desktop entry, hicolor icon, copyright
#   dist/linux/sanxiang-VERSION-linux-ARCH.tar.gz  the same files in one folder, for PCs where
#                                                  nothing can be installed
# Depends is computed by dpkg-shlibdeps from the libraries the programs link (libc6, libgl1,
# libx11-6), with libc6's lower bound set to the oldest glibc we support, GLIBC_MAX (2.28, 统信
# UOS 20; 银河麒麟 V10 has 2.31): dpkg refuses a PC whose C library is older instead of installing
# a program that cannot start. Before packing, the programs are checked (fail the build): the
# desktop program references no glibc symbol version newer than GLIBC_MAX (readelf -V: it must
# be built against the old sysroot, see Makefile SYSROOTS), and sanxiang-cli is static (no
# program interpreter, no shared libraries: built with CGO_ENABLED=0, it needs no glibc). Recommends (packaging/linux/control.in) lists the X11 extension libraries that
# GLFW opens with dlopen at run time (monitors, cursors, input), which dpkg-shlibdeps cannot see. Every package is checked afterwards (dpkg-deb -I/-c: fields, paths, modes, owners,
# the ELF machine of both programs; desktop-file-validate; lintian when installed, with the
# tags we accept on purpose listed in packaging/linux/lintian-overrides).
# Time stamps come from the last commit (or SOURCE_DATE_EPOCH), so a rebuild gives the same files.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${VERSION:?VERSION is required}
maintainer=${MAINTAINER:-三项制度自评工具开发组 <sanxiang@packages.invalid>}
[ $# -ge 2 ] && [ $(($# % 2)) -eq 0 ] || { echo "usage: $0 ARCH BINDIR [ARCH BINDIR ...]" >&2; exit 2; }

for c in dpkg-deb dpkg-shlibdeps readelf md5sum; do
  command -v "$c" >/dev/null || { echo "linux-packages: $c is missing (run make deps)" >&2; exit 1; }
done
docs=(README.md docs/user-guide.md docs/linux.md assets/fonts/OFL.txt assets/icon.png
  packaging/linux/sanxiang.desktop packaging/linux/control.in packaging/linux/lintian-overrides)
for f in "${docs[@]}"; do
  [ -s "$f" ] || { echo "linux-packages: $f is missing" >&2; exit 1; }
done

export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
mkdir -p dist/linux
stage=$(mktemp -d "$PWD/dist/linux/.stage.XXXXXX")
trap 'rm -rf "$stage" dist/linux/*.tmp' EXIT

fail() { echo "linux-packages: $*" >&2; exit 1; }

# The oldest glibc the packages support (统信 UOS 20).
glibc_max=${GLIBC_MAX:-2.28}

# check_glibc ARCH BINDIR: the desktop program needs at most GLIBC_MAX, the CLI no glibc at all
# (scripts/glibc-check.sh, shared with make dist).
check_glibc() {
  GLIBC_MAX=$glibc_max bash scripts/glibc-check.sh "linux-packages $1" "$2/sanxiang" "$2/sanxiang-cli" || exit 1
}

# with_libc_floor DEPENDS: DEPENDS with libc6's version set to (>= GLIBC_MAX). dpkg-shlibdeps
# reads this machine's libc6 symbols file (glibc 2.36), in which libpthread.so.0, libdl.so.2 and
# libresolv.so.2 are empty stubs whose use means libc6 (>= 2.34); the program, linked against
# glibc 2.31's real libraries, needs what check_glibc measured (at most GLIBC_MAX) instead.
with_libc_floor() {
  sed -E "s/(^|, )libc6( \([^)]*\))?(,|$)/\1libc6 (>= $glibc_max)\3/" <<<"$1"
}

# elf_machine FILE: the Machine line of the ELF header ("AArch64", "Advanced Micro Devices X86-64").
elf_machine() { LC_ALL=C readelf -h "$1" | sed -n 's/^ *Machine: *//p'; }

# shlibdeps ARCH FILES...: the Depends line dpkg-shlibdeps computes for the programs.
shlibdeps() {
  local arch=$1; shift
  local d="$stage/shlibdeps-$arch"
  mkdir -p "$d/debian"
  printf 'Source: sanxiang\n\nPackage: sanxiang\nArchitecture: %s\n' "$arch" >"$d/debian/control"
  local f abs=()
  for f in "$@"; do abs+=("$(realpath "$f")"); done
  # DEB_HOST_ARCH makes it look in that architecture's multiarch folders (/lib/aarch64-linux-gnu).
  (cd "$d" && DEB_HOST_ARCH=$arch dpkg-shlibdeps -O -e"${abs[0]}" -e"${abs[1]}" 2>"$d/err") |
    sed -n 's/^shlibs:Depends=//p' || { cat "$d/err" >&2; return 1; }
}

# stage_tree ARCH BINDIR ROOT: the installed files under ROOT (without DEBIAN/).
stage_tree() {
  local arch=$1 bindir=$2 root=$3
  local opt="$root/opt/sanxiang"
  install -d -m 0755 "$opt/docs" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/usr/share/icons/hicolor/256x256/apps" "$root/usr/share/doc/sanxiang"
  install -m 0755 "$bindir/sanxiang" "$bindir/sanxiang-cli" "$opt/"
  install -m 0644 README.md assets/fonts/OFL.txt "$opt/"
  install -m 0644 docs/user-guide.md docs/linux.md "$opt/docs/"
  # Absolute, as Debian policy wants for links between top-level folders.
  ln -s /opt/sanxiang/sanxiang "$root/usr/bin/sanxiang"
  ln -s /opt/sanxiang/sanxiang-cli "$root/usr/bin/sanxiang-cli"
  install -m 0644 packaging/linux/sanxiang.desktop "$root/usr/share/applications/sanxiang.desktop"
  install -m 0644 assets/icon.png "$root/usr/share/icons/hicolor/256x256/apps/sanxiang.png"
  {
    printf '三项制度示范创建自评工具（sanxiang）\n'
    printf 'Copyright © 2026 三项制度自评工具开发组\n\n'
    printf '程序内嵌字体 Noto Sans SC，依 SIL Open Font License 1.1 授权，许可全文如下（亦见 /opt/sanxiang/OFL.txt）：\n\n'
    cat assets/fonts/OFL.txt
  } >"$root/usr/share/doc/sanxiang/copyright"
  chmod 0644 "$root/usr/share/doc/sanxiang/copyright"
  # A native package's changelog: one entry for this version, dated by the last commit.
  {
    printf 'sanxiang (%s) unstable; urgency=medium\n\n' "$version"
    printf '  * 版本 %s，见 /opt/sanxiang/README.md。\n\n' "$version"
    printf ' -- %s  %s\n' "$maintainer" "$(LC_ALL=C date -u -R -d "@$SOURCE_DATE_EPOCH")"
  } | gzip -n -9 >"$root/usr/share/doc/sanxiang/changelog.gz"
  chmod 0644 "$root/usr/share/doc/sanxiang/changelog.gz"
  install -d -m 0755 "$root/usr/share/lintian/overrides"
  install -m 0644 packaging/linux/lintian-overrides "$root/usr/share/lintian/overrides/sanxiang"
}

# check_deb DEB ARCH: what the package says and holds is what we meant to pack.
check_deb() {
  local deb=$1 arch=$2
  local info list
  info=$(dpkg-deb -I "$deb")
  list=$(dpkg-deb -c "$deb")
  [ "$(dpkg-deb -f "$deb" Package)" = sanxiang ] || fail "$deb: Package is not sanxiang"
  [ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "$deb: Version is not $version"
  [ "$(dpkg-deb -f "$deb" Architecture)" = "$arch" ] || fail "$deb: Architecture is not $arch"
  local dep
  dep=$(dpkg-deb -f "$deb" Depends)
  for lib in libc6 libgl1 libx11-6; do
    grep -qE "(^|, )$lib( |,|$)" <<<"$dep" || fail "$deb: Depends lacks $lib: $dep"
  done
  grep -qF "libc6 (>= $glibc_max)" <<<"$dep" || fail "$deb: Depends does not say libc6 (>= $glibc_max): $dep"
  local p
  for p in ./opt/sanxiang/sanxiang ./opt/sanxiang/sanxiang-cli; do
    grep -qE "^-rwxr-xr-x root/root .* $p\$" <<<"$list" || fail "$deb: $p is not an executable owned by root"
  done
  for p in ./opt/sanxiang/OFL.txt ./opt/sanxiang/README.md ./opt/sanxiang/docs/user-guide.md \
    ./opt/sanxiang/docs/linux.md ./usr/share/applications/sanxiang.desktop \
    ./usr/share/icons/hicolor/256x256/apps/sanxiang.png ./usr/share/doc/sanxiang/copyright \
    ./usr/share/doc/sanxiang/changelog.gz ./usr/share/lintian/overrides/sanxiang; do
    grep -qE "^-rw-r--r-- root/root .* $p\$" <<<"$list" || fail "$deb: $p is missing or not 0644 root/root"
  done
  grep -qF './usr/bin/sanxiang-cli -> /opt/sanxiang/sanxiang-cli' <<<"$list" || fail "$deb: no /usr/bin/sanxiang-cli link"
  grep -qF './usr/bin/sanxiang -> /opt/sanxiang/sanxiang' <<<"$list" || fail "$deb: no /usr/bin/sanxiang link"
  if grep -vE '^[dl-]r' <<<"$list" | grep -q .; then fail "$deb: unexpected entry types"; fi
  if grep -vE ' root/root ' <<<"$list" | grep -q .; then fail "$deb: an entry not owned by root"; fi
  grep -q ' md5sums' <<<"$info" || fail "$deb: no md5sums"
  # The programs inside are built for the package's architecture.
  local x="$stage/x-$arch" want
  rm -rf "$x"; dpkg-deb -x "$deb" "$x"
  case $arch in amd64) want='Advanced Micro Devices X86-64' ;; arm64) want=AArch64 ;; *) want= ;; esac
  for p in sanxiang sanxiang-cli; do
    [ -z "$want" ] || [ "$(elf_machine "$x/opt/sanxiang/$p")" = "$want" ] || fail "$deb: $p is not built for $arch"
  done
  check_glibc "$arch" "$x/opt/sanxiang" >/dev/null
  (cd "$x" && md5sum --quiet -c <(dpkg-deb -I "$OLDPWD/$deb" md5sums)) || fail "$deb: md5sums do not match"
  if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$x/usr/share/applications/sanxiang.desktop" || fail "$deb: desktop entry is invalid"
  fi
  rm -rf "$x"
}

while [ $# -gt 0 ]; do
  arch=$1 bindir=$2; shift 2
  for p in sanxiang sanxiang-cli; do
    [ -s "$bindir/$p" ] || fail "$bindir/$p is missing (run make build linux-arm64)"
  done
  check_glibc "$arch" "$bindir"
  root="$stage/root-$arch"
  stage_tree "$arch" "$bindir" "$root"

  depends=$(shlibdeps "$arch" "$root/opt/sanxiang/sanxiang" "$root/opt/sanxiang/sanxiang-cli") ||
    fail "dpkg-shlibdeps failed for $arch"
  [ -n "$depends" ] || fail "dpkg-shlibdeps found no dependencies for $arch"
  depends=$(with_libc_floor "$depends")
  size=$(du -sk --apparent-size "$root" | cut -f1)
  install -d -m 0755 "$root/DEBIAN"
  sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@MAINTAINER@|$maintainer|" \
    -e "s|@SIZE@|$size|" -e "s|@DEPENDS@|$depends|" packaging/linux/control.in >"$root/DEBIAN/control"
  (cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z |
    xargs -0 md5sum) >"$root/DEBIAN/md5sums"
  chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
  find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

  deb="dist/linux/sanxiang_${version}_${arch}.deb"
  rm -f "$deb.tmp"
  # gzip -6: xz -6 took over 4 CPU-minutes per package here; gzip -9 costs 2.5 times the CPU of
  # -6 for a 0.4 % smaller file (measured on bin/sanxiang).
  # --root-owner-group: every file root:root whoever builds.
  dpkg-deb --root-owner-group -Zgzip -z6 --build "$root" "$deb.tmp" >/dev/null
  # Checked before it takes its name (the EXIT trap removes a failed .tmp): a wrong package
  # never lands in dist/linux/.
  check_deb "$deb.tmp" "$arch"
  mv "$deb.tmp" "$deb"

  # The tar.gz: the /opt/sanxiang folder plus the desktop entry and icon, under one name.
  tname="sanxiang-$version-linux-$arch"
  tdir="$stage/tar-$arch/$tname"
  mkdir -p "$tdir"
  cp -a "$root/opt/sanxiang/." "$tdir/"
  cp -a "$root/usr/share/applications/sanxiang.desktop" "$tdir/sanxiang.desktop"
  cp -a "$root/usr/share/icons/hicolor/256x256/apps/sanxiang.png" "$tdir/sanxiang.png"
  tgz="dist/linux/$tname.tar.gz"
  tar -C "$stage/tar-$arch" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -cf - "$tname" | gzip -n -6 >"$tgz.tmp"
  mv "$tgz.tmp" "$tgz"
  tar -tzf "$tgz" >/dev/null

  echo "linux-packages: $deb ($(stat -c %s "$deb") bytes), $tgz ($(stat -c %s "$tgz") bytes)"
  echo "linux-packages:   Depends: $depends"
done

if command -v lintian >/dev/null; then
  t0=$SECONDS
  # The overrides travel inside each package (usr/share/lintian/overrides/sanxiang), with reasons.
  lintian --fail-on error,warning --tag-display-limit 0 dist/linux/sanxiang_"${version}"_*.deb ||
    fail "lintian found errors or warnings (see above)"
  echo "linux-packages: lintian clean in $((SECONDS - t0))s"
fi
