// The bundles as browsers get them: built twice into temporary folders they are byte-identical
// (the projector's hash can be checked by rebuilding), and the worker bundle runs as a classic
// worker script with nothing but crypto.getRandomValues — no crypto.subtle, no secure context.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { webcrypto } from 'node:crypto';
import { build } from '../build.mjs';
import { ready } from '../src/sodium.js';
import { toHex } from '../src/bytes.js';
import { code } from '../src/cards.js';
import { conference } from '../test-support/conference.mjs';

await ready;

test('two builds give the same bytes and the manifest lists their SHA-256', async () => {
  const first = await mkdtemp(path.join(tmpdir(), 'voting-build-'));
  const second = await mkdtemp(path.join(tmpdir(), 'voting-build-'));
  try {
    const [a, b] = [await build(first), await build(second)];
    assert.deepEqual(a, b);
    assert.deepEqual(Object.keys(a.bundles).sort(), ['committee.js', 'voter.js', 'worker.js']);
    for (const name of Object.keys(a.bundles)) {
      assert.deepEqual(await readFile(path.join(first, name)), await readFile(path.join(second, name)), name);
    }
    assert.deepEqual(JSON.parse(await readFile(path.join(first, 'manifest.json'), 'utf8')), a);
    const worker = await readFile(path.join(first, 'worker.js'), 'utf8');
    assert.ok(!/crypto\.subtle|\bsubtle\./.test(worker), 'no crypto.subtle anywhere in the worker bundle');
    assert.ok(!worker.includes(fileURLToPath(new URL('../..', import.meta.url))), 'no absolute path of this checkout');
    await runsAsPlainHttpWorker(worker);
  } finally {
    await rm(first, { recursive: true, force: true });
    await rm(second, { recursive: true, force: true });
  }
});

const REALM_TEXT_CODECS = `
  globalThis.TextEncoder = class { encode(text) { return Uint8Array.from(unescape(encodeURIComponent(text)), (c) => c.charCodeAt(0)); } };
  globalThis.TextDecoder = class { decode(bytes) { return decodeURIComponent(escape(String.fromCharCode(...bytes))); } };
`;

/** Run the classic worker script in a bare context resembling a worker on plain http. */
async function runsAsPlainHttpWorker(source) {
  const answers = [];
  const scope = {
    crypto: { getRandomValues: (array) => webcrypto.getRandomValues(array) },
    isSecureContext: false,
    WebAssembly,
    console,
    setTimeout,
    postMessage: (message) => answers.push(message),
  };
  scope.self = scope;
  scope.globalThis = scope;
  vm.createContext(scope);
  // Byte arrays must belong to the context's own realm, so its text codecs are made in it.
  vm.runInContext(REALM_TEXT_CODECS, scope);
  vm.runInContext(source, scope);
  const setting = conference({ cards: 1 });
  const request = {
    id: 1,
    type: 'build',
    conferenceId: setting.context.conferenceId,
    fingerprint: setting.context.fingerprint,
    definition: JSON.parse(JSON.stringify(setting.definition)),
    jointKey: toHex(setting.context.jointKey),
    cardCode: code(setting.pool.secrets[0]),
    choices: { s2: ['s2-c1'] },
  };
  // postMessage clones the request into the worker's realm; so does parsing it there.
  const data = vm.runInContext(`JSON.parse(${JSON.stringify(JSON.stringify(request))})`, scope);
  await scope.onmessage({ data });
  assert.equal(answers.length, 1);
  assert.equal(answers[0].type, 'built', answers[0].message);
  assert.equal(answers[0].ballot.card, setting.cards[0].publicHex);
}
