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

/** Fill `root` with `result`. `compact` (the projector) names the base once under the title
 * instead of in every row and leaves out each candidate's post, so more fits a screen. */
export function showResult(root, result, strings, { compact = false } = {}) {
  const selection = result.selection;
  const blocks = result.sections.map((section) => {
    const block = element('section', 'result-section');
    block.dataset.section = section.id;
    block.append(element('h3', '', section.position));
    const table = element('table', 'result-table');
    const head = element('tr');
    for (const [className, text] of [['', '#'], ['', strings['full_name']], ['num', strings['result.agree']], ['', strings['result.outcome']]]) {
      const cell = element('th', className, text);
      cell.scope = 'col';
      head.append(cell);
    }
    const thead = element('thead', compact ? 'visually-hidden' : '');
    thead.append(head);
    table.append(thead);
    section.candidates.forEach((candidate, rank) => {
      const row = element('tr', candidate.passed ? 'passed' : 'not-passed');
      row.dataset.candidate = candidate.id;
      const percent = `${candidate.agree} · ${candidate.percent.replace('.', ',')}%`;
      const share = compact ? percent : `${percent} ${strings[`result.base.${candidate.base}`]} (${candidate.base_count})`;
      const key = outcomeKey(candidate, selection);
      // Every outcome but "failed" passed; the projector, short of room, does not say it twice.
      const plain = compact || ['result.passed', 'result.failed'].includes(key);
      const verdict = plain ? strings[key] : `${strings['result.passed']} — ${strings[key]}`;
      row.dataset.outcome = key.slice('result.'.length);
      const name = element('td', 'name', candidate.full_name);
      if (!compact) name.append(element('span', 'post', [candidate.post, candidate.unit].filter(Boolean).join(' · ')));
      row.append(element('td', 'rank', String(rank + 1)), name, element('td', 'num agree', share), element('td', 'outcome', verdict));
      table.append(row);
    });
    block.append(table);
    return block;
  });
  const title = element('h2', '', strings.result);
  const pages = element('div', 'result-pages');
  const columns = element('div', 'result-columns');
  columns.append(...blocks);
  pages.append(columns);
  const first = result.sections[0]?.candidates[0];
  if (compact && first) {
    const base = fill(strings['result.base_line'], { base: strings[`result.base.${first.base}`], n: first.base_count });
    title.append(' ', element('span', 'base-line', base));
  }
  root.replaceChildren(title, pages);
  if (selection && selection.contested.length) {
    const names = result.sections.filter((s) => selection.contested.includes(s.id)).map((s) => s.position);
    const key = selection.decision ? 'result.decided_on' : 'result.awaiting_head';
    const line = element('p', selection.decision ? 'decided' : 'awaiting', fill(strings[key], { positions: names.join(', ') }));
    line.dataset.field = 'head';
    root.append(line);
  }
}
