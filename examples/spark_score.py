#!/usr/bin/env python3
"""Score a corpus on Spark with the diplostance Python package, then build the timeline (and
the agreement with analysts' ratings) on the driver from the scores.

    python examples/spark_score.py corpus.jsonl --out out/ [--hits] [--ratings A.csv ...]

The input is JSONL or Parquet (by extension, or a folder of either) with an ``id`` and a
``text`` column and any metadata (``date``, ``author``...). Each executor scores its
partitions with ``mapInPandas`` calling ``diplostance.score_frame``: the scores are those of
``diplostance score``, document for document. Written under ``--out``:

* ``scores/``: Parquet, partitioned by ``year`` (from ``date``; documents without a date go
  to Spark's default partition): the input's columns but the text, ``seq`` (the position in
  the input), then ``tokens``,
  ``sentences``, each score with its 90% bounds and each feature as ``f_<name>``;
* ``hits/`` (``--hits``): one row per hit, partitioned by year;
* ``timeline.json``: ``diplostance timeline --format json`` of the scores, built on the driver;
* ``agreement.json`` (``--ratings``): ``diplostance compare --format json`` with the scores
  as the analyst ``diplostance``.

``--out`` must not exist yet: nothing is overwritten. Runs in local mode by default
(``--master local[2]``); on a cluster, give the cluster's master URL (or submit the script with
``spark-submit``), with the package installed in the executors' Python. The executors use the
driver's Python unless ``PYSPARK_PYTHON`` says otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import diplostance

SCORE_NAMES = diplostance.SCORE_NAMES
FEATURES = diplostance.FEATURE_NAMES


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("inputs", nargs="+", help="JSONL or Parquet files or folders (id, text, metadata)")
    p.add_argument("--out", required=True, type=Path, help="output folder (must not exist)")
    p.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    p.add_argument("--hits", action="store_true", help="also write every hit")
    p.add_argument("--ratings", nargs="*", default=[], help="analysts' ratings (CSV) to compare with")
    p.add_argument("--by", default="month", help="timeline periods: day, week, month, quarter, year")
    p.add_argument("--threads", type=int, default=1, help="scoring threads per Python worker (default 1)")
    return p.parse_args(argv)


def read_corpus(spark, inputs: list[str]):
    """A DataFrame of the inputs (JSONL or Parquet, not mixed), with a ``year`` column."""
    from pyspark.sql import functions as F

    parquet = [i for i in inputs if i.endswith(".parquet") or _is_parquet_dir(i)]
    if parquet and len(parquet) != len(inputs):
        sys.exit("spark_score: give JSONL or Parquet inputs, not both")
    df = spark.read.parquet(*inputs) if parquet else spark.read.json(list(inputs))
    for col in ("id", "text"):
        if col not in df.columns:
            sys.exit(f'spark_score: the input has no "{col}" column (columns: {", ".join(df.columns)})')
    if "_corrupt_record" in df.columns:
        bad = df.filter(F.col("_corrupt_record").isNotNull()).select("_corrupt_record").limit(1).collect()
        if bad:
            sys.exit(f"spark_score: a line of the input is not JSON: {bad[0][0][:200]}")
    # the position in the input: the timeline's bootstrap takes documents in input order
    df = df.withColumn("id", F.col("id").cast("string")).withColumn("seq", F.monotonically_increasing_id())
    if "year" not in df.columns:
        year = F.substring(F.col("date").cast("string"), 1, 4).cast("int") if "date" in df.columns else F.lit(None)
        df = df.withColumn("year", year.cast("int"))
    return df


def _is_parquet_dir(path: str) -> bool:
    p = Path(path)
    return p.is_dir() and any(p.rglob("*.parquet"))


def score_schema(df):
    """The input's columns but the text, then what ``score_frame`` adds."""
    from pyspark.sql.types import DoubleType, LongType, StructField, StructType

    fields = [f for f in df.schema.fields if f.name != "text"]
    fields += [StructField("tokens", LongType()), StructField("sentences", LongType())]
    for s in SCORE_NAMES:
        fields += [StructField(n, DoubleType()) for n in (s, f"{s}_low", f"{s}_high")]
    fields += [StructField("trend", DoubleType())]
    fields += [StructField(f"f_{f}", DoubleType()) for f in FEATURES]
    return StructType(fields)


HIT_SCHEMA = (
    "id string, year int, sentence long, start long, end long, term string, text string, "
    "dimension string, base_weight double, weight double, level double, negated boolean, "
    "modifiers string, actors string, context string"
)


def score_batches(threads: int):
    """The function each executor runs on its batches: the package's ``score_frame``."""

    def run(batches: Iterator) -> Iterator:
        import diplostance as d

        for pdf in batches:
            yield d.score_frame(pdf, threads=threads)

    return run


def hit_batches(threads: int):
    """One row per hit, as ``score --explain --format csv`` has them."""

    def run(batches: Iterator) -> Iterator:
        import pandas as pd

        import diplostance as d

        cols = [f.split()[0] for f in HIT_SCHEMA.split(", ")]
        for pdf in batches:
            scored = d.score(pdf["text"].tolist(), ids=pdf["id"].tolist(), explain=True, threads=threads)
            rows = []
            for year, doc in zip(pdf["year"].tolist(), scored):
                for h in doc["hits"]:
                    mods = ";".join(f"{m['kind']}:{m['factor']}" for m in h["modifiers"])
                    rows.append(
                        [doc["id"], year, h["sentence"], h["start"], h["end"], h["term"], h["text"],
                         h["dimension"], h["base_weight"], h["weight"], h.get("level"), h["negated"],
                         mods, ";".join(h["actors"]), h["context"]]
                    )
            out = pd.DataFrame(rows, columns=cols)
            out["year"] = out["year"].astype("Int32")
            yield out

    return run


def score_dicts(rows) -> list[dict]:
    """The scores read back (small: no text) as the dicts of ``diplostance.score``, in input
    order, for the steps that run on the driver."""
    out = []
    for r in sorted(rows, key=lambda r: r["seq"]):
        d = {"id": r["id"], "tokens": r["tokens"], "sentences": r["sentences"]}
        if r.get("date") is not None:
            d["date"] = str(r["date"])
        d.update({s: r[s] for s in SCORE_NAMES})
        d["trend"] = r["trend"]
        d["interval"] = {s: {"low": r[f"{s}_low"], "high": r[f"{s}_high"]} for s in SCORE_NAMES}
        d["features"] = {f: r[f"f_{f}"] for f in FEATURES}
        out.append(d)
    return out


def write_json(path: Path, value: object) -> None:
    """Write all at once: a file that is there is complete."""
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8") as f:
        json.dump(value, f, indent=2, ensure_ascii=False)
        f.write("\n")
    os.replace(f.name, path)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.out.exists():
        sys.exit(f"spark_score: {args.out} exists; give a new folder (nothing is overwritten)")
    # the executors' Python must have the package: by default the driver's own
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(args.master)
        .appName("diplostance")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        df = read_corpus(spark, args.inputs)
        scores = df.mapInPandas(score_batches(args.threads), score_schema(df))
        scores.write.partitionBy("year").parquet(str(args.out / "scores"))
        if args.hits:
            hits = df.select("id", "text", "year").mapInPandas(hit_batches(args.threads), HIT_SCHEMA)
            hits.write.partitionBy("year").parquet(str(args.out / "hits"))
        cols = ["id", "seq", "tokens", "sentences", *(c for s in SCORE_NAMES for c in (s, f"{s}_low", f"{s}_high"))]
        cols += ["trend"] + [f"f_{f}" for f in FEATURES] + (["date"] if "date" in df.columns else [])
        back = spark.read.parquet(str(args.out / "scores")).select(*cols).collect()
        scored = score_dicts([r.asDict() for r in back])
    finally:
        spark.stop()
    write_json(args.out / "timeline.json", diplostance.timeline(scored, by=args.by))
    if args.ratings:
        write_json(args.out / "agreement.json", diplostance.compare(args.ratings, scores=scored))
    print(f"spark_score: scored {len(scored)} documents into {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
