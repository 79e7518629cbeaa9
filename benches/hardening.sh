#!/usr/bin/env bash
# Time and memory of the inputs that used to take minutes or gigabytes (issue 15): a lexicon of
# 100,000 entries, an endless input (/dev/zero), 100,000 threads asked for, and a YAML
# dictionary of 100,000 nested `[`. The tests (tests/it/hardening.rs) check what happens; this
# script measures how long it takes and how much memory it needs.
#
# Usage: benches/hardening.sh        (builds the release binary first)
# Needs GNU time (/usr/bin/time) for peak memory.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
cargo build --release --quiet --manifest-path "$REPO/Cargo.toml"
BIN="$REPO/target/release/diplostance"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT

{
  printf '[hostility]\ncues = [\n'
  for i in $(seq 0 99999); do printf '  { term = "zq%dx", weight = 1.0 },\n' "$i"; done
  printf ']\n'
} > "$T/big.toml"
{ printf 'hostility: '; head -c 100000 /dev/zero | tr '\0' '['; } > "$T/deep.yml"

measure() { # name, then the command; prints seconds, peak MB and exit code
  local name="$1"; shift
  /usr/bin/time -f '%e %M' -o "$T/time" "$@" >/dev/null 2>"$T/err" && rc=0 || rc=$?
  read -r secs kb < <(tail -1 "$T/time")
  printf '| %-44s | %7.2f s | %8.1f MB | %4s |\n' "$name" "$secs" "$(echo "$kb / 1024" | bc -l)" "$rc"
}

echo '| input                                        |    time   | peak memory | exit |'
echo '|----------------------------------------------|-----------|-------------|------|'
measure 'score with a lexicon of 100,000 cues'     "$BIN" score -q --lexicon "$T/big.toml"
measure 'score /dev/zero (default 64 MB limit)'    "$BIN" score /dev/zero
measure 'score /dev/zero --max-doc-bytes 1000000'  "$BIN" score --max-doc-bytes 1000000 /dev/zero
measure 'score --threads 100000'                   "$BIN" score --threads 100000
measure 'lexicon import of 100,000 nested ['      "$BIN" lexicon import "$T/deep.yml"
