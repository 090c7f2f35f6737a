// Signing in the way scripts/token.sh does (docs/identity.md): the authorization code flow with PKCE as the public
// client "poctracker-cli" (authorize → login page → form → code → token), then refreshing the access token (10 minutes)
// with its rotating refresh token. No password grant exists, so this is the only way a tool gets a token.
import http from 'k6/http';
import crypto from 'k6/crypto';
import encoding from 'k6/encoding';
import { check, fail, sleep } from 'k6';
import exec from 'k6/execution';

/** The gateway's origin of the environment under test, e.g. https://staging.poctracker.dev (no trailing slash). */
export const BASE_URL = (__ENV.BASE_URL || '').replace(/\/+$/, '');

const CLIENT_ID = 'poctracker-cli';
const REDIRECT_URI = 'http://127.0.0.1/callback';
const SCOPES = 'openid profile offline_access pocs reports video';
// identity throttles logins to 10 a minute per account and 30 per client IP (docs/identity.md, "Login protection").
const LOGINS_PER_MINUTE = 9;

/** The account every VU signs in as: TENANT (organisation slug), EMAIL, PASSWORD. */
function account() {
  const { TENANT, EMAIL, PASSWORD } = __ENV;
  if (!BASE_URL || !TENANT || !EMAIL || !PASSWORD) {
    fail('Set BASE_URL, TENANT, EMAIL and PASSWORD (tests/load/README.md).');
  }
  return { tenant: TENANT, email: EMAIL, password: PASSWORD };
}

function absolute(location) {
  return /^https?:\/\//.test(location) ? location : `${BASE_URL}${location.startsWith('/') ? '' : '/'}${location}`;
}

function redirectOf(response, step) {
  const location = response.headers.Location || response.headers.location;
  if (!(response.status >= 300 && response.status < 400) || !location) {
    fail(`${step}: expected a redirect, got ${response.status}`);
  }
  return location;
}

function tokens(response, step) {
  if (!check(response, { [`${step}: 200`]: (r) => r.status === 200 })) {
    fail(`${step}: ${response.status} ${response.body}`);
  }
  const body = response.json();
  return { accessToken: body.access_token, refreshToken: body.refresh_token, expiresAt: Date.now() + body.expires_in * 1000 };
}

/** One login through the code flow, in a cookie jar of its own (so each login is a new session). */
export function logIn() {
  const { tenant, email, password } = account();
  const jar = new http.CookieJar();
  const params = { jar, redirects: 0, tags: { kind: 'login' } };
  const verifier = encoding.b64encode(crypto.randomBytes(48), 'rawurl');
  const challenge = crypto.sha256(verifier, 'base64rawurl');

  // 1. Authorize, not signed in: identity sends us to its login page.
  const authorize = `${BASE_URL}/connect/authorize?client_id=${CLIENT_ID}&response_type=code`
    + `&scope=${encodeURIComponent(SCOPES)}&redirect_uri=${encodeURIComponent(REDIRECT_URI)}`
    + `&code_challenge=${challenge}&code_challenge_method=S256&state=load`;
  const loginUrl = absolute(redirectOf(http.get(authorize, { ...params, tags: { kind: 'login', name: 'authorize' } }), 'authorize'));

  // 2. The login form and its antiforgery token; ReturnUrl goes back as the page got it.
  const page = http.get(loginUrl, { ...params, tags: { kind: 'login', name: 'login page' } });
  const antiforgery = (/name="__RequestVerificationToken" value="([^"]*)"/.exec(page.body || '') || [])[1];
  if (!antiforgery) {
    fail(`login page: ${page.status}, no antiforgery token`);
  }
  const returnUrl = decodeURIComponent((/[?&]ReturnUrl=([^&]*)/i.exec(loginUrl) || [])[1] || '');
  const form = http.post(`${BASE_URL}/account/login`,
    { __RequestVerificationToken: antiforgery, returnUrl, tenant, email, password },
    { ...params, tags: { kind: 'login', name: 'login form' } });
  if (form.status === 429) {
    fail('login throttled (429): fewer VUs, or wait a minute (tests/load/README.md)');
  }
  const afterLogin = absolute(redirectOf(form, `login as ${email} in ${tenant}`));

  // 3. Back at authorize, signed in: the redirect to the loopback callback carries the code.
  const callback = redirectOf(http.get(afterLogin, { ...params, tags: { kind: 'login', name: 'authorize' } }), 'authorize after login');
  const code = (/[?&]code=([^&]*)/.exec(callback) || [])[1];
  if (!code) {
    fail(`no authorization code in ${callback}`);
  }

  // 4. The code and the PKCE verifier for the tokens.
  return tokens(http.post(`${BASE_URL}/connect/token`,
    { grant_type: 'authorization_code', client_id: CLIENT_ID, code: decodeURIComponent(code), redirect_uri: REDIRECT_URI, code_verifier: verifier },
    { tags: { kind: 'login', name: 'token' } }), 'token');
}

/**
 * For setup(): one session per VU, so each VU owns its refresh-token family (a refresh token is single-use: two VUs
 * refreshing one would look like a stolen token and revoke both). Paced under identity's login throttle.
 */
export function logInEveryVu() {
  const vus = Math.max(1, exec.instance.vusInitialized);
  const sessions = [];
  for (let i = 0; i < vus; i++) {
    if (i > 0 && i % LOGINS_PER_MINUTE === 0) {
      sleep(61);
    }
    sessions.push(logIn());
  }
  return sessions;
}

let current = null;

/** This VU's session (its own from setup's list), refreshed when its access token has less than a minute left. */
export function session(sessions) {
  if (current === null) {
    current = sessions[(exec.vu.idInTest - 1) % sessions.length];
  }
  if (current.expiresAt - Date.now() < 60 * 1000) {
    current = tokens(http.post(`${BASE_URL}/connect/token`,
      { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: current.refreshToken },
      { tags: { kind: 'login', name: 'refresh' } }), 'refresh');
  }
  return current;
}

/** Request parameters with the bearer token, tagged with what kind of request it is and a name without ids. */
export function authorized(sessions, kind, name, extra = {}) {
  return {
    ...extra,
    headers: { Authorization: `Bearer ${session(sessions).accessToken}`, ...(extra.headers || {}) },
    tags: { kind, name },
  };
}

