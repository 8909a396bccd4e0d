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
 * rtol = atol = 1e-6 and 1e-9, our Dormand-Prince 5(4) and DOP853 against Commons Math's
 * {@code DormandPrince54Integrator} and {@code DormandPrince853Integrator}: function
 * evaluations, end-point error after one period, and wall time per solve after a warm-up, with
 * ratios against Commons Math's DormandPrince54 as the baseline.
 *
 * <p>Commons Math integrates its own {@link FirstOrderDifferentialEquations} that writes into
 * the array it is given (no adapter in between); ours integrate the same equations through the
 * allocating {@code VectorField} interface. Timing: every solver is warmed up, then the solvers
 * take turns in rounds of batches of about 10 ms each (so a busy neighbour on a shared machine
 * slows all of them alike); the table gives the best and the median batch's time per solve.
 * A plain {@code main}, not JMH.
 *
 * <p>Usage: {@code bench/arenstorf.sh [warmupSeconds [measureSeconds]]}, both per tolerance.
 */
public final class ArenstorfBenchmark {

    private static final double[] TIMES = {0, ArenstorfOrbit.PERIOD};
    private static final long BATCH_NANOS = 10_000_000;

    /** What one solve produced. */
    private record Outcome(double[] end, int evaluations) {
    }

    /** A solver under test, built for a tolerance. */
    private record Candidate(String name, DoubleFunction<Supplier<Outcome>> solve) {
    }

    /** A candidate's timing: solves per batch and seconds per solve of every batch. */
    private static final class Timing {
        final Supplier<Outcome> solve;
        int solvesPerBatch = 1;
        final List<Double> perSolve = new ArrayList<>();

        Timing(Supplier<Outcome> solve) {
            this.solve = solve;
        }

        double best() {
            return sorted()[0];
        }

        double median() {
            double[] sorted = sorted();
            return sorted[sorted.length / 2];
        }

        private double[] sorted() {
            double[] sorted = perSolve.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(sorted);
            return sorted;
        }
    }

    private static double sink;

    private ArenstorfBenchmark() {
    }

    public static void main(String[] args) {
        double warmupSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        double measureSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 3.0;
        List<Candidate> candidates = List.of(
                new Candidate("Commons Math DormandPrince54",
                        tol -> commons(new DormandPrince54Integrator(1e-12, ArenstorfOrbit.PERIOD, tol, tol))),
                new Candidate("Commons Math DormandPrince853",
                        tol -> commons(new DormandPrince853Integrator(1e-12, ArenstorfOrbit.PERIOD, tol, tol))),
                new Candidate("ours Dormand-Prince 5(4)", tol -> ours(Solvers.dormandPrince(tol, tol))),
                new Candidate("ours DOP853", tol -> ours(Solvers.dop853(tol, tol))));
        System.out.printf(Locale.ROOT, "Arenstorf orbit over one period T = %.16f; end error = |h(T) - h(0)| over"
                + " (x, y, x', y')%n%s %s, %d processors; warm-up %.1f s, then %.1f s of interleaved 10 ms batches"
                + " per tolerance%nratios (evals, error, best time) against Commons Math DormandPrince54, the"
                + " baseline%n%n", ArenstorfOrbit.PERIOD, System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), warmupSeconds,
                measureSeconds);
        for (double tol : new double[] {1e-6, 1e-9}) {
            List<Timing> timings = new ArrayList<>();
            for (Candidate candidate : candidates) {
                timings.add(new Timing(candidate.solve().apply(tol)));
            }
            measure(timings, warmupSeconds, measureSeconds);
            System.out.printf(Locale.ROOT, "rtol = atol = %.0e%n", tol);
            System.out.printf(Locale.ROOT, "%-30s %6s %10s %10s %10s %7s %7s %7s%n", "solver", "evals",
                    "end error", "best us", "median us", "evals/", "error/", "time/");
            Outcome base = timings.get(0).solve.get();
            double baseError = ArenstorfOrbit.endPointError(base.end());
            double baseTime = timings.get(0).best();
            for (int i = 0; i < candidates.size(); i++) {
                Timing timing = timings.get(i);
                Outcome outcome = timing.solve.get();
                double error = ArenstorfOrbit.endPointError(outcome.end());
                System.out.printf(Locale.ROOT, "%-30s %6d %10.3e %10.1f %10.1f %7.3f %7.3f %7.3f%n",
                        candidates.get(i).name(), outcome.evaluations(), error, timing.best() * 1e6,
                        timing.median() * 1e6, (double) outcome.evaluations() / base.evaluations(),
                        error / baseError, timing.best() / baseTime);
            }
            System.out.println();
        }
        if (sink == 42) {
            System.out.println(); // keeps the JIT from discarding the solves
        }
    }

    /** Warms every candidate up, then lets them take turns until {@code measureSeconds} have passed. */
    private static void measure(List<Timing> timings, double warmupSeconds, double measureSeconds) {
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmupEnd) {
            for (Timing timing : timings) {
                long elapsed = batch(timing);
                if (elapsed < BATCH_NANOS) {
                    timing.solvesPerBatch *= 2;
                }
            }
        }
        for (Timing timing : timings) {
            timing.perSolve.clear();
        }
        long measureEnd = System.nanoTime() + (long) (measureSeconds * 1e9);
        do {
            for (Timing timing : timings) {
                timing.perSolve.add(batch(timing) / 1e9 / timing.solvesPerBatch);
            }
        } while (System.nanoTime() < measureEnd || timings.get(0).perSolve.size() < 5);
    }

    /** @return the nanoseconds one batch took */
    private static long batch(Timing timing) {
        long start = System.nanoTime();
        for (int i = 0; i < timing.solvesPerBatch; i++) {
            sink += timing.solve.get().end()[0];
        }
        return System.nanoTime() - start;
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
}
