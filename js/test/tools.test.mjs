// The interoperability tools the Python tests call: what they print is accepted by the
// JavaScript side too (so a failure on the Python side points at a format difference).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ready } from '../src/sodium.js';
import { utf8 } from '../src/bytes.js';
import { loads } from '../src/canonical.js';
import { pointFromHex } from '../src/group.js';
import { ciphertextFromJSON } from '../src/elgamal.js';
import { ballotFromJSON, ballotHash, definitionFromJSON, verifyBallot } from '../src/ballot.js';
import * as dkg from '../src/dkg.js';
import * as dec from '../src/decryption.js';
import { vectors } from '../test-support/vectors.mjs';

await ready;
const run = (tool, input) => execFileSync(process.execPath, [fileURLToPath(new URL(`../tools/${tool}`, import.meta.url))], { input: JSON.stringify(input) });

test('build-ballot prints a canonical, verifiable ballot and its hash', () => {
  const v = vectors('ballot');
  const { inputs } = v;
  const sectionId = inputs.definition.sections[0].id;
  const input = {
    conference: inputs.conference,
    fingerprint: v.fingerprint,
    definition: inputs.definition,
    joint_key: inputs.joint_key,
    card_secret: inputs.card_secrets[3],
    choices: { [sectionId]: [inputs.definition.sections[0].candidates[1]] },
  };
  const out = loads(run('build-ballot.mjs', input));
  const ballot = ballotFromJSON(out.ballot);
  const context = { conferenceId: inputs.conference, fingerprint: v.fingerprint, definition: definitionFromJSON(inputs.definition), jointKey: pointFromHex(inputs.joint_key) };
  verifyBallot(context, ballot, inputs.card_keys);
  assert.equal(ballotHash(ballot), out.ballot_hash);
  assert.throws(() => run('build-ballot.mjs', { ...input, choices: { nowhere: [] } }), /no section/);
});

test('committee-ceremony prints a ceremony and an opening that check out', () => {
  const counts = [0, 1, 4];
  const bound = dec.opened('a'.repeat(64), 'b'.repeat(64));
  const out = loads(run('committee-ceremony.mjs', { conference_id: 'hội-nghị', threshold: 2, members: 3, encrypt: counts, counts: { s: { c: 1 } }, fingerprint: bound.fingerprint, list_hash: bound.listHash }));
  const ceremony = dkg.ceremony('hội-nghị', 2, 3);
  const transcript = dkg.assembleTranscript(ceremony, out.commitment_hashes.map(dkg.commitmentHashFromJSON), out.reveals.map(dkg.revealFromJSON));
  for (const backup of out.backups) dkg.KeyShare.restore(utf8(backup), 'hội-nghị');
  const ciphertexts = out.ciphertexts.map((item) => ciphertextFromJSON(item));
  const partials = out.partials.map(dec.partialFromJSON);
  assert.deepEqual(dec.combine(transcript, ciphertexts, partials.slice(1), 4), counts);
  dec.verifyCountSignatures(transcript, bound, { s: { c: 1 } }, out.count_signatures.map(dec.countSignatureFromJSON));
});
