#!/usr/bin/env bash
# The fuzz test for longer than ./test.sh runs it: odd input on every route of Standalone (the OpenAPI
# document, the dojo hub, the identity pages, the OAuth endpoints) until the time is up, from a random
# seed unless one is given. It prints the seed first and, on failure, every failing request by route.
#   ./fuzz.sh                          10 minutes, random seed
#   ./fuzz.sh --seconds 3600           an hour
#   ./fuzz.sh --seed 1234              replay a seed (for as long as the run that printed it: pass its --seconds or --cases)
#   ./fuzz.sh --seed 20261203 --cases 30   exactly what ./test.sh sends
# See docs/problems.md, "What answers bad input".
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_prerequisites

export FUZZ_SECONDS=600 FUZZ_SEED=$((RANDOM * 32768 + RANDOM))
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) FUZZ_SECONDS="$2"; shift 2 ;;
    --seed) FUZZ_SEED="$2"; shift 2 ;;
    --cases) FUZZ_CASES="$2"; unset FUZZ_SECONDS; export FUZZ_CASES; shift 2 ;;
    --parallel) export FUZZ_PARALLEL="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

echo "fuzz: seed $FUZZ_SEED, ${FUZZ_SECONDS:+$FUZZ_SECONDS s}${FUZZ_CASES:+$FUZZ_CASES cases per route}" >&2
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build tests/Standalone.FunctionalTests -c Release --nologo -v quiet
exec dotnet test tests/Standalone.FunctionalTests -c Release --no-build --filter "FullyQualifiedName~Fuzz.FuzzTests" \
  --logger "console;verbosity=detailed"
