// The JSON API as the room's pages call it: a refusal becomes an ApiFailure carrying the
// server's code and its message in the page's language (voting/web/errors.py's body).
import { errorMessage } from './strings.js';

export class ApiFailure extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** `method` `path` under /api/conferences/<conference>, with `json` as the body and
 * `authorization` as the Authorization header; resolves with the parsed answer. */
export async function call(conference, path, { method = 'GET', json, authorization } = {}) {
  const headers = {};
  if (authorization) headers.Authorization = authorization;
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api/conferences/${conference}${path}`, {
    method,
    headers,
    body: json === undefined ? undefined : JSON.stringify(json),
    cache: 'no-store',
    credentials: 'omit', // no page of the room needs the session here: the header authenticates
  });
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiFailure(response.status, body?.error?.code ?? 'http_error', errorMessage(body) || response.statusText);
  }
  return body;
}

/** A key fingerprint's four groups of four hex digits, as the projector shows them. */
export function groupHex(hex, groups = 4) {
  return hex.slice(0, 4 * groups).match(/.{4}/g).join(' ');
}
