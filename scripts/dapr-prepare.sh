#!/usr/bin/env bash
# Prepares a laptop for `dapr run -f .` (every app with its sidecar; docs/operations.md, "Running distributed on a
# laptop"): installs what is missing, builds the solution once in Release (the apps then start with
# `dotnet run --no-build`: parallel builds of shared projects race), starts a PostgreSQL in .data/dapr/postgres
# and leaves it running, provisions every app database with its three roles, and writes the git-ignored
# .data/dapr/secrets.json the secretstore component serves the apps from. Run it again at any time: the data
# stays, the passwords and the sidecars' token are new (restart `dapr run -f .` after it).
# Usage: scripts/dapr-prepare.sh          prepare (and start PostgreSQL)
#        scripts/dapr-prepare.sh stop     stop that PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
tool=tools/DaprPrepare/bin/Release/net10.0/PocTracker.DaprPrepare.dll
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

case "${1:-prepare}" in
  stop)
    [ -f "$tool" ] || dotnet build tools/DaprPrepare/DaprPrepare.csproj -c Release -v quiet
    exec dotnet "$tool" stop "$root"
    ;;
  prepare)
    source scripts/prerequisites.sh
    ensure_prerequisites
    command -v dapr >/dev/null 2>&1 || echo "Note: the Dapr CLI is not on PATH; install it and run 'dapr init' before 'dapr run -f .'." >&2
    dotnet build PocTracker.sln -c Release
    dotnet "$tool" prepare "$root"
    echo "Ready: dapr run -f .   (the gateway answers on http://127.0.0.1:5090; stop PostgreSQL with scripts/dapr-prepare.sh stop)"
    ;;
  *)
    echo "Usage: scripts/dapr-prepare.sh [stop]" >&2
    exit 2
    ;;
esac
