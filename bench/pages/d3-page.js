// Minimal d3-sankey page: fetches ?graph=NAME (a plain {nodes, links} graph, links by index),
// lays it out with d3-sankey's defaults (6 iterations) and draws nodes and links as SVG. A link
// answers a hover or a tap with a tooltip (giver, receiver, value), as a d3 chart in an article
// would: the phone profile's "interactive" is that answer, on every page (bench/phone.mjs).
(async () => {
  const name = new URLSearchParams(location.search).get('graph') ?? 'mali';
  const graph = await (await fetch(`../out/graphs/${name}.json`)).json();
  const svg = document.getElementById('chart');
  const { nodes, links } = d3.sankey().nodeWidth(15).nodePadding(10).extent([[1, 1], [1199, 799]])(graph);
  const ns = 'http://www.w3.org/2000/svg';
  const path = d3.sankeyLinkHorizontal();
  for (const l of links) {
    const p = document.createElementNS(ns, 'path');
    p.setAttribute('d', path(l));
    p.setAttribute('fill', 'none');
    p.setAttribute('stroke', '#999');
    p.setAttribute('stroke-opacity', '0.5');
    p.setAttribute('stroke-width', Math.max(1, l.width));
    svg.appendChild(p);
  }
  for (const n of nodes) {
    const r = document.createElementNS(ns, 'rect');
    r.setAttribute('x', n.x0); r.setAttribute('y', n.y0);
    r.setAttribute('width', n.x1 - n.x0); r.setAttribute('height', Math.max(1, n.y1 - n.y0));
    svg.appendChild(r);
  }
  const tooltip = document.getElementById('tooltip');
  const datum = new Map(links.map((l, i) => [svg.children[i], l]));
  svg.addEventListener('pointerover', (event) => {
    const l = datum.get(event.target);
    if (!l) return;
    tooltip.textContent = `${l.source.name} → ${l.target.name}: ${l.value}`;
    tooltip.style.transform = `translate(${event.pageX + 8}px, ${event.pageY + 8}px)`;
    tooltip.hidden = false;
  });
  requestAnimationFrame(() => { document.documentElement.dataset.state = 'ready'; });
})();
