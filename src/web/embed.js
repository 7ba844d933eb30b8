// influence-flows iframe sizer for the host page. No dependencies, nothing else.
//   <iframe data-influence-flows src="https://example.org/graphics/mali/?id=mali" title="…"
//           style="width:100%;border:0" height="900"></iframe>
//   <script src="https://example.org/graphics/mali/embed.js" defer></script>
// The chart posts {"influence-flows-height": {"<id>": px}} whenever its height changes; this
// sizes the iframe that sent it, matched by event.source, so other frames cannot resize it.
(function () {
  'use strict';
  if (window.__influenceFlowsSizer) return;
  window.__influenceFlowsSizer = true;
  window.addEventListener('message', function (event) {
    var data = event.data;
    var heights = data && typeof data === 'object' ? data['influence-flows-height'] : null;
    if (!heights || typeof heights !== 'object') return;
    var frames = document.querySelectorAll('iframe[data-influence-flows]');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow !== event.source) continue;
      for (var id in heights) {
        var px = Number(heights[id]);
        if (isFinite(px) && px > 0 && px < 100000) frames[i].style.height = Math.ceil(px) + 'px';
      }
    }
  });
})();
