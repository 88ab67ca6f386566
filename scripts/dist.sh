#!/usr/bin/env bash
# Packs the release archives from bin/ (run by `make dist` after `make linux-amd64 windows`):
#   dist/sanxiang-VERSION-windows-amd64.zip     sanxiang.exe, sanxiang-cli.exe
#   dist/sanxiang-VERSION-linux-amd64.tar.gz    sanxiang, sanxiang-cli of bin/linux-amd64/: the
#       desktop program linked against Debian 11's glibc (it runs on glibc ≥ 2.28, 统信 UOS 20),
#       the static CLI — the same programs as the .deb of `make linux-packages`, not bin/sanxiang
#       (linked against this machine's glibc 2.36, it needs GLIBC_2.34)
# each with README.md, docs/user-guide.md, docs/windows.md and the font licence OFL.txt. The
# programs inside the tar.gz are checked once more after packing (scripts/glibc-check.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
version=${VERSION:?VERSION is required}

docs=(README.md docs/user-guide.md docs/windows.md assets/fonts/OFL.txt)
linux=(bin/linux-amd64/sanxiang bin/linux-amd64/sanxiang-cli)
for f in "${docs[@]}" "${linux[@]}" bin/windows/sanxiang.exe bin/windows/sanxiang-cli.exe; do
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
stage_dir "$lin" "${linux[@]}"

rm -f "dist/$win.zip.tmp" "dist/$lin.tar.gz.tmp"
(cd "$stage" && find "$win" -print | LC_ALL=C sort | zip -q -X -9 -@ "$OLDPWD/dist/$win.zip.tmp")
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner -cf - "$lin" | gzip -n -9 >"dist/$lin.tar.gz.tmp"
unzip -tq "dist/$win.zip.tmp" >/dev/null
tar -tzf "dist/$lin.tar.gz.tmp" >/dev/null
# What a user unpacks must start on 统信 UOS 20 (glibc 2.28): check the packed files themselves,
# before the archive takes its name (a failing check leaves only the .tmp, removed next time).
mkdir "$stage/check"
tar -C "$stage/check" -xzf "dist/$lin.tar.gz.tmp" "$lin/sanxiang" "$lin/sanxiang-cli"
bash scripts/glibc-check.sh "dist $lin.tar.gz" "$stage/check/$lin/sanxiang" "$stage/check/$lin/sanxiang-cli"
mv "dist/$win.zip.tmp" "dist/$win.zip"
mv "dist/$lin.tar.gz.tmp" "dist/$lin.tar.gz"
ls -l "dist/$win.zip" "dist/$lin.tar.gz"
