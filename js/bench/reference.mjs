// The reference ballot of design.md: 25 sections × 6 candidates (150), quota 3, with its
// conference, for the benchmarks; and how results are printed.
import os from 'node:os';
import { conference, firstChoices } from '../test-support/conference.mjs';

export const SECTIONS = 25;
export const CANDIDATES = 6;
export const QUOTA = 3;

export function referenceConference(cards) {
  const setting = conference({ sections: SECTIONS, candidates: CANDIDATES, quota: QUOTA, cards });
  return { ...setting, choices: firstChoices(setting.definition, QUOTA) };
}

export function report(result) {
  const machine = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model };
  console.log(JSON.stringify({ date: new Date().toISOString(), ballot: `${SECTIONS}×${CANDIDATES}, quota ${QUOTA}`, ...result, machine }, null, 2));
}

export function summary(milliseconds) {
  const sorted = [...milliseconds].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { runs: sorted.length, min_ms: round(sorted[0]), median_ms: round(at(0.5)), max_ms: round(sorted.at(-1)) };
}

export const round = (x) => Math.round(x * 10) / 10;
