// Minifies the wasm-bindgen JS glue of a built site with terser, and puts the new file's
// integrity hash into index.html's modulepreload link (boot.js and embed-element.js import the
// module with that hash). Trunk's own minifier gives up on the glue (it cannot parse
// `export { … as default }`) and leaves it whole: 7.5 KB gzip, 6.0 KB minified (issue 19).
// Run by the release build's post_build hook (Trunk.toml), before tools/precompress.mjs:
//   node tools/minify-glue.mjs DIR
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { minify } from 'terser';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node tools/minify-glue.mjs DIR');
  process.exit(2);
}
const indexPath = path.join(dir, 'index.html');
let index = readFileSync(indexPath, 'utf8');
// The one modulepreload link: <link crossorigin href=./NAME.js integrity=sha384-… rel=modulepreload>,
// however the HTML minifier quoted its attributes.
const link = [...index.matchAll(/<link\b[^>]*>/g)].map((m) => m[0]).find((tag) => /\brel=["']?modulepreload\b/.test(tag));
const href = link?.match(/\bhref=["']?([^"'\s>]+)/)?.[1];
const integrity = link?.match(/\bintegrity=["']?(sha384-[A-Za-z0-9+/=]+)/)?.[1];
if (!href || !integrity) {
  console.error(`${indexPath}: no modulepreload link with an href and an sha384 integrity`);
  process.exit(1);
}
const file = path.join(dir, href);
const source = readFileSync(file, 'utf8');
const { code } = await minify(source, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true });
writeFileSync(file, code);
const hash = `sha384-${createHash('sha384').update(code).digest('base64')}`;
index = index.replace(link, link.replace(integrity, hash));
writeFileSync(indexPath, index);
console.log(`${href}: ${source.length} → ${code.length} bytes, integrity ${hash}`);
