#!/usr/bin/env bash
# VADER against diplostance on the analysts' development set (69 documents: the shared FRUS
# TEI extract and the bundled seeds), for issue 7's target: diplostance's correlation with the
# analysts' mean at least twice VADER's.
#
# It runs, from the repository root:
#   python3 -m venv target/vader-venv                       (once)
#   target/vader-venv/bin/pip install vaderSentiment==3.3.2 (once, from PyPI)
#   cargo build --release
#   target/release/diplostance import frus $SHARED/corpus/frus1938v03-soviet-japanese-border.xml \
#       -o target/vader/dev.jsonl
#   target/release/diplostance score --format jsonl \
#       $SHARED/corpus/frus1938v03-soviet-japanese-border.xml corpus/seeds > target/vader/scores.jsonl
#   target/vader-venv/bin/python scripts/vader_compare.py --docs target/vader/dev.jsonl \
#       --seeds corpus/seeds --analysts $SHARED/corpus/analysts --scores target/vader/scores.jsonl \
#       --json target/vader/compare.json
# SHARED is ../shared unless DIPLOSTANCE_SHARED says otherwise; CARGO_TARGET_DIR is honoured for
# the binary, and DIPLOSTANCE_BIN names a binary to use instead of building one. Extra arguments are passed to `diplostance score` (e.g. --lexicon FILE).
# Exit status: 0 when the target is met, 1 when not, 2 when something could not run.
set -euo pipefail

cd "$(dirname "$0")/.."
SHARED="${DIPLOSTANCE_SHARED:-../shared}"
TEI="$SHARED/corpus/frus1938v03-soviet-japanese-border.xml"
ANALYSTS="$SHARED/corpus/analysts"
VENV=target/vader-venv
OUT=target/vader
BIN="${DIPLOSTANCE_BIN:-${CARGO_TARGET_DIR:-target}/release/diplostance}"

for f in "$TEI" "$ANALYSTS"; do
  [ -e "$f" ] || { echo "vader_compare: $f not found (set DIPLOSTANCE_SHARED)" >&2; exit 2; }
done

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV" || { echo "vader_compare: python3 -m venv failed (install python3-venv)" >&2; exit 2; }
fi
if ! "$VENV/bin/python" -c 'import vaderSentiment' 2>/dev/null; then
  "$VENV/bin/pip" install --quiet --disable-pip-version-check 'vaderSentiment==3.3.2' \
    || { echo "vader_compare: pip install vaderSentiment==3.3.2 failed (is PyPI reachable?)" >&2; exit 2; }
fi

mkdir -p "$OUT"
if [ -z "${DIPLOSTANCE_BIN:-}" ]; then
  cargo build --release --quiet
fi
"$BIN" import frus "$TEI" -o "$OUT/dev.jsonl" \
  || { echo "vader_compare: \`diplostance import frus ... -o\` failed" >&2; exit 2; }
"$BIN" score --format jsonl "$@" "$TEI" corpus/seeds > "$OUT/scores.jsonl" \
  || { echo "vader_compare: \`diplostance score --format jsonl\` failed" >&2; exit 2; }

set +e
"$VENV/bin/python" scripts/vader_compare.py --docs "$OUT/dev.jsonl" --seeds corpus/seeds \
  --analysts "$ANALYSTS" --scores "$OUT/scores.jsonl" --json "$OUT/compare.json"
status=$?
set -e
exit $status
