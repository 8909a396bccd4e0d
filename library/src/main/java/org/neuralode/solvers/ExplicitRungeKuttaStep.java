package org.neuralode.solvers;

/**
 * One step of an explicit Runge-Kutta method given by its {@link ButcherTableau}: the single
 * core that every explicit solver of this package drives,
 * <pre>
 *   k_i     = f(t + c_i dt, h + dt * sum_{j &lt; i} a_ij k_j),   i = 0 .. s-1
 *   h_new   = h + dt * sum_i b_i k_i
 *   err     = dt * sum_i e_i k_i                         (embedded pairs only)
 * </pre>
 * (Hairer, Norsett and Wanner, <i>Solving ODEs I</i>, Section II.1, eq. (1.8), and II.4 for the
 * embedded error estimate). The caller supplies {@code k[0] = f(t, h)}, which lets a
 * first-same-as-last (FSAL) method reuse the previous step's last stage.
 *
 * <p>The buffers are allocated once per solve and reused by every step, so the hot loop
 * allocates only what the vector field itself returns.
 */
final class ExplicitRungeKuttaStep {

    final ButcherTableau tableau;
    /** The stages {@code k_i}; {@code k[0]} is set by the caller. */
    final double[][] k;
    /** The proposed new state {@code h_new}. */
    final double[] hNew;
    /** The local error estimate (embedded pairs only). */
    final double[] error;
    private final double[] stageInput;
    private final int n;
    /** Calls of the vector field made by {@link #attempt}. */
    int evaluations;

    ExplicitRungeKuttaStep(ButcherTableau tableau, int n) {
        this.tableau = tableau;
        this.n = n;
        this.k = new double[tableau.stages()][];
        this.hNew = new double[n];
        this.error = new double[n];
        this.stageInput = new double[n];
    }

    /** Computes stages 1..s-1, {@link #hNew} and, for an embedded pair, {@link #error}; {@code k[0]} must hold f(t, h). */
    void attempt(VectorField f, double t, double[] h, double dt) {
        double[][] a = tableau.a();
        double[] c = tableau.c();
        int s = tableau.stages();
        for (int i = 1; i < s; i++) {
            double[] ai = a[i];
            for (int m = 0; m < n; m++) {
                double sum = 0;
                for (int j = 0; j < i; j++) {
                    sum += ai[j] * k[j][m];
                }
                stageInput[m] = h[m] + dt * sum;
            }
            k[i] = Checks.evaluate(f, t + c[i] * dt, stageInput);
            evaluations++;
        }
        combine(h, dt, tableau.b(), hNew, true);
        if (tableau.e() != null) {
            combine(h, dt, tableau.e(), error, false);
        }
    }

    /** {@code out = (addH ? h : 0) + dt * sum_i w_i k_i}. */
    private void combine(double[] h, double dt, double[] w, double[] out, boolean addH) {
        int s = w.length;
        for (int m = 0; m < n; m++) {
            double sum = 0;
            for (int i = 0; i < s; i++) {
                if (w[i] != 0) {
                    sum += w[i] * k[i][m];
                }
            }
            out[m] = (addH ? h[m] : 0) + dt * sum;
        }
    }

    /**
     * The scaled root-mean-square error of Hairer (II.4, eq. (4.11)) and scipy, see
     * {@link Tolerances#errorNorm}; a step is accepted when it is at most 1. DOP853 has its own
     * blended norm ({@link Dop853#errorNorm}).
     */
    double errorNorm(double[] h, double dt, Tolerances tolerances) {
        if (tableau == ButcherTableau.DOP853) {
            return Dop853.errorNorm(k, h, hNew, dt, tolerances.rtol(), tolerances.atol());
        }
        return tolerances.errorNorm(error, h, hNew);
    }
}
