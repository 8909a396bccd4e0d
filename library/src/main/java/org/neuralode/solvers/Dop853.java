package org.neuralode.solvers;

/**
 * Dormand and Prince's 8(5,3) pair DOP853 (Hairer, Norsett and Wanner, <i>Solving ODEs I</i>,
 * Section II.10, and Hairer's Fortran code {@code dop853.f}; the coefficients are those of that
 * code, as in scipy's {@code DOP853}). Twelve stages per step; after an accepted step
 * {@code f(t + dt, h_new)} is evaluated once and becomes the next step's first stage, so a step
 * costs 12 evaluations. Two things set it apart from the plain embedded pairs:
 * <ul>
 *   <li>the step's error blends the norms of a fifth-order and a third-order estimate,
 *       {@code err = ||x5||^2 / sqrt(||x5||^2 + 0.01 ||x3||^2)} with {@code x5 = err5 / sc},
 *       {@code x3 = err3 / sc} scaled by {@code sc = atol + rtol * max(|h|, |h_new|)} (with the RMS
 *       norm this is {@code dop853.f}'s {@code |dt| * S5 / sqrt(n (S5 + 0.01 S3))}, {@code S} the
 *       sums of squares of the estimates without the factor {@code dt}), which is robust when the
 *       fifth-order estimate is accidentally small; the norm is the solver's
 *       ({@link ErrorNorm#RMS} unless the caller passes another, e.g. a seminorm);</li>
 *   <li>the seventh-order dense output needs three extra stages, computed only for steps that
 *       contain an output time (unlike Commons Math's DormandPrince853Integrator, which pays them
 *       on every step).</li>
 * </ul>
 */
final class Dop853 {

    private Dop853() {
    }

    private static final double SQRT6 = Math.sqrt(6);
    /** The nodes; Hairer and Wanner give {@code c_2 .. c_5} in terms of {@code sqrt(6)}. */
    static final double[] C = {0, (6 - SQRT6) / 67.5, (6 - SQRT6) / 45, (6 - SQRT6) / 30, (6 + SQRT6) / 30, 1.0 / 3, 1.0 / 4,
        4.0 / 13, 127.0 / 195, 3.0 / 5, 6.0 / 7, 1};
    static final double[][] A = {
        {},
        {0.05260015195876773},
        {0.0197250569845379, 0.0591751709536137},
        {0.02958758547680685, 0, 0.08876275643042054},
        {0.2413651341592667, 0, -0.8845494793282861, 0.924834003261792},
        {0.037037037037037035, 0, 0, 0.17082860872947386, 0.12546768756682242},
        {0.037109375, 0, 0, 0.17025221101954405, 0.06021653898045596, -0.017578125},
        {0.03709200011850479, 0, 0, 0.17038392571223998, 0.10726203044637328, -0.015319437748624402, 0.008273789163814023},
        {0.6241109587160757, 0, 0, -3.3608926294469414, -0.868219346841726, 27.59209969944671, 20.154067550477894, -43.48988418106996},
        {0.47766253643826434, 0, 0, -2.4881146199716677, -0.590290826836843, 21.230051448181193, 15.279233632882423, -33.28821096898486, -0.020331201708508627},
        {-0.9371424300859873, 0, 0, 5.186372428844064, 1.0914373489967295, -8.149787010746927, -18.52006565999696, 22.739487099350505, 2.4936055526796523, -3.0467644718982196},
        {2.273310147516538, 0, 0, -10.53449546673725, -2.0008720582248625, -17.9589318631188, 27.94888452941996, -2.8589982771350235, -8.87285693353063, 12.360567175794303, 0.6433927460157636},
    };
    static final double[] B = {0.054293734116568765, 0, 0, 0, 0, 4.450312892752409, 1.8915178993145003, -5.801203960010585, 0.3111643669578199, -0.1521609496625161, 0.20136540080403034, 0.04471061572777259};
    static final double[] E5 = {0.01312004499419488, 0, 0, 0, 0, -1.2251564463762044, -0.4957589496572502, 1.6643771824549864, -0.35032884874997366, 0.3341791187130175, 0.08192320648511571, -0.022355307863886294};
    static final double[] E3 = {-0.18980075407240762, 0, 0, 0, 0, 4.450312892752409, 1.8915178993145003, -5.801203960010585, -0.4226823213237919, -0.1521609496625161, 0.20136540080403034, 0.02265179219836082};
    static final double[] C_EXTRA = {0.1, 0.2, 0.7777777777777778};
    static final double[][] A_EXTRA = {
        {0.056167502283047954, 0, 0, 0, 0, 0, 0.25350021021662483, -0.2462390374708025, -0.12419142326381637, 0.15329179827876568, 0.00820105229563469, 0.007567897660545699, -0.008298},
        {0.03183464816350214, 0, 0, 0, 0, 0.028300909672366776, 0.053541988307438566, -0.05492374857139099, 0, 0, -0.00010834732869724932, 0.0003825710908356584, -0.00034046500868740456, 0.1413124436746325},
        {-0.42889630158379194, 0, 0, 0, 0, -4.697621415361164, 7.683421196062599, 4.06898981839711, 0.3567271874552811, 0, 0, 0, -0.0013990241651590145, 2.9475147891527724, -9.15095847217987},
    };
    static final double[][] D = {
        {-8.428938276109013, 0, 0, 0, 0, 0.5667149535193777, -3.0689499459498917, 2.38466765651207, 2.117034582445028, -0.871391583777973, 2.2404374302607883, 0.6315787787694688, -0.08899033645133331, 18.148505520854727, -9.194632392478356, -4.436036387594894},
        {10.427508642579134, 0, 0, 0, 0, 242.28349177525817, 165.20045171727028, -374.5467547226902, -22.113666853125306, 7.733432668472264, -30.674084731089398, -9.332130526430229, 15.697238121770845, -31.139403219565178, -9.35292435884448, 35.81684148639408},
        {19.985053242002433, 0, 0, 0, 0, -387.0373087493518, -189.17813819516758, 527.8081592054236, -11.57390253995963, 6.8812326946963, -1.0006050966910838, 0.7777137798053443, -2.778205752353508, -60.19669523126412, 84.32040550667716, 11.99229113618279},
        {-25.69393346270375, 0, 0, 0, 0, -154.18974869023643, -231.5293791760455, 357.6391179106141, 93.40532418362432, -37.45832313645163, 104.0996495089623, 29.8402934266605, -43.53345659001114, 96.32455395918828, -39.17726167561544, -149.72683625798564},
    };

    static ButcherTableau tableau() {
        return new ButcherTableau("DOP853", 8, C, A, B, E5,
Dop853::blendedError, Dense.INSTANCE);
    }

    /** Hairer's blend of the norms of the fifth- and third-order estimates (see the class comment). */
    static double blendedError(ExplicitRungeKuttaStep step, ErrorNorm norm) {
        double norm5 = norm.of(step.scaledEstimate(E5, 0));
        double norm3 = norm.of(step.scaledEstimate(E3, 1));
        if (norm5 == 0) {
            return 0;
        }
        return norm5 * norm5 / Math.sqrt(norm5 * norm5 + 0.01 * norm3 * norm3);
    }

    /**
     * The seventh-order continuous extension of {@code dop853.f} ({@code CONTD8}): with
     * {@code F_0 = hNew - h}, {@code F_1 = dt f0 - F_0}, {@code F_2 = 2 F_0 - dt (f0 + f1)} and
     * {@code F_3..F_6 = dt * sum_i D[j][i] K_i} over the 12 stages, {@code f1 = f(t + dt, hNew)}
     * and three extra stages,
     * <pre>
     *   h(x) = h + x (F_0 + (1 - x)(F_1 + x (F_2 + (1 - x)(F_3 + x (F_4 + (1 - x)(F_5 + x F_6)))))),
     * </pre>
     * i.e. {@code h + sum_j p_j(x) F_j} with {@code p_0 = x}, {@code p_1 = x (1 - x)},
     * {@code p_2 = x^2 (1 - x)}, ..., {@code p_6 = x^4 (1 - x)^3}; collecting the stages gives the
     * weights {@code w_i = (p_0 - p_1 + 2 p_2) b_i + sum_j p_{3+j} D[j][i]}, plus
     * {@code p_1 - p_2} on {@code f0} and {@code -p_2} on {@code f1}.
     */
    static final class Dense extends DenseOutput {
        static final Dense INSTANCE = new Dense();

        private Dense() {
            super(C_EXTRA, A_EXTRA);
        }

        @Override
        void weights(double x, int s, double[] b, double[] w) {
            double y = 1 - x;
            double[] p = {x, x * y, x * x * y, x * x * y * y, x * x * x * y * y, x * x * x * y * y * y,
                x * x * x * x * y * y * y};
            double onB = p[0] - p[1] + 2 * p[2];
            for (int i = 0; i < w.length; i++) {
                double sum = i < s ? onB * b[i] : 0;
                for (int j = 0; j < 4; j++) {
                    sum += p[3 + j] * D[j][i];
                }
                w[i] = sum;
            }
            w[0] += p[1] - p[2];
            w[s] -= p[2];
        }
    }
}
