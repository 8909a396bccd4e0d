/**
 * Figures for the notebooks, drawn offline in every Jupyter front end; every notebook from 01
 * on draws with this package.
 *
 * <p>Read {@link org.neuralode.plot.Plot} first: it builds the figures the notebooks need (lines
 * over t, the book's solution plot, phase portraits, vector fields, log-log error plots, step
 * sizes). Then {@link org.neuralode.plot.LiveView}, which redraws a
 * training run in place (notebooks 05 and 06). Behind them: {@link org.neuralode.plot.PlotFigure},
 * {@link org.neuralode.plot.Panel} and {@link org.neuralode.plot.Series} keep a figure as plain
 * data; Drawing says how each series is drawn (colour, line, markers), once for every rendering;
 * {@link org.neuralode.plot.Latex} makes labels with formulas typeset, or readable Unicode where
 * nothing typesets; {@link org.neuralode.plot.FigureHtml} turns a figure into the MIME bundle a
 * kernel shows: plotly's figure JSON (PlotlyJson), HTML that draws it with plotly.js (from where
 * the caller's {@link org.neuralode.plot.PlotlySource} says, never stored in a notebook), and a
 * static PNG (StaticImage, AxisTicks) for viewers without JavaScript. Figures built with
 * tablesaw-jsplot get the same bundle (TablesawFigure). The package knows nothing of Jupyter.
 */
package org.neuralode.plot;
