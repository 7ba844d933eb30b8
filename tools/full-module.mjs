// Builds the full module beside the reader's module that trunk builds, and names it in
// index.html for boot.js and embed-element.js (issue 19, docs/PERFORMANCE.md "Two modules").
//
// Trunk builds the page's module without the `authoring` feature: it reads only the dataset
// whose order was baked (checked at the bake) and links no validator, no crossing search and
// no `?preview`. The full module has them all; the page loads it only for another dataset
// (`?preview`, `?data=`, a host's own file), so a reader of the shipped chart never fetches it.
//
// Run by Trunk.toml's post_build hook, in both profiles (`trunk serve` needs it too):
//   node tools/full-module.mjs DIR
// with TRUNK_PROFILE=release for the optimised build (wasm-opt and terser, as for trunk's own).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The meta element boot.js and embed-element.js read: "GLUE WASM INTEGRITY".
const META = 'influence-flows-full';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node tools/full-module.mjs DIR');
  process.exit(2);
}
const release = process.env.TRUNK_PROFILE === 'release';
const profile = release ? 'release' : 'debug';
// Its own target dir: trunk's build of the same crate with other features would otherwise
// throw this one's artifacts away each time, and the other way round.
const targetDir = path.join(ROOT, 'target', 'full');
const run = (command, args) => execFileSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });

run('cargo', ['build', '--lib', '--quiet', '--target', 'wasm32-unknown-unknown', '--target-dir', targetDir,
  ...(release ? ['--release'] : [])]);
const built = path.join(targetDir, 'wasm32-unknown-unknown', profile, 'influence_flows.wasm');
const out = mkdtempSync(path.join(os.tmpdir(), 'if-full-'));
try {
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out, '--out-name', 'full', built]);
  const wasmPath = path.join(out, 'full_bg.wasm');
  if (release) {
    // The same passes as index.html's `data-wasm-opt` for the reader's module; binaryen from
    // npm (tools/), never a download.
    const local = path.join(ROOT, 'tools', 'node_modules', '.bin', 'wasm-opt');
    run(existsSync(local) ? local : 'wasm-opt',
      ['-Oz', '--converge', '--strip-debug', '--strip-producers', wasmPath, '-o', wasmPath]);
  }
  const wasm = readFileSync(wasmPath);
  let glue = readFileSync(path.join(out, 'full.js'), 'utf8');
  if (release) {
    glue = (await minify(glue, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true })).code;
  }
  const stem = `full-${createHash('sha256').update(wasm).update(glue).digest('hex').slice(0, 16)}`;
  writeFileSync(path.join(dir, `${stem}_bg.wasm`), wasm);
  writeFileSync(path.join(dir, `${stem}.js`), glue);
  const integrity = `sha384-${createHash('sha384').update(wasm).digest('base64')}`;
  const indexPath = path.join(dir, 'index.html');
  const index = readFileSync(indexPath, 'utf8');
  const meta = `<meta name=${META} content="./${stem}.js ./${stem}_bg.wasm ${integrity}">`;
  const charset = index.match(/<meta charset=["']?utf-8["']?>/i);
  if (!charset) throw new Error(`${indexPath}: no <meta charset> to put the full module's name after`);
  writeFileSync(indexPath, index.replace(charset[0], charset[0] + meta));
  console.log(`${stem}: wasm ${wasm.length} B, glue ${glue.length} B (${profile})`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
