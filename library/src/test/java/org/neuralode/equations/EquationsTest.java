package org.neuralode.equations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.neuralode.Grids;
import org.neuralode.solvers.SolverException;
import org.neuralode.solvers.Solvers;
import org.neuralode.plot.PlotFigure;

/** The book's four equations, with the book's example values, against their closed forms. */
class EquationsTest {

    private static final double[] T = Grids.linspace(0, 10, 101);

    private static void assertMatchesClosedForm(DiffEqn equation, DoubleUnaryOperator exact) {
        double[] y = equation.solve();
        assertEquals(T.length, y.length);
        for (int i = 0; i < T.length; i++) {
            double expected = exact.applyAsDouble(T[i]);
            assertEquals(expected, y[i], 1e-7 * Math.max(1, Math.abs(expected)), equation + " at t = " + T[i]);
        }
    }

    @Test
    void infectionsFollowTheLogisticCurve() {
        Infections infections = new Infections(T, 0.1, Map.of("r", 0.9));
        assertMatchesClosedForm(infections, infections::exact);
        assertEquals(1 / (1 + 9 * Math.exp(-9)), infections.exact(10), 1e-15);
    }

    @Test
    void exponentialGrowsLikeEToTheLambdaT() {
        Exponential exponential = new Exponential(T, 1, Map.of("lbd", 2.0));
        assertMatchesClosedForm(exponential, exponential::exact);
        assertEquals(Math.exp(20), exponential.exact(10), 1e-6);
    }

    @Test
    void sinMultiplyTIntegratesByParts() {
        SinMultiplyT sin = new SinMultiplyT(T, 1, Map.of("lbd", 2.0));
        assertMatchesClosedForm(sin, t -> 1 + (Math.sin(2 * t) - 2 * t * Math.cos(2 * t)) / 4);
    }

    @Test
    void reciprocalFollowsItsImplicitSolutionAndIsZeroAtTen() {
        Reciprocal reciprocal = new Reciprocal(T, 1, Map.of("shift", -5.0, "scale", -10.0));
        assertMatchesClosedForm(reciprocal, reciprocal::exact);
        assertEquals(0, reciprocal.exact(10), 1e-15);
        assertEquals(11.25, reciprocal.poleTime(), 1e-12);
        // the implicit solution: shift y + scale y^2 / 2 = t + C
        double y = reciprocal.exact(4);
        assertEquals(4 - 10, -5 * y - 5 * y * y, 1e-12);
    }

    @Test
    void reciprocalFailsLoudlyPastItsPole() {
        Reciprocal reciprocal = new Reciprocal(Grids.linspace(0, 12, 121), 1, Map.of("shift", -5.0, "scale", -10.0));
        SolverException e = assertThrows(SolverException.class, reciprocal::solve);
        assertEquals(11.25, e.t(), 1e-3);
        assertTrue(e.getMessage().contains("11.25"), e.getMessage());
        assertTrue(e.getMessage().contains("singularity"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> reciprocal.exact(12));
    }

    @Test
    void typedConveniencesEqualTheMapConstructors() {
        assertEquals(new Infections(T, 0.1, Map.of("r", 0.9)).fn(0.3, 0), Infections.withRate(T, 0.1, 0.9).fn(0.3, 0));
        assertEquals(2.0 * 3, Exponential.withRate(T, 1, 2).fn(3, 0));
        assertEquals(Math.sin(2 * 1.5) * 1.5, SinMultiplyT.withFrequency(T, 1, 2).fn(7, 1.5), 1e-15);
        assertEquals(1 / (-5 - 10 * 0.2), Reciprocal.withShiftAndScale(T, 1, -5, -10).fn(0.2, 0), 1e-15);
    }

    @Test
    void formulaIsTheStringForm() {
        Infections infections = Infections.withRate(T, 0.1, 0.9);
        assertEquals("\\frac{dh(t)}{d t} = r * y * (1-y)", infections.toString());
        assertEquals(infections.formula(), infections.toString());
        assertEquals("\\frac{dh(t)}{d t} = \\lambda h(t)", Exponential.withRate(T, 1, 2).toString());
    }

    @Test
    void missingOrMisspelledArgumentsAreNamed() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new Reciprocal(T, 1, Map.of("shift", -5.0)));
        assertTrue(missing.getMessage().contains("'scale'"), missing.getMessage());
        assertTrue(missing.getMessage().contains("[shift, scale]"), missing.getMessage());

        IllegalArgumentException misspelled = assertThrows(IllegalArgumentException.class,
                () -> new Exponential(T, 1, Map.of("lbd", 2.0, "lamda", 3.0)));
        assertTrue(misspelled.getMessage().contains("'lamda'"), misspelled.getMessage());
        assertTrue(misspelled.getMessage().contains("[lbd]"), misspelled.getMessage());

        IllegalArgumentException wrongName = assertThrows(IllegalArgumentException.class,
                () -> new Infections(T, 0.1, Map.of("rate", 0.9)));
        assertTrue(wrongName.getMessage().contains("'r'"), wrongName.getMessage());
    }

    @Test
    void badGridsAndValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Infections.withRate(new double[0], 0.1, 0.9));
        assertThrows(IllegalArgumentException.class, () -> Infections.withRate(new double[] {0, 1, 1}, 0.1, 0.9));
        assertThrows(IllegalArgumentException.class, () -> Infections.withRate(T, Double.NaN, 0.9));
        assertThrows(IllegalArgumentException.class, () -> Infections.withRate(T, 0.1, Double.POSITIVE_INFINITY));
    }

    @Test
    void plotIsTitledLikeTheSeed() {
        Infections infections = Infections.withRate(T, 0.1, 0.9);
        PlotFigure figure = infections.plot();
        assertEquals("Solution for $\\frac{dh(t)}{d t} = r * y * (1-y)$ with {'r': 0.9}", figure.title());
        // plain text without TeX left over (the book's straight quotes kept); names of parameters upright
        assertEquals("Figure: Solution for dh(t)/dt = r * y * (1 - y) with {'r': 0.9} (1 trace: h(t))",
                org.neuralode.plot.FigureHtml.mimeBundle(figure, org.neuralode.plot.PlotlySource.page()).get("text/plain"));
        assertTrue(Reciprocal.withShiftAndScale(T, 1, -5, -10).plot().title().contains("\\mathrm{shift} + \\mathrm{scale}"));
        assertEquals("{'shift': -5.0, 'scale': -10.0}", Reciprocal.withShiftAndScale(T, 1, -5, -10).argsText());
    }

    @Test
    void vectorFieldAdaptsTheScalarEquation() {
        SinMultiplyT sin = SinMultiplyT.withFrequency(T, 1, 2);
        assertEquals(sin.fn(5, 1.5), sin.vectorField().at(1.5, new double[] {5})[0]);
        double[] y = sin.solution(Solvers.rk4(0.001)).component(0);
        assertEquals(sin.exact(10), y[100], 1e-9);
    }
}
