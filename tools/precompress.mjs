// Writes FILE.gz (gzip -9) and FILE.br (brotli, quality 11) beside every text and wasm asset of
// a built site, for static hosts that serve precompressed files (nginx gzip_static/brotli_static,
// Netlify, Cloudflare Pages, ...). Run by the release build's post_build hook (Trunk.toml):
//   node tools/precompress.mjs DIR
// Node's own zlib: no package to install.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node tools/precompress.mjs DIR');
  process.exit(2);
}
const COMPRESSIBLE = /\.(html|js|mjs|css|svg|json|wasm|txt|csv)$/;

function walk(at) {
  return readdirSync(at).flatMap((name) => {
    const full = path.join(at, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

let count = 0;
for (const file of walk(dir).filter((f) => COMPRESSIBLE.test(f))) {
  const body = readFileSync(file);
  writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  writeFileSync(`${file}.br`, brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  }));
  count += 1;
}
console.log(`precompressed ${count} files in ${dir} (.gz, .br)`);
