package org.neuralode.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.neuralode.solvers.Solution;
import org.junit.jupiter.api.Test;

class PlotTest {

    private static final double[] T = {0, 1, 2, 3};

    @Test
    void linesOverTimeKeepNamesDataAndLabels() {
        PlotFigure f = Plot.lines(T).series("Euler", new double[] {1, 2, 3, 4}).series("exact", new double[] {1, 2, 4, 8})
                .title("Growth").yLabel("$h(t)$").build();
        Panel p = f.panels().get(0);
        assertEquals(List.of("Euler", "exact"), p.series().stream().map(Series::name).toList());
        assertArrayEquals(T, p.series().get(1).x());
        assertArrayEquals(new double[] {1, 2, 4, 8}, p.series().get(1).y());
        assertEquals("$t$", p.xLabel());
        assertEquals("$h(t)$", p.yLabel());
        assertEquals("Growth", f.title());
        Map<String, Object> json = PlotlyJson.figure(f, PlotlyJson.Labels.TEX);
        assertEquals("exact", Json.at(json, "data.1.name"));
        assertEquals("lines", Json.at(json, "data.0.mode"));
        assertEquals(List.of(1.0, 2.0, 4.0, 8.0), Json.at(json, "data.1.y"));
        assertEquals(null, Json.at(json, "layout.yaxis.type"));
        assertEquals("$h(t)$", Json.at(json, "layout.yaxis.title.text"));
    }

    @Test
    void seriesNeedsTheTimeGridOfLines() {
        assertThrows(IllegalArgumentException.class, () -> Plot.figure().series("h", T));
        assertThrows(IllegalArgumentException.class, () -> Plot.lines(T).series("h", new double[] {1, 2}));
    }

    @Test
    void solutionHasTheSeedsTitleTypesetAsOneFormula() {
        PlotFigure f = Plot.solution("\\frac{dh(t)}{dt} = r h(t) (1 - h(t))", Map.of("r", 0.9), T, T).build();
        assertEquals("$\\text{Solution for }\\frac{dh(t)}{dt} = r h(t) (1 - h(t))\\text{ with r = 0.9}$", f.title());
    }

    @Test
    void phasePortraitPlotsSecondComponentAgainstFirstWithEqualUnits() {
        double[][] states = {{1, 0}, {0, 1}, {-1, 0}};
        PlotFigure f = Plot.phasePortrait().trajectory("circle", states).build();
        Series s = f.panels().get(0).series().get(0);
        assertArrayEquals(new double[] {1, 0, -1}, s.x());
        assertArrayEquals(new double[] {0, 1, 0}, s.y());
        assertEquals("$h^{(1)}$", f.panels().get(0).xLabel());
        assertEquals("$h^{(2)}$", f.panels().get(0).yLabel());
        assertEquals("x", Json.at(PlotlyJson.figure(f, PlotlyJson.Labels.TEX), "layout.yaxis.scaleanchor"));
    }

    @Test
    void vectorFieldArrowsPointAlongTheFieldAndTheLongestSpansNineTenthsOfACell() {
        // rotation field f(h) = (-h1, h0): arrows are tangent to circles, longest at the corners
        PlotFigure f = Plot.vectorField((t, h) -> new double[] {-h[1], h[0]}, 0, -1, 1, -1, 1, 3).build();
        Series arrows = f.panels().get(0).series().get(0);
        assertEquals(Series.Style.ARROWS, arrows.style());
        double[] x = arrows.x();
        double[] y = arrows.y();
        // each arrow: shaft (2 points + gap), head (3 points + gap); the zero vector at the centre is skipped
        assertEquals(8 * 7, x.length);
        double longest = 0;
        for (int k = 0; k < x.length; k += 7) {
            double ux = x[k + 1] - x[k];
            double uy = y[k + 1] - y[k];
            // parallel to (-y0, x0): cross product zero, same orientation
            assertEquals(0, ux * x[k] + uy * y[k], 1e-12);
            assertTrue(-y[k] * ux + x[k] * uy > 0);
            assertTrue(Double.isNaN(x[k + 2]) && Double.isNaN(x[k + 6]));
            assertEquals(x[k + 1], x[k + 4], 1e-15); // the head's middle point is the tip
            longest = Math.max(longest, Math.hypot(ux, uy));
        }
        assertEquals(0.9, longest, 1e-12); // cell size is 1 on both axes here
    }

    @Test
    void vectorFieldRejectsBadGrids() {
        assertThrows(IllegalArgumentException.class,
                () -> Plot.vectorField((t, h) -> h, 0, 1, -1, -1, 1, 5));
        assertThrows(IllegalArgumentException.class,
                () -> Plot.vectorField((t, h) -> h, 0, -1, 1, -1, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Plot.vectorField((t, h) -> new double[] {Double.NaN, 0}, 0, -1, 1, -1, 1, 3));
    }

    @Test
    void logLogHasLogarithmicAxesAndAReferenceSlope() {
        double[] dt = {0.1, 0.01, 0.001};
        PlotFigure f = Plot.logLog().points("error", dt, new double[] {1e-2, 1e-4, 1e-6})
                .referenceSlope(2, dt, 1e-2).xLabel("$\\Delta t$").yLabel("error").build();
        Panel p = f.panels().get(0);
        assertTrue(p.logX() && p.logY());
        Map<String, Object> json = PlotlyJson.figure(f, PlotlyJson.Labels.UNICODE);
        for (String axis : List.of("xaxis", "yaxis")) {
            assertEquals("log", Json.at(json, "layout." + axis + ".type"));
            // ticks read 10⁻⁶, not plotly's default SI prefixes ("1µ")
            assertEquals("power", Json.at(json, "layout." + axis + ".exponentformat"));
        }
        assertEquals("Δt", Json.at(json, "layout.xaxis.title.text"));
        Series slope = p.series().get(1);
        assertEquals("slope 2", slope.name());
        assertArrayEquals(new double[] {1e-2, 1e-4, 1e-6}, slope.y(), 1e-18);
        assertEquals(Series.Style.DASHED, slope.style());
    }

    @Test
    void stepSizesSeparateAcceptedFromRejectedSteps() {
        List<Solution.Step> steps = List.of(new Solution.Step(0, 0.5, false), new Solution.Step(0, 0.1, true),
                new Solution.Step(0.1, 0.2, true), new Solution.Step(0.3, 0.4, false));
        Solution solution = new Solution(new double[] {0, 0.3}, new double[][] {{1}, {2}}, steps,
                new Solution.Statistics(20, 2, 2));
        PlotFigure f = Plot.stepSizes(solution).build();
        Panel p = f.panels().get(0);
        assertTrue(p.logY());
        assertEquals("accepted", p.series().get(0).name());
        assertArrayEquals(new double[] {0, 0.1}, p.series().get(0).x());
        assertArrayEquals(new double[] {0.1, 0.2}, p.series().get(0).y());
        assertArrayEquals(new double[] {0.5, 0.4}, p.series().get(1).y());
        assertEquals(Series.Style.CROSSES, p.series().get(1).style());
    }

    @Test
    void dataAgainstModelMixesMarkersAndLines() {
        PlotFigure f = Plot.figure().points("data", T, T).line("model", T, T).build();
        Map<String, Object> json = PlotlyJson.figure(f, PlotlyJson.Labels.TEX);
        assertEquals("markers", Json.at(json, "data.0.mode"));
        assertEquals("lines", Json.at(json, "data.1.mode"));
    }

    @Test
    void stepsAreALineWithAMarkerAtEveryPoint() {
        PlotFigure f = Plot.lines(T).steps("Euler, $\\Delta t = 1$", new double[] {1, 2, 4, 8})
                .stepsTrajectory("ResNet", new double[][] {{0, 0}, {1, 1}}).build();
        assertEquals(Series.Style.STEPS, f.panels().get(0).series().get(0).style());
        Map<String, Object> json = PlotlyJson.figure(f, PlotlyJson.Labels.UNICODE);
        assertEquals("lines+markers", Json.at(json, "data.0.mode"));
        assertEquals("lines+markers", Json.at(json, "data.1.mode"));
        assertEquals("Euler, Δt = 1", Json.at(json, "data.0.name"));
        assertThrows(IllegalArgumentException.class, () -> Plot.figure().steps("h", T));
    }

    @Test
    void aFigureFillsTheOutputWidthUnlessGivenASize() {
        Map<String, Object> json = PlotlyJson.figure(Plot.lines(T).series("h", T).build(), PlotlyJson.Labels.TEX);
        assertEquals(null, Json.at(json, "layout.width"));
        assertEquals(true, Json.at(json, "layout.autosize"));
        assertEquals(true, Json.at(json, "config.responsive"));
        assertEquals("h", Json.at(json, "layout.legend.orientation"), "the legend sits above the plot, not beside it");
        Map<String, Object> sized = PlotlyJson.figure(Plot.lines(T).series("h", T).size(500, 300).build(), PlotlyJson.Labels.TEX);
        assertEquals(500, Json.at(sized, "layout.width"));
        assertEquals(300, Json.at(sized, "layout.height"));
    }

    @Test
    void colorGivesTheLastSeriesItsColour() {
        double[] x = {0, 1};
        PlotFigure figure = Plot.figure().line("data", x, x).color("#1f77b4").dashed("model", x, x).color("#1f77b4").build();
        java.util.List<Series> drawn = figure.panels().get(0).series();
        org.junit.jupiter.api.Assertions.assertEquals("#1f77b4", drawn.get(0).color());
        org.junit.jupiter.api.Assertions.assertEquals("#1f77b4", drawn.get(1).color());
        org.junit.jupiter.api.Assertions.assertEquals(Series.Style.DASHED, drawn.get(1).style());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> Plot.figure().color("red"));
    }
}
