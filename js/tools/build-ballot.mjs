// Prints a ballot built by the JavaScript side, as canonical JSON on stdout, for the Python
// tests to verify (interoperability the other way round from the shared vectors).
//
// stdin: {"conference": id, "fingerprint": hex, "definition": {...}, "joint_key": hex,
//         "card_secret": hex (16 bytes) or "card_code": code, "choices": {section: [ids]}}
// stdout: {"ballot": <the ballot JSON>, "ballot_hash": hex}
// Exit status 1 and the reason on stderr when the input is refused.
import { readFileSync } from 'node:fs';
import { ready } from '../src/sodium.js';
import { fromHex } from '../src/bytes.js';
import { dumps } from '../src/canonical.js';
import { pointFromHex } from '../src/group.js';
import { ballotHash, ballotToJSON, buildBallot, definitionFromJSON } from '../src/ballot.js';
import { cardFromCode, cardFromSecret } from '../src/cards.js';

await ready;
try {
  const input = JSON.parse(readFileSync(0, 'utf8'));
  const card = input.card_code !== undefined ? cardFromCode(input.conference, input.card_code) : cardFromSecret(input.conference, fromHex(input.card_secret));
  const context = {
    conferenceId: input.conference,
    fingerprint: input.fingerprint,
    definition: definitionFromJSON(input.definition),
    jointKey: pointFromHex(input.joint_key),
  };
  const ballot = buildBallot(context, card, input.choices ?? {});
  process.stdout.write(dumps({ ballot: ballotToJSON(ballot), ballot_hash: ballotHash(ballot) }));
} catch (error) {
  process.stderr.write(`build-ballot: ${error.message}\n`);
  process.exitCode = 1;
}
