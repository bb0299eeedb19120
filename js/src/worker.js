// The Web Worker entry: ballots are built and proven, and arriving ballots verified, off the
// page's thread so it stays responsive. The protocol is in worker-protocol.js.
import { handle } from './worker-protocol.js';

self.onmessage = async (event) => {
  self.postMessage(await handle(event.data));
};
