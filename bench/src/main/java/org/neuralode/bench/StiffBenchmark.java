package org.neuralode.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.neuralode.equations.Hires;
import org.neuralode.equations.Robertson;
import org.neuralode.equations.VanDerPol;
import org.neuralode.solvers.Jacobian;
import org.neuralode.solvers.Radau5;
import org.neuralode.solvers.Solution;
import org.neuralode.solvers.Solvers;
import org.neuralode.solvers.VectorField;

/**
 * The standard stiff test problems of Hairer and Wanner, <i>Solving ODEs II</i>, solved by
 * {@link Radau5} with finite-difference Jacobians ({@code radau5}) and with the exact ones
 * ({@code radau5-jac}): Robertson's kinetics on [0, 1e11], Van der Pol with mu = 1000 on
 * [0, 3000] from (2, 0), HIRES on [0, 321.8122]. One line per problem, solver and tolerance:
 * <pre>
 * stiff: problem=NAME solver=NAME rtol=R atol=A steps=N rejected=N evaluations=N jacobians=N lu=N us_per_solve=T final=v1;v2;...
 * </pre>
 * ({@code steps} counts the accepted steps, {@code lu} the decompositions of the pair of Newton
 * matrices, {@code final} the state at the end in full precision). {@code bench/baselines/stiff_scipy.py}
 * prints the same lines for SciPy's {@code odeint} and {@code solve_ivp(method="Radau")}.
 *
 * <p>Timing: each configuration is solved for {@code warmupSeconds} to warm the JIT, then for
 * {@code measureSeconds}; {@code us_per_solve} is the median of the timed solves (at least 3).
 *
 * <p>Usage: {@code bench/stiff.sh [warmupSeconds [measureSeconds]]} (defaults 0.5 and 1).
 */
public final class StiffBenchmark {

    /** A test problem: its field, exact Jacobian, start, interval and the atol for a given rtol. */
    record Problem(String name, VectorField field, Jacobian jacobian, double[] start, double end,
                   double atolPerRtol) {
    }

    static final List<Problem> PROBLEMS = List.of(
            new Problem("robertson", Robertson.vectorField(), Robertson.jacobian(), Robertson.start(),
                    Robertson.END, 1e-6),
            new Problem("vanderpol", VanDerPol.vectorField(1000), VanDerPol.jacobian(1000), new double[] {2, 0},
                    3000, 1),
            new Problem("hires", Hires.vectorField(), Hires.jacobian(), Hires.start(), Hires.END, 1e-4));

    static final double[] RTOLS = {1e-4, 1e-6, 1e-8};

    private static double sink;

    private StiffBenchmark() {
    }

    public static void main(String[] args) {
        double warmupSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 0.5;
        double measureSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        System.out.printf(Locale.ROOT, "# %s %s, %d processors; per line: %.1f s warm-up, then %.1f s of solves,"
                + " median time%n", System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), warmupSeconds, measureSeconds);
        for (Problem problem : PROBLEMS) {
            for (double rtol : RTOLS) {
                double atol = rtol * problem.atolPerRtol();
                Radau5 finiteDifferences = Solvers.radau5(rtol, atol);
                System.out.println(line(problem, "radau5", finiteDifferences, rtol, atol, warmupSeconds,
                        measureSeconds));
                System.out.println(line(problem, "radau5-jac", finiteDifferences.withJacobian(problem.jacobian()),
                        rtol, atol, warmupSeconds, measureSeconds));
            }
        }
        if (sink == 42) {
            System.out.println(); // keeps the JIT from discarding the solves
        }
    }

    static String line(Problem problem, String name, Radau5 solver, double rtol, double atol, double warmupSeconds,
                       double measureSeconds) {
        double[] times = {0, problem.end()};
        Solution solution = solver.solve(problem.field(), problem.start(), times);
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmupEnd) {
            sink += solver.solve(problem.field(), problem.start(), times).last()[0];
        }
        List<Double> micros = new ArrayList<>();
        long measureEnd = System.nanoTime() + (long) (measureSeconds * 1e9);
        while (System.nanoTime() < measureEnd || micros.size() < 3) {
            long start = System.nanoTime();
            sink += solver.solve(problem.field(), problem.start(), times).last()[0];
            micros.add((System.nanoTime() - start) / 1e3);
        }
        double[] sorted = micros.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        Solution.Statistics st = solution.statistics();
        StringJoiner last = new StringJoiner(";");
        for (double v : solution.last()) {
            last.add(Double.toString(v));
        }
        return String.format(Locale.ROOT, "stiff: problem=%s solver=%s rtol=%.0e atol=%.0e steps=%d rejected=%d"
                + " evaluations=%d jacobians=%d lu=%d us_per_solve=%.1f final=%s", problem.name(), name, rtol, atol,
                st.acceptedSteps(), st.rejectedSteps(), st.evaluations(), st.jacobians(), st.decompositions(),
                sorted[sorted.length / 2], last);
    }
}
