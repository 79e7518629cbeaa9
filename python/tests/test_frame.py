"""score_frame: a pandas DataFrame in, the scores of `score --format csv` as columns out."""

from __future__ import annotations

import io

import pandas as pd
import pytest

import diplostance
from conftest import TEXTS, run_cli


@pytest.fixture(scope="module")
def frame():
    docs = diplostance.read_corpus(TEXTS)
    df = pd.DataFrame(docs)
    df["year"] = df["date"].str.slice(0, 4).astype(int)
    return df.set_index(pd.RangeIndex(1000, 1000 + len(df)))


def test_frame_columns_equal_the_cli_csv(frame):
    out = diplostance.score_frame(frame)
    cli = pd.read_csv(io.StringIO(run_cli("score", TEXTS, "--format", "csv", "-q").stdout), float_precision="round_trip")
    assert len(out) == len(cli) == 82
    assert list(out["id"]) == list(cli["id"])
    score_cols = [c for c in cli.columns if c in out.columns and c not in frame.columns]
    assert "tension_high" in score_cols and "f_trend" in score_cols and "tokens" in score_cols
    for c in score_cols:
        # a document with nothing on the dyad has no tension: NaN on both sides
        pd.testing.assert_series_equal(
            out[c].reset_index(drop=True), cli[c], check_names=False, check_dtype=False, obj=c
        )


def test_metadata_and_index_are_kept_and_text_dropped(frame):
    out = diplostance.score_frame(frame)
    assert out.index.equals(frame.index)
    for c in ["id", "date", "author", "year"]:
        assert out[c].equals(frame[c]), c
    assert "text" not in out.columns
    assert "text" in diplostance.score_frame(frame.head(3), keep_text=True).columns


def test_parquet_round_trip(frame, tmp_path):
    out = diplostance.score_frame(frame.drop(columns=["notes"], errors="ignore"))
    path = tmp_path / "scores.parquet"
    out.to_parquet(path)
    back = pd.read_parquet(path)
    pd.testing.assert_frame_equal(back, out)


def test_other_column_names(frame):
    renamed = frame.rename(columns={"text": "body", "id": "doc"})
    out = diplostance.score_frame(renamed, text="body", id="doc")
    pd.testing.assert_series_equal(out["tension"], diplostance.score_frame(frame)["tension"])


def test_several_dyads_repeat_each_row_with_a_dyad_column(frame):
    pairs = [("Soviet Union", "Japan"), ("Japan", "China")]
    out = diplostance.score_frame(frame, dyad=pairs)
    cli = pd.read_csv(
        io.StringIO(
            run_cli(
                "score", TEXTS, "--format", "csv", "-q", "--dyad", "Soviet Union,Japan", "--dyad", "Japan,China"
            ).stdout
        ),
        float_precision="round_trip",
    )
    assert len(out) == len(cli) == 2 * 82
    assert list(out.index) == [i for i in frame.index for _ in pairs]
    assert list(out["dyad"]) == list(cli["dyad"]) == ["Soviet Union–Japan", "Japan–China"] * 82
    assert list(out.columns).index("dyad") == len(frame.columns) - 1  # after the kept columns
    for c in ["id", "tension", "hostility", "f_trend"]:
        pd.testing.assert_series_equal(
            out[c].reset_index(drop=True), cli[c], check_names=False, check_dtype=False, obj=c
        )
    # the Soviet–Japanese rows are the one-dyad frame's
    alone = diplostance.score_frame(frame)
    sj = out[out["dyad"] == "Soviet Union–Japan"].drop(columns=["dyad"])
    pd.testing.assert_frame_equal(sj, alone)
