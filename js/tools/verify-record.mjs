// The JavaScript verifier from the command line, for the cross-check with `voting verify`
// (tests/unit/tally/test_js_verifier.py): node js/tools/verify-record.mjs [--key HEX] FILE…
// prints one JSON line per file: {"file", "check": 0} when it verifies, else the number of the
// first failing check and its message.
import { readFile } from 'node:fs/promises';
import { ready } from '../src/sodium.js';
import { verifyRecord } from '../src/verify.js';

await ready;
const ruleSetSchema = JSON.parse(await readFile(new URL('../../docs/rule-set.schema.json', import.meta.url), 'utf8'));
const args = process.argv.slice(2);
let key = null;
if (args[0] === '--key') {
  key = args[1];
  args.splice(0, 2);
}
for (const file of args) {
  try {
    const summary = await verifyRecord(new Uint8Array(await readFile(file)), { ruleSetSchema, key });
    console.log(JSON.stringify({ file, check: 0, ballots: summary.ballots, fingerprint: summary.fingerprint }));
  } catch (error) {
    if (error.check === undefined) throw error;
    console.log(JSON.stringify({ file, check: error.check, message: error.message }));
  }
}
