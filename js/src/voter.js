// The voter's page: the card read from the URL fragment (never sent to the server) and kept for
// this tab until the ballot is receipted, and the ballot built in the Web Worker.
import { CardError, displayCode, parseCode } from './card-code.js';
import { WorkerClient } from './worker-client.js';

export { CardError, displayCode, parseCode, WorkerClient };

const STORAGE_KEY = 'voting.card';

/**
 * The card code for this tab: taken from the fragment (then removed from the address bar, so
 * it is not left in history or on screen) or, after a reload, from sessionStorage. Throws
 * CardError for a mistyped or foreign fragment; undefined when there is no card at all.
 */
export function takeCardCode() {
  const fragment = window.location.hash.slice(1);
  if (fragment) {
    history.replaceState(null, '', window.location.pathname + window.location.search);
    parseCode(fragment);
    sessionStorage.setItem(STORAGE_KEY, fragment);
    return fragment;
  }
  return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
}

/** Keep a typed code as a scanned one is kept (this tab only); refuses a mistyped one. */
export function keepCardCode(text) {
  parseCode(text);
  sessionStorage.setItem(STORAGE_KEY, text);
}

/** Forget the card once its ballot is receipted. */
export function forgetCard() {
  sessionStorage.removeItem(STORAGE_KEY);
}

/**
 * Build, prove and sign the ballot in the worker: `conference` is {conferenceId, fingerprint,
 * definition, jointKey (hex)} as the server publishes it after the opening; `choices` maps
 * section id → chosen candidate ids. Resolves with {ballot, receipt}.
 */
export async function buildBallot(worker, conference, cardCode, choices) {
  const { ballot, receipt } = await worker.request({ type: 'build', ...conference, cardCode, choices });
  return { ballot, receipt };
}
