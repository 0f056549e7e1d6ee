#!/usr/bin/env bash
# Build the documentation site into OUTDIR with warnings as errors:
#   docs/build.sh OUTDIR        (needs the docs extra: pip install -e '.[docs]')
# PYTHON selects the interpreter (default: python3 on PATH, e.g. an activated venv's).
set -euo pipefail
if [ "$#" -ne 1 ]; then
  echo "usage: docs/build.sh OUTDIR" >&2
  exit 2
fi
docs="$(cd "$(dirname "$0")" && pwd)"
out="$1"
python="${PYTHON:-python3}"
doctrees="$(mktemp -d)"
trap 'rm -rf "$doctrees"' EXIT
# -W: every warning is an error; --keep-going: report all of them before failing; -E: a fresh
# environment (no stale pages); -q: print warnings only. The doctrees stay out of the site.
"$python" -m sphinx -W --keep-going -E -q -b html -d "$doctrees" "$docs" "$out"
echo "docs built into $out"
