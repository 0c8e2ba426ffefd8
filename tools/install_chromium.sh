#!/usr/bin/env bash
# Install Debian's Chromium for the browser check (tools/browser_check.py), if it is missing.
# Playwright drives this system browser (executable_path) instead of downloading its own.
set -euo pipefail
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  SUDO=
elif command -v sudo >/dev/null; then
  SUDO=sudo
else
  echo "install_chromium: $CHROMIUM is missing; install it as root: apt-get install -y chromium" >&2
  exit 1
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
