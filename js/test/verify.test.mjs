// The JavaScript verifier on its own (the cross-check with `voting verify` over every tamper is
// tests/unit/tally/test_js_verifier.py): the kept v1 records verify, a flipped byte or another
// pinned key is refused with its numbered check, and a receipt is found by its first digits.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { ready } from '../src/sodium.js';
import { loads } from '../src/canonical.js';
import { RecordError, keyFingerprint, receiptListed, verifyRecord } from '../src/verify.js';
import { ruleSetFromRecord } from '../src/rules.js';

await ready;
const ruleSetSchema = JSON.parse(await readFile(new URL('../../docs/rule-set.schema.json', import.meta.url), 'utf8'));
const V1 = new URL('../../tests/vectors/records/v1-step5.json', import.meta.url);

test('a v1 record verifies, each check reported in order', async () => {
  const bytes = new Uint8Array(await readFile(V1));
  const seen = [];
  const summary = await verifyRecord(bytes, { ruleSetSchema, onCheck: async (n) => seen.push(n) });
  assert.deepEqual(seen, Array.from({ length: 17 }, (_, i) => i + 1));
  assert.equal(summary.ballots, 5);
  assert.equal(summary.pinned, false);
  assert.match(summary.installationFingerprint, /^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
  assert.equal(summary.installationFingerprint, keyFingerprint(summary.installationKey));
  const receipt = summary.ballotHashes[2].slice(0, 16).toUpperCase().match(/.{4}/g).join(' ');
  assert.equal(receiptListed(receipt, summary.ballotHashes), true);
  assert.equal(receiptListed('0000 0000 0000 0000', summary.ballotHashes), false);
  assert.equal(receiptListed('not a receipt', summary.ballotHashes), null);
});

test('a flipped byte and another pinned key are refused with their check', async () => {
  const bytes = new Uint8Array(await readFile(V1));
  const flipped = bytes.slice();
  flipped[bytes.indexOf(0x7d) - 3] ^= 0x01;
  await assert.rejects(verifyRecord(flipped, { ruleSetSchema }), (error) => error instanceof RecordError && error.check >= 1);
  await assert.rejects(verifyRecord(bytes, { ruleSetSchema, key: 'ab'.repeat(32) }), (error) => error.check === 2 && /not the expected/.test(error.message));
});

test('the embedded rule set is checked against docs/rule-set.schema.json', async () => {
  const record = loads(new Uint8Array(await readFile(V1)));
  const rules = record.rule_set;
  assert.equal(ruleSetFromRecord(rules, ruleSetSchema).name, rules.name);
  const broken = structuredClone(rules);
  broken.content.procedures[0].steps[2].ballot = 'paper';
  assert.throws(() => ruleSetFromRecord(broken, ruleSetSchema), /expected one of/);
  const unknown = structuredClone(rules);
  unknown.content.colour = 'red';
  assert.throws(() => ruleSetFromRecord(unknown, ruleSetSchema), /do not hash to the recorded/, 'a key the program ignores is still hashed');
  const lastStep = structuredClone(rules);
  lastStep.content.procedures[0].steps.at(-1).fills_quota = false;
  assert.throws(() => ruleSetFromRecord(lastStep, ruleSetSchema), /final step must be a ranked candidate ballot/);
});
