package org.neuralode.equations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.neuralode.Grids;
import org.neuralode.solvers.Solvers;

/** The closed forms where the solution does not exist, overflows, or cancels (issue 16, item 13). */
class ClosedFormsTest {

    private static final double[] T = Grids.linspace(0, 10, 101);

    @Test
    void infectionsFromANegativeFractionHaveNoSolutionAfterTheBlowUp() {
        Infections infections = Infections.withRate(T, -0.1, 0.9);
        // y0 + (1 - y0) e^{-r t} = 0 at t* = ln(1 - 1/y0) / r = ln 11 / 0.9
        double blowUp = Math.log(11) / 0.9;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> infections.exact(5));
        assertTrue(e.getMessage().startsWith("no solution at t = 5.0"), e.getMessage());
        assertTrue(e.getMessage().contains("-infinity at t = " + blowUp), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> infections.exact(blowUp + 1e-9));
        // before t* the closed form is the solution the solver finds
        Infections early = Infections.withRate(Grids.linspace(0, 2, 21), -0.1, 0.9);
        double[] y = early.solve();
        assertEquals(y[20], early.exact(2), 1e-7 * Math.abs(y[20]));
        assertTrue(early.exact(2) < -0.1, "the infected fraction falls away from 0");
    }

    @Test
    void infectionsFromAboveOneCameFromInfinityBeforeTheStart() {
        Infections infections = Infections.withRate(T, 2, 0.9);
        double blowUp = Math.log(0.5) / 0.9;   // ln(1 - 1/2) / r, before t0 = 0
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> infections.exact(-1));
        assertTrue(e.getMessage().contains("+infinity at t = " + blowUp) && e.getMessage().contains("before"),
                e.getMessage());
        assertEquals(2 / (2 - Math.exp(-0.9)), infections.exact(1), 1e-15);
    }

    @Test
    void infectionsKeepTheirEquilibriaAndExtremeTimes() {
        assertEquals(1.0, Infections.withRate(T, 1, 0.9).exact(-1e6));
        assertEquals(0.0, Infections.withRate(T, 0, 0.9).exact(1e6));
        assertEquals(1.0, Infections.withRate(T, 0.1, 0.9).exact(1e6));
        assertEquals(0.0, Infections.withRate(T, 0.1, 0.9).exact(-1e6));
        assertEquals(1e-320, Infections.withRate(T, 1e-320, 0.9).exact(0));
    }

    @Test
    void exponentialRefusesToOverflowToInfinity() {
        Exponential exponential = Exponential.withRate(T, 1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> exponential.exact(400));
        assertTrue(e.getMessage().startsWith("no solution at t = 400.0") && e.getMessage().contains("e^{800.0}"),
                e.getMessage());
        assertEquals(0.0, Exponential.withRate(T, 1, -2).exact(400));
        assertEquals(0.0, Exponential.withRate(T, 0, 2).exact(400));
    }

    @Test
    void sinMultiplyTWithATinyLambdaIsItsSeries() {
        // F(t) ~ lambda t^3 / 3: the closed form divided 0 by lambda^2 = 0 and returned NaN
        SinMultiplyT tiny = SinMultiplyT.withFrequency(T, 0, 1e-300);
        assertEquals(1e-300 * 1000 / 3, tiny.exact(10), 1e-15 * 1e-300 * 1000 / 3);
        assertEquals(1.0, SinMultiplyT.withFrequency(T, 1, 1e-300).exact(10));
        // lambda = 1e-6: sin x - x cos x cancelled 11 of 16 digits
        double lambda = 1e-6;
        double expected = lambda * 1000 / 3 - lambda * lambda * lambda * 1e5 / 30;
        assertEquals(expected, SinMultiplyT.withFrequency(T, 0, lambda).exact(10), 1e-15 * expected);
    }

    @Test
    void sinMultiplyTAgreesWithTheSolverAcrossTheSeriesThreshold() {
        // lambda t passes 1 (where the series hands over to the closed form) inside the grid
        for (double lambda : new double[] {0.05, 0.1, 0.3, -0.2, 2}) {
            SinMultiplyT sin = SinMultiplyT.withFrequency(T, 1, lambda);
            double[] y = sin.solution(Solvers.dormandPrince(1e-12, 1e-14)).component(0);
            for (int i = 0; i < T.length; i++) {
                assertEquals(y[i], sin.exact(T[i]), 1e-10 * Math.max(1, Math.abs(y[i])), "lambda " + lambda + ", t " + T[i]);
            }
        }
    }

    @Test
    void reciprocalWithASmallScaleDoesNotCancel() {
        // shift y + scale y^2 / 2 = t - t0 + shift y0 + scale y0^2 / 2; the textbook root lost ~4 digits here
        for (double scale : new double[] {1e-12, -1e-12, 0, 1e-3}) {
            Reciprocal reciprocal = Reciprocal.withShiftAndScale(T, 1, 1, scale);
            double y = reciprocal.exact(10);
            double k = 10 + 1 + scale / 2;
            assertEquals(k, y + scale * y * y / 2, 1e-14 * k, "scale " + scale);
        }
        assertEquals(11.0, Reciprocal.withShiftAndScale(T, 1, 1, 0).exact(10));
    }

    @Test
    void reciprocalPastItsPoleNamesTheTimeAndThePole() {
        Reciprocal reciprocal = Reciprocal.withShiftAndScale(T, 1, -5, -10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reciprocal.exact(12));
        assertTrue(e.getMessage().startsWith("no solution at t = 12.0"), e.getMessage());
        assertTrue(e.getMessage().contains("pole y = -0.5 at t = 11.25"), e.getMessage());
    }

    @Test
    void closedFormsRejectANonFiniteTime() {
        List<DoubleUnaryOperator> closedForms = List.of(Infections.withRate(T, 0.1, 0.9)::exact,
                Exponential.withRate(T, 1, 2)::exact, SinMultiplyT.withFrequency(T, 1, 2)::exact,
                Reciprocal.withShiftAndScale(T, 1, -5, -10)::exact);
        for (DoubleUnaryOperator exact : closedForms) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> exact.applyAsDouble(Double.NaN));
            assertEquals("time must be finite, got time = NaN", e.getMessage());
        }
    }

    @Test
    void aHashMapWithANullKeyOrValueIsNamedNotANullPointerException() {
        Map<String, Double> nullKey = new HashMap<>();
        nullKey.put("r", 0.9);
        nullKey.put(null, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Infections(T, 0.1, nullKey));
        assertTrue(e.getMessage().startsWith("unknown argument null (a null key) for Infections"), e.getMessage());

        Map<String, Double> nullValue = new HashMap<>();
        nullValue.put("r", null);
        e = assertThrows(IllegalArgumentException.class, () -> new Infections(T, 0.1, nullValue));
        assertEquals("argument 'r' must be a number, got null", e.getMessage());
    }
}
