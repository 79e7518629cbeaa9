"""Bad input raises DiplostanceError carrying the command line's message."""

from __future__ import annotations

import pandas as pd
import pytest

import diplostance
from diplostance import DiplostanceError
from conftest import ANALYSTS, TEI, run_cli


def cli_error(*args) -> str:
    p = run_cli(*args, check=False)
    assert p.returncode != 0
    return p.stderr


def test_bad_jsonl_line_names_file_line_and_column(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text('{"id": "a", "text": "Japan protested."}\n{"id": "b", "text": oops}\n', encoding="utf-8")
    with pytest.raises(DiplostanceError) as e:
        diplostance.read_corpus(f)
    msg = str(e.value)
    assert f"{f}:2:" in msg and "bad JSON" in msg
    assert msg in cli_error("score", f, "--format", "json")
    # skipped on request, with a warning, as the command line skips it
    with pytest.warns(diplostance.DiplostanceWarning, match="bad JSON"):
        docs = diplostance.read_corpus(f, skip_bad=True)
    assert [d["id"] for d in docs] == ["a"]


def test_missing_file_and_bad_lexicon_and_bad_ratings(tmp_path):
    with pytest.raises(DiplostanceError) as e:
        diplostance.read_corpus(tmp_path / "none.xml")
    assert "none.xml" in str(e.value)
    lex = tmp_path / "lex.toml"
    lex.write_text('format = 1\n[hostility]\ncues = [{ term = "war", weight = "heavy" }]\n', encoding="utf-8")
    with pytest.raises(DiplostanceError) as e:
        diplostance.Lexicon.load(lex)
    assert str(lex) in str(e.value)
    assert str(e.value) in cli_error("score", TEI, "--lexicon", lex)
    ratings = tmp_path / "r.csv"
    ratings.write_text("analyst,doc_id,hostility\nA,d1,eleven\n", encoding="utf-8")
    with pytest.raises(DiplostanceError) as e:
        diplostance.compare([ratings, *ANALYSTS])
    assert str(ratings) in str(e.value)
    assert str(e.value) in cli_error("compare", ratings, *ANALYSTS)


def test_bad_documents_and_arguments():
    with pytest.raises(DiplostanceError, match=r"texts:2 \[document 1\]: no text"):
        diplostance.score(["Japan protested.", "  "])
    with pytest.raises(DiplostanceError, match='unknown actor "Mars"'):
        diplostance.score(["Japan protested."], dyad=("Japan", "Mars"))
    with pytest.raises(DiplostanceError, match='unknown actor "Mars" in --dyad "Japan,Mars"'):
        diplostance.score(["x"], dyad=[("Japan", "China"), ("Japan", "Mars")])
    with pytest.raises(DiplostanceError, match="names the same pair"):
        diplostance.score(["x"], dyad=[("Japan", "China"), ("China", "Japan")])
    with pytest.raises(DiplostanceError, match="hits takes one dyad; got 2"):
        diplostance.hits("x", dyad=[("Japan", "China"), ("Japan", "Soviet Union")])
    with pytest.raises(DiplostanceError, match="2 ids for 1 texts"):
        diplostance.score(["x"], ids=["a", "b"])
    with pytest.raises(DiplostanceError, match="threads must be at least 1"):
        diplostance.score(["Japan protested."], threads=0)
    with pytest.raises(DiplostanceError, match='no column "body"'):
        diplostance.score_frame(pd.DataFrame({"id": [1], "text": ["x"]}), text="body")
    with pytest.raises(DiplostanceError, match=r'row 2 \[document 8\]: "text" is NoneType'):
        diplostance.score_frame(pd.DataFrame({"id": [7, 8], "text": ["Japan protested.", None]}))
    with pytest.raises(DiplostanceError, match="unknown period"):
        diplostance.timeline([], by="decade")
