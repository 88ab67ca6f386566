#!/usr/bin/env bash
# Fetches the embedded CJK font (Noto Sans SC, SIL OFL 1.1) from the npm registry at a pinned
# version, verifies every byte by SHA-256 and places the two TrueType faces under assets/fonts/.
# The fonts are not committed; a build without them fails (go:embed of a missing file).
set -euo pipefail
cd "$(dirname "$0")/.."
pkg='@expo-google-fonts/noto-sans-sc@0.4.3'
tgz_sha='0d69d0f4971d2ff574e3d93cbc218dc950bf3f3f8f8e2c008d97687ed53aee59'
reg_sha='d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16'
bold_sha='9a38ae0ab28cd5a256f9ea8e00dedc688aac17f7915fcb000572990afa956b96'
out=assets/fonts
ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }
if ok "$out/NotoSansSC-Regular.ttf" "$reg_sha" && ok "$out/NotoSansSC-Bold.ttf" "$bold_sha"; then
  exit 0
fi
cache=${XDG_CACHE_HOME:-$HOME/.cache}/sanxiang
mkdir -p "$cache"
tgz="$cache/expo-google-fonts-noto-sans-sc-0.4.3.tgz"
if ! ok "$tgz" "$tgz_sha"; then
  command -v npm >/dev/null || { echo "fetch-fonts: npm is required (apt-get install npm)" >&2; exit 1; }
  rm -f "$tgz"
  (cd "$cache" && npm pack --silent "$pkg" >/dev/null)
  ok "$tgz" "$tgz_sha" || { echo "fetch-fonts: $tgz does not match the pinned SHA-256" >&2; rm -f "$tgz"; exit 1; }
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
tar -xzf "$tgz" -C "$tmp" package/400Regular/NotoSansSC_400Regular.ttf package/700Bold/NotoSansSC_700Bold.ttf package/LICENSE_FONT
ok "$tmp/package/400Regular/NotoSansSC_400Regular.ttf" "$reg_sha" || { echo "fetch-fonts: regular face checksum mismatch" >&2; exit 1; }
ok "$tmp/package/700Bold/NotoSansSC_700Bold.ttf" "$bold_sha" || { echo "fetch-fonts: bold face checksum mismatch" >&2; exit 1; }
mv "$tmp/package/400Regular/NotoSansSC_400Regular.ttf" "$out/NotoSansSC-Regular.ttf.tmp" && mv "$out/NotoSansSC-Regular.ttf.tmp" "$out/NotoSansSC-Regular.ttf"
mv "$tmp/package/700Bold/NotoSansSC_700Bold.ttf" "$out/NotoSansSC-Bold.ttf.tmp" && mv "$out/NotoSansSC-Bold.ttf.tmp" "$out/NotoSansSC-Bold.ttf"
cmp -s "$tmp/package/LICENSE_FONT" "$out/OFL.txt" || cp "$tmp/package/LICENSE_FONT" "$out/OFL.txt"
echo "fetch-fonts: Noto Sans SC regular and bold verified"
