// ECharts sankey (canvas renderer) on ?graph=NAME, hover highlighting its adjacency, no animation.
(async () => {
  const name = new URLSearchParams(location.search).get('graph') ?? 'mali';
  const graph = await (await fetch(`../out/graphs/${name}.json`)).json();
  const chart = echarts.init(document.getElementById('chart'), null, { renderer: 'canvas' });
  const nodes = graph.nodes.map((n, i) => ({ name: `${i}` }));
  const links = graph.links.map((l) => ({ source: `${l.source}`, target: `${l.target}`, value: l.value }));
  chart.on('finished', () => { document.documentElement.dataset.state = 'ready'; });
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'item', transitionDuration: 0, showDelay: 0, hideDelay: 0 },
    series: [{ type: 'sankey', data: nodes, links, emphasis: { focus: 'adjacency' }, label: { show: nodes.length <= 200 } }],
  });
})();
