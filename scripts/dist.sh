#!/usr/bin/env bash
# Packs the release archives from bin/ (run by `make dist` after `make build windows`):
#   dist/sanxiang-VERSION-windows-amd64.zip     sanxiang.exe, sanxiang-cli.exe
#   dist/sanxiang-VERSION-linux-amd64.tar.gz    sanxiang, sanxiang-cli
# each with README.md, docs/user-guide.md, docs/windows.md and the font licence OFL.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${VERSION:?VERSION is required}

docs=(README.md docs/user-guide.md docs/windows.md assets/fonts/OFL.txt)
for f in "${docs[@]}" bin/sanxiang bin/sanxiang-cli bin/windows/sanxiang.exe bin/windows/sanxiang-cli.exe; do
  [ -s "$f" ] || { echo "dist: $f is missing" >&2; exit 1; }
done

mkdir -p dist
stage=$(mktemp -d dist/.stage.XXXXXX)
trap 'rm -rf "$stage"' EXIT

# stage_dir NAME BINARIES...: a folder NAME with the binaries, the docs and the licence.
stage_dir() {
  local d="$stage/$1"; shift
  mkdir -p "$d/docs"
  cp "$@" "$d/"
  cp README.md "$d/README.md"
  cp docs/user-guide.md docs/windows.md "$d/docs/"
  cp assets/fonts/OFL.txt "$d/OFL.txt"
  # Same time stamp on every entry: archives of the same build do not differ by the clock.
  find "$d" -exec touch -h -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}" {} +
}

win="sanxiang-$version-windows-amd64"
lin="sanxiang-$version-linux-amd64"
stage_dir "$win" bin/windows/sanxiang.exe bin/windows/sanxiang-cli.exe
stage_dir "$lin" bin/sanxiang bin/sanxiang-cli

rm -f "dist/$win.zip.tmp" "dist/$lin.tar.gz.tmp"
(cd "$stage" && find "$win" -print | LC_ALL=C sort | zip -q -X -9 -@ "$OLDPWD/dist/$win.zip.tmp")
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner -cf - "$lin" | gzip -n -9 >"dist/$lin.tar.gz.tmp"
mv "dist/$win.zip.tmp" "dist/$win.zip"
mv "dist/$lin.tar.gz.tmp" "dist/$lin.tar.gz"

unzip -tq "dist/$win.zip" >/dev/null
tar -tzf "dist/$lin.tar.gz" >/dev/null
ls -l "dist/$win.zip" "dist/$lin.tar.gz"
