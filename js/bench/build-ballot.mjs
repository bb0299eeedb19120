// Node as the browser's proxy (phones are 3–5× slower): building, proving and signing one
// reference ballot, as the worker does it. Target (design.md): ≤ 300 ms.
import { ready } from '../src/sodium.js';
import { handle } from '../src/worker-protocol.js';
import { toHex } from '../src/bytes.js';
import { code } from '../src/cards.js';
import { referenceConference, report, summary } from './reference.mjs';

await ready;
const RUNS = Number(process.argv[2] ?? 20);
const setting = referenceConference(RUNS + 2);
const request = {
  type: 'build',
  conferenceId: setting.context.conferenceId,
  fingerprint: setting.context.fingerprint,
  definition: setting.definition,
  jointKey: toHex(setting.context.jointKey),
  choices: setting.choices,
};
const times = [];
for (let i = 0; i < RUNS + 2; i++) {
  const started = performance.now();
  const answer = await handle({ ...request, cardCode: code(setting.pool.secrets[i]) });
  const elapsed = performance.now() - started;
  if (answer.type !== 'built') throw new Error(answer.message);
  if (i >= 2) times.push(elapsed); // the first two warm the JIT up
}
report({ benchmark: 'build a reference ballot (worker request, Node)', target_ms: 300, ...summary(times) });
