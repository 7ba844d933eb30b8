// The floor for hover latency on this machine: the same two stacked canvases as our chart
// (a static picture and a highlight layer), and per pointer move the least a highlight can do —
// clear the layer, dim it, fill one rectangle. No hit-testing, no tooltip, no DOM change.
const base = document.getElementById('base').getContext('2d');
for (let i = 0; i < 200; i++) {
  base.fillStyle = `hsl(${(i * 37) % 360} 60% 50% / 0.6)`;
  base.fillRect((i * 97) % 1100, (i * 53) % 760, 100, 40);
}
const overlay = document.getElementById('overlay');
const ctx = overlay.getContext('2d');
document.getElementById('chart').addEventListener('pointermove', (e) => {
  ctx.clearRect(0, 0, overlay.width, overlay.height);
  ctx.fillStyle = 'rgba(255, 255, 255, 0.72)';
  ctx.fillRect(0, 0, overlay.width, overlay.height);
  ctx.fillStyle = '#cf3b1e';
  ctx.fillRect(e.offsetX - 50, e.offsetY - 10, 100, 20);
});
document.documentElement.dataset.state = 'ready';
