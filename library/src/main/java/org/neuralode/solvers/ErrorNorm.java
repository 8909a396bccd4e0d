package org.neuralode.solvers;

/**
 * The norm in which an adaptive solver measures the error estimate of a step, scaled component
 * by component by the tolerances,
 * <pre>
 *   x_i = err_i / sc_i,   sc_i = atol + rtol * max(|h_i|, |hNew_i|),   step accepted when ||x|| &lt;= 1
 * </pre>
 * (Hairer, Norsett and Wanner, <i>Solving ODEs I</i>, Section II.4, eqs. (4.10) and (4.11)). As
 * in diffrax ({@code PIDController(norm=...)}) and torchdiffeq ({@code options=dict(norm=...)}),
 * the caller may pass its own to {@link AdaptiveRungeKutta#withErrorNorm}; the tolerances say how
 * large an error may be, the norm how the components' errors add up. A method that combines
 * several estimates combines their norms in this one (DOP853: see {@link ButcherTableau#DOP853}).
 *
 * <p>A norm returns a non-negative number; non-finite components make it non-finite, which the
 * solver treats as a rejection.
 */
@FunctionalInterface
public interface ErrorNorm {

    /**
     * The root mean square over all components, HNW's eq. (4.11): the default,
     * {@code ||x|| = sqrt((1/n) sum_i x_i^2)}.
     */
    ErrorNorm RMS = x -> {
        double sum = 0;
        for (double xi : x) {
            sum += xi * xi;
        }
        return Math.sqrt(sum / x.length);
    };

    /**
     * @param x the scaled error {@code x_i = err_i / sc_i}, one entry per component of the state
     *          (the solver's buffer: read it, do not keep it)
     * @return {@code ||x||}
     */
    double of(double[] x);

    /**
     * A seminorm: the root mean square over every component except {@code from .. to - 1}, which
     * it ignores (Kidger, Chen and Lyons, "'Hey, that's not an ODE': faster ODE adjoints via
     * seminorms", ICML 2021; torchdiffeq's {@code adjoint_options=dict(norm="seminorm")}). The
     * adjoint method's backward solve ignores the parameter-gradient components this way: they
     * are integrals of the others and never feed back into them, so controlling their error
     * spends steps for nothing.
     *
     * @param from the first ignored component, at least 0
     * @param to   one past the last ignored one; at least one component must remain measured
     */
    static ErrorNorm ignoring(int from, int to) {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("the ignored components from .. to - 1 must be a non-empty range"
                    + " from 0 on, got from = " + from + ", to = " + to);
        }
        return new ErrorNorm() {
            @Override
            public double of(double[] x) {
                if (to > x.length || x.length - (to - from) < 1) {
                    throw new IllegalArgumentException("the seminorm ignores components " + from + " .. " + (to - 1)
                            + ", but the state has " + x.length + " components"
                            + (to > x.length ? "" : ", which leaves none to measure"));
                }
                double sum = 0;
                for (int m = 0; m < from; m++) {
                    sum += x[m] * x[m];
                }
                for (int m = to; m < x.length; m++) {
                    sum += x[m] * x[m];
                }
                return Math.sqrt(sum / (x.length - (to - from)));
            }

            @Override
            public String toString() {
                return "RMS seminorm ignoring components " + from + " .. " + (to - 1);
            }
        };
    }
}
