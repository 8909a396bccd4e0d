package org.neuralode.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * What a figure draws of a very long series: at most {@link #MAX_POINTS} of its points, chosen so
 * that nothing visible is lost. The series is cut into stretches of consecutive points and each
 * stretch keeps its lowest and its highest point (in order), the classic min-max decimation of
 * plotting programs: every peak and trough of a million-point curve stays on screen, while the
 * notebook holds about a megabyte instead of tens (plotly JSON, HTML and PNG all carry the data).
 * A stretch holding a gap (NaN or infinity) keeps a gap. The legend entry says what was drawn.
 */
final class Decimation {

    /** Series up to this length are drawn whole. */
    static final int MAX_POINTS = 20_000;

    private Decimation() {
    }

    /** The panels with every series longer than {@link #MAX_POINTS} decimated. */
    static List<Panel> forDisplay(List<Panel> panels) {
        List<Panel> out = new ArrayList<>(panels.size());
        for (Panel p : panels) {
            List<Series> series = new ArrayList<>(p.series().size());
            boolean changed = false;
            for (Series s : p.series()) {
                Series shown = forDisplay(s);
                changed |= shown != s;
                series.add(shown);
            }
            out.add(changed ? new Panel(p.xLabel(), p.yLabel(), p.logX(), p.logY(), p.equalAspect(), series) : p);
        }
        return out;
    }

    /** The series itself when it is short enough (or arrows), else its stretches' extremes. */
    static Series forDisplay(Series s) {
        int n = s.x().length;
        if (n <= MAX_POINTS || s.style() == Series.Style.ARROWS) {
            return s;
        }
        int stretches = MAX_POINTS / 3;   // at most a low, a high and a gap each
        double[] x = new double[3 * stretches];
        double[] y = new double[3 * stretches];
        int m = 0;
        for (int b = 0; b < stretches; b++) {
            int from = (int) ((long) b * n / stretches);
            int to = (int) ((long) (b + 1) * n / stretches);
            int low = -1;
            int high = -1;
            boolean gap = false;
            for (int i = from; i < to; i++) {
                if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) {
                    gap = true;
                } else {
                    if (low < 0 || s.y()[i] < s.y()[low]) {
                        low = i;
                    }
                    if (high < 0 || s.y()[i] > s.y()[high]) {
                        high = i;
                    }
                }
            }
            if (low >= 0) {
                int first = Math.min(low, high);
                int second = Math.max(low, high);
                x[m] = s.x()[first];
                y[m++] = s.y()[first];
                if (second != first) {
                    x[m] = s.x()[second];
                    y[m++] = s.y()[second];
                }
            }
            if (gap) {
                x[m] = Double.NaN;
                y[m++] = Double.NaN;
            }
        }
        String name = (s.name() == null ? "" : s.name() + " ")
                + String.format(java.util.Locale.ROOT, "(%,d points, drawn as %,d: each stretch's lowest and highest)", n, m);
        return new Series(name, java.util.Arrays.copyOf(x, m), java.util.Arrays.copyOf(y, m), s.style(), s.color());
    }
}
