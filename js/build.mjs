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

/** Build every bundle into `outdir` and return the manifest. */
export async function build(outdir = OUTDIR) {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const manifest = { bundles: {}, esbuild: esbuild.version };
  for (const { entry, out, format } of bundles) {
    const result = await esbuild.build({ ...common, entryPoints: [entry], format, outfile: path.join(outdir, out) });
    const [file] = result.outputFiles;
    await writeFile(file.path, file.contents);
    manifest.bundles[out] = {
      bytes: file.contents.length,
      sha256: createHash('sha256').update(file.contents).digest('hex'),
    };
  }
  manifest.lockfile_sha256 = createHash('sha256').update(await readFile(path.join(root, 'package-lock.json'))).digest('hex');
  await writeFile(path.join(outdir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = await build();
  for (const [name, { bytes, sha256 }] of Object.entries(manifest.bundles)) console.log(`${sha256}  ${name} (${bytes} bytes)`);
}
