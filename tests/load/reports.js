// k6 load test of the report endpoints (docs/reports.md) against a deployed environment: tests/load/README.md.
//   BASE_URL=https://staging.example TENANT=… EMAIL=… PASSWORD=… k6 run reports.js
// Each iteration: the CSV download (streamed), a PDF as a background job (`async=true`: 202, long polling until it
// has succeeded, its 5-minute download link followed without the bearer token), the job's status and the job list.
import http from 'k6/http';
import { check, sleep } from 'k6';
import { Trend } from 'k6/metrics';
import { BASE_URL, authorized, logInEveryVu } from './lib/session.js';
import { backOff, waitForJob } from './lib/jobs.js';

export const options = {
  scenarios: {
    reports: {
      executor: 'constant-vus',
      vus: Number(__ENV.VUS || 5),
      duration: __ENV.DURATION || '3m',
    },
  },
  // Logging every VU in is paced under identity's login throttle.
  setupTimeout: '10m',
  thresholds: {
    // API calls (tagged kind "api"): not the downloads ("file"), the long polls ("wait") or signing in ("login").
    'http_req_duration{kind:api}': ['p(95)<200'],
    http_req_failed: ['rate<0.005'],
    checks: ['rate>0.99'],
  },
};

/** From the PDF job's 202 to its succeeded status, in milliseconds. */
const reportJobDuration = new Trend('report_job_duration', true);

const REPORTS = `${BASE_URL}/api/reports`;

export function setup() {
  return { sessions: logInEveryVu() };
}

export default function ({ sessions }) {
  const csv = http.get(`${REPORTS}/pocs.csv`, authorized(sessions, 'file', 'GET /api/reports/pocs.csv', { responseType: 'none' }));
  check(csv, {
    'csv: 200': (r) => r.status === 200,
    'csv: text/csv': (r) => (r.headers['Content-Type'] || '').startsWith('text/csv'),
  });

  // 429 is the per-user and per-tenant cap on reports in the making: an answer the API is meant to give under load.
  const started = http.get(`${REPORTS}/pocs.pdf?async=true`, authorized(sessions, 'api', 'GET /api/reports/pocs.pdf?async=true', {
    responseCallback: http.expectedStatuses(202, 429),
  }));
  if (started.status === 429) {
    backOff(started);
    return;
  }
  if (!check(started, { 'pdf job: 202': (r) => r.status === 202, 'pdf job: Location': (r) => !!r.headers.Location })) {
    return;
  }
  const job = `${REPORTS}/jobs/${started.json('id')}`;
  const startedAt = Date.now();

  check(http.get(job, authorized(sessions, 'api', 'GET /api/reports/jobs/{id}')), { 'job status: 200': (r) => r.status === 200 });

  const done = waitForJob(sessions, job, 'GET /api/reports/jobs/{id}?wait=30');
  if (!check(done, { 'pdf job: succeeded in time': (r) => r !== null && r.status === 200 && r.json('status') === 'succeeded' })) {
    return;
  }
  reportJobDuration.add(Date.now() - startedAt);

  // The link is its own authorisation (an S3 presigned GET, or /api/reports/downloads?token=…): no bearer token.
  const file = http.get(done.json('downloadUrl'), { responseType: 'none', tags: { kind: 'file', name: 'report download' } });
  check(file, {
    'pdf: 200': (r) => r.status === 200,
    'pdf: application/pdf': (r) => (r.headers['Content-Type'] || '').startsWith('application/pdf'),
  });

  check(http.get(`${REPORTS}/jobs`, authorized(sessions, 'api', 'GET /api/reports/jobs')), { 'jobs: 200': (r) => r.status === 200 });
  sleep(1);
}
