// Draws one figure into its div as soon as plotly.js is there: now, when a loader later in the
// page (or in another output) finishes, or, failing both, by polling for a while (plotly.js may
// come from elsewhere). Shows a message instead of silence if plotly.js never arrives.
(function () {
  var w = window;
  var divId = '__DIV_ID__';
  var done = false;
  function message(text) {
    var div = document.getElementById(divId);
    if (div && !div.querySelector('.neuralode-message')) {
      var note = document.createElement('div');
      note.className = 'neuralode-message';
      note.textContent = '[plot not drawn: ' + text + '. Run the notebook again, or trust it.]';
      div.insertBefore(note, div.firstChild);
    }
  }
  // Without MathJax, plotly.js would drop a $...$ title; show it as readable plain text instead.
  function plainTex(s) {
    if (typeof s !== 'string' || s.charAt(0) !== '$' || w.MathJax) { return s; }
    var greek = { alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', theta: 'θ',
      lambda: 'λ', mu: 'μ', pi: 'π', sigma: 'σ', tau: 'τ', phi: 'φ', omega: 'ω', Delta: 'Δ' };
    return s.replace(/^\$|\$$/g, '')
      .replace(/\\([A-Za-z]+) ?/g, function (m, name) { return greek[name] || m; })
      .replace(/\\(?:text|mathrm|mathbf|operatorname)\{([^{}]*)\}/g, '$1')
      .replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, '$1/$2')
      .replace(/\\(cdot|times)/g, '·').replace(/\\,|\\;|\\!|\\ /g, ' ')
      .replace(/\\([A-Za-z]+)/g, '$1')
      .replace(/[{}]/g, '');
  }
  var waits = 0;
  function draw() {
    if (done) { return; }
    var target = document.getElementById(divId);
    if (!target) { // the output is not attached to the page yet (or was replaced meanwhile)
      if (++waits < 200) { setTimeout(draw, 50); }
      return;
    }
    if (!w.Plotly) { message(w.neuralodePlotlyError || 'plotly.js is not loaded'); return; }
    done = true;
    var standIns = target.querySelectorAll('.neuralode-static');
    for (var i = 0; i < standIns.length; i++) { standIns[i].parentNode.removeChild(standIns[i]); }
    __FIGURE_JS__
    layout.title = plainTex(layout.title);
    Object.keys(layout).forEach(function (key) {
      if (/^[xy]axis[0-9]*$/.test(key) && layout[key]) { layout[key].title = plainTex(layout[key].title); }
    });
    data.forEach(function (trace) { trace.name = plainTex(trace.name); });
    w.Plotly.newPlot(target, data, layout);
  }
  if (w.Plotly) { draw(); return; }
  (w.neuralodePlotlyQueue = w.neuralodePlotlyQueue || []).push(draw);
  var tries = 0;
  var timer = setInterval(function () {
    if (done) { clearInterval(timer); return; }
    if (w.Plotly) { clearInterval(timer); draw(); return; }
    if (++tries >= 150 && !w.neuralodePlotlyLoading) { clearInterval(timer); message(w.neuralodePlotlyError || 'plotly.js is not loaded'); }
  }, 200);
})();
