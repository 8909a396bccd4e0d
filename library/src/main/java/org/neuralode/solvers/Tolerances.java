package org.neuralode.solvers;

/**
 * The tolerances of an adaptive solve and the two computations built on them (Hairer, Norsett
 * and Wanner, <i>Solving ODEs I</i>, Section II.4): the scaled root-mean-square error norm
 * <pre>
 *   ||err|| = sqrt( (1/n) sum_i (err_i / sc_i)^2 ),   sc_i = atol + rtol * max(|h_i|, |hNew_i|)
 * </pre>
 * (eqs. (4.10) and (4.11); a step is accepted when it is at most 1), and Hairer's starting step
 * size ("Starting step size", steps (a)-(f)). {@link AdaptiveRungeKutta} uses both, and so does
 * any code that replays its steps (e.g. backpropagation through the solver).
 *
 * @param rtol the relative tolerance, finite and non-negative
 * @param atol the absolute tolerance, finite and non-negative, not 0 together with {@code rtol}
 */
public record Tolerances(double rtol, double atol) {

    public Tolerances {
        Checks.tolerances(rtol, atol);
    }

    /**
     * The scaled RMS norm of a local error estimate, eq. (4.11). Non-finite errors or states give
     * {@code +infinity}, i.e. a rejection, never NaN.
     *
     * @param error the local error estimate {@code err}
     * @param h     the state at the start of the step
     * @param hNew  the proposed state at its end
     */
    public double errorNorm(double[] error, double[] h, double[] hNew) {
        int n = h.length;
        double sum = 0;
        for (int m = 0; m < n; m++) {
            double ratio = error[m] / (atol + rtol * Math.max(Math.abs(h[m]), Math.abs(hNew[m])));
            sum += ratio * ratio;
        }
        double norm = Math.sqrt(sum / n);
        return Double.isFinite(norm) && Checks.firstNonFinite(hNew) < 0 ? norm : Double.POSITIVE_INFINITY;
    }

    /**
     * Hairer's starting step size (HNW I, II.4, "Starting step size", steps (a)-(f)): a step
     * such that an explicit Euler step changes the state by about 1% of its scale, refined by an
     * estimate of the second derivative; costs one evaluation of {@code f}.
     *
     * @param f         the vector field
     * @param t0        the initial time
     * @param h0        the initial state
     * @param f0        {@code f(t0, h0)}
     * @param direction +1 to integrate forward, -1 backward
     * @param span      {@code |t_end - t0|}, the largest step returned
     * @param order     the order p of the propagated solution; the exponent {@code 1/p} is
     *                  Hairer's {@code 1/(q+1)} with {@code q = p - 1} the order of the error
     *                  estimate (step (e): {@code dt1 = (0.01 / max(d1, d2))^(1/p)})
     * @return the size {@code |dt|} of the first step, positive
     */
    public double startingStep(VectorField f, double t0, double[] h0, double[] f0, double direction, double span,
                               int order) {
        int n = h0.length;
        double d0 = 0;
        double d1 = 0;
        double[] scale = new double[n];
        for (int m = 0; m < n; m++) {
            scale[m] = atol + rtol * Math.abs(h0[m]);
            d0 += (h0[m] / scale[m]) * (h0[m] / scale[m]);
            d1 += (f0[m] / scale[m]) * (f0[m] / scale[m]);
        }
        d0 = Math.sqrt(d0 / n);
        d1 = Math.sqrt(d1 / n);
        double dt0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
        dt0 = Math.min(dt0, span);
        double[] h1 = new double[n];
        for (int m = 0; m < n; m++) {
            h1[m] = h0[m] + direction * dt0 * f0[m];
        }
        double[] f1 = Checks.evaluate(f, t0 + direction * dt0, h1);
        double d2 = 0;
        for (int m = 0; m < n; m++) {
            double difference = (f1[m] - f0[m]) / scale[m];
            d2 += difference * difference;
        }
        d2 = Math.sqrt(d2 / n) / dt0;
        if (!Double.isFinite(d2)) {
            return dt0;
        }
        double dMax = Math.max(d1, d2);
        double dt1 = dMax <= 1e-15 ? Math.max(1e-6, dt0 * 1e-3) : Math.pow(0.01 / dMax, 1.0 / order);
        return Math.min(Math.min(100 * dt0, dt1), span);
    }
}
