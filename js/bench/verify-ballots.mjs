// A committee member's phone verifying 100 reference ballots as they arrive (proofs,
// signature, card list, used once) and keeping the aggregate, as the worker does it.
// Target (design.md): ≤ 30 s for 100 ballots in Node.
import { ready } from '../src/sodium.js';
import { ballotToJSON, buildBallot } from '../src/ballot.js';
import { BallotBox } from '../src/ballot-box.js';
import { referenceConference, report, round, summary } from './reference.mjs';

await ready;
const BALLOTS = Number(process.argv[2] ?? 100);
const setting = referenceConference(BALLOTS);
// Ballots arrive as JSON text over the network.
const arriving = setting.cards.map((card) => JSON.stringify(ballotToJSON(buildBallot(setting.context, card, setting.choices))));
const box = new BallotBox(setting.context, setting.pool.publicKeys);
const times = [];
const started = performance.now();
for (const text of arriving) {
  const one = performance.now();
  box.add(JSON.parse(text));
  times.push(performance.now() - one);
}
const total = performance.now() - started;
const listHash = box.listHash();
report({
  benchmark: `committee member verifies ${BALLOTS} reference ballots incrementally (Node)`,
  target_ms: 30000,
  total_ms: round(total + 0),
  per_ballot: summary(times),
  count: box.count,
  list_hash: listHash,
});
