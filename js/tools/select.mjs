// The JavaScript selection (js/src/rules.js) from the command line, for the test that compares
// it with the Python rules engine on many random cases (tests/unit/tally/test_js_selection.py).
// stdin: a JSON list of {content, procedure, step, definition, counts, present, convened,
// decision, cadres, planned, version}; stdout: a JSON list of {selection} or {error}.
import { readFileSync } from 'node:fs';
import { ready } from '../src/sodium.js';
import { selection, stepOf } from '../src/rules.js';

await ready;
const cases = JSON.parse(readFileSync(0, 'utf8'));
const results = cases.map((c) => {
  try {
    const step = stepOf(c.content, c.procedure, c.step);
    return { selection: selection(c.content, step, c.definition, c.counts, c.present, c.convened, c.decision, c.cadres, c.planned, c.version) };
  } catch (error) {
    return { error: error.message };
  }
});
process.stdout.write(JSON.stringify(results));
