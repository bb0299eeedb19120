// A receipt as a voter reads it aloud or compares it: the ballot hash's first 16 hex digits in
// four groups, upper case (the full hash stays available for the list lookup).
export function shortReceipt(hash) {
  return hash.slice(0, 16).toUpperCase().match(/.{4}/g).join(' ');
}
