/**
 * Figures for the notebooks, drawn offline in every Jupyter front end; every notebook from 01
 * on draws with this package.
 *
 * <p>Read {@link org.neuralode.plot.Plot} first: it builds the figures the notebooks need (lines
 * over t, the seed's solution plot, phase portraits, vector fields, log-log error plots, step
 * sizes) as tablesaw-jsplot figures. Then {@link org.neuralode.plot.LiveView}, which redraws a
 * training run in place (notebooks 05 and 06). Behind them: {@link org.neuralode.plot.Latex}
 * makes titles with formulas typeset; {@link org.neuralode.plot.PlotFigure},
 * {@link org.neuralode.plot.Panel} and {@link org.neuralode.plot.Series} keep a figure's data;
 * {@link org.neuralode.plot.FigureHtml} turns a figure into the MIME bundle the kernel shows,
 * carrying plotly.js itself (once per session) and a static PNG
 * ({@link org.neuralode.plot.StaticImage}) for viewers without JavaScript.
 */
package org.neuralode.plot;
