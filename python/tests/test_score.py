"""The Python package against the command line, document for document, on real text."""

from __future__ import annotations

import json
import threading

import pytest

import diplostance
from diplostance import _native
from conftest import RATED, SEEDS, TEI, TEXTS, cli_json, run_cli


@pytest.mark.parametrize(
    "path",
    [SEEDS, SEEDS / "manifest.tsv", TEI, TEXTS],
    ids=["seeds", "seeds-manifest", "tei1938", "frus1931-1941"],
)
@pytest.mark.parametrize("explain", [False, True], ids=["scores", "explain"])
def test_scores_equal_the_cli_json_for_every_document(path, explain):
    flags = ["--explain"] if explain else []
    want = cli_json("score", path, *flags)
    got = diplostance.score(diplostance.read_corpus(path), explain=explain)
    assert len(got) == len(want) > 0
    for g, w in zip(got, want):
        assert g == w, g["id"]
    assert all(("hits" in g) == explain for g in got)


def test_score_lines_are_the_cli_jsonl_bytes(rated_docs):
    """The native layer hands back the very lines `score --format jsonl` writes."""
    want = run_cli("score", *RATED, "--format", "jsonl", "--explain", "-q").stdout.splitlines()
    lines = [json.dumps(d, ensure_ascii=False) for d in rated_docs]
    got = _native.score_documents(lines, None, "Soviet Union,Japan", True, 1, "texts")
    assert got == want


def test_plain_texts_get_ids_and_hits_explain_the_scores():
    text = (
        "The Soviet Government protested to Japan against the border incident. "
        "Japan and the Soviet Union signed a fisheries agreement."
    )
    [d] = diplostance.score([text], ids=["x1"], explain=True)
    assert d["id"] == "x1"
    hits = diplostance.hits(text)
    assert hits == d["hits"]
    dims = {h["dimension"] for h in hits}
    assert {"hostility", "rapprochement"} <= dims
    for h in hits:
        assert text[h["start"] : h["end"]] == h["text"]
    assert d["hostility"] > 0 and d["rapprochement"] > 0


def test_another_dyad_and_a_lexicon_file_match_the_cli(tmp_path):
    lex = tmp_path / "lex.toml"
    lex.write_text(
        'format = 1\n[hostility]\ncues = [{ term = "border incident", weight = 2.0, level = 7 }]\n'
        '[rapprochement]\ncues = [{ term = "agreement", weight = 1.0 }]\n',
        encoding="utf-8",
    )
    want = cli_json("score", TEI, "--lexicon", lex, "--dyad", "Japan,China")
    got = diplostance.score(
        diplostance.read_corpus(TEI),
        lexicon=diplostance.Lexicon.load(lex),
        dyad=[("Japan", "China")],
    )
    assert got == want
    assert got != diplostance.score(diplostance.read_corpus(TEI))


def test_several_dyads_equal_the_cli_json():
    """A list of pairs scores each document once per pair, as --dyad given more than once."""
    pairs = [("Soviet Union", "Japan"), ("Japan", "China")]
    want = cli_json("score", TEXTS, "--dyad", "Soviet Union,Japan", "--dyad", "Japan,China")
    got = diplostance.score(diplostance.read_corpus(TEXTS), dyad=pairs)
    assert len(got) == 2 * 82
    assert got == want
    assert [g["dyad"] for g in got[:2]] == ["Soviet Union–Japan", "Japan–China"]
    d201 = {g["dyad"]: g for g in got if g["id"] == "frus1938v03-d201"}
    assert d201["Japan–China"]["hostility"] > d201["Soviet Union–Japan"]["hostility"]
    # one pair, alone or in a list: no dyad field
    assert "dyad" not in diplostance.score(["Japan protested."], dyad=[("Japan", "China")])[0]
    from conftest import RATINGS_1931

    with pytest.raises(diplostance.DiplostanceError, match="eval takes one dyad; got 2"):
        diplostance.eval(RATINGS_1931, TEXTS, dyad=pairs)


def test_compare_and_eval_equal_the_cli_json():
    from conftest import ANALYSTS, RATINGS_1931

    want = cli_json("compare", *RATINGS_1931, "--corpus", TEXTS)
    assert diplostance.compare(RATINGS_1931, TEXTS) == want
    assert diplostance.compare(RATINGS_1931, scores=diplostance.score(diplostance.read_corpus(TEXTS))) == want
    assert diplostance.compare(RATINGS_1931) == cli_json("compare", *RATINGS_1931)
    args = [a for r in ANALYSTS for a in ("--ratings", r)]
    want = cli_json("eval", *args, *RATED[:2], "--split")
    assert diplostance.eval(ANALYSTS, RATED[:2], split=True) == want
    assert want["documents"] == 69 and want["disagreement_hits"]


@pytest.mark.parametrize("by", ["month", "year"])
def test_timeline_of_scores_equals_the_cli(rated_docs, by):
    want = cli_json("timeline", *RATED, "--by", by)
    assert diplostance.timeline(diplostance.score(rated_docs), by=by) == want


def test_ten_thousand_documents_on_two_threads_equal_one_thread_and_the_cli(rated_docs, tmp_path):
    docs = [
        {**d, "id": f"{d['id']}-r{k}"} for k in range(67) for d in rated_docs
    ][:10_000]
    assert len(docs) == 10_000
    lines = [json.dumps(d, ensure_ascii=False) for d in docs]
    one = _native.score_documents(lines, None, "Soviet Union,Japan", False, 1, "texts")
    two = _native.score_documents(lines, None, "Soviet Union,Japan", False, 2, "texts")
    assert one == two
    corpus = tmp_path / "many.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cli = run_cli("score", corpus, "--format", "jsonl", "--threads", "2", "-q").stdout
    assert two == cli.splitlines()
    assert diplostance.score(docs[:300], threads=2) == [json.loads(x) for x in one[:300]]


def test_scoring_lets_other_python_threads_run(rated_docs):
    """Two Python threads score at once (the interpreter is released while scoring); each
    gets the results of scoring alone."""
    alone = diplostance.score(rated_docs, threads=1)
    results: dict[int, list] = {}

    def work(i: int) -> None:
        results[i] = diplostance.score(rated_docs, threads=1)

    ts = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert results[0] == alone and results[1] == alone
