#!/usr/bin/env bash
# Starts the whole product (Standalone: every app in one process, its own PostgreSQL, demo data).
# Usage: ./run.sh [port]   (default 5080)
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_prerequisites

port="${1:-5080}"
cat <<BANNER
PocTracker (Standalone) is starting on http://127.0.0.1:${port}
  API page:        http://127.0.0.1:${port}/docs
  OpenAPI:         http://127.0.0.1:${port}/openapi/v1.json
  Demo login:      organisation "demo", ana@demo.poctracker.dev (owner) or bruno@demo.poctracker.dev (member),
                   password jabuticaba-no-quintal-1987
  Access token:    T=\$(scripts/token.sh http://127.0.0.1:${port})
  Try:             curl -H "Authorization: Bearer \$T" "http://127.0.0.1:${port}/api/pocs?name=programacao"
Stop with Ctrl+C (PostgreSQL stops with it; data stays in .data/).
BANNER
# Published, not `dotnet run`: the web app is then trimmed and Brotli-compressed (3.3 MB on a first visit instead of
# 11.5 MB; docs/performance.md, "Web app"), as a container image serves it.
echo "Publishing Standalone to artifacts/standalone (a few minutes the first time) ..."
dotnet publish apps/Standalone/Standalone.csproj -c Release -o artifacts/standalone --nologo -v quiet
exec dotnet artifacts/standalone/PocTracker.Standalone.dll --demo --urls "http://127.0.0.1:${port}"
