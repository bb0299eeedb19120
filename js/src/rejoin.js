// A committee member taking its seat again on a new phone, mirroring voting/crypto/rejoin.py:
// the restored backup signs the organiser's replacement token with the Ed25519 key the member
// published in the ceremony, so a token alone binds nothing and a wrong backup is refused.
// Format: docs/crypto-committee.md "Rejoining".
import { frame, toHex, u32be, utf8 } from './bytes.js';

export const REJOIN_TAG = 'voting/committee/rejoin/v1';

/** What is signed: the framed tag, conference id, member and token. */
export function rejoinMessage(conferenceId, member, token) {
  return frame(utf8(REJOIN_TAG), utf8(conferenceId), u32be(member), utf8(token));
}

/** The proof a restored backup (a dkg.KeyShare) gives for the replacement `token`. */
export function signRejoin(key, token) {
  return { conferenceId: key.conferenceId, member: key.member, token, signature: key.sign(rejoinMessage(key.conferenceId, key.member, token)) };
}

export function rejoinToJSON({ conferenceId, member, token, signature }) {
  return { kind: 'committee-rejoin', conference_id: conferenceId, member, token, signature: toHex(signature) };
}
