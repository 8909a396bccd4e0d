package org.neuralode.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A plain PNG of a {@link PlotFigure}, drawn with Java2D, for viewers that run no JavaScript
 * (GitHub, nbviewer without scripts, untrusted notebooks in JupyterLab). Interactive plotly.js
 * figures stay the main view; this is a faithful but simple copy: each series drawn as
 * {@link Drawing} says (the same colours, lines and markers as the interactive figure), linear or
 * logarithmic axes with a few ticks, the legend, and titles as plain text (see {@link Latex#plain}).
 */
final class StaticImage {

    /** Width of the whole picture, whatever the number of panels (wide, like the interactive plot). */
    private static final int WIDTH = 960;
    private static final int HEIGHT = 420;
    private static final int LEFT = 95;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private StaticImage() {
    }

    /** The figure as a base64-encoded PNG (the form Jupyter's image/png output expects). */
    static String pngBase64(PlotFigure figure) {
        return Base64.getEncoder().encodeToString(png(figure));
    }

    /** The legend's rows, wrapped exactly as {@link #png} draws them, so that no entry is cut off. */
    private static int legendRows(List<Panel> panels, int width) {
        Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        scratch.setFont(LEGEND_FONT);
        int rows = 1;
        int legendX = 10;
        for (Panel panel : panels) {
            for (Series s : panel.series()) {
                if (!inLegend(s)) {
                    continue;
                }
                int w = scratch.getFontMetrics().stringWidth(Latex.plain(s.name())) + 40;
                if (legendX + w > width) {
                    legendX = 10;
                    rows++;
                }
                legendX += w;
            }
        }
        scratch.dispose();
        return rows;
    }

    static byte[] png(PlotFigure figure) {
        List<Panel> panels = figure.panels();
        int width = figure.width() > 0 ? Math.max(figure.width(), 200 * panels.size()) : WIDTH;
        int panelWidth = width / panels.size();
        int legendHeight = 18 * legendRows(panels, width) + 6;
        BufferedImage image = new BufferedImage(width, HEIGHT + legendHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        String title = figure.title() == null ? null : Latex.plain(figure.title());
        if (figure.slider() != null) {
            PlotFigure.Slider slider = figure.slider();
            String shown = "frame " + (slider.active() + 1) + " of " + slider.values().size() + " (slider "
                    + Latex.plain(slider.label()) + " = " + Latex.plain(slider.values().get(slider.active())) + " in the interactive figure)";
            title = title == null ? shown : title + " · " + shown;
        }
        if (title != null) {
            centre(g, title, width / 2, 24);
        }
        int index = 0;
        int legendX = 10;
        int legendY = HEIGHT + 12;
        g.setFont(LEGEND_FONT);
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            Frame frame = new Frame(panel, p * panelWidth + LEFT, TOP,
                    panelWidth - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
            frame.drawAxes(g);
            for (Series s : panel.series()) {
                Drawing drawing = Drawing.of(s, index++);
                frame.draw(g, s, drawing);
                if (!inLegend(s)) {
                    continue;
                }
                String name = Latex.plain(s.name());
                int w = g.getFontMetrics().stringWidth(name) + 40;
                if (legendX + w > width) {
                    legendX = 10;
                    legendY += 18;
                }
                swatch(g, drawing, legendX, legendY - 4);
                g.setColor(Color.BLACK);
                g.drawString(name, legendX + 25, legendY);
                legendX += w;
            }
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A series without a name (a tablesaw figure's lone trace, for one) has no legend entry. */
    private static boolean inLegend(Series s) {
        return s.name() != null && !s.name().isEmpty();
    }

    /**
     * A legend entry's sample, 20 pixels wide and centred on height y, drawn as the series is: its
     * line (with an arrowhead for arrows), then its marker in the middle.
     */
    static void swatch(Graphics2D g, Drawing drawing, int x, int y) {
        g.setColor(CssColor.parse(drawing.color()));
        if (drawing.line() != null) {
            g.setStroke(stroke(drawing.line()));
            g.drawLine(x, y, x + 20, y);
            if (drawing.arrows()) {
                g.drawLine(x + 20, y, x + 15, y - 3);
                g.drawLine(x + 20, y, x + 15, y + 3);
            }
        }
        if (drawing.marker() != null) {
            marker(g, drawing.marker(), x + 10, y);
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** A marker centred on (x, y): a filled circle, or a cross of one-pixel lines. */
    private static void marker(Graphics2D g, Drawing.Marker marker, int x, int y) {
        int half = marker.size() / 2;
        if (marker.symbol() == Drawing.Symbol.CROSS) {
            g.setStroke(new BasicStroke(1f));
            g.drawLine(x - half, y - half, x + half, y + half);
            g.drawLine(x - half, y + half, x + half, y - half);
        } else {
            g.fillOval(x - half, y - half, marker.size(), marker.size());
        }
    }

    private static BasicStroke stroke(Drawing.Line line) {
        return line.dashed() ? dashed((float) line.width()) : new BasicStroke((float) line.width());
    }

    private static BasicStroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f);
    }

    private static void centre(Graphics2D g, String text, int x, int y) {
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, y);
    }

    /** One panel's plotting area and its data-to-pixel map. */
    private static final class Frame {
        private final Panel panel;
        private final int x0;
        private final int y0;
        private final int w;
        private final int h;
        private final double[] xRange;
        private final double[] yRange;

        Frame(Panel panel, int x0, int y0, int w, int h) {
            this.panel = panel;
            this.x0 = x0;
            this.y0 = y0;
            this.w = w;
            this.h = h;
            double[] xs = range(panel, true);
            double[] ys = range(panel, false);
            if (panel.equalAspect() && !panel.logX() && !panel.logY()) {
                // One unit as long on x as on y (plotly's scaleanchor): widen the axis that has
                // fewer units per pixel about its centre, so circles stay circles.
                double perPixel = Math.max((xs[1] - xs[0]) / w, (ys[1] - ys[0]) / h);
                xs = widened(xs, perPixel * w);
                ys = widened(ys, perPixel * h);
            }
            this.xRange = xs;
            this.yRange = ys;
        }

        private static double[] widened(double[] range, double span) {
            double centre = (range[0] + range[1]) / 2;
            return span > range[1] - range[0] ? new double[] {centre - span / 2, centre + span / 2} : range;
        }

        private static double[] range(Panel panel, boolean isX) {
            boolean log = isX ? panel.logX() : panel.logY();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Series s : panel.series()) {
                for (double v : isX ? s.x() : s.y()) {
                    if (Double.isFinite(v) && (!log || v > 0)) {
                        double u = log ? Math.log10(v) : v;
                        lo = Math.min(lo, u);
                        hi = Math.max(hi, u);
                    }
                }
            }
            return AxisTicks.range(lo, hi);
        }

        double px(double x) {
            double u = panel.logX() ? Math.log10(x) : x;
            return x0 + AxisTicks.fraction(u, xRange) * w;
        }

        double py(double y) {
            double u = panel.logY() ? Math.log10(y) : y;
            return y0 + h - AxisTicks.fraction(u, yRange) * h;
        }

        boolean drawable(double x, double y) {
            return Double.isFinite(x) && Double.isFinite(y) && (!panel.logX() || x > 0) && (!panel.logY() || y > 0);
        }

        void drawAxes(Graphics2D g) {
            g.setColor(new Color(0xe5ecf6));
            g.fillRect(x0, y0, w, h);
            g.setColor(Color.DARK_GRAY);
            g.drawRect(x0, y0, w, h);
            FontMetrics fm = g.getFontMetrics();
            for (AxisTicks.Tick tick : AxisTicks.ticks(xRange, panel.logX())) {
                int x = (int) Math.round(x0 + AxisTicks.fraction(tick.position(), xRange) * w);
                g.drawLine(x, y0 + h, x, y0 + h + 4);
                String label = tick.label();
                g.drawString(label, x - fm.stringWidth(label) / 2, y0 + h + 17);
            }
            for (AxisTicks.Tick tick : AxisTicks.ticks(yRange, panel.logY())) {
                int y = (int) Math.round(y0 + h - AxisTicks.fraction(tick.position(), yRange) * h);
                g.drawLine(x0 - 4, y, x0, y);
                String label = tick.label();
                g.drawString(label, x0 - 6 - fm.stringWidth(label), y + 4);
            }
            if (panel.xLabel() != null) {
                centre(g, Latex.plain(panel.xLabel()), x0 + w / 2, y0 + h + 38);
            }
            if (panel.yLabel() != null) {
                Graphics2D r = (Graphics2D) g.create();
                r.rotate(-Math.PI / 2);
                centre(r, Latex.plain(panel.yLabel()), -(y0 + h / 2), x0 - 80);
                r.dispose();
            }
        }

        void draw(Graphics2D g, Series s, Drawing drawing) {
            g.setColor(CssColor.parse(drawing.color()));
            double[] x = s.x();
            double[] y = s.y();
            if (drawing.line() != null) {
                drawLine(g, x, y, stroke(drawing.line()));
            }
            if (drawing.marker() != null) {
                for (int i = 0; i < x.length; i++) {
                    if (drawable(x[i], y[i])) {
                        marker(g, drawing.marker(), (int) Math.round(px(x[i])), (int) Math.round(py(y[i])));
                    }
                }
                g.setStroke(new BasicStroke(1f));
            }
        }

        /** A polyline through the drawable points, broken at the others (NaN gaps, log of <= 0). */
        private void drawLine(Graphics2D g, double[] x, double[] y, BasicStroke stroke) {
            g.setStroke(stroke);
            Path2D.Double path = new Path2D.Double();
            boolean pen = false;
            for (int i = 0; i < x.length; i++) {
                if (!drawable(x[i], y[i])) {
                    pen = false;
                } else if (pen) {
                    path.lineTo(px(x[i]), py(y[i]));
                } else {
                    path.moveTo(px(x[i]), py(y[i]));
                    pen = true;
                }
            }
            g.setClip(x0, y0, w + 1, h + 1);
            g.draw(path);
            g.setClip(null);
            g.setStroke(new BasicStroke(1f));
        }
    }
}
