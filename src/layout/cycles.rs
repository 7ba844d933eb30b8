//! Breaking cycles: which links run backwards.
//!
//! A weighted version of the greedy feedback-arc-set heuristic of Eades, Lin and Smyth ("A
//! fast and effective heuristic for the feedback arc set problem", IPL 47, 1993). It builds
//! a sequence of the nodes from both ends: sinks go to the back, sources to the front, and
//! when neither is left, the node whose outgoing weight most exceeds its incoming weight goes
//! to the front. The links running against the sequence form the arc set; the heuristic keeps
//! their total weight low, so heavy flows run forward and light counter-flows become loops.
//!
//! Cost: O((V + E) log V) with a lazy max-heap, whatever the number of cycles.

use super::Link;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Position of each node in a sequence in which the backward links weigh little: a link
/// `s → t` with `rank[s] < rank[t]` is kept forward, the others (and self-loops) run back.
pub(super) fn acyclic_rank(n: usize, links: &[Link]) -> Vec<usize> {
    let weight = arc_weights(links);
    let mut out_adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    let mut in_adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    let (mut out_deg, mut in_deg) = (vec![0usize; n], vec![0usize; n]);
    let (mut out_w, mut in_w) = (vec![0.0f64; n], vec![0.0f64; n]);
    for (l, &w) in links.iter().zip(&weight) {
        if l.source == l.target {
            continue;
        }
        out_adj[l.source].push((l.target, w));
        in_adj[l.target].push((l.source, w));
        out_deg[l.source] += 1;
        in_deg[l.target] += 1;
        out_w[l.source] += w;
        in_w[l.target] += w;
    }

    let mut removed = vec![false; n];
    let mut front: Vec<usize> = Vec::with_capacity(n);
    let mut back: Vec<usize> = Vec::new();
    // Sinks and sources wait in stacks (reversed so that lower indices come first).
    let mut sinks: Vec<usize> = (0..n).rev().filter(|&v| out_deg[v] == 0).collect();
    let mut sources: Vec<usize> = (0..n)
        .rev()
        .filter(|&v| out_deg[v] > 0 && in_deg[v] == 0)
        .collect();
    let mut heap: BinaryHeap<Entry> = (0..n)
        .map(|v| Entry {
            delta: out_w[v] - in_w[v],
            node: v,
        })
        .collect();

    let mut left = n;
    while left > 0 {
        let v = if let Some(v) = sinks.pop() {
            if removed[v] {
                continue;
            }
            back.push(v);
            v
        } else if let Some(v) = sources.pop() {
            if removed[v] || out_deg[v] == 0 {
                continue; // removed, or became a sink meanwhile (handled there)
            }
            front.push(v);
            v
        } else {
            let Some(e) = heap.pop() else { break };
            let v = e.node;
            if removed[v] || e.delta != out_w[v] - in_w[v] {
                continue; // stale entry
            }
            front.push(v);
            v
        };
        removed[v] = true;
        left -= 1;
        for &(t, w) in &out_adj[v] {
            if removed[t] {
                continue;
            }
            in_deg[t] -= 1;
            in_w[t] -= w;
            if in_deg[t] == 0 && out_deg[t] > 0 {
                sources.push(t);
            }
            heap.push(Entry {
                delta: out_w[t] - in_w[t],
                node: t,
            });
        }
        for &(s, w) in &in_adj[v] {
            if removed[s] {
                continue;
            }
            out_deg[s] -= 1;
            out_w[s] -= w;
            if out_deg[s] == 0 {
                sinks.push(s);
            }
            heap.push(Entry {
                delta: out_w[s] - in_w[s],
                node: s,
            });
        }
    }

    let mut rank = vec![0usize; n];
    for (i, &v) in front.iter().chain(back.iter().rev()).enumerate() {
        rank[v] = i;
    }
    rank
}

/// The weight each link counts for when breaking cycles: its value, with zero-valued links
/// counted as a small fraction of the smallest positive value so that, among otherwise equal
/// choices, fewer links run backwards.
pub(super) fn arc_weights(links: &[Link]) -> Vec<f64> {
    let floor = links
        .iter()
        .map(|l| l.value)
        .filter(|&v| v > 0.0)
        .fold(f64::INFINITY, f64::min);
    let floor = if floor.is_finite() { floor * 1e-3 } else { 1.0 };
    links
        .iter()
        .map(|l| if l.value > 0.0 { l.value } else { floor })
        .collect()
}

/// A heap entry: the node with the largest `out − in` weight first, then the lowest index.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    delta: f64,
    node: usize,
}

impl Eq for Entry {}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        self.delta
            .total_cmp(&other.delta)
            .then(other.node.cmp(&self.node))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(list: &[(usize, usize, f64)]) -> Vec<Link> {
        list.iter()
            .map(|&(source, target, value)| Link {
                source,
                target,
                value,
            })
            .collect()
    }

    fn backward(rank: &[usize], links: &[Link]) -> Vec<usize> {
        (0..links.len())
            .filter(|&i| rank[links[i].source] >= rank[links[i].target])
            .collect()
    }

    #[test]
    fn a_dag_keeps_every_link_forward() {
        let l = links(&[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 5.0), (3, 2, 1.0)]);
        assert!(backward(&acyclic_rank(4, &l), &l).is_empty());
    }

    #[test]
    fn the_lighter_link_of_a_two_cycle_runs_back() {
        // Russia → Mali arms (heavy), Mali → Russia votes (light).
        let l = links(&[(0, 1, 10.0), (1, 0, 1.0)]);
        assert_eq!(backward(&acyclic_rank(2, &l), &l), vec![1]);
        let l = links(&[(0, 1, 1.0), (1, 0, 10.0)]);
        assert_eq!(backward(&acyclic_rank(2, &l), &l), vec![0]);
    }

    #[test]
    fn self_loops_always_run_back_and_every_cycle_is_broken() {
        let l = links(&[
            (0, 0, 3.0),
            (0, 1, 2.0),
            (1, 2, 2.0),
            (2, 0, 1.0),
            (2, 1, 0.0),
        ]);
        let rank = acyclic_rank(3, &l);
        let back = backward(&rank, &l);
        assert!(back.contains(&0));
        assert_eq!(back.len(), 3, "{back:?}");
    }

    #[test]
    fn a_large_random_graph_is_fast_and_acyclic() {
        let mut x = 88172645463325252u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let n = 2000;
        let l: Vec<Link> = (0..10_000)
            .map(|_| Link {
                source: (next() % n) as usize,
                target: (next() % n) as usize,
                value: (next() % 100) as f64,
            })
            .collect();
        let rank = acyclic_rank(n as usize, &l);
        let mut seen = rank.clone();
        crate::util::sort::sort(&mut seen[..]);
        assert_eq!(
            seen,
            (0..n as usize).collect::<Vec<_>>(),
            "rank is a permutation"
        );
    }
}
