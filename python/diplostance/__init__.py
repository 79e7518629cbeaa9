"""diplostance: explainable hostility, rapprochement, uncertainty and tension scores for
diplomatic reports, from Python.

The scoring is the Rust library's (the same code as the ``diplostance`` command): every
result here equals the command line's ``--format json`` output, document for document.
Scoring releases the interpreter and runs on all cores, or on ``threads`` workers; the
results are the same whatever the number.

    >>> import diplostance
    >>> diplostance.score(["Japan protested against the border incident."])[0]["tension"]
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from . import _native
from ._native import DEFAULT_SEED, FEATURE_NAMES, DiplostanceError, Lexicon, __version__

__all__ = [
    "DEFAULT_SEED",
    "FEATURE_NAMES",
    "SCALE_NAMES",
    "SCORE_NAMES",
    "DiplostanceError",
    "DiplostanceWarning",
    "Lexicon",
    "compare",
    "eval",
    "hits",
    "read_corpus",
    "score",
    "score_frame",
    "timeline",
    "__version__",
]

#: The four scores, in output order.
SCORE_NAMES = ("hostility", "rapprochement", "uncertainty", "tension")

DEFAULT_DYAD = ("Soviet Union", "Japan")


class DiplostanceWarning(UserWarning):
    """Something the command line would print as a warning (undated documents, replaced
    bytes, rated documents that were not scored...)."""


def _warn(messages: Iterable[str]) -> None:
    for m in messages:
        warnings.warn(m, DiplostanceWarning, stacklevel=3)


def _pair(pair: Any, given: Any) -> str:
    """The ``"A,B"`` form of one pair of actor names."""
    if isinstance(pair, str):
        raise DiplostanceError(
            f'dyad must be a pair of actors such as ("Soviet Union", "Japan"), not the string {pair!r}'
        )
    names = list(pair)
    if len(names) != 2 or not all(isinstance(p, str) for p in names):
        raise DiplostanceError(
            f'dyad must name two actors, e.g. ("Soviet Union", "Japan"); got {given!r}'
        )
    for p in names:
        if "," in p:
            raise DiplostanceError(f'an actor name cannot contain a comma: "{p}"')
    return f"{names[0]},{names[1]}"


def _dyads(dyad: Any) -> list[str]:
    """The ``"A,B"`` forms of a dyad given as one pair, or of a list of pairs."""
    if isinstance(dyad, str):
        return [_pair(dyad, dyad)]
    pairs = list(dyad)
    if pairs and all(not isinstance(p, str) for p in pairs):
        return [_pair(p, dyad) for p in pairs]
    return [_pair(pairs, dyad)]


def _dyad(dyad: Any, what: str) -> str:
    """The ``"A,B"`` form of the one dyad ``what`` works with."""
    pairs = _dyads(dyad)
    if len(pairs) != 1:
        raise DiplostanceError(f"{what} takes one dyad; got {len(pairs)} (score takes several)")
    return pairs[0]


def _paths(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def _documents(texts: Iterable[str | Mapping[str, Any]], ids: Sequence[Any] | None) -> list[str]:
    """Each document as the JSON object the JSONL reader takes (``id``, ``text``, metadata)."""
    texts = list(texts)
    if ids is not None and len(ids) != len(texts):
        raise DiplostanceError(f"{len(ids)} ids for {len(texts)} texts")
    out = []
    for i, t in enumerate(texts):
        if isinstance(t, str):
            doc_id = str(ids[i]) if ids is not None else str(i)
            out.append(json.dumps({"id": doc_id, "text": t}, ensure_ascii=False))
        elif isinstance(t, Mapping):
            if ids is not None:
                raise DiplostanceError("ids= is for plain texts; documents carry their own id")
            out.append(json.dumps(dict(t), ensure_ascii=False, default=str))
        else:
            raise DiplostanceError(
                f"texts, item {i + 1}: expected a string or a document dict, got {type(t).__name__}"
            )
    return out


def score(
    texts: Iterable[str | Mapping[str, Any]],
    *,
    ids: Sequence[Any] | None = None,
    lexicon: Lexicon | None = None,
    dyad: Any = DEFAULT_DYAD,
    explain: bool = False,
    threads: int | None = None,
    scale: str | os.PathLike[str] | None = None,
) -> list[dict[str, Any]]:
    """Score documents; one dict per document, in input order (per document and dyad when
    ``dyad`` is a list of several pairs: each document's in the order given, each dict with a
    ``dyad`` field such as ``"Japan–China"``).

    ``texts`` are strings (ids ``"0"``, ``"1"``... unless ``ids`` are given) or document
    dicts with ``id``, ``text`` and optional metadata, such as :func:`read_corpus` returns.
    Each result has exactly the fields of ``diplostance score --format json``: id,
    metadata, tokens, sentences, the four scores, ``interval`` (90% bounds of each score),
    ``features``, and with ``explain=True`` every hit. ``dyad`` is the pair of actors whose
    relations are measured, or a list of pairs (as ``--dyad`` given more than once). ``threads`` sets the number of workers (default: all cores);
    the results do not depend on it. With ``scale``, the path of a scale model
    (``models/scale.json``), each result also has ``hostility_scale`` ... ``trend_scale``: the
    scores on the codebook's scales, as ``score --scale`` gives them (None where the raw
    score is None). Raises :class:`DiplostanceError` on a document with no text, a missing
    id, an unknown actor, a scale model fitted with another lexicon.
    """
    docs = _documents(texts, ids)
    model = None if scale is None else os.fspath(scale)
    lines = _native.score_documents(docs, lexicon, _dyads(dyad), explain, threads, "texts", model)
    return [json.loads(line) for line in lines]


def hits(
    text: str, *, lexicon: Lexicon | None = None, dyad: Any = DEFAULT_DYAD
) -> list[dict[str, Any]]:
    """The hits of one text: term, dimension, weights, modifiers, actors, offsets, context."""
    _dyad(dyad, "hits")
    return score([text], lexicon=lexicon, dyad=dyad, explain=True)[0]["hits"]


def read_corpus(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    lossy: bool = False,
    skip_bad: bool = False,
) -> list[dict[str, Any]]:
    """Read a corpus as the command line does: FRUS TEI volumes (.xml), folders of .txt
    files (with front matter), JSONL files, CSV/TSV manifests. One dict per document (``id``,
    metadata, ``text``, ``notes``), in read order.

    A document that cannot be used raises :class:`DiplostanceError` with the command line's
    message (file, line, column, document); with ``skip_bad=True`` it is left out with a
    :class:`DiplostanceWarning` instead. ``lossy`` decodes text that is not UTF-8 with
    replacement characters.
    """
    docs, problems, warns = _native.read_corpus(_paths(paths), lossy)
    if problems and not skip_bad:
        raise DiplostanceError("\n".join(problems))
    _warn(problems)
    _warn(warns)
    return [json.loads(d) for d in docs]


def score_frame(
    df: Any,
    text: str = "text",
    id: str = "id",  # noqa: A002 - the column name, as in the command line's JSONL
    *,
    lexicon: Lexicon | None = None,
    dyad: Any = DEFAULT_DYAD,
    threads: int | None = None,
    keep_text: bool = False,
    scale: str | os.PathLike[str] | None = None,
) -> Any:
    """Score a pandas DataFrame with one document per row.

    Returns a DataFrame with the same index and the input's columns (the text column only
    with ``keep_text=True``), then ``tokens``, ``sentences``, each score with its interval
    bounds (``tension``, ``tension_low``, ``tension_high``...), ``trend`` (missing with the
    tension, for a document that says nothing about the dyad) and each feature as
    ``f_<name>``, as in ``diplostance score --format csv``; with ``scale`` (a scale model's
    path) the five codebook-scale columns after them, as ``score --scale``. With a list of
    several pairs as ``dyad``, each row is repeated once per pair (its index too), in the order
    given, with a ``dyad`` column before the scores.
    """
    import pandas as pd

    for col in (text, id):
        if col not in df.columns:
            raise DiplostanceError(f'no column "{col}" (columns: {", ".join(map(str, df.columns))})')
    texts = df[text].tolist()
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise DiplostanceError(
                f'row {i + 1} [document {df[id].iloc[i]}]: "{text}" is {type(t).__name__}, not text'
            )
    dyads = _dyads(dyad)
    scored = score(
        texts, ids=[str(x) for x in df[id].tolist()], lexicon=lexicon, dyad=dyad, threads=threads, scale=scale
    )
    columns = _score_columns(scored, several=len(dyads) > 1, scale=scale is not None)
    kept = df if keep_text else df.drop(columns=[text])
    if len(dyads) > 1:
        kept = kept.iloc[[i for i in range(len(kept)) for _ in dyads]]
    clash = [c for c in columns if c in kept.columns]
    if clash:
        raise DiplostanceError(f"the frame already has columns named {', '.join(clash)}")
    return pd.concat([kept, pd.DataFrame(columns, index=kept.index)], axis=1)


SCALE_NAMES = ("hostility_scale", "rapprochement_scale", "uncertainty_scale", "tension_scale", "trend_scale")


def _score_columns(scored: list[dict[str, Any]], several: bool = False, scale: bool = False) -> dict[str, list[Any]]:
    """Column-wise scores, interval bounds and features, in ``score --format csv`` order;
    ``several`` adds the dyad column first, ``scale`` the codebook-scale columns last."""
    cols: dict[str, list[Any]] = {"dyad": [d["dyad"] for d in scored]} if several else {}
    cols.update({"tokens": [], "sentences": []})
    for name in SCORE_NAMES:
        cols[name], cols[f"{name}_low"], cols[f"{name}_high"] = [], [], []
    cols["trend"] = []
    for f in FEATURE_NAMES:
        cols[f"f_{f}"] = []
    for d in scored:
        cols["tokens"].append(d["tokens"])
        cols["sentences"].append(d["sentences"])
        for name in SCORE_NAMES:
            cols[name].append(d[name])
            cols[f"{name}_low"].append(d["interval"][name]["low"])
            cols[f"{name}_high"].append(d["interval"][name]["high"])
        cols["trend"].append(d["trend"])
        for f in FEATURE_NAMES:
            cols[f"f_{f}"].append(d["features"][f])
    if scale:
        for n in SCALE_NAMES:
            cols[n] = [d[n] for d in scored]
    return cols


def _score_lines(scores: Iterable[Mapping[str, Any]]) -> list[str]:
    return [json.dumps(dict(s), default=str) for s in scores]


def _rated_run(
    command: str,
    ratings_files: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    lexicon: Lexicon | None,
    dyad: Any,
    seed: int,
    threads: int | None,
    lossy: bool,
) -> dict[str, Any]:
    """What compare and eval both pass to the native module: ratings and how to score."""
    return {
        "ratings": _paths(ratings_files),
        "lexicon": lexicon,
        "dyad": _dyad(dyad, command),
        "seed": seed,
        "threads": threads,
        "lossy": lossy,
    }


def compare(
    ratings_files: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    corpus: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = None,
    *,
    scores: Iterable[Mapping[str, Any]] | None = None,
    lexicon: Lexicon | None = None,
    dyad: Any = DEFAULT_DYAD,
    seed: int = DEFAULT_SEED,
    threads: int | None = None,
    lossy: bool = False,
) -> dict[str, Any]:
    """Agreement between analysts' ratings (CSV, see CODEBOOK.md), with the tool as one more
    analyst when a ``corpus`` (paths) or ``scores`` already computed (dicts of :func:`score`)
    are given: the result of ``diplostance compare --format json``.
    """
    lines = None if scores is None else _score_lines(scores)
    paths = None if corpus is None else _paths(corpus)
    run = _rated_run("compare", ratings_files, lexicon, dyad, seed, threads, lossy)
    text, warns = _native.compare_json(run, paths, lines)
    _warn(warns)
    return json.loads(text)


def eval(  # noqa: A001 - the command's name
    ratings_files: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    corpus: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    lexicon: Lexicon | None = None,
    dyad: Any = DEFAULT_DYAD,
    split: bool = False,
    seed: int = DEFAULT_SEED,
    threads: int | None = None,
    lossy: bool = False,
) -> dict[str, Any]:
    """How well the scores of ``corpus`` agree with analysts' ratings, dimension by dimension,
    with the human ceiling and the documents where they disagree most, with their hits: the
    result of ``diplostance eval --format json`` (``split=True`` adds the tune and check
    halves).
    """
    run = _rated_run("eval", ratings_files, lexicon, dyad, seed, threads, lossy)
    text, warns = _native.eval_json(run, _paths(corpus), split)
    _warn(warns)
    return json.loads(text)


def timeline(
    scores: Iterable[Mapping[str, Any]],
    *,
    by: str = "month",
    events: str | os.PathLike[str] | None = None,
) -> dict[str, Any]:
    """Tension over time from scores already computed (dicts of :func:`score`, e.g. collected
    from a cluster): periods of ``by`` (day, week, month, quarter, year) with means and
    intervals, as ``diplostance timeline --format json`` gives for the same documents.
    """
    ev = None if events is None else os.fspath(events)
    text, warns = _native.timeline_json(_score_lines(scores), by, ev)
    _warn(warns)
    return json.loads(text)
