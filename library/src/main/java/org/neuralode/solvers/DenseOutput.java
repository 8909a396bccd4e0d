package org.neuralode.solvers;

/**
 * A continuous extension of a Runge-Kutta step: the state at {@code t + theta dt} for any
 * {@code theta} in [0, 1], from what the step already computed, so that output times are
 * interpolated rather than stepped to (Hairer, Norsett and Wanner I, Section II.6, "Dense
 * output").
 *
 * <p>The extensions themselves are internal to the adaptive solver; what is public is the
 * weights of Dormand-Prince's, {@link #dormandPrinceWeights}, for code that replays a
 * Dormand-Prince solve (backpropagation through the solver) and must interpolate exactly as
 * {@link AdaptiveRungeKutta} does.
 */
public abstract class DenseOutput {

    /** Only this package's continuous extensions. */
    DenseOutput() {
    }

    /**
     * The weights {@code b_i(theta)} of Dormand and Prince's fourth-order continuous extension,
     * <pre>
     *   h(t + theta dt) = h + dt * sum_i b_i(theta) k_i,   b_i(theta) = sum_j P[i][j] theta^(j+1),
     * </pre>
     * over the seven stages of {@link ButcherTableau#DORMAND_PRINCE} (the last one is
     * {@code f(t + dt, hNew)}). Linear in the stages, so reverse mode through an interpolated
     * state is {@code kbar_i += dt b_i(theta) hbar}. {@code b_i(1) = b_i}, {@code b_i(0) = 0}.
     *
     * @param theta the fraction of the step, in [0, 1]
     * @return a new array of the seven weights
     */
    public static double[] dormandPrinceWeights(double theta) {
        double[] weights = new double[DormandPrince.P.length];
        DormandPrince.weights(theta, weights);
        return weights;
    }

    /**
     * Called once for a step that contains an output time, before {@link #interpolate}; an
     * extension that needs extra stages computes them here.
     *
     * @return the number of evaluations of {@code f} spent
     */
    int prepare(VectorField f, double t, double dt, double[] h, double[] hNew, double[][] k, double[] fNew) {
        return 0;
    }

    /**
     * Writes the interpolated state at {@code t + theta dt} into {@code out}.
     *
     * @param h    the state at the start of the step
     * @param hNew the state at its end
     * @param k    the step's stages
     * @param fNew {@code f(t + dt, hNew)}
     */
    abstract void interpolate(double theta, double dt, double[] h, double[] hNew, double[][] k, double[] fNew,
                              double[] out);

    /** @return a new continuous extension for one solve: the pair's own if known, else Hermite's cubic */
    static DenseOutput forTableau(ButcherTableau tableau) {
        if (tableau == ButcherTableau.DORMAND_PRINCE) {
            return new DormandPrince();
        }
        if (tableau == ButcherTableau.DOP853) {
            return new Dop853.Dense();
        }
        return new HermiteCubic();
    }

    /**
     * The cubic Hermite interpolant through {@code (t, h, f(t, h))} and
     * {@code (t + dt, hNew, f(t + dt, hNew))}, third-order accurate; for Bogacki-Shampine it is
     * the method's own dense output (scipy's RK23 uses the same polynomial; HNW I, II.6,
     * "Hermite interpolation"):
     * <pre>
     *   h(theta) = (1 - theta) h + theta hNew
     *            + theta (theta - 1) [(1 - 2 theta)(hNew - h) + (theta - 1) dt f0 + theta dt f1]
     * </pre>
     */
    static final class HermiteCubic extends DenseOutput {
        @Override
        void interpolate(double theta, double dt, double[] h, double[] hNew, double[][] k, double[] fNew,
                         double[] out) {
            double[] f0 = k[0];
            for (int m = 0; m < h.length; m++) {
                double delta = hNew[m] - h[m];
                out[m] = (1 - theta) * h[m] + theta * hNew[m] + theta * (theta - 1)
                        * ((1 - 2 * theta) * delta + (theta - 1) * dt * f0[m] + theta * dt * fNew[m]);
            }
        }
    }

    /**
     * Dormand and Prince's fourth-order continuous extension of their 5(4) pair (Hairer, Norsett
     * and Wanner I, II.6, eq. (6.12); the coefficients are those of Shampine, <i>Math. Comp.</i>
     * 46 (1986), as in scipy's RK45):
     * {@code h(t + theta dt) = h + dt * sum_i k_i * sum_j P[i][j] theta^(j+1)}.
     */
    static final class DormandPrince extends DenseOutput {
        static final double[][] P = {
            {1, -8048581381.0 / 2820520608.0, 8663915743.0 / 2820520608.0, -12715105075.0 / 11282082432.0},
            {0, 0, 0, 0},
            {0, 131558114200.0 / 32700410799.0, -68118460800.0 / 10900136933.0, 87487479700.0 / 32700410799.0},
            {0, -1754552775.0 / 470086768.0, 14199869525.0 / 1410260304.0, -10690763975.0 / 1880347072.0},
            {0, 127303824393.0 / 49829197408.0, -318862633887.0 / 49829197408.0, 701980252875.0 / 199316789632.0},
            {0, -282668133.0 / 205662961.0, 2019193451.0 / 616988883.0, -1453857185.0 / 822651844.0},
            {0, 40617522.0 / 29380423.0, -110615467.0 / 29380423.0, 69997945.0 / 29380423.0}};

        /** The weights b_i(theta) of the current interpolation; one buffer per solve. */
        private final double[] weights = new double[P.length];

        /** Writes {@code b_i(theta)} into {@code weights}. */
        static void weights(double theta, double[] weights) {
            for (int i = 0; i < P.length; i++) {
                double[] p = P[i];
                // Horner's scheme: fewer multiplications and less rounding than summing powers
                weights[i] = theta * (p[0] + theta * (p[1] + theta * (p[2] + theta * p[3])));
            }
        }

        @Override
        void interpolate(double theta, double dt, double[] h, double[] hNew, double[][] k, double[] fNew,
                         double[] out) {
            weights(theta, weights);
            for (int m = 0; m < h.length; m++) {
                double sum = 0;
                for (int i = 0; i < P.length; i++) {
                    if (weights[i] != 0) {
                        sum += weights[i] * k[i][m];
                    }
                }
                out[m] = h[m] + dt * sum;
            }
        }
    }
}
