#!/usr/bin/env bash
# Compare `diplostance score` with the benchmark's peers on the 51 MB benchmark corpus, in one
# session, and print a table of MB/s, documents/s, peak memory and ratios.
#
# What it does:
#   1. builds the release binary and copies it to target/bench-bin/ (the copy is what is timed,
#      so a later build in a shared target folder cannot change it mid-run);
#   2. copies ../shared/bench to target/bench if missing (../shared is read-only), runs its
#      setup.sh if the virtual environment or the reference programs are missing, and
#      make-corpus.sh if the corpus is missing;
#   3. times, with the bench's run-bench.sh (hyperfine beside the stem+lookup baseline, GNU time
#      for peak memory): read+split (the limit), stem+lookup (the baseline), diplostance score on
#      one and on two threads (JSONL), NLTK, scikit-learn, and VADER with --with-vader;
#   4. counts instructions under callgrind on the 5 MB slice (diplostance one thread, read+split,
#      stem+lookup) and times `diplostance report` on the whole corpus;
#   5. prints the table (also written to target/bench/results/compare.md).
#
# Usage: benches/compare.sh [--runs N] [--sizes "quarter half full"] [--with-vader]
#                           [--no-peers] [--no-callgrind] [--no-report]
#   --no-peers times only read+split and diplostance (with the baseline beside each).
# The machine may be shared: read the ratios (measured beside the baseline in the same
# hyperfine invocation), not the seconds.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
BENCH_SRC="${BENCH_SRC:-$REPO/../shared/bench}"
BENCH="$REPO/target/bench"
RUNS=5
SIZES="quarter half full"
VADER=0
PEERS_PY=1
CALLGRIND=1
REPORT=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --sizes) SIZES="$2"; shift 2 ;;
    --with-vader) VADER=1; shift ;;
    --no-peers) PEERS_PY=0; shift ;;
    --no-callgrind) CALLGRIND=0; shift ;;
    --no-report) REPORT=0; shift ;;
    -h | --help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "compare: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

# 1. the binary
(cd "$REPO" && cargo build --release --quiet)
TARGET="${CARGO_TARGET_DIR:-$REPO/target}"
mkdir -p "$REPO/target/bench-bin"
BIN="$REPO/target/bench-bin/diplostance"
cp "$TARGET/release/diplostance" "$BIN"

# 2. the bench folder, its tools and the corpus
if [ ! -d "$BENCH" ]; then
  [ -d "$BENCH_SRC" ] || { echo "compare: no bench folder at $BENCH_SRC (set BENCH_SRC)" >&2; exit 1; }
  cp -r "$BENCH_SRC" "$BENCH"
  chmod -R u+w "$BENCH"
fi
if [ ! -x "$BENCH/.venv/bin/python" ] || [ ! -x "$BENCH/limit/target/release/readsplit" ] \
  || ! command -v hyperfine >/dev/null || ! command -v valgrind >/dev/null; then
  # the bench builds its reference programs into its own folders, where run-bench.sh looks
  # for them: a CARGO_TARGET_DIR meant for this project must not send them elsewhere
  env -u CARGO_TARGET_DIR "$BENCH/setup.sh"
fi
if [ ! -f "$BENCH/corpus/STATS.json" ]; then
  seeds=()
  [ -d "$REPO/../shared/seeds" ] && seeds=(--seeds "$REPO/../shared/seeds")
  "$BENCH/make-corpus.sh" "${seeds[@]}"
fi

# the project as two peers of run-bench.sh (one and two worker threads)
for t in 1 2; do
  cat > "$BENCH/peers/diplostance$t.sh" <<EOF
#!/usr/bin/env bash
# diplostance score, $t worker thread(s), JSONL (written by benches/compare.sh)
PROJECT_CMD='$BIN score {corpus} --threads $t --format jsonl --quiet --out {out}' \\
  exec "\$(dirname "\$0")/project.sh" "\$@"
EOF
  chmod +x "$BENCH/peers/diplostance$t.sh"
done

# 3. timings
cd "$BENCH"
rm -rf results
PEERS="readsplit stemlookup diplostance1 diplostance2"
[ "$PEERS_PY" = 1 ] && PEERS="$PEERS nltk sklearn"
[ "$VADER" = 1 ] && PEERS="$PEERS vader"
# the Python peers and read+split only on the whole corpus (their scaling is not the question)
./run-bench.sh --runs "$RUNS" --sizes "$SIZES" --peers "diplostance1 diplostance2" >/dev/null
./run-bench.sh --runs "$RUNS" --sizes full --peers "${PEERS/diplostance1 diplostance2/}" >/dev/null
.venv/bin/python summarize.py results > results/summary.md

# 4. instruction counts and the report
SLICE=corpus/subsets/slice5mb
cg() { # name, command...: instructions of one run under callgrind
  local name="$1"; shift
  valgrind --tool=callgrind --callgrind-out-file="results/callgrind-$name.out" "$@" \
    2>"results/callgrind-$name.log" >/dev/null
  grep -o 'Collected : [0-9]*' "results/callgrind-$name.log" | grep -o '[0-9]*$' > "results/callgrind-$name.ir"
}
if [ "$CALLGRIND" = 1 ]; then
  cg readsplit limit/target/release/readsplit "$SLICE"
  cg stemlookup limit/target/release/stemlookup "$SLICE" results/out/cg-stemlookup.csv --lexicon lexicon/cues.tsv
  cg diplostance1 "$BIN" score "$SLICE" --threads 1 --format jsonl --quiet --out results/out/cg-diplostance.jsonl
fi
if [ "$REPORT" = 1 ]; then
  for t in 1 2; do
    /usr/bin/time -v -o "results/report-t$t.time" \
      "$BIN" report corpus/docs --threads "$t" --quiet --out "results/out/report-t$t" 2>/dev/null
  done
fi

# 5. the table
.venv/bin/python - "$BENCH" <<'EOF' | tee results/compare.md
import json, math, re, sys
from pathlib import Path

bench = Path(sys.argv[1]); res = bench / "results"
stats = json.loads((bench / "corpus" / "STATS.json").read_text())
ORDER = ["slice5mb", "quarter", "half", "full"]

def run(peer, size):
    f = res / f"{peer}-{size}.json"
    if not f.exists():
        return None
    r = {x["command"]: x for x in json.loads(f.read_text())["results"]}
    return r.get(peer), r.get("baseline")

def rss(name):
    f = res / f"{name}.time"
    if not f.exists():
        return None
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read_text())
    return int(m.group(1)) / 1024 if m else None

def wall(name):
    f = res / f"{name}.time"
    m = f.exists() and re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", f.read_text())
    return (int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3))) if m else None

def cpu(name):
    f = res / f"{name}.time"
    if not f.exists():
        return None
    t = f.read_text()
    u = re.search(r"User time \(seconds\): ([\d.]+)", t); s = re.search(r"System time \(seconds\): ([\d.]+)", t)
    return float(u.group(1)) + float(s.group(1))

full = stats["full"]
rs = run("readsplit", "full")
# time of a peer relative to the baseline of its own hyperfine invocation; dividing two such
# ratios compares peers measured in different invocations through the shared baseline
rel = lambda p, b: p["median"] / b["median"]
rs_rel = rel(*rs) if rs else None
names = {"readsplit": "Rust read+split (the limit)", "stemlookup": "Rust stem+lookup (baseline)",
         "diplostance1": "diplostance score, 1 thread", "diplostance2": "diplostance score, 2 threads",
         "nltk": "NLTK Snowball + lexicon", "sklearn": "scikit-learn TF-IDF + k-means",
         "vader": "VADER"}
print(f"corpus: {full['documents']} documents, {full['bytes'] / 1e6:.2f} MB\n")
print("| program | MB/s | docs/s | CPU s / wall s | peak MiB | throughput / read+split | time / stem+lookup |")
print("|---|---:|---:|---:|---:|---:|---:|")
for peer, label in names.items():
    r = run(peer, "full")
    if not r or not r[0]:
        continue
    p, b = r
    t = p["median"]
    c = (p.get("user", 0) + p.get("system", 0)) / p["mean"] if p.get("mean") else float("nan")
    m = rss(f"{peer}-full")
    to_rs = f"{rs_rel / rel(p, b):.2f}" if rs_rel else ""
    print(f"| {label} | {full['bytes'] / 1e6 / t:.1f} | {full['documents'] / t:,.0f} | {c:.2f} | "
          f"{'' if m is None else f'{m:.0f}'} | {to_rs} | {rel(p, b):.3f} |")
d1, d2 = run("diplostance1", "full"), run("diplostance2", "full")
if d1 and d2:
    w = rel(*d1) / rel(*d2)
    c1 = d1[0]["user"] + d1[0]["system"]; c2 = d2[0]["user"] + d2[0]["system"]
    print(f"\ntwo threads vs one: {w:.2f}x throughput (wall, through the baseline); "
          f"CPU time {c2 / c1:.2f}x of one thread's")
for peer in ("diplostance1", "diplostance2"):
    pts = [(s, run(peer, s)) for s in ORDER if run(peer, s)]
    if len(pts) < 2:
        continue
    xs = [math.log(stats[s]["bytes"]) for s, _ in pts]; ys = [math.log(r[0]["median"]) for _, r in pts]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    mem = ", ".join(f"{s} {rss(f'{peer}-{s}'):.1f} MiB" for s, _ in pts if rss(f"{peer}-{s}"))
    print(f"\n{names[peer]}: time ~ size^{b:.3f} over {', '.join(s for s, _ in pts)}; peak memory {mem}")
irs = {n: int((res / f"callgrind-{n}.ir").read_text() or 0) for n in ("readsplit", "stemlookup", "diplostance1")
       if (res / f"callgrind-{n}.ir").exists()}
if irs:
    sb = stats["slice5mb"]["bytes"]
    print("\ninstructions per input byte (callgrind, 5 MB slice): " +
          ", ".join(f"{n} {v / sb:.0f}" for n, v in irs.items()))
for t in (1, 2):
    w, m, c = wall(f"report-t{t}"), rss(f"report-t{t}"), cpu(f"report-t{t}")
    if w:
        print(f"\ndiplostance report, whole corpus, {t} thread(s): {w:.2f} s wall, {c:.2f} s CPU, peak {m:.0f} MiB")
EOF
