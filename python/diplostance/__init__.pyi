"""Type hints of the diplostance package."""

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, Literal

import pandas

__version__: Final[str]
DEFAULT_SEED: Final[int]
FEATURE_NAMES: Final[list[str]]
SCORE_NAMES: Final[tuple[str, str, str, str]]
DEFAULT_DYAD: Final[tuple[str, str]]

_Paths = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
_Dyad = tuple[str, str] | Sequence[str] | Sequence[tuple[str, str]]
_Document = Mapping[str, Any]

class DiplostanceError(ValueError):
    """Bad input: the message the command line would print (file, line, column or document)."""

class DiplostanceWarning(UserWarning):
    """A warning the command line would print."""

class Lexicon:
    """A lexicon: cues, modifiers and actors."""

    @staticmethod
    def load(paths: list[str | os.PathLike[str]] | str | os.PathLike[str]) -> Lexicon:
        """Load lexicon file(s) (TOML or YAML), as ``--lexicon`` does."""
    @staticmethod
    def builtin() -> Lexicon:
        """The built-in lexicon."""
    def checksum(self) -> str:
        """The checksum fitted models are tied to."""

def score(
    texts: Iterable[str | _Document],
    *,
    ids: Sequence[Any] | None = None,
    lexicon: Lexicon | None = None,
    dyad: _Dyad = ("Soviet Union", "Japan"),
    explain: bool = False,
    threads: int | None = None,
) -> list[dict[str, Any]]:
    """Score documents: the fields of ``diplostance score --format json``, one dict each (one
    per document and dyad, with a ``dyad`` field, when ``dyad`` is a list of several pairs)."""

def hits(
    text: str, *, lexicon: Lexicon | None = None, dyad: _Dyad = ("Soviet Union", "Japan")
) -> list[dict[str, Any]]:
    """The hits of one text."""

def read_corpus(
    paths: _Paths, *, lossy: bool = False, skip_bad: bool = False
) -> list[dict[str, Any]]:
    """Read a corpus (TEI, folders of .txt, JSONL, CSV/TSV manifests) as the command line does."""

def score_frame(
    df: pandas.DataFrame,
    text: str = "text",
    id: str = "id",
    *,
    lexicon: Lexicon | None = None,
    dyad: _Dyad = ("Soviet Union", "Japan"),
    threads: int | None = None,
    keep_text: bool = False,
) -> pandas.DataFrame:
    """Score a DataFrame: its columns, then scores, interval bounds and ``f_<feature>`` columns."""

def compare(
    ratings_files: _Paths,
    corpus: _Paths | None = None,
    *,
    scores: Iterable[_Document] | None = None,
    lexicon: Lexicon | None = None,
    dyad: _Dyad = ("Soviet Union", "Japan"),
    seed: int = ...,
    threads: int | None = None,
    lossy: bool = False,
) -> dict[str, Any]:
    """``diplostance compare --format json``."""

def eval(
    ratings_files: _Paths,
    corpus: _Paths,
    *,
    lexicon: Lexicon | None = None,
    dyad: _Dyad = ("Soviet Union", "Japan"),
    split: bool = False,
    seed: int = ...,
    threads: int | None = None,
    lossy: bool = False,
) -> dict[str, Any]:
    """``diplostance eval --format json``."""

def timeline(
    scores: Iterable[_Document],
    *,
    by: Literal["day", "week", "month", "quarter", "year"] = "month",
    events: str | os.PathLike[str] | None = None,
) -> dict[str, Any]:
    """``diplostance timeline --format json`` of scores already computed."""
