// Bundles the browser side into voting/web/static/dist/ and writes manifest.json with the
// SHA-256 of each bundle: the projector shows these hashes, and the same lock file must give
// the same bytes, so anyone can rebuild and compare. No timestamps, no absolute paths, no
// source maps in the output.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUTDIR = path.join(root, 'voting/web/static/dist');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'browser',
  target: 'es2020',
  charset: 'utf8',
  legalComments: 'inline',
  logLevel: 'warning',
  // The libsodium loader falls back to Node's `crypto` when there is no Web Crypto
  // getRandomValues; browsers always have it (even on plain http), so leave the name unbundled.
  external: ['crypto'],
  write: false,
};

// Pages import the ES modules; the worker is a classic script so that every browser with
// WebAssembly can start it (module workers are newer than WebAssembly in some browsers).
const bundles = [
  { entry: 'js/src/voter.js', out: 'voter.js', format: 'esm' },
  { entry: 'js/src/committee.js', out: 'committee.js', format: 'esm' },
  { entry: 'js/src/worker.js', out: 'worker.js', format: 'iife' },
];

// The pages people use in the room (voting/web/templates/): classic scripts, one per page kind,
// listed apart in the manifest under `pages` so the crypto bundles' list stays as it is.
const pages = [
  { entry: 'js/src/pages/page.js', out: 'pages/page.js', format: 'iife' },
  { entry: 'js/src/pages/desk.js', out: 'pages/desk.js', format: 'iife' },
  { entry: 'js/src/pages/live-quorum.js', out: 'pages/live-quorum.js', format: 'iife' },
  { entry: 'js/src/pages/structure.js', out: 'pages/structure.js', format: 'iife' },
  { entry: 'js/src/pages/kiosk.js', out: 'pages/kiosk.js', format: 'iife' },
  { entry: 'js/src/pages/preflight.js', out: 'pages/preflight.js', format: 'iife' },
  { entry: 'js/src/pages/vote.js', out: 'pages/vote.js', format: 'iife' },
  { entry: 'js/src/pages/committee-phone.js', out: 'pages/committee-phone.js', format: 'iife' },
  { entry: 'js/src/pages/projector.js', out: 'pages/projector.js', format: 'iife' },
  { entry: 'js/src/pages/verify.js', out: 'pages/verify.js', format: 'iife' },
];

/** Bundle `entry` into `outdir/out`; its size and SHA-256. */
async function bundle(outdir, { entry, out, format }) {
  const result = await esbuild.build({ ...common, entryPoints: [entry], format, outfile: path.join(outdir, out) });
  const [file] = result.outputFiles;
  await mkdir(path.dirname(file.path), { recursive: true });
  await writeFile(file.path, file.contents);
  return { bytes: file.contents.length, sha256: createHash('sha256').update(file.contents).digest('hex') };
}

/** Build every bundle into `outdir` and return the manifest. */
export async function build(outdir = OUTDIR) {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const manifest = { bundles: {}, pages: {}, esbuild: esbuild.version };
  for (const spec of bundles) manifest.bundles[spec.out] = await bundle(outdir, spec);
  for (const spec of pages) manifest.pages[spec.out] = await bundle(outdir, spec);
  manifest.lockfile_sha256 = createHash('sha256').update(await readFile(path.join(root, 'package-lock.json'))).digest('hex');
  await writeFile(path.join(outdir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = await build();
  for (const [name, { bytes, sha256 }] of Object.entries({ ...manifest.bundles, ...manifest.pages })) console.log(`${sha256}  ${name} (${bytes} bytes)`);
}
