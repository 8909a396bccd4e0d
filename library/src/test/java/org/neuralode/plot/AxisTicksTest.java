package org.neuralode.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuralode.Grids;
import org.neuralode.equations.Exponential;

/** The PNG fallback's axes: bounded tick work for any data, powers of ten as 10⁻⁶. */
class AxisTicksTest {

    /** Ticks for data from lo to hi: at least two, at most MAX_TICKS, inside the drawn range. */
    private static List<AxisTicks.Tick> ticksFor(double lo, double hi, boolean log) {
        double[] range = AxisTicks.range(lo, hi);
        assertTrue(Double.isFinite(range[0]) && Double.isFinite(range[1]) && range[0] < range[1],
                lo + ".." + hi + " gave " + range[0] + ".." + range[1]);
        List<AxisTicks.Tick> ticks = AxisTicks.ticks(range, log);
        assertTrue(ticks.size() >= 2 && ticks.size() <= AxisTicks.MAX_TICKS, lo + ".." + hi + ": " + ticks);
        for (AxisTicks.Tick tick : ticks) {
            assertTrue(tick.position() >= range[0] && tick.position() <= range[1], tick + " outside " + range[0] + ".." + range[1]);
            assertFalse(tick.label().isEmpty());
        }
        return ticks;
    }

    @Test
    void nearlyConstantDataGetsFewDistinctTicks() {
        // issue 16: values one ulp apart made the old loop `v += step` stall forever
        List<AxisTicks.Tick> ticks = ticksFor(0.1, Math.nextUp(0.1), false);
        assertEquals(ticks.size(), ticks.stream().map(AxisTicks.Tick::label).distinct().count(), "labels tell ticks apart: " + ticks);
        ticksFor(1 - 1e-16, 1 + 2e-16, false); // sin² + cos²
        ticksFor(1, 1, false);
        ticksFor(0, 0, false);
        ticksFor(-1e-310, -1e-310, false); // subnormal
    }

    @Test
    void extremeRangesStayFiniteAndBounded() {
        ticksFor(-1e308, 1e308, false);
        ticksFor(-Double.MAX_VALUE, Double.MAX_VALUE, false);
        ticksFor(Double.MAX_VALUE, Double.MAX_VALUE, false);
        ticksFor(1e-300, 1e300, false);
        ticksFor(Math.log10(Double.MIN_VALUE), Math.log10(Double.MAX_VALUE), true);
        ticksFor(Math.log10(0.2), Math.log10(0.5), true); // less than a decade: round values
        assertEquals(List.of("0.05", "0.1", "0.2", "0.5"),
                ticksFor(Math.log10(0.03), Math.log10(0.5), true).stream().map(AxisTicks.Tick::label).toList());
    }

    @Test
    void noFiniteDataGivesTheUnitRange() {
        assertEquals(List.of(0.0, 1.0), List.of(AxisTicks.range(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)[0],
                AxisTicks.range(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)[1]));
        double[] nan = AxisTicks.range(Double.NaN, Double.NaN);
        assertEquals(0.0, nan[0]);
        assertEquals(1.0, nan[1]);
    }

    @Test
    void labelsWritePowersOfTenNotSiPrefixes() {
        assertEquals("10⁻⁶", AxisTicks.powerOfTen(-6));
        assertEquals("1", AxisTicks.powerOfTen(0));
        assertEquals("10", AxisTicks.powerOfTen(1));
        assertEquals("10¹²", AxisTicks.powerOfTen(12));
        assertEquals("10⁻⁶", AxisTicks.label(1e-6, 1e-6));
        assertEquals("2×10⁻⁶", AxisTicks.label(2e-6, 1e-6));
        assertEquals("−10⁸", AxisTicks.label(-1e8, 1e8));
        assertEquals("0.25", AxisTicks.label(0.25, 0.05));
        assertEquals("1.0000000002", AxisTicks.label(1.0000000002, 2e-10));
        List<AxisTicks.Tick> decades = ticksFor(-12, -3, true);
        assertTrue(decades.stream().allMatch(t -> t.label().startsWith("10")), decades.toString());
    }

    @Test
    void plottingAConservedQuantityFinishes() {
        // issue 16: these ran out of memory in the old tick loop; each now draws a PNG
        {
            double[] t = Grids.linspace(0, 10, 101);
            double[] one = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                one[i] = Math.sin(t[i]) * Math.sin(t[i]) + Math.cos(t[i]) * Math.cos(t[i]);
            }
            assertTrue(StaticImage.png(Plot.lines(t).series("sin² + cos²", one).build()).length > 1000);
            assertTrue(StaticImage.png(Plot.figure().points("x", new double[] {0, 1}, new double[] {0.1, Math.nextUp(0.1)}).build()).length > 1000);
            assertTrue(StaticImage.png(new Exponential(t, 1, Map.of("lbd", 2e-17)).plot()).length > 1000);
            assertTrue(StaticImage.png(Plot.figure().line("huge", new double[] {0, 1}, new double[] {-1e308, 1e308}).build()).length > 1000);
            assertTrue(StaticImage.png(Plot.logLog().line("nan", new double[] {1, 2}, new double[] {Double.NaN, Double.NaN}).build()).length > 1000);
        }
    }

    @Test
    void seriesColoursAreCssColours() {
        assertEquals(new java.awt.Color(255, 0, 0), CssColor.parse("red"));
        assertEquals(new java.awt.Color(0x46, 0x82, 0xb4), CssColor.parse("SteelBlue"));
        assertEquals(new java.awt.Color(0xd6, 0x27, 0x28), CssColor.parse("#d62728"));
        assertEquals(new java.awt.Color(0xff, 0x00, 0x00), CssColor.parse("#f00"));
        assertEquals(new java.awt.Color(1, 2, 3), CssColor.parse("rgb(1, 2, 3)"));
        new Series("s", new double[] {0}, new double[] {0}, Series.Style.LINE, "red"); // issue 16: threw NumberFormatException
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Series("s", new double[] {0}, new double[] {0}, Series.Style.LINE, "reddish"));
        assertTrue(e.getMessage().contains("\"reddish\"") && e.getMessage().contains("color"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CssColor.parse("rgb(300, 0, 0)"));
    }
}
