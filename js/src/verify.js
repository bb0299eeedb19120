// The second verifier: docs/record.md's numbered checks in JavaScript, with the same crypto the
// phones run (libsodium-wrappers-sumo), so that a record is re-checked by code that shares
// nothing with the server's Python. voting/tally/verify.py makes the same checks under the same
// numbers; tests/unit/tally/test_js_verifier.py runs both on the same records and tampers and
// fails on any disagreement. The `/verify` page and the offline verify.html run this module.
import sodium from './sodium.js';
import { fromHexSized, frame, toHex, utf8 } from './bytes.js';
import { compareCodePoints, dumps, loads, sha256Hex } from './canonical.js';
import { aggregate, aggregateToJSON, ballotFromJSON, ballotHash, ballotListHash, conferenceFingerprint, definitionFromJSON, verifyBallot } from './ballot.js';
import { Transcript } from './dkg.js';
import { combine, countSignatureFromJSON, opened, partialFromJSON, verifyCountSignatures } from './decryption.js';
import { cardListHash } from './cards.js';
import { isPlainObject } from './json-shape.js';
import { evaluation, quorumMet, ruleSetFromRecord, selection, stepOf } from './rules.js';

export const FORMATS = { 'voting-record/v1': 1, 'voting-record/v2': 2, 'voting-record/v3': 3 };
export const SIGNATURE_TAG = 'voting/record/signature/v1';
const GENESIS = '0'.repeat(64);
const SHA256 = /^[0-9a-f]{64}$/;
const KEYS = [
  'format', 'conference', 'rule_set', 'ballot', 'positions', 'cards', 'frozen', 'committee', 'fingerprint', 'ballots',
  'ballot_list_hash', 'aggregate', 'partials', 'counts', 'count_signatures', 'evaluation', 'planned', 'selection',
  'decision', 'events', 'bundles', 'installation', 'signature',
];
const CONFERENCE = ['agency', 'timezone', 'id', 'title', 'procedure', 'step_title', 'held_on', 'place'];
const EVENT = ['actor', 'at', 'conference', 'data', 'hash', 'kind', 'prev', 'seq'];

/** How many numbered checks docs/record.md lists ("What a verifier checks"). */
export const CHECKS = 17;

export class RecordError extends Error {
  constructor(check, message) {
    super(message);
    this.check = check;
  }
}

/** The installation key's (or a committee key's) fingerprint: the first 16 hex digits of
 * SHA-256 of its 32 bytes, in groups of four. */
export function keyFingerprint(publicHex) {
  const digest = toHex(sodium.crypto_hash_sha256(fromHexSized(publicHex, 32)));
  return digest.slice(0, 16).match(/.{4}/g).join(' ');
}

/** Whether a receipt (the first hex digits of a ballot hash, any case and spacing; at least
 * 16) names a ballot of `hashes`. */
export function receiptListed(receipt, hashes) {
  const wanted = receipt.replace(/\s+/g, '').toLowerCase();
  if (!/^[0-9a-f]{16,64}$/.test(wanted)) return null;
  return hashes.some((hash) => hash.startsWith(wanted));
}

/**
 * Check the record's bytes (a Uint8Array) and return its summary, or throw RecordError with
 * the number of the first failing check. `ruleSetSchema`: docs/rule-set.schema.json, parsed;
 * `key`: the installation key to pin (hex); `onCheck(number)` is awaited after each check
 * passes (the page shows it).
 */
export async function verifyRecord(bytes, { ruleSetSchema, key = null, onCheck = async () => {} }) {
  if (!ruleSetSchema) throw new TypeError('verifyRecord needs the rule-set schema');
  const checker = new Checker(bytes, key, ruleSetSchema);
  for (let number = 1; number <= CHECKS; number++) {
    checker.run(number);
    await onCheck(number);
  }
  return checker.summary();
}

class Checker {
  constructor(bytes, key, schema) {
    this.bytes = bytes;
    this.pinned = key;
    this.schema = schema;
  }

  run(number) {
    try {
      this[`check${number}`]();
    } catch (error) {
      if (error instanceof RecordError) throw error;
      throw new RecordError(number, error.message);
    }
  }

  fail(number, message) {
    return new RecordError(number, message);
  }

  check1() {
    const d = loads(this.bytes);
    if (!isPlainObject(d) || !exactly(d, KEYS)) throw this.fail(1, 'the file does not have the fields of a conference record');
    if (!Object.hasOwn(FORMATS, d.format)) throw this.fail(1, `unknown record format ${JSON.stringify(d.format)}`);
    this.d = d;
    this.version = FORMATS[d.format];
  }

  check2() {
    const { installation, signature } = this.d;
    if (!isPlainObject(installation) || !exactly(installation, ['public_key'])) throw this.fail(2, 'installation: expected exactly {public_key}');
    const publicKey = installation.public_key;
    if (typeof publicKey !== 'string' || !SHA256.test(publicKey)) throw this.fail(2, 'installation: the public key is not 64 lowercase hex digits');
    // Typed from the printed minutes: spaces (anywhere) and case do not matter.
    if (this.pinned !== null && publicKey !== this.pinned.replace(/\s+/g, '').toLowerCase()) {
      throw this.fail(2, `the record is signed by installation key ${publicKey}, not the expected ${this.pinned}`);
    }
    if (typeof signature !== 'string' || !/^[0-9a-f]{128}$/.test(signature)) throw this.fail(2, 'signature: not 128 lowercase hex digits');
    const unsigned = Object.fromEntries(Object.entries(this.d).filter(([k]) => k !== 'signature'));
    const message = frame(utf8(SIGNATURE_TAG), dumps(unsigned));
    if (!sodium.crypto_sign_verify_detached(fromHexSized(signature, 64), message, fromHexSized(publicKey, 32))) {
      throw this.fail(2, "the installation's signature does not verify");
    }
    this.publicKey = publicKey;
  }

  check3() {
    const c = this.d.conference;
    if (!isPlainObject(c) || !exactly(c, [...CONFERENCE, 'step'])) throw this.fail(3, `conference: expected ${CONFERENCE.join(', ')} and step`);
    if (!CONFERENCE.every((k) => typeof c[k] === 'string')) throw this.fail(3, 'conference: text fields are strings');
    if (!Number.isSafeInteger(c.step)) throw this.fail(3, 'conference: step is an integer');
    try {
      new Intl.DateTimeFormat('en', { timeZone: c.timezone });
    } catch {
      throw this.fail(3, `conference: unknown time zone ${c.timezone}`);
    }
    if (!isDate(c.held_on)) throw this.fail(3, `conference: held_on ${c.held_on} is not a date YYYY-MM-DD`);
    this.conference = c;
    this.rules = ruleSetFromRecord(this.d.rule_set, this.schema);
    this.step = stepOf(this.rules, c.procedure, c.step);
    if (!this.step.threshold) throw this.fail(3, 'conference: the step holds no ballot');
    if (c.step_title !== this.step.title) throw this.fail(3, "conference: step_title is not the rule set's title of the step");
  }

  check4() {
    const d = this.d;
    this.definition = definitionFromJSON(d.ballot);
    if (this.step.ballot === 'removal') {
      for (const s of this.definition.sections) {
        if (s.quota !== s.candidates.length) throw this.fail(4, `ballot: section ${s.id} of a removal ballot has quota ${s.quota}, not its ${s.candidates.length} candidates`);
      }
    }
    this.cadres = positionsOf(d.positions, this.definition);
    const cards = d.cards;
    if (!isPlainObject(cards) || !exactly(cards, ['keys', 'voided', 'dealt', 'replaced', 'undone'])) throw new Error('cards: expected keys, voided, dealt, replaced and undone');
    if (![cards.dealt, cards.replaced, cards.undone].every(whole)) throw new Error('cards: dealt, replaced and undone are whole numbers');
    for (const name of ['keys', 'voided']) {
      const list = cards[name];
      if (!Array.isArray(list) || !list.every((k) => typeof k === 'string')) throw new Error(`cards: ${name} is a list of keys`);
      if (list.some((k, i) => i > 0 && compareCodePoints(list[i - 1], k) >= 0)) throw new Error(`cards: ${name} are not sorted and distinct`);
    }
    if (!cards.keys.every((k) => SHA256.test(k))) throw new Error('cards: a card key is not 64 lowercase hex digits');
    const keys = new Set(cards.keys);
    if (!cards.voided.every((k) => keys.has(k))) throw new Error('cards: a voided card is not on the card list');
    this.keys = cards.keys;
    this.voided = cards.voided;
    const f = d.frozen;
    if (!isPlainObject(f) || !exactly(f, ['convened', 'present'])) throw new Error('frozen: expected convened and present');
    if (!Number.isSafeInteger(f.convened) || !Number.isSafeInteger(f.present)) throw new Error('frozen: convened and present are integers');
    if (!(f.present >= 0 && f.present <= f.convened)) throw new Error(`frozen: present ${f.present} is not between 0 and convened ${f.convened}`);
    this.convened = f.convened;
    this.present = f.present;
  }

  check5() {
    if (!quorumMet(this.rules, this.present, this.convened)) {
      throw this.fail(5, `frozen: present ${this.present} of convened ${this.convened} is below the quorum ${this.rules.quorum}`);
    }
  }

  check6() {
    const { dealt, replaced } = this.d.cards;
    if (this.keys.length - this.voided.length !== dealt + replaced) {
      throw this.fail(6, `cards: ${this.keys.length} cards − ${this.voided.length} voided ≠ ${dealt} dealt + ${replaced} replaced`);
    }
  }

  check7() {
    this.transcript = Transcript.fromJSON(this.d.committee);
    if (this.transcript.ceremony.conferenceId !== this.conference.id) throw this.fail(7, 'committee: the key ceremony is for another conference');
  }

  check8() {
    this.fingerprint = conferenceFingerprint(this.conference.id, {
      ruleSet: this.d.rule_set.name,
      ruleSetHash: this.d.rule_set.hash,
      procedure: this.conference.procedure,
      step: this.conference.step,
      definition: this.d.ballot,
      cardKeys: this.keys,
      jointKey: this.transcript.jointKey,
      convened: this.convened,
      present: this.present,
    });
    if (this.d.fingerprint !== this.fingerprint) throw this.fail(8, "fingerprint: does not match the conference's parameters");
  }

  check9() {
    if (!Array.isArray(this.d.ballots)) throw new Error('ballots: expected a list');
    this.ballots = this.d.ballots.map(ballotFromJSON);
    const voided = new Set(this.voided);
    const seen = new Map();
    this.ballots.forEach((ballot, position) => {
      const card = toHex(ballot.card);
      if (seen.has(card)) throw new Error(`ballots: ballot ${position}: card ${card.slice(0, 16)}… already cast ballot ${seen.get(card)}`);
      seen.set(card, position);
      if (voided.has(card)) throw new Error(`ballots: ballot ${position}: card ${card.slice(0, 16)}… was voided`);
    });
    if (this.ballots.length > this.present) throw new Error(`ballots: ${this.ballots.length} ballots but only ${this.present} attendees present`);
    const usable = new Set(this.keys.filter((k) => !voided.has(k)));
    const context = { conferenceId: this.conference.id, fingerprint: this.fingerprint, definition: this.definition, jointKey: this.transcript.jointKey };
    this.ballots.forEach((ballot, position) => {
      try {
        verifyBallot(context, ballot, usable);
      } catch (error) {
        throw new Error(`ballots: ballot ${position}: ${error.message}`);
      }
    });
  }

  check10() {
    this.hashes = this.ballots.map(ballotHash);
    if (this.hashes.some((h, i) => i > 0 && this.hashes[i - 1] > h)) throw this.fail(10, 'ballots: not in ballot-hash order');
    this.listHash = ballotListHash(this.hashes);
    if (this.d.ballot_list_hash !== this.listHash) throw this.fail(10, 'ballot_list_hash: does not match the ballots');
    this.sums = aggregate(this.definition, this.ballots);
    if (!same(this.d.aggregate, aggregateToJSON(this.sums))) throw this.fail(10, 'aggregate: does not match the sum of the ballots');
  }

  check11() {
    if (!Array.isArray(this.d.partials)) throw new Error('partials: expected a list');
    this.partials = this.d.partials.map(partialFromJSON);
    if (!ascending(this.partials.map((p) => p.member))) throw this.fail(11, 'partials: not in member order, or a member twice');
    const ciphertexts = this.definition.sections.flatMap((s) => s.candidates.map((c) => this.sums[s.id][c]));
    const flat = combine(this.transcript, ciphertexts, this.partials, this.ballots.length);
    let index = 0;
    this.counts = Object.fromEntries(this.definition.sections.map((s) => [s.id, Object.fromEntries(s.candidates.map((c) => [c, flat[index++]]))]));
    if (!same(this.d.counts, this.counts)) throw this.fail(11, "counts: differ from what the committee's decryptions give");
  }

  check12() {
    if (!Array.isArray(this.d.count_signatures)) throw new Error('count_signatures: expected a list');
    this.signatures = this.d.count_signatures.map(countSignatureFromJSON);
    if (!ascending(this.signatures.map((s) => s.member))) throw this.fail(12, 'count_signatures: not in member order, or a member twice');
    // v1 and v2 records carry counts/v1 signatures, bound to the counts alone
    const openedList = this.version >= 3 ? opened(this.fingerprint, this.listHash) : null;
    verifyCountSignatures(this.transcript, openedList, this.counts, this.signatures);
  }

  check13() {
    const expected = evaluation(this.step, this.definition, this.counts, this.present, this.convened);
    if (!same(this.d.evaluation, expected)) throw this.fail(13, 'evaluation: differs from the rules applied to the counts');
    this.evaluation = expected;
  }

  check14() {
    const decision = decisionOf(this.d.decision);
    if (decision && !this.step.fills_quota) {
      throw this.fail(14, `decision: the head decides only at a step that fills quotas, and step ${this.step.number} fills none`);
    }
    const planned = this.d.planned;
    if (!isPlainObject(planned) || !Object.values(planned).every(whole)) throw new Error('planned: expected cadre → whole number of positions held');
    const expected = selection(this.rules, this.step, this.definition, this.counts, this.present, this.convened, decision, this.cadres, planned, this.version);
    if (!same(this.d.selection, expected)) throw this.fail(14, 'selection: differs from the rules applied to the counts');
  }

  check15() {
    const entries = this.d.events;
    if (!Array.isArray(entries) || entries.length === 0) throw new Error("events: expected the list of the conference's events");
    for (const entry of entries) {
      if (!isPlainObject(entry) || !exactly(entry, EVENT)) throw new Error(`events: an event must have exactly the fields ${EVENT.join(', ')}`);
      if (entry.conference !== this.conference.id) throw new Error(`events: event ${entry.seq} is of another conference`);
      if (!isPlainObject(entry.data)) throw new Error(`events: event ${entry.seq}: data is not an object`);
    }
    let prev = GENESIS;
    entries.forEach((entry, index) => {
      const input = Object.fromEntries(EVENT.filter((k) => k !== 'hash').map((k) => [k, entry[k]]));
      if (entry.seq !== index + 1 || entry.prev !== prev || sha256Hex(input) !== entry.hash) throw new Error(`events: the hash chain breaks at event ${index + 1}`);
      prev = entry.hash;
    });
    this.entries = entries;
  }

  check16() {
    const fail = (message) => this.fail(16, `events: ${message}`);
    const one = (kind, where, name) => {
      const found = this.entries.filter((e) => e.kind === kind && where(e.data)).map((e) => e.data);
      if (found.length !== 1) throw fail(`expected one event for ${name}, found ${found.length}`);
      return found[0];
    };
    if (this.version >= 2) {
      // The committee completed with this joint key (the last time, before the opening).
      const openedAt = this.entries.find((e) => e.kind === 'phase.changed' && e.data.to === 'voting')?.seq ?? this.entries.length + 1;
      const completed = this.entries.filter((e) => e.kind === 'committee.complete' && e.seq < openedAt).map((e) => e.data);
      if (!completed.length || completed[completed.length - 1].joint_key !== toHex(this.transcript.jointKey)) {
        throw fail('the committee.complete event names another joint key, or none');
      }
    }
    const cards = this.d.cards;
    const opening = { fingerprint: this.fingerprint, convened: this.convened, present: this.present, dealt: cards.dealt };
    if (this.version >= 2) Object.assign(opening, { cards: this.keys.length, replaced: cards.replaced, voided: this.voided.length, card_list_hash: cardListHash(this.keys) });
    const frozen = one('phase.changed', (d) => d.to === 'voting', 'the opening');
    const differ = Object.keys(opening).filter((name) => frozen[name] !== opening[name]).sort();
    if (differ.length) throw fail(`the opening event froze another ${differ.join(', ')}`);
    const closing = one('phase.changed', (d) => d.to === 'closed', 'the closing');
    if (closing.ballot_list_hash !== this.listHash || closing.ballots !== this.ballots.length) throw fail('the closing event names another ballot list');
    const openedBy = this.partials.map((p) => p.member);
    const signedBy = this.signatures.map((s) => s.member);
    for (const [kind, members] of [['box.partial', openedBy], ['box.counts_signed', signedBy]]) {
      const logged = new Set(this.entries.filter((e) => e.kind === kind).map((e) => e.data.member));
      const missing = members.filter((m) => !logged.has(m));
      if (missing.length) throw fail(`no ${kind} event of member(s) ${missing.join(', ')}`);
    }
    const opened = one('box.opened', () => true, 'the opening of the box');
    const members = opened.members;
    if (!Array.isArray(members) || !same([...members].sort(numeric), [...openedBy].sort(numeric)) || opened.ballots !== this.ballots.length) {
      throw fail('the box.opened event names other members or another number of ballots');
    }
    const decided = this.entries.filter((e) => e.kind === 'head.decided').map((e) => e.data);
    const decision = this.d.decision;
    const hasDecision = Object.keys(decision).length > 0;
    if ((decided.length > 0) !== hasDecision || (decided.length && !same(decided[decided.length - 1].chosen, decision.chosen))) {
      throw fail("the head's decision in the log differs from the recorded one");
    }
  }

  check17() {
    const bundles = this.d.bundles;
    if (!isPlainObject(bundles) || !Object.values(bundles).every((v) => typeof v === 'string')) throw new Error('bundles: expected bundle name → SHA-256');
    if (this.version >= 2 && !Object.values(bundles).every((v) => SHA256.test(v))) throw new Error("bundles: a bundle's SHA-256 is not 64 lowercase hex digits");
  }

  summary() {
    const d = this.d;
    return {
      conferenceId: this.conference.id,
      title: this.conference.title,
      agency: this.conference.agency,
      heldOn: this.conference.held_on,
      place: this.conference.place,
      stepTitle: this.conference.step_title,
      ruleSet: `${d.rule_set.name} ${d.rule_set.hash}`,
      format: d.format,
      convened: this.convened,
      present: this.present,
      cards: this.keys.length,
      voided: this.voided.length,
      dealt: d.cards.dealt,
      replaced: d.cards.replaced,
      ballots: this.ballots.length,
      ballotHashes: this.hashes,
      ballotListHash: this.listHash,
      fingerprint: this.fingerprint,
      cardListHash: cardListHash(this.keys),
      installationKey: this.publicKey,
      installationFingerprint: keyFingerprint(this.publicKey),
      jointKeyFingerprint: keyFingerprint(toHex(this.transcript.jointKey)),
      memberFingerprints: this.transcript.reveals.map((r) => keyFingerprint(toHex(this.transcript.publicShare(r.member)))),
      openedBy: this.partials.map((p) => p.member),
      counts: this.counts,
      evaluation: this.evaluation,
      positions: d.positions,
      selection: d.selection,
      events: this.entries.length,
      pinned: this.pinned !== null,
    };
  }
}

function positionsOf(value, definition) {
  if (!Array.isArray(value)) throw new Error('positions: expected a list');
  const ids = value.map((p) => [p.id, Array.isArray(p.candidates) ? p.candidates.map((c) => c.id) : null]);
  const expected = definition.sections.map((s) => [s.id, s.candidates]);
  if (!same(ids, expected)) throw new Error("positions: the positions do not name the ballot's sections and candidates");
  const cadres = {};
  for (const position of value) {
    if (!exactly(position, ['id', 'title', 'candidates']) || typeof position.title !== 'string') throw new Error('positions: a position has exactly id, title and candidates');
    for (const candidate of position.candidates) {
      const names = ['id', 'cadre', 'full_name', 'post', 'unit'];
      if (!isPlainObject(candidate) || !exactly(candidate, names) || !names.every((n) => typeof candidate[n] === 'string')) {
        throw new Error('positions: a candidate has exactly id, cadre, full_name, post and unit (text)');
      }
    }
    const list = position.candidates.map((c) => c.cadre);
    if (new Set(list).size !== list.length) throw new Error(`positions: a cadre stands twice in position ${position.id}`);
    cadres[position.id] = Object.fromEntries(position.candidates.map((c) => [c.id, c.cadre]));
  }
  return cadres;
}

function decisionOf(value) {
  const names = ['chosen', 'decided_by', 'decided_at', 'note'];
  if (!isPlainObject(value) || (Object.keys(value).length && !exactly(value, names))) throw new Error('decision: expected an empty object or chosen, decided_at, decided_by, note');
  if (!Object.keys(value).length) return null;
  const typed =
    ['decided_by', 'decided_at', 'note'].every((k) => typeof value[k] === 'string') &&
    isPlainObject(value.chosen) &&
    Object.values(value.chosen).every((ids) => Array.isArray(ids) && ids.every((i) => typeof i === 'string'));
  if (!typed) throw new Error('decision: chosen is position → candidate ids; decided_by, decided_at, note text');
  return value;
}

function exactly(value, names) {
  const keys = Object.keys(value);
  return keys.length === names.length && names.every((n) => Object.hasOwn(value, n));
}

function whole(value) {
  return Number.isSafeInteger(value) && value >= 0;
}

function ascending(members) {
  return members.every((m, i) => i === 0 || members[i - 1] < m);
}

function numeric(x, y) {
  return x - y;
}

function same(x, y) {
  try {
    const a = dumps(x);
    const b = dumps(y);
    return a.length === b.length && a.every((byte, i) => byte === b[i]);
  } catch {
    return false;
  }
}

function isDate(text) {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1;
}
