// Runs a whole committee key ceremony and opening in the JavaScript code and prints every
// message as JSON on stdout, for the Python tests to check (the shared vectors check the other
// direction): reveals and their hashes, the transcript, sealed shares, each member's backup,
// ciphertexts of the given counts under the joint key, each member's partial decryption of
// them, and each member's signature of the given counts value.
//
// stdin: {"conference_id": id, "threshold": t, "members": n,
//         "encrypt": [count, …], "counts": <any canonical JSON value to sign>,
//         "fingerprint": <64 hex>, "list_hash": <64 hex> (what the signatures are bound to)}
// stdout: {"commitment_hashes": […], "reveals": […], "transcript": {…}, "shares": […],
//          "backups": ["<canonical JSON text>", …], "ciphertexts": [{"a", "b"}, …],
//          "partials": […], "count_signatures": […]}
import { readFileSync } from 'node:fs';
import { ready } from '../src/sodium.js';
import { dumps } from '../src/canonical.js';
import { ciphertextToJSON, encrypt } from '../src/elgamal.js';
import { randomScalar } from '../src/group.js';
import * as dkg from '../src/dkg.js';
import { opened, partialDecrypt, partialToJSON, signCounts, countSignatureToJSON } from '../src/decryption.js';

await ready;
try {
  const input = JSON.parse(readFileSync(0, 'utf8'));
  const ceremony = dkg.ceremony(input.conference_id, input.threshold, input.members);
  const members = Array.from({ length: ceremony.members }, (_, i) => new dkg.Member(ceremony, i + 1));
  const hashes = members.map((m) => m.commitmentHash());
  const transcript = dkg.assembleTranscript(ceremony, hashes, members.map((m) => m.reveal));
  const shares = members.flatMap((m) => m.sealShares(transcript));
  const keys = members.map((m) => m.finish(transcript, shares.filter((e) => e.receiver === m.index)));
  const ciphertexts = (input.encrypt ?? []).map((count) => encrypt(count, transcript.jointKey, randomScalar()));
  process.stdout.write(
    dumps({
      commitment_hashes: hashes.map(dkg.commitmentHashToJSON),
      reveals: members.map((m) => dkg.revealToJSON(m.reveal)),
      transcript: transcript.toJSON(),
      shares: shares.map(dkg.sealedShareToJSON),
      backups: keys.map((key) => new TextDecoder().decode(key.backup())),
      ciphertexts: ciphertexts.map(ciphertextToJSON),
      partials: keys.map((key) => partialToJSON(partialDecrypt(key, ciphertexts))),
      count_signatures: keys.map((key) => countSignatureToJSON(signCounts(key, opened(input.fingerprint, input.list_hash), input.counts ?? {}))),
    }),
  );
} catch (error) {
  process.stderr.write(`committee-ceremony: ${error.message}\n`);
  process.exitCode = 1;
}
