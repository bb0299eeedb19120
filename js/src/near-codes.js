// Where a mistyped card code is probably wrong. One Luhn check character detects a single wrong
// character or two swapped neighbours but cannot say where: for every position exactly one other
// character would satisfy it. What does say where is the conference's list of card keys (public,
// GET /cards/keys): of the codes one typo away that pass the check, at most one is, in practice,
// a card of this conference (2^128 codes, a few hundred cards), and the group it differs in is
// the group to compare with the card. Plain JavaScript; the keys are derived by the caller's
// `isCard` (in the Web Worker, where libsodium is).
import { ALPHABET, checkCharacter } from './card-code.js';

const LENGTH = 27;
const GROUP = 4;

/** The characters (1-based, first and last) of the printed groups that hold positions
 * `first`..`last` (0-based): a group of 4, or two when a swap straddles them. */
function groupsOf(first, last) {
  return { from: Math.floor(first / GROUP) * GROUP + 1, to: Math.min((Math.floor(last / GROUP) + 1) * GROUP, LENGTH) };
}

function valid(candidate) {
  return '01234567'.includes(candidate[0]) && checkCharacter(candidate.slice(0, LENGTH - 1)) === candidate[LENGTH - 1];
}

/** Every code one typo away from `typed` (27 card symbols) that passes the check: one character
 * replaced, or two neighbours swapped; each with the groups it differs in. */
export function nearCodes(typed) {
  if (typed.length !== LENGTH || [...typed].some((c) => !ALPHABET.includes(c))) return [];
  const near = [];
  for (let at = 0; at < LENGTH; at++) {
    for (const symbol of ALPHABET) {
      if (symbol === typed[at]) continue;
      const candidate = typed.slice(0, at) + symbol + typed.slice(at + 1);
      if (valid(candidate)) near.push({ code: candidate, ...groupsOf(at, at) });
    }
  }
  for (let at = 0; at < LENGTH - 1; at++) {
    if (typed[at] === typed[at + 1]) continue;
    const candidate = typed.slice(0, at) + typed[at + 1] + typed[at] + typed.slice(at + 2);
    if (valid(candidate)) near.push({ code: candidate, ...groupsOf(at, at + 1) });
  }
  return near;
}

/** The groups ({from, to}, characters counted from 1) in which `typed` differs from the one
 * card it is a typo of, by `isCard(code)`; null when no card, or cards in different groups, are
 * one typo away (then only "compare each group" can be said). */
export function typoGroups(typed, isCard) {
  const found = nearCodes(typed).filter((near) => isCard(near.code));
  const places = new Set(found.map((near) => `${near.from}-${near.to}`));
  return places.size === 1 ? { from: found[0].from, to: found[0].to } : null;
}
