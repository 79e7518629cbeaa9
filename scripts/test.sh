#!/usr/bin/env bash
# The whole test suite, one command: the Rust tests, then the Python package (built from this
# checkout into a virtual environment) and the Spark example, whose tests compare them with the
# command line built by the first step. `.ci/run` installs what a fresh machine lacks and
# calls this.
#
#   scripts/test.sh            # everything
#   DIPLOSTANCE_VENV=DIR       # where the virtual environment lives (default .venv)
#   PYTHON=python3.11          # the Python that creates it (3.11 or later)
set -euo pipefail
cd "$(dirname "$0")/.."

# also builds target/release/diplostance, the command line the Python tests compare with (a
# separate `cargo build` would rebuild the dependencies without the dev-dependencies' features)
cargo test --release

VENV=${DIPLOSTANCE_VENV:-.venv}
PY=${PYTHON:-python3}
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "scripts/test.sh: $PY is older than 3.11; set PYTHON to a newer one" >&2
    exit 1
  }
  "$PY" -m venv "$VENV" || {
    echo "scripts/test.sh: cannot create $VENV: apt-get install python3-venv" >&2
    exit 1
  }
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -r python/requirements-test.txt
# rebuilt from this checkout every time (incremental in python/target)
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps ./python

# the executors of the Spark tests run the same Python
export PYSPARK_PYTHON="$PWD/$VENV/bin/python"
set +e
"$VENV/bin/python" -m pytest python/tests -q -p no:cacheprovider
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "scripts/test.sh: pytest found no tests" >&2
  exit 1
fi
exit "$rc"
