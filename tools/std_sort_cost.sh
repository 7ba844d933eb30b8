#!/usr/bin/env bash
# What one call of std's sort costs in the shipped wasm: builds the release wasm (wasm-bindgen,
# then wasm-opt as index.html asks), once as it is and once with `crate::util::sort::sort` in
# `reader::url_state::sorted` replaced by std's `sort()`, and prints both sizes (raw, gzip -9).
# The source file is restored afterwards. Run from the crate root: bash tools/std_sort_cost.sh
set -euo pipefail
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
file=src/reader/url_state.rs
backup=$(mktemp)
cp "$file" "$backup"
trap 'cp "$backup" "$file"; rm -f "$backup"' EXIT
size() {
  local out
  out=$(mktemp -d)
  cargo build -q --release --target wasm32-unknown-unknown --lib
  wasm-bindgen --target web --out-dir "$out" target/wasm32-unknown-unknown/release/influence_flows.wasm
  tools/node_modules/.bin/wasm-opt -Oz --converge --strip-debug --strip-producers \
    "$out/influence_flows_bg.wasm" -o "$out/opt.wasm"
  echo "$1: $(stat -c %s "$out/opt.wasm") B, $(gzip -9c "$out/opt.wasm" | wc -c) B gzip"
}
size "crate sort"
sed -i 's/crate::util::sort::sort(&mut ids\[..\]);/#[allow(clippy::disallowed_methods)]\n    ids.sort();/' "$file"
grep -q 'ids.sort();' "$file"
size "std sort "
