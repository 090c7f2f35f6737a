#!/usr/bin/env bash
# Sourced by run.sh, test.sh, fuzz.sh and bench-dojo.sh: makes sure what PocTracker needs from the machine is
# there. As root it installs what is missing with apt-get; otherwise it names the packages and stops.

require_packages() {
  local missing=("$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "PocTracker needs these packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

ensure_prerequisites() {
  local missing=()
  command -v dotnet >/dev/null 2>&1 || { echo "The .NET 10 SDK is required (https://dot.net); dotnet is not on PATH." >&2; exit 1; }
  # PostgreSQL server binaries (initdb, pg_ctl) and the contrib extensions (pg_trgm, unaccent, btree_gin).
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  compgen -G "/usr/share/postgresql/*/extension/pg_trgm.control" >/dev/null || missing+=(postgresql-contrib)
  # runuser (util-linux) runs PostgreSQL as the postgres user when we are root.
  command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
  # scripts/token.sh logs in with curl and computes the PKCE challenge with openssl.
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  # The PDF report draws and embeds DejaVu Sans, loaded from these files.
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] || missing+=(fonts-dejavu-core)
  # The year video: ffmpeg encodes the film (ffprobe checks it in tests), espeak-ng speaks the
  # narration, and the film's titles are set in Inter (DejaVu covers what Inter lacks).
  command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 || missing+=(ffmpeg)
  command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
  compgen -G "/usr/share/fonts/opentype/inter/Inter-*.otf" >/dev/null || missing+=(fonts-inter)
  require_packages "${missing[@]}"
}

# Node and npm, for test.sh and bench-dojo.sh only: the dojo's OT engine is tested and benchmarked
# against ot.js itself (tests/ot-js), which runs under node.
ensure_node_prerequisites() {
  local missing=()
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  require_packages "${missing[@]}"
}

# kubectl, for test.sh only: tests/Distributed.Tests renders manifests/overlays with `kubectl kustomize` (kustomize
# v5: replacements, unsetOnly namespaces). The Debian package kubectl comes from the Kubernetes apt repository
# (pkgs.k8s.io); bookworm's own kubernetes-client (1.20) is too old.
ensure_manifest_prerequisites() {
  local missing=()
  command -v kubectl >/dev/null 2>&1 || missing+=(kubectl)
  require_packages "${missing[@]}"
}

# Chromium, for test.sh only: tests/Web.BrowserTests drives Debian's /usr/bin/chromium with Playwright (no browser
# is ever downloaded).
ensure_browser_prerequisites() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  require_packages "${missing[@]}"
}
