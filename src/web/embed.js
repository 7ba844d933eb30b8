// influence-flows iframe sizer and scrollytelling for the host page. No dependencies.
//   <iframe data-influence-flows src="https://example.org/graphics/mali/?id=mali" title="…"
//           style="width:100%;border:0" height="900"></iframe>
//   <script src="https://example.org/graphics/mali/embed.js" defer></script>
// The chart posts {"influence-flows-height": {"<id>": px}} whenever its height changes; this
// sizes the iframe that sent it, matched by event.source, so other frames cannot resize it.
//
// Scrollytelling: paragraphs marked data-influence-flows-step="N" move the page's charts
// (iframes as above, and element embeds, `.influence-flows`) to the story's step N as they
// cross the middle of the window (on a phone, a line below the sticky chart). An iframe gets postMessage({type: 'influence-flows:step',
// id, step}) at its own origin; an element embed gets `host.step = N`. The paragraph shown
// carries data-influence-flows-active. The chart's view transition plays the change (at once
// under reduced motion).
(function () {
  'use strict';
  if (window.__influenceFlowsSizer) return;
  window.__influenceFlowsSizer = true;
  var current = 0;

  function frames() {
    return document.querySelectorAll('iframe[data-influence-flows]');
  }

  // Its origin, the only one a step message is sent to; null for a frame with no http(s) src.
  function originOf(frame) {
    try {
      var url = new URL(frame.getAttribute('src'), document.baseURI);
      return /^https?:$/.test(url.protocol) ? url.origin : null;
    } catch (e) {
      return null;
    }
  }

  function idOf(frame) {
    try {
      return new URL(frame.getAttribute('src'), document.baseURI).searchParams.get('id') || undefined;
    } catch (e) {
      return undefined;
    }
  }

  function tell(frame) {
    var origin = originOf(frame);
    if (!current || !origin || !frame.contentWindow) return;
    frame.contentWindow.postMessage({ type: 'influence-flows:step', id: idOf(frame), step: current }, origin);
  }

  function goTo(step) {
    if (step === current) return;
    current = step;
    var all = frames();
    for (var i = 0; i < all.length; i++) tell(all[i]);
    var hosts = document.querySelectorAll('.influence-flows');
    for (var j = 0; j < hosts.length; j++) hosts[j].step = step;
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object') return;
    var all = frames();
    for (var i = 0; i < all.length; i++) {
      if (all[i].contentWindow !== event.source) continue;
      // A chart that has just started listening gets the step the article is at.
      if (data.type === 'influence-flows:ready') tell(all[i]);
      var heights = data['influence-flows-height'];
      if (!heights || typeof heights !== 'object') continue;
      for (var id in heights) {
        var px = Number(heights[id]);
        if (isFinite(px) && px > 0 && px < 100000) all[i].style.height = Math.ceil(px) + 'px';
      }
    }
  });

  function scrollytelling() {
    var marks = document.querySelectorAll('[data-influence-flows-step]');
    if (!marks.length || !('IntersectionObserver' in window)) return;
    // A paragraph counts once it crosses a line across the window: its middle, or on a
    // phone, where the chart sticks to the top, four fifths of the way down, below the chart.
    var narrow = window.matchMedia && window.matchMedia('(max-width: 759px)').matches;
    var line = narrow ? 80 : 50;
    var observer = new IntersectionObserver(function (entries) {
      for (var i = 0; i < entries.length; i++) {
        if (!entries[i].isIntersecting) continue;
        var paragraph = entries[i].target;
        var step = Number(paragraph.getAttribute('data-influence-flows-step'));
        if (!(step >= 1) || Math.floor(step) !== step) continue;
        for (var j = 0; j < marks.length; j++) marks[j].removeAttribute('data-influence-flows-active');
        paragraph.setAttribute('data-influence-flows-active', '');
        goTo(step);
      }
    }, { rootMargin: '-' + line + '% 0px -' + (99 - line) + '% 0px' });
    for (var k = 0; k < marks.length; k++) observer.observe(marks[k]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scrollytelling);
  else scrollytelling();
})();
