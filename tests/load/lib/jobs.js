// Following a background job to its end with the API's long polling (`?wait=N`, 0–30 s): the time a job takes is
// measured on its own trend, never as an API call's latency (those requests are tagged kind "wait").
import http from 'k6/http';
import { sleep } from 'k6';
import { authorized } from './session.js';

/** How long one job may take before the iteration gives up on it (JOB_TIMEOUT_SECONDS, default 600). */
export const JOB_TIMEOUT_SECONDS = Number(__ENV.JOB_TIMEOUT_SECONDS || 600);

/** Polls `url?wait=30` until the job's status is succeeded or failed; the last answer, or null when it timed out. */
export function waitForJob(sessions, url, name) {
  const deadline = Date.now() + JOB_TIMEOUT_SECONDS * 1000;
  while (Date.now() < deadline) {
    const response = http.get(`${url}?wait=30`, authorized(sessions, 'wait', name));
    if (response.status !== 200) {
      return response;
    }
    const status = response.json('status');
    if (status === 'succeeded' || status === 'failed') {
      return response;
    }
  }
  return null;
}

/** After a 429: waits what Retry-After asks (at most a minute), as a client should. */
export function backOff(response) {
  sleep(Math.min(60, Number(response.headers['Retry-After'] || 30)));
}
