#!/usr/bin/env bash
# The dojo OT benchmark: replays real editing traces keystroke by keystroke through the C# OT engine
# and, in the same run, through ot.js under node, and prints a Markdown table of times and ops/s.
#   ./bench-dojo.sh                          traces in ../shared/data/editing-traces
#   ./bench-dojo.sh /path/to/editing-traces  a folder of *.json.gz traces (or trace files)
#   ./bench-dojo.sh --help                   every option (--latency, --runs, --out)
#   ./bench-dojo.sh --room-latency           the room benchmark instead: the dojo app on loopback over a throwaway
#                                            PostgreSQL, 50 editors typing 5 keystrokes/s in one room (light WebSocket
#                                            clients plus 3 SDK editors that must converge): offered vs accepted
#                                            submissions/s, p50/p95/p99 from submit to every other editor, CPU shares,
#                                            then +50 editors while p99 < 100 ms and not saturated
#                                            (./bench-dojo.sh --room-latency --help for its options)
#   ./bench-dojo.sh --actor-cost             the room actor's own cost per submission (the Dapr path without its
#                                            sidecar): DojoRoomActor under Dapr's test host, in-memory state
# See docs/performance.md ("Dojo OT engine", "Dojo room latency").
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
command -v dotnet >/dev/null 2>&1 || { echo "The .NET 10 SDK is required (https://dot.net); dotnet is not on PATH." >&2; exit 1; }

if [[ ${1:-} == --actor-cost ]]; then
  dotnet build tests/Dojo.Benchmarks/Dojo.Benchmarks.csproj -c Release --nologo -v quiet 1>&2
  exec dotnet tests/Dojo.Benchmarks/bin/Release/net10.0/PocTracker.Dojo.Benchmarks.dll "$@"
fi
if [[ ${1:-} == --room-latency ]]; then
  ensure_prerequisites >&2   # PostgreSQL's server binaries among them
  dotnet build tests/Dojo.Benchmarks/Dojo.Benchmarks.csproj -c Release --nologo -v quiet 1>&2
  exec dotnet tests/Dojo.Benchmarks/bin/Release/net10.0/PocTracker.Dojo.Benchmarks.dll "$@"
fi
ensure_node_prerequisites >&2
tests/ot-js/install.sh

# Without a traces argument, the shared folder beside the repository (options with a value skipped).
traces=0 help=0 previous=""
for argument in "$@"; do
  case "$argument" in
    --help|-h) help=1 ;;
    --latency|--runs|--out) ;;
    *) [[ $previous == --latency || $previous == --runs || $previous == --out ]] || traces=1 ;;
  esac
  previous="$argument"
done
if [ "$traces" -eq 0 ] && [ "$help" -eq 0 ]; then
  default="../shared/data/editing-traces"
  if [ ! -d "$default" ]; then
    echo "No traces folder given and $default does not exist. Usage: ./bench-dojo.sh TRACES_DIR" >&2
    exit 2
  fi
  set -- "$default" "$@"
fi

dotnet build tests/Dojo.Benchmarks/Dojo.Benchmarks.csproj -c Release --nologo -v quiet 1>&2
# The engine runs under the garbage collector the dojo app runs it under: server GC, the default of
# every ASP.NET Core app (apps/Dojo's runtimeconfig.json has "System.GC.Server": true). Under the
# console default (workstation GC) the same code is slower and far noisier: docs/performance.md has both.
# Only this mode: the room benchmark's load generator keeps the console default.
DOTNET_gcServer=${DOTNET_gcServer:-1} exec dotnet tests/Dojo.Benchmarks/bin/Release/net10.0/PocTracker.Dojo.Benchmarks.dll "$@"
