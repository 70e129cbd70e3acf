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
  echo "Installing mentiondesk ($1; about a minute the first time)…" >&2
  # The build backend's notices are noise for a user; the log keeps them for a failure.
  if ! "$PY" -m pip install --disable-pip-version-check -e "$ROOT[$1]" >"$VENV/install.log" 2>&1; then
    tail -n 30 "$VENV/install.log" >&2
    echo "Installing failed; the whole log is in $VENV/install.log" >&2
    exit 1
  fi
  echo "$WANT" > "$STAMP"
fi
