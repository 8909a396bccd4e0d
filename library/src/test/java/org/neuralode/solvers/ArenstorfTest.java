package org.neuralode.solvers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.ode.nonstiff.DormandPrince54Integrator;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Work-precision against Commons Math on the Arenstorf orbit (Hairer, Norsett and Wanner I,
 * II.0): over one period the orbit closes, so the end-point error is the distance of the state
 * (positions and velocities) from the start. Our Dormand-Prince must reach a comparable error (within a factor 3) with at most
 * 1.2 times the evaluations of Commons Math's {@code DormandPrince54Integrator}.
 */
class ArenstorfTest {

    @ParameterizedTest
    @ValueSource(doubles = {1e-6, 1e-9})
    void dormandPrinceMatchesCommonsMath(double tol) {
        double[] times = {0, Problems.ARENSTORF_PERIOD};
        Solution ours = Solvers.dormandPrince(tol, tol).solve(Problems.ARENSTORF, Problems.ARENSTORF_START, times);
        Solution theirs = Solvers.commonsMath(new DormandPrince54Integrator(1e-12, 10, tol, tol))
                .solve(Problems.ARENSTORF, Problems.ARENSTORF_START, times);
        double ourError = Problems.arenstorfError(ours.last());
        double theirError = Problems.arenstorfError(theirs.last());
        int ourEvaluations = ours.statistics().evaluations();
        int theirEvaluations = theirs.statistics().evaluations();
        String report = String.format("tol %.0e: ours %d evaluations, error %.3g; Commons Math %d evaluations, error %.3g",
                tol, ourEvaluations, ourError, theirEvaluations, theirError);
        assertTrue(ourEvaluations <= 1.2 * theirEvaluations, report);
        assertTrue(ourError <= 3 * theirError, report);
        // and the orbit is actually closed (the error of a broken solver is of order 1)
        assertTrue(ourError < 1e5 * tol, report);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-6, 1e-9})
    void dop853NeedsFewerEvaluationsThanCommonsMath(double tol) {
        double[] times = {0, Problems.ARENSTORF_PERIOD};
        Solution ours = Solvers.dop853(tol, tol).solve(Problems.ARENSTORF, Problems.ARENSTORF_START, times);
        Solution theirs = Solvers.commonsMath(new DormandPrince853Integrator(1e-12, 10, tol, tol))
                .solve(Problems.ARENSTORF, Problems.ARENSTORF_START, times);
        double ourError = Problems.arenstorfError(ours.last());
        double theirError = Problems.arenstorfError(theirs.last());
        String report = String.format("tol %.0e: ours %s, error %.3g; Commons Math %s, error %.3g",
                tol, ours.statistics(), ourError, theirs.statistics(), theirError);
        assertTrue(ours.statistics().evaluations() <= theirs.statistics().evaluations(), report);
        assertTrue(ourError <= 3 * theirError, report);
    }
}
