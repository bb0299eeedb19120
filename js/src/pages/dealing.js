// Dealing voting cards at the check-in desk (design.md "Cards"): this browser makes the pool of
// card secrets, keeps it in IndexedDB until the opening and uploads only the public keys, sorted,
// in one batch. After each check-in it shows the next card — taken in a random order of its own,
// so the server's sorted list says nothing of who got which — and tells the server only that one
// more was dealt. Before the opening it returns the undealt keys, sorted; once voting is open
// it forgets everything.
import qrcode from 'qrcode-generator';
import { ready } from '../sodium.js';
import { cardFromCode, cardUrl, code as codeOf, displayCode, makePool, parseCode } from '../cards.js';
import * as keystore from '../keystore.js';

/** A uniformly random permutation (Fisher–Yates over crypto.getRandomValues). */
export function shuffled(items, random = (n) => crypto.getRandomValues(new Uint32Array(1))[0] % n) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** How many cards a pool holds: everyone convened and a margin for replacements. */
export function poolSize(convened) {
  return convened + Math.max(5, Math.ceil(convened / 5));
}

/** The card's QR code (an SVG element's markup), drawn here: the server never sees a secret. */
export function qrSvg(text) {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return qr.createSvgTag({ cellSize: 4, margin: 8, scalable: true });
}

export class Dealer {
  /** `api(path, options)`: the desk's API caller; `voteUrl`: the voter page's address. */
  constructor(conference, api, voteUrl) {
    this.conference = conference;
    this.api = api;
    this.voteUrl = voteUrl;
    this.key = `pool:${conference}`;
    this.pool = null; // {codes (dealing order), next, undealtSent}
  }

  async load() {
    await ready;
    this.pool = (await keystore.load(this.key)) ?? null;
    return this;
  }

  get left() {
    return this.pool ? this.pool.codes.length - this.pool.next : 0;
  }

  get undealtSent() {
    return Boolean(this.pool?.undealtSent);
  }

  /** A fresh pool when there is none or it is used up: uploaded first, then kept here. */
  async ensurePool(convened) {
    if (this.left > 0) return;
    const { secrets, publicKeys } = makePool(this.conference, poolSize(convened));
    const codes = shuffled(secrets.map((secret) => codeOf(secret)));
    await this.api('/cards/batches', { method: 'POST', json: { keys: publicKeys } });
    this.pool = { codes, next: 0, undealtSent: false };
    await keystore.save(this.key, this.pool);
  }

  /** The next card for the attendee in front of the desk: {url, display, qr}. The server hears
   * only "one more" (or "one more, replacing a lost card"). */
  async deal(convened, replacement = false) {
    await this.ensurePool(convened);
    await this.api('/cards/dealt', { method: 'POST', json: replacement ? { replacement: true } : {} });
    const text = this.pool.codes[this.pool.next];
    this.pool = { ...this.pool, next: this.pool.next + 1, undealtSent: false };
    await keystore.save(this.key, this.pool);
    const url = cardUrl(this.voteUrl, parseCode(text));
    return { url, display: displayCode(parseCode(text)), qr: qrSvg(url) };
  }

  /** Before the opening: the keys never dealt, sorted, to be voided (a new upload replaces the
   * last one, so this may be sent again after a late check-in). */
  async returnUndealt() {
    const keys = this.pool ? this.pool.codes.slice(this.pool.next).map((text) => cardFromCode(this.conference, text).publicHex).sort() : [];
    await this.api('/cards/undealt', { method: 'PUT', json: { keys } });
    if (this.pool) {
      this.pool = { ...this.pool, undealtSent: true };
      await keystore.save(this.key, this.pool);
    }
    return keys.length;
  }

  /** Voting is open: the secrets are of no more use here. */
  async forget() {
    this.pool = null;
    await keystore.forget(this.key);
  }
}
