/**
 * Figures for the notebooks, drawn offline in every Jupyter front end.
 *
 * <p>{@link org.neuralode.plot.Plot} builds the figures the notebooks need (lines over t, the
 * seed's solution plot, phase portraits, vector fields, log-log error plots, step sizes) as
 * tablesaw-jsplot figures; {@link org.neuralode.plot.LiveView} redraws a training run in place;
 * {@link org.neuralode.plot.Latex} makes titles with formulas typeset; and
 * {@link org.neuralode.plot.FigureHtml} turns a figure into the MIME bundle the kernel shows,
 * carrying plotly.js itself (once per session) and a static PNG for viewers without JavaScript.
 */
package org.neuralode.plot;
