"""examples/spark_score.py on Spark in local mode: a few thousand documents (the 151 rated
documents repeated under new ids) scored on two executor threads give the command line's
scores for every document, and the driver's timeline and agreement equal the CLI's."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from conftest import REPO, RATINGS_1931, cli_json

REPEATS = 20  # 151 x 20 = 3,020 documents


@pytest.fixture(scope="module")
def corpus(rated_docs, tmp_path_factory):
    if shutil.which("java") is None:
        pytest.fail("Spark needs Java: apt-get install openjdk-17-jre-headless (.ci/run does)")
    docs = [dict(d, id=d["id"] if k == 0 else f"{d['id']}-r{k}") for k in range(REPEATS) for d in rated_docs]
    path = tmp_path_factory.mktemp("spark") / "corpus.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return path, docs


@pytest.fixture(scope="module")
def run(corpus):
    path, _ = corpus
    out = path.parent / "out"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    p = subprocess.run(
        [sys.executable, str(REPO / "examples" / "spark_score.py"), str(path), "--out", str(out),
         "--master", "local[2]", "--hits", "--ratings", *map(str, RATINGS_1931)],
        capture_output=True, text=True, env=env,
    )
    assert p.returncode == 0, p.stderr[-5000:]
    return out


def test_spark_scores_equal_the_cli_for_every_document(corpus, run):
    path, docs = corpus
    want = {d["id"]: d for d in cli_json("score", path)}
    got = pd.read_parquet(run / "scores")
    assert len(got) == len(docs) == len(want) == 151 * REPEATS
    assert got["id"].is_unique
    for r in got.to_dict("records"):
        w = want[r["id"]]
        assert (r["tokens"], r["sentences"]) == (w["tokens"], w["sentences"]), r["id"]
        for s in ("hostility", "rapprochement", "uncertainty", "tension"):
            # a document with nothing on the dyad: tension null in JSON, missing in Parquet
            assert (pd.isna(r[s]) if w[s] is None else r[s] == w[s]), (r["id"], s)
            assert (r[f"{s}_low"], r[f"{s}_high"]) == (w["interval"][s]["low"], w["interval"][s]["high"])
        assert {k[2:]: r[k] for k in r if k.startswith("f_")} == w["features"], r["id"]
        assert str(r["year"]) == w["date"][:4] if "date" in w else pd.isna(r["year"])
    years = {p.name for p in (run / "scores").iterdir() if p.name.startswith("year=")}
    assert {"year=1931", "year=1938", "year=1941"} <= years


def test_spark_hits_are_the_cli_hits(corpus, run):
    path, docs = corpus
    hits = pd.read_parquet(run / "hits")
    want = cli_json("score", path, "--explain")
    assert len(hits) == sum(len(d["hits"]) for d in want) > 0
    first = want[0]
    mine = hits[hits["id"] == first["id"]].sort_values("start")
    assert mine["term"].tolist() == [h["term"] for h in first["hits"]]
    assert mine["weight"].tolist() == [h["weight"] for h in first["hits"]]


def test_driver_timeline_and_agreement_equal_the_cli(corpus, run):
    path, _ = corpus
    timeline = json.loads((run / "timeline.json").read_text(encoding="utf-8"))
    assert timeline == cli_json("timeline", path)
    agreement = json.loads((run / "agreement.json").read_text(encoding="utf-8"))
    assert agreement == cli_json("compare", *RATINGS_1931, "--corpus", path)


def test_parquet_input_and_no_overwrite(corpus, run, tmp_path):
    path, docs = corpus
    small = tmp_path / "small.parquet"
    pd.DataFrame(docs[:200]).drop(columns=["notes"], errors="ignore").to_parquet(small)
    out = tmp_path / "out"
    cmd = [sys.executable, str(REPO / "examples" / "spark_score.py"), str(small), "--out", str(out)]
    p = subprocess.run(cmd, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr[-5000:]
    got = pd.read_parquet(out / "scores").set_index("id")
    want = {d["id"]: d for d in cli_json("score", path)}
    assert len(got) == 200
    for i, r in got.iterrows():
        t = want[i]["tension"]
        assert (pd.isna(r["tension"]) if t is None else r["tension"] == t), i
        assert r["f_trend"] == want[i]["features"]["trend"]
        w = want[i]["trend"]
        assert (pd.isna(r["trend"]) if w is None else r["trend"] == w), i
    again = subprocess.run(cmd, capture_output=True, text=True)
    assert again.returncode != 0 and "exists" in again.stderr
