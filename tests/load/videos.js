// k6 load test of the year-video endpoints (docs/video.md) against a deployed environment: tests/load/README.md.
//   BASE_URL=https://staging.example TENANT=… EMAIL=… PASSWORD=… k6 run videos.js
// Each iteration asks for the year video (202; while one is in the making, the same one), reads its status, follows
// it with long polling until it has succeeded, downloads the MP4 (a 302 to a presigned object-storage link on S3,
// followed without the bearer token) and lists the videos. A film takes tens of seconds of CPU: keep VUS small.
import http from 'k6/http';
import { check, sleep } from 'k6';
import { Trend } from 'k6/metrics';
import { BASE_URL, authorized, logInEveryVu } from './lib/session.js';
import { backOff, waitForJob } from './lib/jobs.js';

export const options = {
  scenarios: {
    videos: {
      executor: 'constant-vus',
      vus: Number(__ENV.VUS || 3),
      duration: __ENV.DURATION || '5m',
    },
  },
  // Logging every VU in is paced under identity's login throttle.
  setupTimeout: '10m',
  thresholds: {
    // API calls (tagged kind "api"): not the download ("file"), the long polls ("wait") or signing in ("login").
    'http_req_duration{kind:api}': ['p(95)<200'],
    http_req_failed: ['rate<0.005'],
    checks: ['rate>0.99'],
  },
};

/** From the 202 to the succeeded status, in milliseconds. */
const videoJobDuration = new Trend('video_job_duration', true);

const VIDEOS = `${BASE_URL}/api/videos`;

export function setup() {
  return { sessions: logInEveryVu() };
}

export default function ({ sessions }) {
  // Half the VUs ask in Portuguese (the film's words, dates and voice follow Accept-Language).
  const language = __VU % 2 === 0 ? 'pt-BR' : 'en';
  // 429 is the tenant's cap on videos in the making: an answer the API is meant to give under load.
  const started = http.post(VIDEOS, JSON.stringify({ format: 'landscape' }), authorized(sessions, 'api', 'POST /api/videos', {
    headers: { 'Content-Type': 'application/json', 'Accept-Language': language },
    responseCallback: http.expectedStatuses(202, 429),
  }));
  if (started.status === 429) {
    backOff(started);
    return;
  }
  if (!check(started, { 'video: 202': (r) => r.status === 202, 'video: Location': (r) => !!r.headers.Location })) {
    return;
  }
  const video = `${VIDEOS}/${started.json('id')}`;
  const startedAt = Date.now();

  check(http.get(video, authorized(sessions, 'api', 'GET /api/videos/{id}')), { 'video status: 200': (r) => r.status === 200 });

  const done = waitForJob(sessions, video, 'GET /api/videos/{id}?wait=30');
  if (!check(done, { 'video: succeeded in time': (r) => r !== null && r.status === 200 && r.json('status') === 'succeeded' })) {
    return;
  }
  videoJobDuration.add(Date.now() - startedAt);

  // On S3 a 302 to a presigned link, fetched without the bearer token (the link is its own authorisation); on local
  // storage the MP4 itself.
  let content = http.get(`${video}/content`, authorized(sessions, 'file', 'GET /api/videos/{id}/content', { redirects: 0, responseType: 'none' }));
  if (content.status === 302) {
    content = http.get(content.headers.Location, { responseType: 'none', tags: { kind: 'file', name: 'video download' } });
  }
  check(content, {
    'mp4: 200': (r) => r.status === 200,
    'mp4: video/mp4': (r) => (r.headers['Content-Type'] || '').startsWith('video/mp4'),
  });

  check(http.get(VIDEOS, authorized(sessions, 'api', 'GET /api/videos')), { 'videos: 200': (r) => r.status === 200 });
  sleep(1);
}
