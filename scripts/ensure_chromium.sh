#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests when it is missing (CI runs as root on a
# fresh machine). Playwright drives this binary; never run `playwright install` (no downloads).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "chromium is missing: run as root, or: sudo apt-get install chromium" >&2
  exit 1
fi
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
