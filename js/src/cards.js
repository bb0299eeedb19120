// Voting cards' keys, mirroring voting/crypto/cards.py (the code itself is in card-code.js).
// The card's Ed25519 key is derived from the secret keyed by the conference id, so the same
// secret is useless in another conference. The server only ever sees public keys.
import sodium from './sodium.js';
import { toHex, utf8 } from './bytes.js';
import { sha256Hex } from './canonical.js';
import { CardError, SECRET_BYTES, checkSecret, parseCode } from './card-code.js';

export * from './card-code.js';

/** 128 bits from libsodium's random source (crypto.getRandomValues: fine on plain http). */
export function newSecret() {
  return sodium.randombytes_buf(SECRET_BYTES);
}

/** BLAKE2b's longest key: the conference id keys the derivation of every card's seed. */
export const MAX_CONFERENCE_ID_BYTES = 64;

/** The conference id as the BLAKE2b key (UTF-8, 1..64 bytes: BLAKE2b's key sizes). */
export function conferenceKey(conferenceId) {
  const key = utf8(conferenceId);
  if (key.length < 1 || key.length > MAX_CONFERENCE_ID_BYTES) throw new CardError('a conference id is 1 to 64 bytes of UTF-8 (it keys BLAKE2b)');
  return key;
}

/** The card's Ed25519 seed: crypto_generichash(secret, key = conference id, 32 bytes). */
export function signingSeed(conferenceId, secret) {
  checkSecret(secret);
  return sodium.crypto_generichash(32, secret, conferenceKey(conferenceId));
}

/** A card's signing key in one conference: {conferenceId, publicKey, secretKey, publicHex}. */
export function cardFromSecret(conferenceId, secret) {
  const { publicKey, privateKey } = sodium.crypto_sign_seed_keypair(signingSeed(conferenceId, secret));
  return { conferenceId, publicKey, secretKey: privateKey, publicHex: toHex(publicKey) };
}

export function cardFromCode(conferenceId, text) {
  return cardFromSecret(conferenceId, parseCode(text));
}

/** The 64-byte Ed25519 signature of `message` by `card`. */
export function sign(card, message) {
  return sodium.crypto_sign_detached(message, card.secretKey);
}

/** `count` fresh cards: the secrets for the desk to deal and, apart, what the server may learn,
 * their public keys sorted so that the order tells nothing. */
export function makePool(conferenceId, count) {
  if (!Number.isInteger(count) || count < 0) throw new CardError('a pool cannot have fewer than 0 cards');
  const secrets = Array.from({ length: count }, newSecret);
  const publicKeys = secrets.map((secret) => cardFromSecret(conferenceId, secret).publicHex).sort();
  return { secrets, publicKeys };
}

/** The card list's fingerprint for the projector: SHA-256 hex of the canonical JSON array of
 * the keys' lowercase hex, sorted. */
export function cardListHash(publicKeys) {
  return sha256Hex([...publicKeys].sort());
}
