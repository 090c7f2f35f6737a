#!/usr/bin/env bash
# Prints an access token for an account, obtained the way a native tool does: the authorization
# code flow with PKCE as the public client "poctracker-cli" (log in at the login page, take the
# code from the loopback redirect, exchange it). Defaults to the demo owner of `./run.sh`.
# Usage: scripts/token.sh [base-url] [tenant-slug] [email] [password]
set -euo pipefail
base="${1:-http://127.0.0.1:5080}"
tenant="${2:-demo}"
email="${3:-ana@demo.poctracker.dev}"
password="${4:-jabuticaba-no-quintal-1987}"
redirect="http://127.0.0.1/callback"

jar="$(mktemp)"
trap 'rm -f "$jar"' EXIT
http() { curl -sS --fail-with-body -c "$jar" -b "$jar" "$@"; }

verifier="$(openssl rand -base64 48 | tr -d '=+/\n')"
challenge="$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | openssl base64 -A | tr '+/' '-_' | tr -d '=')"

# 1. Authorize: not logged in yet, so the identity app sends us to its login page.
login_url="$(http -o /dev/null -w '%{redirect_url}' \
  "$base/connect/authorize?client_id=poctracker-cli&response_type=code&scope=openid%20profile%20offline_access%20pocs%20reports%20video%20identity&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback&code_challenge=$challenge&code_challenge_method=S256&state=cli")"
[ -n "$login_url" ] || { echo "authorize did not redirect to the login page" >&2; exit 1; }

# 2. The login form, with its antiforgery token; ReturnUrl goes back as it came (already encoded).
antiforgery="$(http "$login_url" | sed -n 's/.*name="__RequestVerificationToken" value="\([^"]*\)".*/\1/p')"
return_url="${login_url#*ReturnUrl=}"
after_login="$(http -o /dev/null -w '%{redirect_url}' \
  --data-urlencode "__RequestVerificationToken=$antiforgery" --data "returnUrl=$return_url" \
  --data-urlencode "tenant=$tenant" --data-urlencode "email=$email" --data-urlencode "password=$password" \
  "$base/account/login")"
[ -n "$after_login" ] || { echo "login failed for $email in $tenant" >&2; exit 1; }

# 3. Back at authorize, now logged in: redirected to the loopback callback with the code.
callback="$(http -o /dev/null -w '%{redirect_url}' "$after_login")"
code="$(printf '%s' "$callback" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p')"
[ -n "$code" ] || { echo "no authorization code in $callback" >&2; exit 1; }

# 4. Exchange the code (with the PKCE verifier) for tokens; print the access token.
http "$base/connect/token" -d grant_type=authorization_code -d client_id=poctracker-cli \
  --data-urlencode "code=$code" --data-urlencode "redirect_uri=$redirect" --data-urlencode "code_verifier=$verifier" \
  | tr -d '\n' | sed -n 's/.*"access_token": *"\([^"]*\)".*/\1/p'
