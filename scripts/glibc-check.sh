#!/usr/bin/env bash
# Checks that a pair of Linux programs runs on the oldest glibc we support (统信 UOS 20: 2.28):
#
#   scripts/glibc-check.sh LABEL SANXIANG SANXIANG_CLI
#
#   - the desktop program SANXIANG (cgo) references no glibc symbol newer than GLIBC_MAX (default
#     2.28): both the version needs of its dynamic section (readelf -V) and the version of every
#     dynamic symbol (readelf --dyn-syms, what objdump -T lists, for any architecture);
#   - SANXIANG_CLI is static: no program interpreter, no NEEDED library.
# Used by scripts/linux-packages.sh (before packing and on the packed files) and scripts/dist.sh
# (on the files inside the release tar.gz). Prints one line; exits 1 with the offending symbols.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 LABEL SANXIANG SANXIANG_CLI" >&2; exit 2; }
label=$1 gui=$2 cli=$3
max=${GLIBC_MAX:-2.28}
command -v readelf >/dev/null || { echo "glibc-check: readelf is missing (binutils)" >&2; exit 1; }

fail() { echo "glibc-check: $label: $*" >&2; exit 1; }

# versions FILE: every GLIBC_x.y FILE needs or binds a symbol to, one per line, sorted.
versions() {
  { LC_ALL=C readelf -V --wide "$1" | grep -oE 'Name: GLIBC_[0-9]+(\.[0-9]+)+' | sed 's/^Name: //'
    LC_ALL=C readelf --dyn-syms --wide "$1" | grep -oE '@GLIBC_[0-9]+(\.[0-9]+)+' | sed 's/^@//'
  } | sed 's/^GLIBC_//' | sort -uV
}

# version_le A B: A ≤ B as versions.
version_le() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -1)" = "$1" ]; }

[ -s "$gui" ] || fail "$gui is missing"
[ -s "$cli" ] || fail "$cli is missing"
need=$(versions "$gui" | tail -1)
[ -n "$need" ] || fail "$gui references no GLIBC version: not a dynamically linked cgo program?"
if ! version_le "$need" "$max"; then
  newer=$(LC_ALL=C readelf --dyn-syms --wide "$gui" | awk '{print $8}' | grep '@GLIBC_' |
    while read -r s; do v=${s##*@GLIBC_}; version_le "$v" "$max" || echo "$s"; done | sort -u | head -8 | tr '\n' ' ')
  fail "$gui needs GLIBC_$need, newer than GLIBC_$max (统信 UOS 20): build it against the old sysroot (make linux-amd64 / linux-arm64); symbols: ${newer:-(version needs only)}"
fi
if LC_ALL=C readelf -l "$cli" | grep -q 'Requesting program interpreter' ||
  LC_ALL=C readelf -d "$cli" | grep -q NEEDED; then
  fail "$cli is dynamically linked: build it with CGO_ENABLED=0"
fi
echo "glibc-check: $label: sanxiang needs GLIBC_$need at most (limit $max), sanxiang-cli is static"
