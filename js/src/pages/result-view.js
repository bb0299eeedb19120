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

/** Fill `root` with `result`. */
export function showResult(root, result, strings) {
  const selection = result.selection;
  const tied = new Set(Object.values(selection?.ties ?? {}).flatMap((tie) => tie.among));
  const chosen = new Set(Object.values(selection?.chosen ?? {}).flat());
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
      let verdict = strings[candidate.passed ? 'result.passed' : 'result.failed'];
      if (tied.has(candidate.id)) verdict += ` — ${strings['result.tie']}`;
      else if (chosen.has(candidate.id)) verdict += ` — ${strings['result.chosen']}`;
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
  if (selection && selection.contested.length && !selection.decision) {
    const names = result.sections.filter((s) => selection.contested.includes(s.id)).map((s) => s.position);
    root.append(element('p', 'awaiting', fill(strings['result.awaiting_head'], { positions: names.join(', ') })));
  }
}
