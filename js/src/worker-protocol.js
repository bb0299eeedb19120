// What the Web Worker does, as a plain function of one message, so it runs (and is tested) in
// Node as well as in the worker. Requests carry an optional `id`, echoed in the answer.
//
//   {type:'build', conferenceId, fingerprint, definition, jointKey, cardCode, choices}
//       → {type:'built', ballot (JSON), receipt (ballot hash)}
//   {type:'card', conferenceId, cardCode} → {type:'card', publicKey (hex)}
//       (the voter page checks its card is on this conference's list before the ballot)
//   {type:'near', conferenceId, cardCode (27 card symbols failing the check), cardKeys}
//       → {type:'near', groups: {from, to} | null}  (the printed groups a typo is probably in)
//   {type:'box', conferenceId, fingerprint, definition, jointKey, cardKeys, voided}
//       → {type:'box-ready'}                  (the committee member's box, set up once)
//   {type:'ballot', ballot (JSON)}
//       → {type:'verified', hash, count, listHash}
//   {type:'aggregate'} → {type:'aggregate', aggregate (JSON), count, listHash}
//   {type:'open', backup (the key backup's canonical JSON text), ballotCount, listHash, present,
//    minimum (the rule set's fewest ballots to open a box)}
//       → {type:'partial', partial (JSON)}
//   anything refused → {type:'error', message}
import { ready } from './sodium.js';
import { utf8 } from './bytes.js';
import { pointFromHex, randomScalar } from './group.js';
import { ballotHash, ballotToJSON, buildBallot, definitionFromJSON } from './ballot.js';
import { cardFromCode } from './cards.js';
import { typoGroups } from './near-codes.js';
import { BallotBox } from './ballot-box.js';
import { KeyShare } from './dkg.js';
import { partialToJSON } from './decryption.js';

let box;

function ballotContext(request) {
  return {
    conferenceId: request.conferenceId,
    fingerprint: request.fingerprint,
    definition: definitionFromJSON(request.definition),
    jointKey: pointFromHex(request.jointKey),
  };
}

/** Build, prove and sign a ballot. The encryption randomness is wiped once the ballot is in
 * its JSON form (best effort: JavaScript cannot wipe every copy). */
function build(request) {
  const card = cardFromCode(request.conferenceId, request.cardCode);
  const drawn = [];
  const rng = () => {
    const scalar = randomScalar();
    drawn.push(scalar);
    return scalar;
  };
  try {
    const ballot = buildBallot(ballotContext(request), card, request.choices, rng);
    return { type: 'built', ballot: ballotToJSON(ballot), receipt: ballotHash(ballot) };
  } finally {
    for (const scalar of drawn) scalar.fill(0);
    card.secretKey.fill(0);
  }
}

function openedBox() {
  if (!box) throw new Error('the ballot box is not set up yet');
  return box;
}

const handlers = {
  build,
  card(request) {
    const card = cardFromCode(request.conferenceId, request.cardCode);
    card.secretKey.fill(0);
    return { type: 'card', publicKey: card.publicHex };
  },
  near(request) {
    const keys = new Set(request.cardKeys);
    const isCard = (candidate) => {
      const card = cardFromCode(request.conferenceId, candidate);
      card.secretKey.fill(0);
      return keys.has(card.publicHex);
    };
    return { type: 'near', groups: typoGroups(request.cardCode, isCard) };
  },
  box(request) {
    box = new BallotBox(ballotContext(request), request.cardKeys, request.voided ?? []);
    return { type: 'box-ready' };
  },
  ballot(request) {
    const hash = openedBox().add(request.ballot);
    return { type: 'verified', hash, count: box.count, listHash: box.listHash() };
  },
  aggregate() {
    const current = openedBox();
    return { type: 'aggregate', aggregate: current.aggregateJSON(), count: current.count, listHash: current.listHash() };
  },
  open(request) {
    const current = openedBox();
    const key = KeyShare.restore(utf8(request.backup), current.context.conferenceId);
    const partial = current.open({ ballotCount: request.ballotCount, listHash: request.listHash, present: request.present, minimum: request.minimum }, key);
    return { type: 'partial', partial: partialToJSON(partial) };
  },
};

/** The answer to one request; errors become {type:'error', message}, never a throw. */
export async function handle(request) {
  const id = request?.id;
  try {
    await ready;
    const handler = Object.hasOwn(handlers, request?.type) ? handlers[request.type] : undefined;
    if (!handler) throw new Error(`unknown request type ${JSON.stringify(request?.type)}`);
    return { id, ...handler(request) };
  } catch (error) {
    return { id, type: 'error', message: error.message };
  }
}
