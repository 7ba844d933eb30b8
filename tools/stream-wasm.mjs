// Lets the browser compile the wasm while it downloads (issue 19): moves the integrity hash of
// index.html's wasm preload link into `data-integrity`. A fetch with `integrity` hands over its
// body only once all of it has arrived and been checked, so `compileStreaming` could not start
// before the last byte; and a preload keeping its `integrity` would not be reused by a fetch
// without one (two downloads). boot.js and embed-element.js fetch the wasm without
// `integrity`, compile it as it arrives, hash a copy of the same bytes and instantiate the
// module only if the hash is the link's: nothing unchecked runs.
// Run by the release build's post_build hook (Trunk.toml), after tools/minify-glue.mjs:
//   node tools/stream-wasm.mjs DIR
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node tools/stream-wasm.mjs DIR');
  process.exit(2);
}
const indexPath = path.join(dir, 'index.html');
const index = readFileSync(indexPath, 'utf8');
// <link as=fetch crossorigin href=./NAME_bg.wasm integrity=sha384-… rel=preload …>, however the
// HTML minifier quoted its attributes.
const link = [...index.matchAll(/<link\b[^>]*>/g)]
  .map((m) => m[0])
  .find((tag) => /\brel=["']?preload\b/.test(tag) && /\bhref=["']?[^"'\s>]+\.wasm\b/.test(tag));
if (!link || !/\sintegrity=["']?sha(256|384|512)-/.test(link)) {
  console.error(`${indexPath}: no wasm preload link with an integrity hash`);
  process.exit(1);
}
writeFileSync(indexPath, index.replace(link, link.replace(/\sintegrity=/, ' data-integrity=')));
console.log(`${indexPath}: the wasm preload's integrity moved to data-integrity`);
