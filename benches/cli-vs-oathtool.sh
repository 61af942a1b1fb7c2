#!/usr/bin/env bash
# `kairos code` as a whole process (start, open the keyring vault, compute one code)
# against `oathtool --totp` for the same secret and instant, timed by hyperfine.
# Runs in a private D-Bus session with its own unlocked gnome-keyring; touches
# nothing of the user's. Usage: benches/cli-vs-oathtool.sh [path/to/kairos]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kairos=${1:-${CARGO_TARGET_DIR:-$root/target}/measure/kairos}
[ -x "$kairos" ] || { echo "build it first: cargo build --profile measure -p kairos-cli" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 1; }

if [ -z "${KAIROS_BENCH_INNER:-}" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/data" "$work/run" && chmod 700 "$work/run"
  exec env -i PATH="$PATH" HOME="$work" XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/run" \
    KAIROS_BENCH_INNER=1 KAIROS_DATA_DIR="$work/vault" \
    dbus-run-session -- "$0" "$kairos"
fi

# gnome-keyring creates its login keyring only when unlocked with a non-empty password.
printf %s bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null
sleep 1
secret=JBSWY3DPEHPK3PXP
"$kairos" add "otpauth://totp/Bench:one?secret=$secret" >/dev/null
at=1700000000
[ "$("$kairos" code --at $at --json | grep -o '"code": "[0-9]*"' | grep -o '[0-9]\{6\}')" = \
  "$(oathtool --totp -b $secret -N "@$at")" ] || { echo "kairos and oathtool disagree" >&2; exit 1; }
hyperfine -N --warmup 10 --runs 200 \
  "$kairos code --at $at" \
  "oathtool --totp -b $secret -N @$at"
