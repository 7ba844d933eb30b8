//! One small stable sort for the whole crate, instead of `std`'s sorts.
//!
//! `slice::sort_by` and friends are monomorphised per element type and comparator: each call
//! site brings its own driftsort, small-sort networks and quicksort: one std `sort()` of `&str`s
//! in `url_state` instead of this one adds 4,245 B to the shipped wasm, 2,145 B gzip
//! (2026-12-04, `bash tools/std_sort_cost.sh`). Here the sorting itself is one non-generic
//! function over a `u32` index permutation, asking a `&mut dyn FnMut` which of two indices comes
//! later; the generic part per call site is two tiny closures. Every sort here is stable, so it
//! also stands in for `sort_unstable*` (same result for total orders, where equal means
//! identical).
//!
//! Sorting is O(n log n) comparisons through a dynamic call plus O(n) swaps, with one `Vec<u32>`
//! pair of scratch: fine for the crate's lists (actors, flows, bands, crossings), which are at
//! most a few thousand long.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, like `slice::sort_by`.
pub fn by<T, F: FnMut(&T, &T) -> Ordering>(v: &mut [T], mut cmp: F) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let items: &[T] = v;
        permutation(items.len(), &mut |a, b| {
            cmp(&items[a as usize], &items[b as usize]) == Ordering::Greater
        })
    };
    apply(&order, &mut |i, j| v.swap(i, j));
}

/// Sorts `v` stably by the key `key` gives, like `slice::sort_by_key` (the key is computed
/// for each comparison; see [`by_cached_key`] for costly keys).
pub fn by_key<T, K: Ord, F: FnMut(&T) -> K>(v: &mut [T], mut key: F) {
    by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably by the key `key` gives, computing each key once, like
/// `slice::sort_by_cached_key`.
pub fn by_cached_key<T, K: Ord, F: FnMut(&T) -> K>(v: &mut [T], key: F) {
    if v.len() < 2 {
        return;
    }
    let keys: Vec<K> = v.iter().map(key).collect();
    let order = permutation(keys.len(), &mut |a, b| keys[a as usize] > keys[b as usize]);
    apply(&order, &mut |i, j| v.swap(i, j));
}

/// Sorts `v` in ascending order, stably, like `slice::sort` (and `sort_unstable`).
pub fn sort<T: Ord>(v: &mut [T]) {
    by(v, T::cmp);
}

/// Runs shorter than this are sorted by insertion before merging.
const RUN: usize = 12;

/// The stable sorting permutation of `0..len`: `order[k]` is the index of the item that belongs
/// at position `k`. `greater(a, b)` says whether item `a` sorts strictly after item `b`.
fn permutation(len: usize, greater: &mut dyn FnMut(u32, u32) -> bool) -> Vec<u32> {
    debug_assert!(u32::try_from(len).is_ok(), "sort::permutation: {len} items");
    let mut order: Vec<u32> = (0..len as u32).collect();
    // Insertion sort within each run.
    for start in (0..len).step_by(RUN) {
        let end = (start + RUN).min(len);
        for i in start + 1..end {
            let item = order[i];
            let mut j = i;
            while j > start && greater(order[j - 1], item) {
                order[j] = order[j - 1];
                j -= 1;
            }
            order[j] = item;
        }
    }
    // Bottom-up merges of neighbouring runs, ping-ponging between two buffers.
    let mut other = vec![0u32; len];
    let mut width = RUN;
    while width < len {
        for start in (0..len).step_by(2 * width) {
            let mid = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut i, mut j) = (start, mid);
            for slot in &mut other[start..end] {
                // Take from the right only when it is strictly smaller: stability.
                if j < end && (i >= mid || greater(order[i], order[j])) {
                    *slot = order[j];
                    j += 1;
                } else {
                    *slot = order[i];
                    i += 1;
                }
            }
        }
        std::mem::swap(&mut order, &mut other);
        width *= 2;
    }
    order
}

/// Rearranges a slice so that position `k` holds the item that was at `order[k]`, following
/// the permutation's cycles with `swap(i, j)`.
fn apply(order: &[u32], swap: &mut dyn FnMut(usize, usize)) {
    let mut done = vec![false; order.len()];
    for start in 0..order.len() {
        if done[start] {
            continue;
        }
        // Position `at` wants the item at `order[at]`, which is still where it was: every
        // position before it on the cycle has been filled, and the start's item travels along.
        let mut at = start;
        loop {
            done[at] = true;
            let from = order[at] as usize;
            if from == start {
                break;
            }
            swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // std's sorts, to compare with
mod tests {
    use super::*;

    #[test]
    fn sorts_short_and_empty_slices() {
        let mut empty: Vec<i32> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
        let mut one = vec![7];
        sort(&mut one);
        assert_eq!(one, [7]);
        let mut few = vec![3, 1, 2];
        sort(&mut few);
        assert_eq!(few, [1, 2, 3]);
    }

    #[test]
    fn is_stable() {
        // Pairs sorted by the first field only keep the second field's original order.
        let mut v: Vec<(u8, usize)> = (0..200).map(|i| ((i * 7 % 5) as u8, i)).collect();
        by_key(&mut v, |p| p.0);
        for pair in v.windows(2) {
            assert!(pair[0].0 < pair[1].0 || (pair[0].0 == pair[1].0 && pair[0].1 < pair[1].1));
        }
    }

    #[test]
    fn sorts_in_reverse_and_by_cached_key() {
        let mut v: Vec<String> = ["b", "A", "c", "a", "B"].map(String::from).to_vec();
        by_cached_key(&mut v, |s| s.to_ascii_lowercase());
        assert_eq!(v, ["A", "a", "b", "B", "c"]);
        by(&mut v, |a, b| b.cmp(a));
        assert_eq!(v, ["c", "b", "a", "B", "A"]);
    }

    // proptest is a native-only dev-dependency (it pulls in getrandom).
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn matches_std_stable_sort(v in proptest::collection::vec((0u8..8, proptest::prelude::any::<u16>()), 0..300)) {
            let mut ours = v.clone();
            let mut std = v.clone();
            by_key(&mut ours, |p| p.0);
            std.sort_by_key(|p| p.0);
            proptest::prop_assert_eq!(&ours, &std);
            let mut ours = v.clone();
            let mut std = v;
            by(&mut ours, |a, b| b.1.cmp(&a.1));
            std.sort_by_key(|p| std::cmp::Reverse(p.1));
            proptest::prop_assert_eq!(ours, std);
        }

        #[test]
        fn matches_std_sort_on_floats(v in proptest::collection::vec(proptest::prelude::any::<f64>(), 0..100)) {
            let mut ours = v.clone();
            let mut std = v;
            by(&mut ours, f64::total_cmp);
            std.sort_by(f64::total_cmp);
            proptest::prop_assert_eq!(ours.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                std.iter().map(|x| x.to_bits()).collect::<Vec<_>>());
        }
    }
}
