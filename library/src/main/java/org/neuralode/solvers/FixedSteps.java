package org.neuralode.solvers;

/**
 * How a fixed-step method crosses the output times: each interval {@code [t_i, t_{i+1}]} in
 * {@code ceil(|t_{i+1} - t_i| / dt)} equal steps, so every output time is hit exactly and no step
 * is longer than {@code dt}. Written once for every fixed-step solver; the total is counted
 * before the first step, so that a step size too small for the span is refused at once
 * (with the count and what to do) instead of running out of memory or time.
 */
final class FixedSteps {

    /**
     * A span that is a whole number of steps up to rounding (0.3 / 0.1 = 2.9999999999999996,
     * 1.0 / 0.1 = 10.000000000000002) must not get one extra, needlessly short, step: the ratio is
     * shrunk by this relative amount, far above rounding and far below any real fraction of a step.
     */
    private static final double ROUNDING = 1e-12;

    private FixedSteps() {
    }

    /**
     * @param method   the solver, for the message
     * @param times    the output times (checked)
     * @param dt       the largest step size
     * @param maxSteps the most steps allowed in one solve
     * @return the number of steps in each interval, all at least 1
     * @throws SolverException with {@link SolverException.Reason#TOO_MANY_STEPS} if the total exceeds {@code maxSteps}
     */
    static int[] counts(Object method, double[] times, double dt, int maxSteps) {
        int[] counts = new int[Math.max(0, times.length - 1)];
        double total = 0;
        for (int i = 1; i < times.length; i++) {
            double steps = steps(times, i, dt);
            total += steps;
            if (total > maxSteps) {
                double all = total;
                for (int j = i + 1; j < times.length; j++) {
                    all += steps(times, j, dt);
                }
                throw new SolverException(SolverException.Reason.TOO_MANY_STEPS, times[0], dt, String.format(
                        "%s needs %.4g steps of dt = %.3g to cover [%s, %s], more than the limit of %d steps per"
                        + " solve: use a larger dt (the error of a method of order p shrinks like dt^p, so a"
                        + " moderately larger dt often suffices), an adaptive solver such as"
                        + " Solvers.dormandPrince(rtol, atol), or raise the limit with withMaxSteps(n)",
                        method, all, dt, times[0], times[times.length - 1], maxSteps));
            }
            counts[i - 1] = (int) steps;
        }
        return counts;
    }

    /** The number of steps of at most {@code dt} that cover {@code [times[i - 1], times[i]]}: at least 1. */
    private static double steps(double[] times, int i, double dt) {
        return Math.max(1, Math.ceil(Math.abs(times[i] - times[i - 1]) / dt * (1 - ROUNDING)));
    }
}
