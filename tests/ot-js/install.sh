#!/usr/bin/env bash
# Installs ot.js (the npm package `ot`, pinned by package-lock.json) into tests/ot-js/node_modules,
# the reference the dojo's OT engine is compared with by Dojo.UnitTests and bench-dojo.sh.
# Idempotent: does nothing when the pinned version is already there. Needs node and npm
# (Debian: nodejs npm; ./test.sh and ./bench-dojo.sh install them as root).
set -euo pipefail
cd "$(dirname "$0")"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "ot.js reference: '$tool' not found. Install the Debian packages nodejs and npm (./test.sh does so as root)." >&2
    exit 1
  fi
done

wanted="$(node -p "require('./package-lock.json').packages['node_modules/ot'].version")"
installed="$(node -p "try { require('./node_modules/ot/package.json').version } catch { '' }")"
if [ "$installed" != "$wanted" ]; then
  # --ignore-scripts: nothing from the registry runs at install time.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
fi
