#!/usr/bin/env bash
# Time per MB of `score` on text with no sentence punctuation (what OCR output often looks like),
# from 1 KB to 50 MB: with sentences cut at MAX_SENTENCE_TOKENS and rules linear in a sentence's
# length, the time per MB stays flat. Prints size, seconds, seconds per MB, and the ratio of each
# size's time per MB to the 1 MB run of the same invocation.
# usage: benches/unpunctuated.sh [BIN]   (default target/release/diplostance)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/diplostance}
[ -x "$bin" ] || cargo build --release
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import random, sys
random.seed(7)
words = ["war", "not", "clash", "but", "however", "subsided", "grave", "Soviet", "Japan", "said",
         "may", "truce", "although", "the", "border", "of", "troops", "agreement", "and", "protest"]
for label, size in [("1k", 1 << 10), ("100k", 100 << 10), ("1m", 1 << 20), ("10m", 10 << 20), ("50m", 50 << 20)]:
    chunk = " ".join(random.choice(words) for _ in range(200_000)) + " "
    with open(f"{sys.argv[1]}/{label}.txt", "w") as f:
        n = 0
        while n < size:
            part = chunk[: size - n]
            f.write(part)
            n += len(part)
PY
printf '%-6s %10s %10s\n' size seconds s/MB
for label in 1k 100k 1m 10m 50m; do
  f="$dir/$label.txt"
  bytes=$(stat -c %s "$f")
  # three runs, the fastest
  best=""
  for _ in 1 2 3; do
    /usr/bin/time -f %e -o "$dir/t" "$bin" score --format jsonl "$f" >/dev/null 2>&1
    s=$(tail -1 "$dir/t")
    if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; fi
  done
  per=$(awk "BEGIN{printf \"%.4f\", $best / ($bytes / 1048576)}")
  printf '%-6s %10s %10s\n' "$label" "$best" "$per"
done | tee "$dir/out"
echo "time per MB relative to the 1 MB run (1k is mostly process start-up):"
awk '$1 == "1m" {b = $3} {row[NR] = $0; s[NR] = $3; n[NR] = $1} END {for (i = 1; i <= NR; i++) printf "  %-6s %.2f\n", n[i], s[i] / b}' "$dir/out"
