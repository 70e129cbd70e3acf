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
  # pyproject.toml asks for 3.11: an older python3 would make a .venv that never installs it.
  if ! FOUND="$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2]); sys.exit(sys.version_info < (3, 11))' 2>/dev/null)"; then
    echo "mentiondesk needs Python 3.11 or newer; python3 here is ${FOUND:-not found}." >&2
    echo "Install a newer Python 3 (with its venv module) and run this again." >&2
    exit 1
  fi
  echo "Setting up a virtual environment in .venv (first run only)…" >&2
  # A venv that fails half-way (no ensurepip: Debian's python3-venv missing) leaves a
  # bin/python behind, which the next run would take for a finished one.
  if ! python3 -m venv "$VENV"; then
    rm -rf "$VENV"
    echo "Could not make .venv with $(command -v python3) $FOUND: install its venv module" >&2
    echo "(Debian, Ubuntu: apt install python3-venv) and run this again." >&2
    exit 1
  fi
  "$PY" -m pip install --quiet --upgrade pip >"$VENV/install.log" 2>&1 || true
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
