package org.neuralode.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.FirstOrderIntegrator;
import org.apache.commons.math3.ode.nonstiff.DormandPrince54Integrator;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.neuralode.equations.ArenstorfOrbit;
import org.neuralode.solvers.Solution;
import org.neuralode.solvers.Solver;
import org.neuralode.solvers.Solvers;

/**
 * Work-precision benchmark on the Arenstorf orbit (Hairer, Norsett and Wanner I, II.0): for
 * rtol = atol = 1e-6 and 1e-9, our Dormand-Prince 5(4) and DOP853 against
 * Commons Math's {@code DormandPrince54Integrator} and {@code DormandPrince853Integrator}:
 * function evaluations, end-point error after one period, and wall time per solve after a
 * warm-up, with ratios against Commons Math's DormandPrince54 as the baseline.
 *
 * <p>Commons Math integrates its own {@link FirstOrderDifferentialEquations} that writes into
 * the array it is given (no adapter in between); ours integrate the same equations through the
 * allocating {@code VectorField} interface. Timing: each solver runs for about
 * {@code warmupSeconds} untimed, then for about {@code measureSeconds} in batches; the median
 * batch gives the time per solve. A plain {@code main}, not JMH: figures on a shared machine
 * vary by 10-20%.
 *
 * <p>Usage: {@code bench/arenstorf.sh [warmupSeconds [measureSeconds]]}.
 */
public final class ArenstorfBenchmark {

    private static final double[] TIMES = {0, ArenstorfOrbit.PERIOD};

    /** What one solve produced. */
    private record Outcome(double[] end, int evaluations) {
    }

    /** A solver under test, built for a tolerance. */
    private record Candidate(String name, DoubleFunction<Supplier<Outcome>> solve) {
    }

    private ArenstorfBenchmark() {
    }

    public static void main(String[] args) {
        double warmupSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        double measureSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 2.0;
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(new Candidate("Commons Math DormandPrince54",
                tol -> commons(new DormandPrince54Integrator(1e-12, ArenstorfOrbit.PERIOD, tol, tol))));
        candidates.add(new Candidate("Commons Math DormandPrince853",
                tol -> commons(new DormandPrince853Integrator(1e-12, ArenstorfOrbit.PERIOD, tol, tol))));
        candidates.add(new Candidate("ours Dormand-Prince 5(4)", tol -> ours(Solvers.dormandPrince(tol, tol))));
        candidates.add(new Candidate("ours DOP853", tol -> ours(Solvers.dop853(tol, tol))));
        System.out.printf(Locale.ROOT, "Arenstorf orbit, one period T = %.16f; end-point error = |h(T) - h(0)| over"
                + " (x, y, x', y'); %s, %d processors%n", ArenstorfOrbit.PERIOD, System.getProperty("java.vm.name")
                + " " + System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "warm-up %.1f s, measurement %.1f s per solver; ratios against Commons Math"
                + " DormandPrince54 (the baseline)%n%n", warmupSeconds, measureSeconds);
        for (double tol : new double[] {1e-6, 1e-9}) {
            System.out.printf(Locale.ROOT, "rtol = atol = %.0e%n", tol);
            System.out.printf(Locale.ROOT, "%-32s %11s %13s %14s %11s %11s %11s%n", "solver", "evaluations",
                    "end error", "time/solve us", "evals/base", "error/base", "time/base");
            double baseEvaluations = 0;
            double baseError = 0;
            double baseTime = 0;
            for (Candidate candidate : candidates) {
                Supplier<Outcome> solve = candidate.solve().apply(tol);
                Outcome outcome = solve.get();
                double error = ArenstorfOrbit.endPointError(outcome.end());
                double micros = timePerSolve(solve, warmupSeconds, measureSeconds) * 1e6;
                if (baseTime == 0) {
                    baseEvaluations = outcome.evaluations();
                    baseError = error;
                    baseTime = micros;
                }
                System.out.printf(Locale.ROOT, "%-32s %11d %13.3e %14.1f %11.3f %11.3f %11.3f%n", candidate.name(),
                        outcome.evaluations(), error, micros, outcome.evaluations() / baseEvaluations,
                        error / baseError, micros / baseTime);
            }
            System.out.println();
        }
    }

    private static Supplier<Outcome> ours(Solver solver) {
        return () -> {
            Solution solution = solver.solve(ArenstorfOrbit.vectorField(), ArenstorfOrbit.start(), TIMES);
            return new Outcome(solution.last(), solution.statistics().evaluations());
        };
    }

    private static Supplier<Outcome> commons(FirstOrderIntegrator integrator) {
        FirstOrderDifferentialEquations equations = new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return 4;
            }

            @Override
            public void computeDerivatives(double t, double[] y, double[] yDot) {
                ArenstorfOrbit.derivative(y, yDot);
            }
        };
        return () -> {
            double[] y = ArenstorfOrbit.start();
            integrator.integrate(equations, TIMES[0], y, TIMES[1], y);
            return new Outcome(y, integrator.getEvaluations());
        };
    }

    /** @return seconds per solve: the median over batches after the warm-up */
    private static double timePerSolve(Supplier<Outcome> solve, double warmupSeconds,
                                       double measureSeconds) {
        double sink = 0;
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int solvesPerBatch = 1;
        while (System.nanoTime() < warmupEnd) {
            long start = System.nanoTime();
            for (int i = 0; i < solvesPerBatch; i++) {
                sink += solve.get().end()[0];
            }
            if (System.nanoTime() - start < 10_000_000) {
                solvesPerBatch *= 2; // aim at batches of about 10 ms
            }
        }
        List<Double> perSolve = new ArrayList<>();
        long measureEnd = System.nanoTime() + (long) (measureSeconds * 1e9);
        while (System.nanoTime() < measureEnd || perSolve.size() < 5) {
            long start = System.nanoTime();
            for (int i = 0; i < solvesPerBatch; i++) {
                sink += solve.get().end()[0];
            }
            perSolve.add((System.nanoTime() - start) / 1e9 / solvesPerBatch);
        }
        if (sink == 42) {
            System.out.print(""); // keeps the JIT from discarding the solves
        }
        double[] sorted = perSolve.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
