#!/usr/bin/env bash
# Install a real Request Tracker 5 (Debian packages, SQLite, standalone server) when missing.
# Used by the test set-up (tests/rt_server.py); needs root, as on the dev machines and in CI.
# Nothing is started or configured system-wide: each test session runs its own server.
set -euo pipefail
RT_SERVER=/usr/share/request-tracker5/libexec/rt-server
if [ -x "$RT_SERVER" ] && [ -x /usr/sbin/rt-setup-database ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "request-tracker5 is not installed and this is not root; install it with:" >&2
  echo "  apt-get install request-tracker5 rt5-db-sqlite rt5-standalone" >&2
  exit 3
fi
# Wait for another apt run (a colleague's, or unattended) rather than failing on the lock.
apt-get -o DPkg::Lock::Timeout=300 update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
  --no-install-recommends request-tracker5 rt5-db-sqlite rt5-standalone >&2
test -x "$RT_SERVER"
