// Loads the shared test vectors in tests/vectors/, which the Python tests check too.
import { readFileSync } from 'node:fs';

export function vectors(name) {
  return JSON.parse(readFileSync(new URL(`../../tests/vectors/${name}.json`, import.meta.url), 'utf8'));
}

/** A stand-in for randomScalar that hands out the vector's recorded draws, in order. */
export function replay(scalars, decode) {
  const queue = scalars.map(decode);
  const rng = () => {
    if (queue.length === 0) throw new Error('more random draws than the vector recorded');
    return queue.shift();
  };
  rng.remaining = () => queue.length;
  return rng;
}
