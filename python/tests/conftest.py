"""Shared paths and helpers: the repository, ../shared beside it, and the command line built by
`cargo build --release` (scripts/test.sh builds it before running these tests)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("DIPLOSTANCE_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"
TEI = CORPUS / "frus1938v03-soviet-japanese-border.xml"
SEEDS = SHARED / "seeds"
TEXTS = CORPUS / "frus-1931-1941" / "texts"
ANALYSTS = sorted((CORPUS / "analysts").glob("analyst-*.csv"))
RATINGS_1931 = sorted((CORPUS / "frus-1931-1941" / "ratings").glob("analyst-*.csv"))
#: The 151 rated documents: the 1938 TEI extract, the seeds (the repository's copy, whose front
#: matter gives the FRUS ids the ratings use), the 1931-1941 set.
RATED = [TEI, REPO / "corpus" / "seeds", TEXTS]


def cli_path() -> Path:
    if "DIPLOSTANCE_BIN" in os.environ:
        return Path(os.environ["DIPLOSTANCE_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    return target / "release" / "diplostance"


def run_cli(*args: str | os.PathLike[str], check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the command line; fails (never skips) when it has not been built."""
    exe = cli_path()
    if not exe.exists():
        pytest.fail(f"{exe} is missing: run `cargo build --release` (scripts/test.sh does)")
    p = subprocess.run(
        [str(exe), *map(str, args)], capture_output=True, text=True, encoding="utf-8"
    )
    if check and p.returncode != 0:
        pytest.fail(f"diplostance {' '.join(map(str, args))} exited {p.returncode}: {p.stderr}")
    return p


def cli_json(*args: str | os.PathLike[str]) -> object:
    return json.loads(run_cli(*args, "--format", "json", "-q").stdout)


@pytest.fixture(scope="session", autouse=True)
def shared_data() -> None:
    for p in [TEI, SEEDS, TEXTS, *ANALYSTS, *RATINGS_1931]:
        if not p.exists():
            pytest.fail(f"{p} is missing: the tests read ../shared beside the repository")


@pytest.fixture(scope="session")
def rated_docs() -> list[dict]:
    import diplostance

    docs = diplostance.read_corpus(RATED)
    assert len(docs) == 151
    return docs
