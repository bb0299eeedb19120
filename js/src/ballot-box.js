// The committee member's own view of the ballot box, mirroring voting/tally/ballot_list.py and
// opening.py but built incrementally: each ballot is verified as it arrives (proofs, signature,
// card on the list, not voided, used once) and added to the member's own aggregate. The member
// opens the box only when its list is the one announced at closing (same count, same list
// hash), so nobody decrypts an aggregate that holds a ballot they have not verified themselves,
// and no subset is ever decrypted.
import { equal, toHex } from './bytes.js';
import { BallotError, addToAggregate, aggregateToJSON, ballotFromJSON, ballotHash, ballotListHash, emptyAggregate, verifyBallot } from './ballot.js';
import { partialDecrypt } from './decryption.js';

export class OpeningError extends Error {}

/** Whether `count` ballots are far fewer than the `present` attendees — fewer than half: a
 * box opened with so few would give away the votes of the few as counts, so a member's phone
 * refuses it (docs/voting.md "Opening the box"; voting/tally/opening.py holds the same rule). */
export function farFewer(count, present) {
  return 2 * count < present;
}

export class BallotBox {
  /** `context`: {conferenceId, fingerprint, definition, jointKey}; `cardKeys` and `voided`:
   * the card list's and the voided cards' lowercase hex keys. */
  constructor(context, cardKeys, voided = []) {
    this.context = context;
    this.voided = new Set(voided);
    this.usable = new Set([...cardKeys].filter((key) => !this.voided.has(key)));
    this.sums = emptyAggregate(context.definition);
    this.cards = new Map(); // card hex → ballot hash
    this.hashes = new Set();
  }

  /** Verify one arriving ballot (its JSON form) and add it; returns its hash. A ballot seen
   * before is accepted again without change; anything refused changes nothing. */
  add(json) {
    const ballot = ballotFromJSON(json);
    const hash = ballotHash(ballot);
    if (this.hashes.has(hash)) return hash;
    const card = toHex(ballot.card);
    if (this.voided.has(card)) throw new BallotError(`card ${card.slice(0, 16)}… was voided`);
    if (this.cards.has(card)) throw new BallotError(`card ${card.slice(0, 16)}… already cast ballot ${this.cards.get(card).slice(0, 16)}…`);
    verifyBallot(this.context, ballot, this.usable);
    addToAggregate(this.context.definition, this.sums, ballot);
    this.cards.set(card, hash);
    this.hashes.add(hash);
    return hash;
  }

  get count() {
    return this.hashes.size;
  }

  /** The running ballot-list hash, to compare with the projector's. */
  listHash() {
    return ballotListHash(this.hashes);
  }

  aggregateJSON() {
    return aggregateToJSON(this.sums);
  }

  /** Every candidate's aggregate ciphertext in ballot order: what the committee opens. */
  aggregates() {
    return this.context.definition.sections.flatMap((section) => section.candidates.map((candidate) => this.sums[section.id][candidate]));
  }

  /**
   * This member's partial decryption of the aggregate, only if the box holds exactly the list
   * announced at closing ({ballotCount, listHash, present, minimum}), at least the rule set's
   * `minimum` of ballots (fewer would tell how each voter voted), and `key` is a share of the
   * key the ballots were cast to.
   */
  open(announced, key) {
    if (this.count < (announced.minimum ?? 0)) throw new OpeningError(`${this.count} ballots, fewer than the ${announced.minimum} the rule set requires to open a box`);
    if (this.count > announced.present) throw new OpeningError(`${this.count} ballots but only ${announced.present} attendees present`);
    if (farFewer(this.count, announced.present)) {
      throw new OpeningError(`${this.count} ballots is far fewer than the ${announced.present} attendees present: opening would reveal too much`);
    }
    if (this.count !== announced.ballotCount) {
      throw new OpeningError(`${this.count} ballots verified here, ${announced.ballotCount} announced at closing`);
    }
    const listHash = this.listHash();
    if (listHash !== announced.listHash) {
      throw new OpeningError(`the ballot list hashes to ${listHash.slice(0, 16)}…, not ${announced.listHash.slice(0, 16)}… as announced at closing`);
    }
    if (key.conferenceId !== this.context.conferenceId) throw new OpeningError('this committee key belongs to another conference');
    if (!equal(key.transcript.jointKey, this.context.jointKey)) {
      throw new OpeningError('this committee key is not part of the key the ballots were cast to');
    }
    return partialDecrypt(key, this.aggregates());
  }
}
