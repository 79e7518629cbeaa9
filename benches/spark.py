#!/usr/bin/env python3
"""Throughput of the Spark example's scoring against the command line, in the same run.

    .venv/bin/python benches/spark.py [--repeats 60] [--runs 3] [CORPUS.jsonl]

Times, on the same JSONL corpus (by default the 151 rated documents of ../shared and the
repository's seeds, repeated under new ids until the corpus is a few tens of MB):

* ``diplostance score --threads 1`` and ``--threads 2`` (``--format jsonl`` to a file);
* Spark ``local[1]`` and ``local[2]``: read the JSONL, score with ``mapInPandas`` calling
  ``diplostance.score_frame`` (what ``examples/spark_score.py`` runs), write the scores as
  Parquet. The session is started, and its Python workers warmed up on 200 documents, before
  the clock starts; the session's start-up time is reported apart.

Prints MB/s per program and the ratios to ``score --threads 1`` (the machine is shared:
compare ratios from the same run, not seconds across runs). Needs the package and
requirements-test.txt installed (scripts/test.sh does) and the release binary built.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "examples"))


def make_corpus(path: Path, repeats: int) -> None:
    import diplostance

    corpus = SHARED / "corpus"
    docs = diplostance.read_corpus(
        [corpus / "frus1938v03-soviet-japanese-border.xml", REPO / "corpus" / "seeds", corpus / "frus-1931-1941" / "texts"]
    )
    with path.open("w", encoding="utf-8") as f:
        for k in range(repeats):
            for d in docs:
                f.write(json.dumps(dict(d, id=f"{d['id']}-r{k}"), ensure_ascii=False) + "\n")


def time_cli(exe: Path, corpus: Path, threads: int, out: Path) -> float:
    t = time.perf_counter()
    subprocess.run(
        [str(exe), "score", str(corpus), "--format", "jsonl", "--threads", str(threads), "-q", "--out", str(out)],
        check=True,
    )
    return time.perf_counter() - t


def time_spark(spark, corpus: Path, out: Path) -> float:
    import spark_score

    t = time.perf_counter()
    df = spark_score.read_corpus(spark, [str(corpus)])
    scores = df.mapInPandas(spark_score.score_batches(1), spark_score.score_schema(df))
    scores.write.partitionBy("year").parquet(str(out))
    return time.perf_counter() - t


def spark_session(n: int):
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return (
        SparkSession.builder.master(f"local[{n}]")
        .appName(f"diplostance-bench-{n}")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("corpus", nargs="?", type=Path)
    p.add_argument("--repeats", type=int, default=60, help="copies of the 151 rated documents")
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    exe = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target")) / "release" / "diplostance"
    if not exe.exists():
        sys.exit(f"{exe} is missing: cargo build --release")
    work = Path(tempfile.mkdtemp(prefix="diplostance-spark-bench-"))
    try:
        corpus = args.corpus or work / "corpus.jsonl"
        if args.corpus is None:
            make_corpus(corpus, args.repeats)
        mb = corpus.stat().st_size / 1e6
        docs = sum(1 for _ in corpus.open(encoding="utf-8"))
        print(f"corpus: {corpus.name}, {docs} documents, {mb:.1f} MB; {args.runs} runs, medians")
        times: dict[str, float] = {}
        for n in (1, 2):
            runs = [time_cli(exe, corpus, n, work / f"cli{n}-{r}.jsonl") for r in range(args.runs)]
            times[f"diplostance score --threads {n}"] = statistics.median(runs)
        warm = work / "warm.jsonl"
        with corpus.open(encoding="utf-8") as f, warm.open("w", encoding="utf-8") as w:
            w.writelines(line for _, line in zip(range(200), f))
        for n in (1, 2):
            t0 = time.perf_counter()
            spark = spark_session(n)
            spark.sparkContext.setLogLevel("ERROR")
            startup = time.perf_counter() - t0
            # Python workers start and import the package on the first job: not timed
            time_spark(spark, warm, work / f"warm{n}")
            try:
                runs = [time_spark(spark, corpus, work / f"spark{n}-{r}") for r in range(args.runs)]
            finally:
                spark.stop()
            times[f"Spark local[{n}] mapInPandas"] = statistics.median(runs)
            print(f"Spark local[{n}] session start-up: {startup:.1f} s")
        base = times["diplostance score --threads 1"]
        print(f"\n| program | s | MB/s | GB/min | throughput / score --threads 1 |\n|---|---:|---:|---:|---:|")
        for name, t in times.items():
            print(f"| {name} | {t:.2f} | {mb / t:.1f} | {mb / t * 60 / 1000:.2f} | {base / t:.2f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
