#!/usr/bin/env bash
# Write what the refactors must keep byte-identical into DIR: the report of the bundled corpus,
# `score --explain --format json` on the three shared corpora, and `eval` on the development set.
# Compare two snapshots with `diff -r`: scripts/snapshot.sh BIN DIR.
set -euo pipefail
bin=${1:?usage: scripts/snapshot.sh BIN DIR}
out=${2:?usage: scripts/snapshot.sh BIN DIR}
cd "$(dirname "$0")/.."
shared=../shared/corpus
mkdir -p "$out"
"$bin" report -o "$out/report" >/dev/null 2>&1
"$bin" score --explain --format json "$shared/frus1938v03-soviet-japanese-border.xml" >"$out/score-1938.json"
"$bin" score --explain --format json corpus/seeds >"$out/score-seeds.json"
"$bin" score --explain --format json "$shared/frus-1931-1941/texts" >"$out/score-decade.json"
"$bin" eval --split --ratings "$shared/analysts/analyst-A.csv" --ratings "$shared/analysts/analyst-B.csv" \
  --ratings "$shared/analysts/analyst-C.csv" "$shared/frus1938v03-soviet-japanese-border.xml" corpus/seeds \
  >"$out/eval.txt" 2>&1
"$bin" eval --ratings "$shared/frus-1931-1941/ratings/analyst-A.csv" --ratings "$shared/frus-1931-1941/ratings/analyst-B.csv" \
  --ratings "$shared/frus-1931-1941/ratings/analyst-C.csv" "$shared/frus-1931-1941/texts" >"$out/eval-decade.txt" 2>&1 || true
echo "snapshot in $out"
