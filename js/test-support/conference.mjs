// A small conference for tests and benchmarks: a definition, cards, a 2-of-3 committee made by
// the JavaScript key ceremony, and the ballot context voters build against.
import { ceremony as makeCeremony, simulateCeremony } from '../src/dkg.js';
import { conferenceFingerprint, definitionFromJSON } from '../src/ballot.js';
import { cardFromSecret, makePool } from '../src/cards.js';

export const CONFERENCE = 'hội-nghị-thử';

/** `sections` × `candidates` with `quota`, ids s1…, s1-c1…; a committee and `cards` cards. */
export function conference({ sections = 2, candidates = 3, quota = 2, cards = 4 } = {}) {
  const definition = definitionFromJSON({
    sections: Array.from({ length: sections }, (_, s) => ({
      id: `s${s + 1}`,
      candidates: Array.from({ length: candidates }, (_, c) => `s${s + 1}-c${c + 1}`),
      quota,
    })),
  });
  const { transcript, keys } = simulateCeremony(makeCeremony(CONFERENCE, 2, 3));
  const pool = makePool(CONFERENCE, cards);
  const fingerprint = conferenceFingerprint(CONFERENCE, {
    ruleSet: 'KH 331',
    ruleSetHash: 'ab'.repeat(32),
    procedure: 'next_term',
    step: 3,
    definition,
    cardKeys: pool.publicKeys,
    jointKey: transcript.jointKey,
    convened: 40,
    present: 36,
  });
  return {
    definition,
    transcript,
    keys,
    pool,
    cards: pool.secrets.map((secret) => cardFromSecret(CONFERENCE, secret)),
    context: { conferenceId: CONFERENCE, fingerprint, definition, jointKey: transcript.jointKey },
  };
}

/** Choices marking the first `count` candidates of every section. */
export function firstChoices(definition, count) {
  return Object.fromEntries(definition.sections.map((section) => [section.id, section.candidates.slice(0, count)]));
}
