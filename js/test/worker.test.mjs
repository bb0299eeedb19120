// The worker's protocol, run in Node: a voter's build, then a committee member's box verifying
// what arrives and opening it; errors come back as messages, never as throws.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ready } from '../src/sodium.js';
import { toHex } from '../src/bytes.js';
import { code } from '../src/cards.js';
import { definitionFromJSON } from '../src/ballot.js';
import { handle } from '../src/worker-protocol.js';
import { conference } from '../test-support/conference.mjs';

await ready;
const setting = conference({ cards: 3 });
const published = {
  conferenceId: setting.context.conferenceId,
  fingerprint: setting.context.fingerprint,
  definition: JSON.parse(JSON.stringify(setting.definition)),
  jointKey: toHex(setting.context.jointKey),
};

test('build → built, box → verified, then open → partial', async () => {
  const built = await handle({ id: 7, type: 'build', ...published, cardCode: code(setting.pool.secrets[0]), choices: { s1: ['s1-c2'] } });
  assert.equal(built.type, 'built', built.message);
  assert.equal(built.id, 7);
  assert.match(built.receipt, /^[0-9a-f]{64}$/);
  assert.equal((await handle({ type: 'box', ...published, cardKeys: setting.pool.publicKeys })).type, 'box-ready');
  const verified = await handle({ type: 'ballot', ballot: built.ballot });
  assert.deepEqual([verified.type, verified.hash, verified.count], ['verified', built.receipt, 1]);
  const again = await handle({ type: 'build', ...published, cardCode: code(setting.pool.secrets[0]), choices: {} });
  const refused = await handle({ type: 'ballot', ballot: again.ballot });
  assert.equal(refused.type, 'error');
  assert.match(refused.message, /already cast/);
  const aggregate = await handle({ type: 'aggregate' });
  assert.deepEqual(Object.keys(aggregate.aggregate), ['s1', 's2']);
  const backup = new TextDecoder().decode(setting.keys[1].backup());
  const wrong = await handle({ type: 'open', backup, ballotCount: 2, listHash: verified.listHash, present: 2 });
  assert.match(wrong.message, /2 announced/);
  const opened = await handle({ type: 'open', backup, ballotCount: 1, listHash: verified.listHash, present: 2 });
  assert.equal(opened.type, 'partial', opened.message);
  assert.equal(opened.partial.member, 2);
});

test('errors are answered, not thrown', async () => {
  const mistyped = await handle({ type: 'build', ...published, cardCode: 'AAAA', choices: {} });
  assert.equal(mistyped.type, 'error');
  assert.match(mistyped.message, /27 characters/);
  const over = await handle({ type: 'build', ...published, cardCode: code(setting.pool.secrets[1]), choices: { s1: ['s1-c1', 's1-c2', 's1-c3'] } });
  assert.match(over.message, /at most 2/);
  assert.match((await handle({ type: 'nonsense' })).message, /unknown request/);
  assert.match((await handle(null)).message, /unknown request/);
  assert.equal(definitionFromJSON(published.definition).sections.length, 2);
});

test('card → the public key of the code in this conference, as the server lists it', async () => {
  const answer = await handle({ type: 'card', conferenceId: published.conferenceId, cardCode: code(setting.pool.secrets[1]) });
  assert.equal(answer.type, 'card');
  assert.ok(setting.pool.publicKeys.includes(answer.publicKey));
  const foreign = await handle({ type: 'card', conferenceId: 'another conference', cardCode: code(setting.pool.secrets[1]) });
  assert.ok(!setting.pool.publicKeys.includes(foreign.publicKey));
});
