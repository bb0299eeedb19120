// What a refused card code says to the person typing it: which character does not occur on a
// card, how many characters are missing or too many — or, when only the check character
// disagrees, that one character is mistyped (or two swapped). One check character detects a
// typo but cannot say where it is (docs/crypto.md), so the words ask to compare group by group —
// unless the conference's card list places it (near-codes.js): then they name the group.
import { ALIASES, ALPHABET } from '../card-code.js';

const LENGTH = 27;

/** The catalogue key and values that explain why `text` is not a card code. */
export function codeTypo(text) {
  const compact = text.replace(/[\s-]+/g, '').toUpperCase();
  const stranger = [...compact].find((c) => !ALPHABET.includes(c) && !(c in ALIASES));
  if (stranger) return { key: 'code.typo.character', values: { c: stranger } };
  if (compact.length !== LENGTH) return { key: 'code.typo.length', values: { n: compact.length } };
  if (!'01234567'.includes(compact[0].replace(/[ILO]/, (c) => ALIASES[c]))) return { key: 'code.typo.first', values: {} };
  return { key: 'code.typo.check', values: {} };
}

/** The words that name the group a check-failing code's typo is in ('code.typo.near', {from,
 * to}), or null when the cards do not place it. `cardKeys()` resolves with the conference's card
 * keys; `ask` sends a request to the page's Web Worker, which derives the near codes' keys. */
export async function typoNear(text, conferenceId, cardKeys, ask) {
  const compact = text.replace(/[\s-]+/g, '').toUpperCase().replace(/[ILO]/g, (c) => ALIASES[c]);
  if (codeTypo(compact).key !== 'code.typo.check') return null;
  const { groups } = await ask({ type: 'near', conferenceId, cardCode: compact, cardKeys: await cardKeys() });
  return groups && { key: 'code.typo.near', values: groups };
}
