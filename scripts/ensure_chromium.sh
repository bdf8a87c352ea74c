#!/usr/bin/env bash
# Make sure Debian's chromium is present for the browser tests (pip cannot install it).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "Browser tests need Debian's chromium: run 'sudo apt-get install -y chromium' once." >&2
    exit 1
fi
echo "Installing Debian chromium for the browser tests ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
command -v chromium >/dev/null
