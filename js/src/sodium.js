// libsodium compiled to WebAssembly: the only source of primitives on the browser side.
// Callers await `ready` once (the WebAssembly module loads asynchronously); after that every
// function of this package is synchronous.
import sodium from 'libsodium-wrappers-sumo';

export const ready = sodium.ready;
export default sodium;
