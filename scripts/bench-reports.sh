#!/usr/bin/env bash
# Report streaming benchmark: starts Standalone on a throwaway data folder, imports N POCs into the
# demo organisation through POST /api/pocs/import, then measures
#   - the CSV download of all of them: time to first byte, total time, size, and the server's resident
#     memory before and at its peak during the download (is it streamed, does memory stay flat?);
#   - the PDF of all of them as a background job (it is over the synchronous limit): time until ready, size.
# Usage: scripts/bench-reports.sh [N]   (default 100000; called by ./bench.sh reports [N])
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
ensure_prerequisites

pocs="${1:-100000}"
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:${port}"
data="$(mktemp -d /tmp/poctracker-bench-reports.XXXXXX)"
chmod 755 "$data"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$data" "$work"
}
trap cleanup EXIT

dotnet build apps/Standalone -c Release --nologo -v quiet 1>&2
Standalone__DataDirectory="$data" Serilog__MinimumLevel__Default=Warning \
  dotnet apps/Standalone/bin/Release/net10.0/PocTracker.Standalone.dll --demo --urls "$base" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 240); do
  curl -fs "$base/health/ready" > /dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done
token="$(scripts/token.sh "$base")"
auth=(-H "Authorization: Bearer $token")

echo "Importing $pocs POCs (10,000 per request)..." >&2
started=$(date +%s.%N)
for ((first = 0; first < pocs; first += 10000)); do
  last=$(( first + 10000 < pocs ? first + 10000 : pocs ))
  awk -v a="$first" -v b="$last" 'BEGIN {
      split("csharp go rust python typescript java kotlin elixir", langs, " ")
      split("idea in-progress done dropped", statuses, " ")
      print "name,description,language,tags,status,startedOn"
      for (i = a; i < b; i++)
        printf "POC de benchmark %06d,\"Prova de conceito número %d, com acentuação\",%s,tag-%d;lote-%d,%s,2026-%02d-%02d\n",
               i, i, langs[i % 8 + 1], i % 50, i % 7, statuses[i % 4 + 1], i % 12 + 1, i % 28 + 1
    }' > "$work/import.csv"
  curl -fs "${auth[@]}" -H 'Content-Type: text/csv' --data-binary @"$work/import.csv" "$base/api/pocs/import" -o /dev/null
done
import_seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')

rss() { awk '/VmRSS/ { print $2 }' "/proc/$server_pid/status"; }
# The server is a dotnet process started by this script; its children (PostgreSQL) are not counted.
rss_before=$(rss)
curl -s "${auth[@]}" -o "$work/pocs.csv" -w '%{time_starttransfer} %{time_total} %{size_download} %{http_code}\n' \
  "$base/api/reports/pocs.csv" > "$work/csv.timing" &
curl_pid=$!
rss_peak=$rss_before
while kill -0 "$curl_pid" 2>/dev/null; do
  now=$(rss); (( now > rss_peak )) && rss_peak=$now
  sleep 0.05
done
wait "$curl_pid"
read -r ttfb total size code < "$work/csv.timing"
rows=$(( $(wc -l < "$work/pocs.csv") - 1 ))

started=$(date +%s.%N)
job=$(curl -fs "${auth[@]}" "$base/api/reports/pocs.pdf" | sed -E 's/.*"id":"([^"]+)".*/\1/')
status=""
while [[ $status != succeeded && $status != failed ]]; do
  body=$(curl -fs "${auth[@]}" "$base/api/reports/jobs/$job?wait=30")
  status=$(sed -E 's/.*"status":"([^"]+)".*/\1/' <<< "$body")
done
pdf_seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
link=$(sed -E 's/.*"downloadUrl":"([^"]+)".*/\1/' <<< "$body")
pdf_size=$(curl -fs "$link" | wc -c)

cat <<REPORT
## Report streaming ($(nproc) cores, $(date -u +%Y-%m-%d))

| measure | value |
| --- | --- |
| POCs imported (demo organisation, plus its 32) | $pocs in $import_seconds s |
| CSV: HTTP status, rows | $code, $rows lines (CSV rows; quoted cells may add lines) |
| CSV: time to first byte | $(awk -v t="$ttfb" 'BEGIN { printf "%.0f", t * 1000 }') ms |
| CSV: total time | $(awk -v t="$total" 'BEGIN { printf "%.1f", t }') s |
| CSV: size | $(( size / 1024 / 1024 )) MB |
| server resident memory before → peak during the download | $(( rss_before / 1024 )) MB → $(( rss_peak / 1024 )) MB |
| PDF of all of them, as a background job: until ready | $pdf_seconds s ($status) |
| PDF size | $(( pdf_size / 1024 / 1024 )) MB |
REPORT
