// Graphs the benchmark pages share.

/** Mali as a plain graph, like the default view: actors split into giver / receiver, one link per (source, target, kind), value = count. */
export function maliPlain(dataset) {
  const nodes = [];
  const index = new Map();
  const node = (key) => {
    if (!index.has(key)) {
      index.set(key, nodes.length);
      nodes.push({ name: key });
    }
    return index.get(key);
  };
  const agg = new Map();
  for (const f of dataset.flows) {
    const s = node(`${f.source} (gives)`);
    const t = node(`${f.target} (receives)`);
    const k = `${s}|${t}|${f.kind}`;
    agg.set(k, (agg.get(k) ?? { source: s, target: t, value: 0 }));
    agg.get(k).value += 1;
  }
  return { nodes, links: [...agg.values()] };
}
