package org.neuralode.solvers;

/**
 * The tolerances of an adaptive solve and the two computations built on them (Hairer, Norsett
 * and Wanner, <i>Solving ODEs I</i>, Section II.4): the scale of each component's error,
 * <pre>
 *   sc_i = atol + rtol * max(|h_i|, |hNew_i|)
 * </pre>
 * (eq. (4.10)), by which an {@link ErrorNorm} measures a step's error estimate (a step is
 * accepted when the norm of {@code err_i / sc_i} is at most 1), and Hairer's starting step
 * size ("Starting step size", steps (a)-(f)). {@link AdaptiveRungeKutta} and {@link Radau5}
 * use both.
 *
 * @param rtol the relative tolerance, finite and non-negative
 * @param atol the absolute tolerance, finite and non-negative, not 0 together with {@code rtol}
 */
public record Tolerances(double rtol, double atol) {

    public Tolerances {
        Checks.tolerances(rtol, atol);
    }

    /**
     * The scale of each component's error, {@code sc_i = atol + rtol * max(|h_i|, |hNew_i|)}
     * (eq. (4.10)): an {@link ErrorNorm} measures {@code err_i / sc_i}.
     *
     * @param h     the state at the start of the step
     * @param hNew  the proposed state at its end
     * @param scale receives {@code sc}
     * @return {@code scale}
     */
    public double[] scales(double[] h, double[] hNew, double[] scale) {
        for (int m = 0; m < scale.length; m++) {
            scale[m] = scale(h[m], hNew[m]);
        }
        return scale;
    }

    /** @return {@code sc = atol + rtol * max(|h|, |hNew|)} for one component (see {@link #scales}) */
    public double scale(double h, double hNew) {
        return atol + rtol * Math.max(Math.abs(h), Math.abs(hNew));
    }

    /**
     * The scaled RMS norm of a local error estimate, eq. (4.11): {@link ErrorNorm#RMS} of
     * {@code err_i / sc_i}. Non-finite errors or states give {@code +infinity}, i.e. a rejection,
     * never NaN.
     *
     * @param error the local error estimate {@code err}
     * @param h     the state at the start of the step
     * @param hNew  the proposed state at its end
     */
    public double errorNorm(double[] error, double[] h, double[] hNew) {
        double[] x = scales(h, hNew, new double[h.length]);
        for (int m = 0; m < x.length; m++) {
            x[m] = error[m] / x[m];
        }
        double norm = ErrorNorm.RMS.of(x);
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
        return startingStep(f, t0, h0, f0, direction, span, order, ErrorNorm.RMS);
    }

    /**
     * Hairer's starting step size, its sizes {@code d0, d1, d2} measured in {@code norm} (Hairer
     * uses the RMS norm; a seminorm leaves the components it ignores out of the guess too, as
     * torchdiffeq's {@code _select_initial_step} does).
     *
     * @param norm the norm the solve measures its errors in
     * @see #startingStep(VectorField, double, double[], double[], double, double, int)
     */
    public double startingStep(VectorField f, double t0, double[] h0, double[] f0, double direction, double span,
                               int order, ErrorNorm norm) {
        int n = h0.length;
        double[] scale = new double[n];
        double[] x = new double[n];
        for (int m = 0; m < n; m++) {
            scale[m] = atol + rtol * Math.abs(h0[m]);
            x[m] = h0[m] / scale[m];
        }
        double d0 = norm.of(x);
        for (int m = 0; m < n; m++) {
            x[m] = f0[m] / scale[m];
        }
        double d1 = norm.of(x);
        double dt0 = (d0 >= 1e-5 && d1 >= 1e-5) ? 0.01 * d0 / d1 : 1e-6;   // also when a norm is NaN
        dt0 = Math.min(dt0, span);
        double[] h1 = new double[n];
        for (int m = 0; m < n; m++) {
            h1[m] = h0[m] + direction * dt0 * f0[m];
        }
        double[] f1 = Checks.evaluate(f, t0 + direction * dt0, h1);
        for (int m = 0; m < n; m++) {
            x[m] = (f1[m] - f0[m]) / scale[m];
        }
        double d2 = norm.of(x) / dt0;
        if (!Double.isFinite(d2) || !Double.isFinite(d1)) {
            return dt0;
        }
        double dMax = Math.max(d1, d2);
        double dt1 = dMax <= 1e-15 ? Math.max(1e-6, dt0 * 1e-3) : Math.pow(0.01 / dMax, 1.0 / order);
        return Math.min(Math.min(100 * dt0, dt1), span);
    }
}
