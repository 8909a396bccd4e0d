package org.neuralode.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SliderTest {

    private static PlotFigure slope(int k) {
        double[] x = {0, 1};
        return Plot.figure().line("y = k x", x, new double[] {0, k + 1}).title("slope " + (k + 1)).build();
    }

    @Test
    void framesAndASliderTravelInThePlotlyJson() {
        PlotFigure figure = Plot.slider("$k$", List.of("1", "2", "3"), SliderTest::slope, 1);
        assertEquals(2.0, figure.panels().get(0).series().get(0).y()[1], "the figure itself is the active frame");
        Map<String, Object> json = PlotlyJson.figure(figure, PlotlyJson.Labels.TEX);
        List<?> frames = (List<?>) json.get("frames");
        assertEquals(3, frames.size());
        assertEquals(List.of(0.0, 3.0), Json.at(json, "frames.2.data.0.y"));
        assertEquals(1, Json.at(json, "layout.sliders.0.active"));
        assertEquals("animate", Json.at(json, "layout.sliders.0.steps.2.method"));
        assertEquals("frame 2", ((List<?>) Json.at(json, "layout.sliders.0.steps.2.args.0")).get(0));
        List<?> range = (List<?>) Json.at(json, "layout.yaxis.range");
        assertTrue((Double) range.get(0) <= 0 && (Double) range.get(1) >= 3, "the y axis spans every frame: " + range);
        assertTrue(FigureHtml.mimeBundle(figure, PlotlySource.page()).get("text/html").contains("\"frames\""), "the HTML form carries the frames too");
    }

    @Test
    void framesMustDrawTheSameSeries() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plot.slider("k", List.of("a", "b"),
                k -> k == 0 ? slope(0) : Plot.figure().line("one", new double[] {0}, new double[] {0}).line("two", new double[] {0}, new double[] {1}).build(), 0));
        assertTrue(e.getMessage().contains("frame 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plot.slider("k", List.of("a"), SliderTest::slope, 1));
    }
}
