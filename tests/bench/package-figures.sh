#!/usr/bin/env bash
# Figures of the Linux installers and of the installed app (docs/performance-packaging.md):
#   1. sizes: `./dev package` (release) once per profile variant below, with the
#      .deb, .rpm and both binaries' sizes;
#   2. the installed app: the release .deb of the profile as committed is installed
#      with apt, then kairos-package-figures (tests/src/bin) prints the start time to
#      the first code on screen under Xvfb (median of 5) and the resident memory with
#      500 accounts; the package is purged at the end, also on failure.
# Usage: tests/bench/package-figures.sh [--variants "opt3 opt-s abort"] [--no-figures]
# Release builds take long (LTO, one codegen unit); each variant rebuilds everything.
# CARGO_TARGET_DIR is honoured. Needs root or sudo (apt).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$TARGET/package-figures

variants="opt3 opt-s"
figures=1
while [ $# -gt 0 ]; do
  case "$1" in
    --variants) variants=$2; shift 2 ;;
    --no-figures) figures=0; shift ;;
    *) echo "package-figures: unknown option $1" >&2; exit 2 ;;
  esac
done

# A variant is the committed release profile with one setting overridden through
# Cargo's CARGO_PROFILE_RELEASE_* variables.
variant_env() {
  case "$1" in
    opt3) echo CARGO_PROFILE_RELEASE_OPT_LEVEL=3 ;;
    opt-s) echo CARGO_PROFILE_RELEASE_OPT_LEVEL=s ;;
    opt-z) echo CARGO_PROFILE_RELEASE_OPT_LEVEL=z ;;
    abort) echo CARGO_PROFILE_RELEASE_PANIC=abort ;;
    committed) echo KAIROS_VARIANT=committed ;;
    *) echo "package-figures: unknown variant $1 (opt3, opt-s, opt-z, abort, committed)" >&2; exit 2 ;;
  esac
}

mib() { awk -v b="$1" 'BEGIN { printf "%.2f MiB", b / 1048576 }'; }

mkdir -p "$OUT"
for variant in $variants; do
  setting=$(variant_env "$variant")
  started=$SECONDS
  env "$setting" ./dev package
  mkdir -p "$OUT/$variant"
  cp "$TARGET"/release/bundle/deb/*.deb "$TARGET"/release/bundle/rpm/*.rpm "$OUT/$variant/"
  cp "$TARGET/release/kairos-app" "$TARGET/release/kairos" "$OUT/$variant/"
  echo "$((SECONDS - started))" > "$OUT/$variant/build-seconds"
done

echo
echo "== sizes ($OUT)"
for variant in $variants; do
  dir=$OUT/$variant
  [ -d "$dir" ] || continue
  printf '%-6s (%s, built in %ss)\n' "$variant" "$(variant_env "$variant")" "$(cat "$dir/build-seconds")"
  for file in "$dir"/*.deb "$dir"/*.rpm "$dir/kairos-app" "$dir/kairos"; do
    printf '    %-40s %10s bytes  %s\n' "$(basename "$file")" "$(stat -c %s "$file")" "$(mib "$(stat -c %s "$file")")"
  done
done

[ "$figures" = 1 ] || exit 0
# The committed profile's .deb: the last variant built is used when it is the only one.
deb=$(find "$TARGET/release/bundle/deb" -maxdepth 1 -name '*.deb' | head -n1)
[ -n "$deb" ] || { echo "package-figures: no release .deb under $TARGET/release/bundle/deb" >&2; exit 1; }
package=$(dpkg-deb -f "$deb" Package)
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
purge() { as_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q "$package" >/dev/null; }
trap purge EXIT
echo
echo "== the installed app ($deb)"
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" >/dev/null
cargo build --quiet -p kairos-harness --bin kairos-package-figures
"$TARGET/debug/kairos-package-figures" --accounts 500 --runs 5
