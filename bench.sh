#!/usr/bin/env bash
# The POC search benchmark: seeds a throwaway PostgreSQL, drives GET /api/pocs over loopback HTTP
# and prints p50/p95/p99 and requests/s per query kind next to the same queries as raw SQL.
#   ./bench.sh                 full run: 1,000,000 POCs over 1,000 tenants
#   ./bench.sh --pocs 20000    quick run
#   ./bench.sh --help          every option
#   ./bench.sh identity        the login benchmark instead: code + PKCE login p50/p95/p99 over HTTP at a few
#                              concurrency levels, and access-token validation per request (BenchmarkDotNet);
#                              ./bench.sh identity --help for its options
#   ./bench.sh reports [N]     report streaming: N POCs (default 100,000) as CSV (time to first byte, memory)
#                              and as a PDF background job, against Standalone
#   ./bench.sh web [options]   the web app's budget: first load of / (bytes, time to the POC list, cold and warm)
#                              and the list's search times in Debian's Chromium against Standalone (--loads, --searches, --out)
#   ./bench.sh video [options] the year film: render + encode time, peak memory and ratio to the film's length
#                              for users with 10, 100 and 365 POCs (--pocs, --vertical, --culture, --preset, --keep DIR)
# See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")"

if [[ ${1:-} == video ]]; then
  shift
  dotnet build tests/Video.Benchmarks/Video.Benchmarks.csproj -c Release --nologo -v quiet 1>&2
  exec dotnet tests/Video.Benchmarks/bin/Release/net10.0/PocTracker.Video.Benchmarks.dll "$@"
fi

if [[ ${1:-} == web ]]; then
  shift
  source scripts/prerequisites.sh
  ensure_prerequisites
  ensure_browser_prerequisites
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  dotnet build tests/Web.Benchmarks/Web.Benchmarks.csproj -c Release --nologo -v quiet 1>&2
  # By default the figures are of what ./run.sh and an image serve: Standalone published (the web app trimmed and
  # compressed). --build-output measures what the browser tests run (dotnet build: untrimmed, nothing precompressed).
  if [[ " $* " == *" --build-output "* ]]; then
    args=()
    for a in "$@"; do [[ $a == --build-output ]] || args+=("$a"); done
    set -- "${args[@]}"
  else
    published=artifacts/standalone
    echo "Publishing Standalone to $published (the web app trimmed and compressed; a few minutes the first time) ..." >&2
    dotnet publish apps/Standalone/Standalone.csproj -c Release -o "$published" --nologo -v quiet 1>&2
    export POCTRACKER_STANDALONE_DLL="$PWD/$published/PocTracker.Standalone.dll"
  fi
  exec dotnet tests/Web.Benchmarks/bin/Release/net10.0/PocTracker.Web.Benchmarks.dll "$@"
fi

if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null && ! command -v initdb > /dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get > /dev/null; then
    echo "PostgreSQL server binaries not found; installing postgresql postgresql-contrib" >&2
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql postgresql-contrib >&2
  else
    echo "PostgreSQL server binaries (initdb) not found. Install the packages: postgresql postgresql-contrib" >&2
    exit 1
  fi
fi

if [[ ${1:-} == reports ]]; then
  shift
  exec scripts/bench-reports.sh "$@"
fi

if [[ ${1:-} == identity ]]; then
  shift
  dotnet build tests/Identity.Benchmarks/Identity.Benchmarks.csproj -c Release --nologo -v quiet 1>&2
  exec dotnet tests/Identity.Benchmarks/bin/Release/net10.0/PocTracker.Identity.Benchmarks.dll "$@"
fi

dotnet build tests/Pocs.Benchmarks/Pocs.Benchmarks.csproj -c Release --nologo -v quiet 1>&2
exec dotnet tests/Pocs.Benchmarks/bin/Release/net10.0/PocTracker.Pocs.Benchmarks.dll "$@"
