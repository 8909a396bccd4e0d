package org.neuralode.solvers;

/**
 * A continuous extension of a Runge-Kutta step: the state at {@code t + x dt} for any fraction
 * {@code x} in [0, 1] of the step, from what the step already computed, so that output times are
 * interpolated rather than stepped to (Hairer, Norsett and Wanner I, Section II.6, "Dense
 * output").
 *
 * <p>Every extension here has the same shape, linear in the stages:
 * <pre>
 *   h(t + x dt) = h + dt * sum_i w_i(x) K_i
 * </pre>
 * over the <em>extended</em> stages {@code K = (k_0 .. k_{s-1}, f(t + dt, h_new), extra stages)};
 * an extra stage is one more evaluation {@code f(t + c_i dt, h + dt sum_j a_ij K_j)}, made only
 * for steps that contain an output time. Because the weights are all a method needs to say,
 * the solver interpolates with one loop for every method, and reverse mode through an
 * interpolated state ({@code Kbar_i += dt w_i(x) hbar}) is the same as through a step.
 */
abstract class DenseOutput {

    private final double[] extraNodes;
    private final double[][] extraCoupling;

    /**
     * @param extraNodes    {@code c} of the extra stages
     * @param extraCoupling their rows of {@code a}, over the stages before them (the method's
     *                      {@code s}, then {@code f(t + dt, h_new)}, then earlier extra stages)
     */
    DenseOutput(double[] extraNodes, double[][] extraCoupling) {
        this.extraNodes = extraNodes;
        this.extraCoupling = extraCoupling;
    }

    /** @return the number of extra stages an interpolation needs */
    final int extraStages() {
        return extraNodes.length;
    }

    final double extraNode(int i) {
        return extraNodes[i];
    }

    final double[] extraCouplingRow(int i) {
        return extraCoupling[i];
    }

    /**
     * Writes the weights {@code w_i(x)}, one per extended stage ({@code s + 1 + extraStages()}).
     *
     * @param fraction the fraction {@code x} of the step, in [0, 1]
     * @param s        the number of the method's stages
     * @param b        the method's weights (the extension equals the step at {@code x = 1})
     * @param w        receives the weights
     */
    abstract void weights(double fraction, int s, double[] b, double[] w);

    /**
     * The cubic Hermite interpolant through {@code (t, h, f(t, h))} and
     * {@code (t + dt, hNew, f(t + dt, hNew))}, third-order accurate; for Bogacki-Shampine it is
     * the method's own dense output (scipy's RK23 uses the same polynomial; HNW I, II.6,
     * "Hermite interpolation"):
     * <pre>
     *   h(x) = (1 - x) h + x hNew + x (x - 1) [(1 - 2 x)(hNew - h) + (x - 1) dt f0 + x dt f1],
     * </pre>
     * which with {@code hNew - h = dt sum_i b_i k_i} has the weights
     * {@code w_i = (3x^2 - 2x^3) b_i}, plus {@code x (x - 1)^2} on {@code k_0} and
     * {@code x^2 (x - 1)} on {@code f1 = f(t + dt, hNew)}.
     */
    static final class HermiteCubic extends DenseOutput {
        static final HermiteCubic INSTANCE = new HermiteCubic();

        private HermiteCubic() {
            super(new double[0], new double[0][]);
        }

        @Override
        void weights(double x, int s, double[] b, double[] w) {
            double blend = x * x * (3 - 2 * x);
            for (int i = 0; i < s; i++) {
                w[i] = blend * b[i];
            }
            w[0] += x * (x - 1) * (x - 1);
            w[s] = x * x * (x - 1);
        }
    }

    /**
     * Dormand and Prince's fourth-order continuous extension of their 5(4) pair (Hairer, Norsett
     * and Wanner I, II.6, eq. (6.12); the coefficients are those of Shampine, <i>Math. Comp.</i>
     * 46 (1986), as in scipy's RK45): {@code w_i(x) = sum_j P[i][j] x^(j+1)} over the seven stages.
     */
    static final class DormandPrince extends DenseOutput {
        static final DormandPrince INSTANCE = new DormandPrince();

        static final double[][] P = {
            {1, -8048581381.0 / 2820520608.0, 8663915743.0 / 2820520608.0, -12715105075.0 / 11282082432.0},
            {0, 0, 0, 0},
            {0, 131558114200.0 / 32700410799.0, -68118460800.0 / 10900136933.0, 87487479700.0 / 32700410799.0},
            {0, -1754552775.0 / 470086768.0, 14199869525.0 / 1410260304.0, -10690763975.0 / 1880347072.0},
            {0, 127303824393.0 / 49829197408.0, -318862633887.0 / 49829197408.0, 701980252875.0 / 199316789632.0},
            {0, -282668133.0 / 205662961.0, 2019193451.0 / 616988883.0, -1453857185.0 / 822651844.0},
            {0, 40617522.0 / 29380423.0, -110615467.0 / 29380423.0, 69997945.0 / 29380423.0}};

        private DormandPrince() {
            super(new double[0], new double[0][]);
        }

        @Override
        void weights(double x, int s, double[] b, double[] w) {
            for (int i = 0; i < P.length; i++) {
                double[] p = P[i];
                // Horner's scheme: fewer multiplications and less rounding than summing powers
                w[i] = x * (p[0] + x * (p[1] + x * (p[2] + x * p[3])));
            }
            w[s] = 0;   // f(t + dt, hNew) is the last stage itself (FSAL)
        }
    }
}
