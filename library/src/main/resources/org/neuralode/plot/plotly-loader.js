// Loads plotly.js once per page, from the gzip+base64 copy carried by this output, then draws
// every figure queued before it arrived. Works with and without require.js: the bundle runs
// inside a function whose parameters shadow `define`, `module` and `exports`, so its UMD header
// takes the browser-global branch and sets window.Plotly (the globals are hidden too, as a
// second guard, and restored right after).
(function () {
  var w = window;
  var queue = w.neuralodePlotlyQueue = w.neuralodePlotlyQueue || [];
  function flush() {
    while (queue.length) {
      try { queue.shift()(); } catch (e) { console.error(e); }
    }
  }
  if (w.Plotly) { flush(); return; }
  if (w.neuralodePlotlyLoading) { return; }
  if (typeof DecompressionStream === 'undefined') {
    w.neuralodePlotlyError = 'this browser has no DecompressionStream (needs Chrome 80+, Firefox 113+, Safari 16.4+)';
    flush();
    return;
  }
  w.neuralodePlotlyLoading = true;
  var base64 = '__PLOTLY_GZIP_BASE64__';
  var binary = atob(base64);
  var bytes = new Uint8Array(binary.length);
  for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
  var text = new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
  text.then(function (code) {
    var hidden = { define: w.define, module: w.module, exports: w.exports };
    try {
      w.define = undefined; w.module = undefined; w.exports = undefined;
      var script = document.createElement('script');
      script.textContent = '(function (define, module, exports) {\n' + code + '\n}).call(window);';
      document.head.appendChild(script);
    } finally {
      w.define = hidden.define; w.module = hidden.module; w.exports = hidden.exports;
      w.neuralodePlotlyLoading = false;
    }
    if (!w.Plotly) { w.neuralodePlotlyError = 'plotly.js did not define window.Plotly'; }
    flush();
  }).catch(function (e) {
    w.neuralodePlotlyLoading = false;
    w.neuralodePlotlyError = 'plotly.js could not be loaded: ' + e;
    console.error(e);
    flush();
  });
})();
