// A voting card's code, mirroring voting/crypto/cards.py: the 128-bit secret as 26 Crockford
// base-32 digits (no I, L, O, U: nothing to confuse on a keypad) and a Luhn mod 32 check
// character, so a mistyped code is refused on the device before anything is sent. Plain
// JavaScript without libsodium, so the voter's page can check a code without loading it.
export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SECRET_BYTES = 16;
const DIGITS = 26; // 128 bits in base 32; the first digit is therefore 0..7
const GROUP = 4;
export const ALIASES = { I: '1', L: '1', O: '0' };

export class CardError extends Error {}

export function checkSecret(secret) {
  if (!(secret instanceof Uint8Array) || secret.length !== SECRET_BYTES) {
    throw new CardError(`a card secret is ${SECRET_BYTES} bytes`);
  }
}

/** The 27-character code: the secret as a big-endian number in 26 base-32 digits, then the
 * check character. */
export function code(secret) {
  checkSecret(secret);
  let value = 0n;
  for (const byte of secret) value = (value << 8n) | BigInt(byte);
  let digits = '';
  for (let i = DIGITS - 1; i >= 0; i--) digits += ALPHABET[Number((value >> BigInt(5 * i)) & 31n)];
  return digits + checkCharacter(digits);
}

/** The code as printed and shown: groups of 4 joined by hyphens (the last group has 3). */
export function displayCode(secret) {
  return code(secret).match(new RegExp(`.{1,${GROUP}}`, 'g')).join('-');
}

/** Luhn mod 32: from the rightmost digit leftwards, every other value (starting with the
 * rightmost) is doubled and its two base-32 digits added; the check makes the total ≡ 0. */
export function checkCharacter(digits) {
  let total = 0;
  [...digits].reverse().forEach((character, position) => {
    let value = ALPHABET.indexOf(character);
    if (position % 2 === 0) value = Math.floor((2 * value) / 32) + ((2 * value) % 32);
    total += value;
  });
  return ALPHABET[(32 - (total % 32)) % 32];
}

/** The secret of a typed or scanned code. Case, spaces and hyphens do not matter, and I, L and
 * O are read as 1, 1 and 0; a wrong check character is refused. */
export function parseCode(text) {
  const compact = text.replace(/[\s-]+/g, '').toUpperCase().replace(/[ILO]/g, (c) => ALIASES[c]);
  for (const character of compact) {
    if (!ALPHABET.includes(character)) throw new CardError(`'${character}' does not occur on a voting card`);
  }
  if (compact.length !== DIGITS + 1) {
    throw new CardError(`a card code has ${DIGITS + 1} characters; this one has ${compact.length}`);
  }
  const digits = compact.slice(0, DIGITS);
  if (checkCharacter(digits) !== compact[DIGITS]) {
    throw new CardError('the card code is mistyped: its check character does not match');
  }
  let value = 0n;
  for (const character of digits) value = value * 32n + BigInt(ALPHABET.indexOf(character));
  if (value >> BigInt(8 * SECRET_BYTES)) {
    throw new CardError('this is not a voting card code (its first character is above 7)');
  }
  const secret = new Uint8Array(SECRET_BYTES);
  for (let i = SECRET_BYTES - 1; i >= 0; i--, value >>= 8n) secret[i] = Number(value & 255n);
  return secret;
}

/** The URL in the card's QR code: the code rides in the fragment, never sent to the server. */
export function cardUrl(baseUrl, secret) {
  if (baseUrl.includes('#')) throw new CardError("the voting page's URL must not have a fragment of its own");
  return `${baseUrl}#${code(secret)}`;
}

/** The secret carried in a card URL's fragment. */
export function secretFromUrl(url) {
  const mark = url.indexOf('#');
  if (mark < 0) throw new CardError("this link carries no voting card (it has no '#' part)");
  return parseCode(url.slice(mark + 1));
}
