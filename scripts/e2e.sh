#!/usr/bin/env bash
# Runs the end-to-end suite (tests/EndToEnd) against a running PocTracker and prints a pass/fail summary.
# The suite talks HTTP (and the dojo's WebSocket) to BASE_URL only: Standalone (./run.sh, http://127.0.0.1:5080)
# or the gateway of `dapr run -f .` (http://127.0.0.1:5090, once /health/ready answers 200).
# Each test signs up an organisation of its own, so it can run against a server that already holds data.
# The account-deletion test reads the invitation mail from the identity app's outbox folder: set E2E_MAIL_OUTBOX
# when identity's Identity:MailOutbox is not its default ({temp}/poctracker-mail).
# Without E2E_BASE_URL (./test.sh) the suite starts a Standalone of its own instead.
# Usage: scripts/e2e.sh BASE_URL
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "Usage: scripts/e2e.sh BASE_URL   (e.g. http://127.0.0.1:5090 for dapr run -f ., http://127.0.0.1:5080 for ./run.sh)" >&2
  exit 2
fi

cd "$(dirname "$0")/.."
export E2E_BASE_URL="$1" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
project=tests/EndToEnd/EndToEnd.csproj
dll=tests/EndToEnd/bin/Release/net10.0/PocTracker.EndToEnd.dll

# Build only when the suite or what it compiles against changed: the apps under test may be running from the
# same build output (dapr run's `dotnet run --no-build`), which a needless build must not rewrite.
if [ ! -f "$dll" ] || [ -n "$(find tests/EndToEnd tests/TestSupport clients apps/Contracts libs \
      \( -name '*.cs' -o -name '*.csproj' \) -not -path '*/obj/*' -not -path '*/bin/*' -newer "$dll" -print -quit)" ]; then
  dotnet build "$project" -c Release
fi

curl -sS -o /dev/null --max-time 10 "${E2E_BASE_URL%/}/health/ready" \
  || { echo "Nothing answers at $E2E_BASE_URL/health/ready: start PocTracker first." >&2; exit 1; }

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
start=$SECONDS
dotnet test "$project" -c Release --no-build --logger "console;verbosity=normal" 2>&1 | tee "$log" || status=$?

echo
echo "End-to-end suite against $E2E_BASE_URL ($((SECONDS - start)) s):"
grep -E '^\s+(Passed|Failed) PocTracker\.EndToEnd\.' "$log" | sed -E 's/^\s+/  /' || true
passed=$(grep -cE '^\s+Passed PocTracker\.EndToEnd\.' "$log" || true)
failed=$(grep -cE '^\s+Failed PocTracker\.EndToEnd\.' "$log" || true)
echo "$passed passed, $failed failed"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  status=1
fi
exit "$status"
