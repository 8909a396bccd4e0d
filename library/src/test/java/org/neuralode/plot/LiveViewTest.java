package org.neuralode.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LiveViewTest {

    @Test
    void accumulatesLossAndReplacesTrajectoriesByName() {
        LiveView view = new LiveView("Training");
        view.loss(1, 1.0).loss(2, 0.5);
        view.trajectory("learned", new double[][] {{0, 0}, {1, 1}});
        PlotFigure before = view.figure();
        view.loss(3, 0.25);
        view.trajectory("learned", new double[][] {{0, 0}, {2, 2}}).trajectory("true", new double[][] {{0, 0}, {3, 3}});
        PlotFigure after = view.figure();

        assertNotSame(before, after);
        assertArrayEquals(new double[] {1, 0.5}, before.panels().get(0).series().get(0).y()); // old figure unchanged
        assertArrayEquals(new double[] {1, 2, 3}, after.panels().get(0).series().get(0).x());
        assertArrayEquals(new double[] {1, 0.5, 0.25}, after.panels().get(0).series().get(0).y());
        assertEquals(2, after.panels().get(1).series().size());
        assertArrayEquals(new double[] {0, 2}, after.panels().get(1).series().get(0).x());
        assertEquals(3, view.size());
    }

    @Test
    void isOneFigureWithTwoPanelsAndALogarithmicLoss() {
        LiveView view = new LiveView(null).loss(1, 2.0);
        view.trajectory("true", new double[][] {{0, 1}});
        PlotFigure f = view.figure();
        assertEquals(2, f.panels().size());
        assertTrue(f.panels().get(0).logY());
        java.util.Map<String, Object> json = PlotlyJson.figure(f, PlotlyJson.Labels.TEX);
        assertEquals(java.util.List.of(0, 0.44), Json.at(json, "layout.xaxis.domain"));
        assertEquals("y2", Json.at(json, "layout.xaxis2.anchor"));
        assertEquals("x2", Json.at(json, "data.1.xaxis"));
        assertEquals("y2", Json.at(json, "data.1.yaxis"));
        assertEquals("$h^{(1)}$", Json.at(json, "layout.xaxis2.title.text"));
        assertEquals("h⁽¹⁾", Json.at(PlotlyJson.figure(f, PlotlyJson.Labels.UNICODE), "layout.xaxis2.title.text"));
    }

    @Test
    void rightAxesCanShowTrajectoriesOverTime() {
        PlotFigure f = new LiveView("fit").rightAxes("$t$", "$h(t)$").points("data", new double[] {0}, new double[] {1}).figure();
        assertEquals("$t$", f.panels().get(1).xLabel());
        assertTrue(!f.panels().get(1).equalAspect());
    }

    @Test
    void theLossAxisSaysWhatIsRecorded() {
        PlotFigure f = new LiveView("fit").lossLabel("test L1 loss").loss(1, 0.5).figure();
        assertEquals("test L1 loss", f.panels().get(0).yLabel());
        assertEquals("loss", new LiveView("fit").figure().panels().get(0).yLabel());
        assertThrows(IllegalArgumentException.class, () -> new LiveView("fit").lossLabel(" "));
    }

    @Test
    void rejectsANonFiniteLoss() {
        assertThrows(IllegalArgumentException.class, () -> new LiveView("x").loss(1, Double.NaN));
    }

    /** The last loss point of a sent figure. */
    private static double lastLoss(PlotFigure figure) {
        double[] y = figure.panels().get(0).series().get(0).y();
        return y[y.length - 1];
    }

    @Test
    void tenThousandUpdatesSendFewFiguresAndFlushSendsTheLastState() {
        java.util.List<PlotFigure> sent = new java.util.ArrayList<>();
        LiveView view = new LiveView("throttled").showWith(sent::add, java.time.Duration.ofHours(1));
        for (int i = 1; i <= 10_000; i++) {
            view.loss(i, 1.0 / i);
            view.update();
        }
        assertEquals(1, sent.size(), "within one interval only the first update goes out at once");
        view.flush();
        assertEquals(2, sent.size());
        assertEquals(1.0 / 10_000, lastLoss(sent.get(1)), "flush sends the latest state");
        view.flush();
        assertEquals(2, sent.size(), "nothing waits, so a second flush sends nothing");
    }

    @Test
    void theLastStateGoesOutAfterTheIntervalWithoutFlush() throws InterruptedException {
        java.util.List<PlotFigure> sent = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        LiveView view = new LiveView("trailing").showWith(sent::add, java.time.Duration.ofMillis(20));
        view.loss(1, 1.0);
        view.update();
        view.loss(2, 0.5);
        view.update();
        for (int wait = 0; wait < 500 && sent.size() < 2; wait++) {
            Thread.sleep(10);   // polls for the trailing send; no assertion on how long it took
        }
        assertEquals(2, sent.size());
        assertEquals(0.5, lastLoss(sent.get(1)));
    }

    @Test
    void updateNeedsSomewhereToSend() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new LiveView("x").update());
        assertTrue(e.getMessage().contains("showWith"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LiveView("x").showWith(f -> { }, java.time.Duration.ofMillis(-1)));
    }
}
