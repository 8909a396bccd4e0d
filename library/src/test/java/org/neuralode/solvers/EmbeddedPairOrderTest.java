package org.neuralode.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The orders the adaptive methods declare are the orders they have. The controller relies on
 * them: {@link StepSizeController} scales the step by {@code err^(-1/order)} and Hairer's
 * starting step uses the same exponent, so a wrong declared order gives wrong step sizes without
 * a wrong answer. Measured as the global error at t = 2 of fixed steps (HNW I, Section II.1):
 * with each pair's propagated weights {@code b} (the higher order), and with the embedded weights
 * {@code b - e} (one order lower, the estimate the controller compares against).
 */
class EmbeddedPairOrderTest {

    /** Each pair, its declared order, and step sizes whose errors stay well above rounding. */
    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of(ButcherTableau.BOGACKI_SHAMPINE, 3, new double[] {0.1, 0.05, 0.025, 0.0125}),
                Arguments.of(ButcherTableau.DORMAND_PRINCE, 5, new double[] {0.2, 0.1, 0.05, 0.025}),
                Arguments.of(ButcherTableau.DOP853, 8, new double[] {0.5, 0.4, 0.25, 0.2}));
    }

    private static double errorAtTwo(ButcherTableau tableau, double dt) {
        Solution solution = new FixedStepRungeKutta(tableau, dt)
                .solve(Problems.COSINE_GROWTH, new double[] {1}, new double[] {0, 2});
        return Math.abs(solution.last()[0] - Problems.cosineGrowth(2));
    }

    private static double measuredOrder(ButcherTableau tableau, double[] dts) {
        double[] errors = new double[dts.length];
        for (int i = 0; i < dts.length; i++) {
            errors[i] = errorAtTwo(tableau, dts[i]);
            assertTrue(errors[i] > 1e-13, tableau.name() + ": dt " + dts[i] + " reaches rounding, " + errors[i]);
        }
        return Convergence.order(dts, errors);
    }

    /** The pair's lower-order solution as a tableau of its own: weights {@code b - e}. */
    private static ButcherTableau embedded(ButcherTableau pair, int order) {
        double[] b = pair.b();
        double[] e = pair.e();
        double[] lower = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            lower[i] = b[i] - e[i];
        }
        return new ButcherTableau(pair.name() + ", embedded", order, pair.c(), pair.a(), lower, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void thePropagatedSolutionHasTheDeclaredOrder(ButcherTableau pair, int order, double[] dts) {
        assertEquals(order, pair.order(), pair.name());
        double measured = measuredOrder(pair, dts);
        assertEquals(order, measured, 0.25, pair.name() + ": measured order " + measured);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void theEmbeddedSolutionIsLowerInOrder(ButcherTableau pair, int order, double[] dts) {
        // Bogacki-Shampine 3(2) and Dormand-Prince 5(4) embed order p - 1; DOP853's e holds its
        // fifth-order weights (the 3rd-order ones blend into its error norm only).
        int embeddedOrder = pair == ButcherTableau.DOP853 ? 5 : order - 1;
        double[] smaller = new double[dts.length];
        for (int i = 0; i < dts.length; i++) {
            smaller[i] = dts[i] / 4; // the lower order reaches its asymptotic range later
        }
        double measured = measuredOrder(embedded(pair, embeddedOrder), smaller);
        assertEquals(embeddedOrder, measured, 0.3, pair.name() + ": embedded order " + measured);
    }
}
