#!/usr/bin/env bash
# Create .venv and install mentiondesk into it (once; again when pyproject.toml changes).
# Sourced by ./demo and ./test: sets VENV and PY.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
STAMP="$VENV/.installed-$1"
WANT="$(sha256sum "$ROOT/pyproject.toml" | cut -c1-16)"
if [ ! -x "$PY" ]; then
  echo "Setting up a virtual environment in .venv (first run only)…" >&2
  python3 -m venv "$VENV"
  "$PY" -m pip install --quiet --upgrade pip >&2
fi
if [ "$(cat "$STAMP" 2>/dev/null)" != "$WANT" ]; then
  echo "Installing mentiondesk ($1)…" >&2
  # torch is pinned: only this version exists as a CPU build on the machines we target.
  "$PY" -m pip install --quiet --disable-pip-version-check -e "$ROOT[$1]" >&2
  echo "$WANT" > "$STAMP"
fi
