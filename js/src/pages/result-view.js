// Draws a result document (voting/conference/results.py) — per position the candidates ranked
// by agree count, each percentage with the base it is taken on, who passed, ties and places
// left to the head. Used where counts may be shown: the committee's phones always, the
// projector only at a step whose result is announced.
import { fill } from './strings.js';

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The catalogue key of a candidate's outcome, as voting/web/pages/outcome.py says it: after
 * the head's decision who was chosen (and by whom) comes first; before it a tie or a cadre over
 * three positions says the head decides. */
export function outcomeKey(candidate, selection) {
  if (!candidate.passed) return 'result.failed';
  if (!selection) return 'result.passed';
  const decision = selection.decision;
  if (decision && Object.values(decision.chosen).some((ids) => ids.includes(candidate.id))) return 'result.by_head';
  if (Object.values(selection.chosen).some((ids) => ids.includes(candidate.id))) return 'result.chosen';
  if (!decision && Object.values(selection.ties).some((tie) => tie.among.includes(candidate.id))) return 'result.tie';
  if (!decision && candidate.id in selection.over_cap) return 'result.over_cap';
  return 'result.passed';
}

/** Fill `root` with `result`. */
export function showResult(root, result, strings) {
  const selection = result.selection;
  const blocks = result.sections.map((section) => {
    const block = element('section', 'result-section');
    block.dataset.section = section.id;
    block.append(element('h3', '', section.position));
    const table = element('table', 'result-table');
    const head = element('tr');
    head.append(element('th', '', '#'), element('th', '', strings['full_name']), element('th', 'num', strings['result.agree']), element('th', '', ''));
    table.append(head);
    section.candidates.forEach((candidate, rank) => {
      const row = element('tr', candidate.passed ? 'passed' : 'not-passed');
      row.dataset.candidate = candidate.id;
      const share = `${candidate.agree} · ${candidate.percent.replace('.', ',')}% ${strings[`result.base.${candidate.base}`]} (${candidate.base_count})`;
      const key = outcomeKey(candidate, selection);
      const verdict = ['result.passed', 'result.failed'].includes(key) ? strings[key] : `${strings['result.passed']} — ${strings[key]}`;
      row.dataset.outcome = key.slice('result.'.length);
      const name = element('td', 'name', candidate.full_name);
      name.append(element('span', 'post', [candidate.post, candidate.unit].filter(Boolean).join(' · ')));
      row.append(element('td', 'rank', String(rank + 1)), name, element('td', 'num agree', share), element('td', 'outcome', verdict));
      table.append(row);
    });
    block.append(table);
    return block;
  });
  const title = element('h2', '', strings.result);
  root.replaceChildren(title, ...blocks);
  if (selection && selection.contested.length) {
    const names = result.sections.filter((s) => selection.contested.includes(s.id)).map((s) => s.position);
    const key = selection.decision ? 'result.decided_on' : 'result.awaiting_head';
    const line = element('p', selection.decision ? 'decided' : 'awaiting', fill(strings[key], { positions: names.join(', ') }));
    line.dataset.field = 'head';
    root.append(line);
  }
}
