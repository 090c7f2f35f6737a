#!/usr/bin/env bash
# Runs every test: installs what is missing, builds (warnings are errors), runs each test project
# against a PostgreSQL the tests start themselves, and ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_prerequisites
ensure_node_prerequisites
ensure_manifest_prerequisites
ensure_browser_prerequisites

# PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: the browser tests use the machine's chromium, never a downloaded one.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
log="$(mktemp)"
# The compiler server (see below) is stopped on the way out, so nothing of the build outlives the run.
trap 'rm -f "$log"; dotnet build-server shutdown >/dev/null 2>&1 || true' EXIT

# UseSharedCompilation: one compiler server (VBCSCompiler) for the solution's ~50 compiles keeps the compiler and
# the analyzers loaded and JIT-compiled between them: a third less build time on a 2-core machine (docs/testing.md).
# Some machines turn it off in their environment (UseSharedCompilation=false); the property given here wins, and
# where the server cannot start, the build compiles in-process as before.
dotnet build PocTracker.sln -c Release -p:UseSharedCompilation=true
status=0
dotnet test PocTracker.sln -c Release --no-build 2>&1 | tee "$log" || status=$?

# One summary line per test project: "Passed!  - Failed: 0, Passed: 81, Skipped: 0, Total: 81, ..."
awk '
  /(Passed|Failed)! +- +Failed: / {
    for (i = 1; i <= NF; i++) {
      v = $(i + 1); gsub(/,/, "", v)
      if ($i == "Failed:") failed += v
      if ($i == "Passed:") passed += v
      if ($i == "Skipped:") skipped += v
    }
  }
  END {
    line = sprintf("%d passed, %d failed", passed, failed)
    if (skipped > 0) line = line sprintf(", %d skipped", skipped)
    print line
  }' "$log"
exit "$status"
