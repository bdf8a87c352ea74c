#!/usr/bin/env bash
# Make sure Debian's chromium (browser tests) and nginx (the deploy config's `nginx -t` tests)
# are present: pip cannot install them.
set -euo pipefail
have_nginx() { command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; }
if command -v chromium >/dev/null 2>&1 && have_nginx; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "The tests need Debian's chromium and nginx: run 'sudo apt-get install -y chromium nginx' once." >&2
    exit 1
fi
echo "Installing Debian chromium and nginx for the tests ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core nginx >/dev/null
command -v chromium >/dev/null && have_nginx
