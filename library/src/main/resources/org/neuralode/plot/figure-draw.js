// Draws one figure into its div with plotly.js; the div keeps its static PNG until the plot is
// drawn. plotly.js comes from the page (window.Plotly: the HTML book's shared copy, or a page that
// loaded it) or from the URL that plotlyUrl gives (the caller's PlotlySource: a kernel names where
// it serves plotly.js), fetched once per page. LaTeX labels are typeset only where a working
// MathJax is on the page (version 2, or version 3 with its SVG output); JupyterLab and Notebook 7
// define a partial window.MathJax that would make plotly.js fail, so elsewhere labels are shown
// as Unicode text. A draw that fails leaves the PNG and one line saying why.
(function () {
  var w = window;
  var divId = '__DIV_ID__';
  var plotlyUrl = null;
  try { plotlyUrl = (__PLOTLY_URL__
  ); } catch (e) { plotlyUrl = null; }
  var remedy = __REMEDY__;
  __FIGURE_JS__
  function target() { return document.getElementById(divId); }
  function message(text) {
    var div = target();
    if (!div) { return; }
    var note = div.querySelector('.neuralode-message');
    if (!note) {
      note = document.createElement('div');
      note.className = 'neuralode-message';
      note.style.cssText = 'font: 12px sans-serif; color: #555; margin: 2px 0;';
      div.appendChild(note);
    }
    note.textContent = '[plot not drawn: ' + text + '; the picture above is static]';
  }
  function workingMathJax() {
    var m = w.MathJax;
    if (!m) { return false; }
    if (m.Hub && typeof m.Hub.Queue === 'function') { return true; }
    return !!(m.config && m.config.startup && m.startup && typeof m.tex2svg === 'function');
  }
  function setPath(object, path, value) {
    var keys = path.split('.');
    for (var i = 0; i < keys.length - 1; i++) {
      object = object[keys[i]];
      if (object === null || typeof object !== 'object') { return; }
    }
    object[keys[keys.length - 1]] = value;
  }
  function draw(typeset) {
    var div = target();
    if (!div) { return; }
    var spec = JSON.parse(JSON.stringify(figure)); // plotly.js changes what it is given
    if (!typeset) {
      Object.keys(unicodeLabels).forEach(function (path) { setPath(spec, path, unicodeLabels[path]); });
    }
    var plot = document.createElement('div');
    plot.className = 'neuralode-live';
    div.appendChild(plot);
    var config = {};
    Object.keys(spec.config || {}).forEach(function (key) { config[key] = spec.config[key]; });
    config.typesetMath = typeset;
    var drawn;
    try {
      drawn = Promise.resolve(w.Plotly.newPlot(plot, {data: spec.data, layout: spec.layout, config: config,
                                                     frames: spec.frames || []}));
    } catch (e) {
      drawn = Promise.reject(e);
    }
    drawn.then(function () {
      var standIns = div.querySelectorAll('.neuralode-static, .neuralode-message');
      for (var i = 0; i < standIns.length; i++) { standIns[i].parentNode.removeChild(standIns[i]); }
    }, function (error) {
      try { w.Plotly.purge(plot); } catch (e) { /* nothing drawn */ }
      if (plot.parentNode) { plot.parentNode.removeChild(plot); }
      if (typeset) { draw(false); return; } // MathJax failed: Unicode labels need none
      message('plotly.js failed: ' + ((error && error.message) || error));
    });
  }
  function start() {
    if (w.Plotly) { draw(workingMathJax()); } else { message(w.neuralodePlotlyError || 'plotly.js is not on this page'); }
  }
  function flush() {
    var queue = w.neuralodePlotlyQueue || [];
    while (queue.length) {
      try { queue.shift()(); } catch (e) { console.error(e); }
    }
  }
  // Runs plotly.js's source so that it sets window.Plotly even with require.js on the page: inside
  // a function whose parameters shadow define, module and exports (its UMD header then takes the
  // browser-global branch), with the globals hidden too, as a second guard.
  function run(code) {
    var hidden = { define: w.define, module: w.module, exports: w.exports };
    try {
      w.define = undefined; w.module = undefined; w.exports = undefined;
      var script = document.createElement('script');
      script.textContent = '(function (define, module, exports) {\n' + code + '\n}).call(window);';
      document.head.appendChild(script);
    } finally {
      w.define = hidden.define; w.module = hidden.module; w.exports = hidden.exports;
    }
  }
  function load(url) {
    w.neuralodePlotlyLoading = true;
    fetch(url, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) { throw new Error('HTTP ' + response.status); }
      return response.text();
    }).then(function (code) {
      run(code);
      if (!w.Plotly) { w.neuralodePlotlyError = 'plotly.js from ' + url + ' did not define window.Plotly'; }
    }).catch(function (e) {
      w.neuralodePlotlyError = 'plotly.js could not be loaded from ' + url + ' (' + e.message
        + (remedy ? '; ' + remedy : '') + ')';
    }).then(function () {
      w.neuralodePlotlyLoading = false;
      flush();
    });
  }
  var waits = 0;
  function begin() {
    if (!target()) { // the output is not attached to the page yet
      if (++waits < 200) { setTimeout(begin, 50); }
      return;
    }
    if (w.Plotly) { start(); return; }
    (w.neuralodePlotlyQueue = w.neuralodePlotlyQueue || []).push(start);
    if (w.neuralodePlotlyLoading) { return; } // the page's copy is on its way
    if (plotlyUrl && typeof fetch === 'function' && location.protocol !== 'file:') {
      load(plotlyUrl);
      return;
    }
    // Nothing to fetch: plotly.js may still come from a script further down the page; wait a little.
    var tries = 0;
    var timer = setInterval(function () {
      if (w.Plotly || w.neuralodePlotlyLoading || ++tries >= 25) {
        clearInterval(timer);
        if (!w.neuralodePlotlyLoading) { flush(); }
      }
    }, 200);
  }
  begin();
})();
