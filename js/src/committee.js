// The counting committee member's page: the key ceremony in this browser, the key kept in
// IndexedDB and in the member's own backup file, incremental verification of arriving ballots
// in the Web Worker, and the opening.
export * as dkg from './dkg.js';
export * as decryption from './decryption.js';
export * as keystore from './keystore.js';
export { WorkerClient } from './worker-client.js';
export { ready } from './sodium.js';
export { dumps, loads } from './canonical.js';
export { cardListHash } from './cards.js';
export { ballotListHash, conferenceFingerprint } from './ballot.js';
