// The rules a record was counted under, as docs/record.md states them for a verifier: the
// embedded rule set checked against docs/rule-set.schema.json and the cross-key rules its
// description lists, a step's threshold applied to a count ("Evaluation"), and the final step's
// selection ("Selection", numbered steps 1–9). Mirrors voting/rules (thresholds.py,
// selection.py) and voting/tally/evaluation.py, in exact integer arithmetic.
import { compareCodePoints, sha256Hex } from './canonical.js';
import { validate } from './schema.js';

export class RulesError extends Error {}

/** "n/d" → [n, d] (BigInt-free: the numbers stay small), refusing d = 0 and values outside (0, 1]. */
export function ratio(text) {
  const match = /^\s*([0-9]+)\s*\/\s*([0-9]+)\s*$/.exec(text);
  if (!match) throw new RulesError(`expected a fraction like "1/2", got ${JSON.stringify(text)}`);
  const [n, d] = [Number(match[1]), Number(match[2])];
  if (d === 0 || n === 0 || n > d) throw new RulesError(`ratio ${text} must be in (0, 1]`);
  return [n, d];
}

/** The embedded rule set, checked against `schema` (docs/rule-set.schema.json, parsed: the
 * page bundles it, Node reads the file) and the cross-key rules; its hash and name must be the
 * recorded ones. */
export function ruleSetFromRecord(value, schema) {
  if (!isObject(value) || !sameKeys(value, ['name', 'hash', 'content'])) throw new RulesError('expected name, hash and content');
  const content = value.content;
  validate(content, schema);
  crossKeys(content);
  if (content.name !== value.name || sha256Hex(content) !== value.hash) {
    throw new RulesError('the embedded rules do not hash to the recorded name and hash');
  }
  return content;
}

function crossKeys(content) {
  const known = (keys, name, where) => {
    if (!Object.hasOwn(keys, name)) throw new RulesError(`${where}: unknown key ${name}`);
  };
  ratio(content.quorum);
  ratio(content.structure.young_min);
  ratio(content.structure.women_min);
  const posts = new Set();
  for (const post of content.posts) {
    if (posts.has(post.key)) throw new RulesError(`duplicate post ${post.key}`);
    posts.add(post.key);
  }
  for (const [key, position] of Object.entries(content.positions)) {
    known(content.tiers, position.tier, `positions.${key}.tier`);
    const seen = new Set();
    for (const post of [...position.category_1, ...position.category_2]) {
      if (!posts.has(post)) throw new RulesError(`positions.${key}: unknown post ${post}`);
      if (seen.has(post)) throw new RulesError(`positions.${key}: post ${post} is in both categories`);
      seen.add(post);
    }
    if (position.political_theory !== undefined && !content.eligibility.political_theory_levels.includes(position.political_theory)) {
      throw new RulesError(`positions.${key}.political_theory: not in political_theory_levels`);
    }
  }
  for (const [key, adjustment] of Object.entries(content.adjustments)) {
    if (adjustment.min_months > adjustment.max_months) throw new RulesError(`adjustments.${key}: min_months is above max_months`);
  }
  if (Number.isNaN(Date.parse(`${content.eligibility.transitional_before}T00:00:00Z`))) {
    throw new RulesError('eligibility.transitional_before: expected a date YYYY-MM-DD');
  }
  const procedures = new Set();
  for (const procedure of content.procedures) {
    if (procedures.has(procedure.key)) throw new RulesError(`duplicate procedure ${procedure.key}`);
    procedures.add(procedure.key);
    procedure.steps.forEach((step, index) => {
      const where = `procedure ${procedure.key} step ${index + 1}`;
      if (step.number !== index + 1) throw new RulesError(`${where}: numbered ${step.number}`);
      known(content.conferences, step.conference, where);
      for (const group of step.composition) known(content.groups, group, `${where}.composition`);
      for (const [tier, groups] of Object.entries(step.extra_composition || {})) {
        known(content.tiers, tier, `${where}.extra_composition`);
        for (const group of groups) known(content.groups, group, `${where}.extra_composition`);
      }
      if ((step.ballot === 'none') !== (step.threshold === undefined)) throw new RulesError(`${where}: a step has a threshold exactly when it holds a ballot`);
      if (step.threshold) ratio(step.threshold.ratio);
      if (step.fills_quota && step.ballot !== 'candidates') throw new RulesError(`${where}: only a candidate ballot can fill quotas`);
    });
    const final = procedure.steps[procedure.steps.length - 1];
    if (!final.threshold || !final.fills_quota || final.ballot !== 'candidates') {
      throw new RulesError(`procedure ${procedure.key}: the final step must be a ranked candidate ballot`);
    }
  }
}

/** Step `number` of `procedure` in the rule set's content. */
export function stepOf(content, procedure, number) {
  const found = content.procedures.find((p) => p.key === procedure);
  if (!found) throw new RulesError(`no procedure ${procedure}`);
  const step = found.steps.find((s) => s.number === number);
  if (!step) throw new RulesError(`procedure ${procedure} has no step ${number}`);
  return step;
}

/** Whether present reaches the quorum of convened (convened ≥ 1). */
export function quorumMet(content, present, convened) {
  if (convened < 1) throw new RulesError('convened must be at least 1: a conference convenes somebody');
  const [n, d] = ratio(content.quorum);
  return present * d >= convened * n;
}

/** One agree count against the step's threshold: the record's evaluation row. */
export function evaluate(step, agree, present, convened) {
  const { base, comparison } = step.threshold;
  const [n, d] = ratio(step.threshold.ratio);
  const baseCount = base === 'present' ? present : convened;
  if (!Number.isSafeInteger(agree) || agree < 0) throw new RulesError(`agree count must be a whole number ≥ 0, got ${agree}`);
  if (agree > baseCount) throw new RulesError(`agree count ${agree} exceeds the ${base} count ${baseCount}`);
  const passed = comparison === 'at_least' ? agree * d >= baseCount * n : agree * d > baseCount * n;
  const divisor = agree === 0 || baseCount === 0 ? 0 : gcd(agree, baseCount);
  const share = divisor === 0 ? '0/1' : `${agree / divisor}/${baseCount / divisor}`;
  return { agree, base, base_count: baseCount, share, passed };
}

function gcd(a, b) {
  return b === 0 ? a : gcd(b, a % b);
}

/** Section → candidate → evaluation row, in ballot order. */
export function evaluation(step, definition, counts, present, convened) {
  return Object.fromEntries(
    definition.sections.map((s) => [s.id, Object.fromEntries(s.candidates.map((c) => [c, evaluate(step, counts[s.id][c], present, convened)]))]),
  );
}

/**
 * The record's `selection` at a step that fills quotas (docs/record.md "Selection"), computed
 * over cadres and read back in candidate ids; `{}` at any other step. `cadres`: section →
 * candidate → cadre; `planned`: cadre → positions held; `decision`: the record's or null;
 * `version`: the record format's (v1 kept one over-cap position per candidate; before v3 a
 * cadre already at the cap took a place and was then flagged).
 */
export function selection(content, step, definition, counts, present, convened, decision, cadres, planned, version) {
  if (!step.fills_quota) return {};
  const mergeOverCap = version >= 2;
  const cap = content.max_positions_per_cadre;
  const positions = definition.sections.map((s) => s.id);
  const quotas = Object.fromEntries(definition.sections.map((s) => [s.id, s.quota]));
  for (const s of definition.sections) {
    if (s.quota > content.max_cadres_per_position) throw new RulesError(`quota of ${s.id} must be 0..${content.max_cadres_per_position}`);
  }
  const back = Object.fromEntries(positions.map((p) => [p, new Map(Object.entries(cadres[p]).map(([c, cadre]) => [cadre, c]))]));
  // 2. ranking over cadres: count descending, equal counts in cadre order.
  const passing = {};
  for (const s of definition.sections) {
    const ranked = s.candidates
      .map((c) => [cadres[s.id][c], counts[s.id][c]])
      .filter(([, count]) => evaluate(step, count, present, convened).passed);
    ranked.sort((x, y) => y[1] - x[1] || compareCodePoints(x[0], y[0]));
    passing[s.id] = ranked;
  }
  // 3. filling, a boundary tie stops the position.
  const chosen = {};
  const ties = {};
  for (const p of positions) {
    chosen[p] = [];
    const groups = [];
    // B.III.1 (v3): a cadre already planned for the cap takes no place, left out before filling.
    const ranked = version >= 3 ? passing[p].filter(([cadre]) => (planned[cadre] || 0) < cap) : passing[p];
    for (const [cadre, count] of ranked) {
      if (groups.length && groups[groups.length - 1].count === count) groups[groups.length - 1].cadres.push(cadre);
      else groups.push({ count, cadres: [cadre] });
    }
    for (const group of groups) {
      const room = quotas[p] - chosen[p].length;
      if (room === 0) break;
      if (group.cadres.length > room) {
        ties[p] = [room, group.cadres];
        break;
      }
      chosen[p].push(...group.cadres);
    }
  }
  // 4. the cap.
  const reached = new Map();
  for (const p of positions) {
    for (const cadre of [...chosen[p], ...(ties[p] ? ties[p][1] : [])]) {
      if (!reached.has(cadre)) reached.set(cadre, []);
      reached.get(cadre).push(p);
    }
  }
  const overCap = [...reached.entries()]
    .sort(([x], [y]) => compareCodePoints(x, y))
    .filter(([cadre, concerned]) => (planned[cadre] || 0) + concerned.length > cap);
  for (const [cadre, concerned] of overCap) {
    for (const p of concerned) chosen[p] = chosen[p].filter((c) => c !== cadre);
  }
  const contestedSet = new Set([...Object.keys(ties), ...overCap.flatMap(([, concerned]) => concerned)]);
  const contested = positions.filter((p) => contestedSet.has(p));
  let complete = Object.keys(ties).length === 0 && overCap.length === 0;
  if (decision) {
    applyDecision({ decision, contested, chosen, passing, quotas, planned, cap, cadres });
    complete = true;
  }
  const overCapByCandidate = {};
  for (const [cadre, concerned] of overCap) {
    for (const p of concerned) {
      const candidate = back[p].get(cadre);
      if (mergeOverCap) (overCapByCandidate[candidate] ||= []).push(p);
      else overCapByCandidate[candidate] = [p];
    }
  }
  if (mergeOverCap) for (const list of Object.values(overCapByCandidate)) list.sort((x, y) => positions.indexOf(x) - positions.indexOf(y));
  const toCandidates = (p, list) => list.map((cadre) => back[p].get(cadre));
  // 6. as recorded: from the ties and the over-cap lists as written (v1 lost positions there).
  const recorded = new Set([...Object.keys(ties), ...Object.values(overCapByCandidate).flat()]);
  return {
    chosen: Object.fromEntries(positions.map((p) => [p, toCandidates(p, chosen[p])])),
    ties: Object.fromEntries(Object.entries(ties).map(([p, [places, among]]) => [p, { places, among: toCandidates(p, among) }])),
    over_cap: overCapByCandidate,
    open_places: Object.fromEntries(positions.filter((p) => quotas[p] > chosen[p].length).map((p) => [p, quotas[p] - chosen[p].length])),
    contested: positions.filter((p) => recorded.has(p)),
    complete,
  };
}

// 8. the head's decision, in place on `chosen` (cadres).
function applyDecision({ decision, contested, chosen, passing, quotas, planned, cap, cadres }) {
  if (contested.length === 0) throw new RulesError('nothing is contested: the selection needs no decision by the head');
  if (!decision.decided_by.trim() || !decision.decided_at.trim()) throw new RulesError('a decision must say who decided and when');
  const picks = Object.keys(decision.chosen).sort(compareCodePoints);
  const missing = contested.filter((p) => !picks.includes(p));
  if (missing.length) throw new RulesError(`the decision does not cover the contested positions: ${missing.join(', ')}`);
  for (const p of picks) {
    if (!Object.hasOwn(cadres, p)) throw new RulesError(`no position ${p}`);
    if (!contested.includes(p)) throw new RulesError(`position ${p} is not contested; the decision cannot change it`);
    const counts = new Map(passing[p]);
    for (const candidate of decision.chosen[p]) {
      const cadre = Object.hasOwn(cadres[p], candidate) ? cadres[p][candidate] : candidate;
      if (!counts.has(cadre)) throw new RulesError(`${candidate} did not pass for ${p} and cannot be chosen`);
      if (chosen[p].includes(cadre)) throw new RulesError(`${candidate} is already chosen for ${p}`);
      chosen[p].push(cadre);
    }
    if (chosen[p].length > quotas[p]) throw new RulesError(`${p}: ${chosen[p].length} chosen exceeds the quota ${quotas[p]}`);
    const order = new Map(chosen[p].map((cadre, index) => [cadre, index]));
    chosen[p].sort((x, y) => counts.get(y) - counts.get(x) || order.get(x) - order.get(y));
  }
  const everyone = new Set(Object.values(chosen).flat());
  for (const cadre of everyone) {
    const total = (planned[cadre] || 0) + Object.values(chosen).filter((list) => list.includes(cadre)).length;
    if (total > cap) throw new RulesError(`${cadre} would hold ${total} positions, more than ${cap}`);
  }
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameKeys(value, names) {
  const keys = Object.keys(value);
  return keys.length === names.length && names.every((n) => Object.hasOwn(value, n));
}
