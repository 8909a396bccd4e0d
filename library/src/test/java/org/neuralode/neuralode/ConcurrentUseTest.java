package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.neuralode.Grids;
import org.neuralode.solvers.ExplicitSolver;
import org.neuralode.solvers.Solver;
import org.neuralode.solvers.Solvers;

/**
 * One model and one solver shared by many threads (a parallel stream of solves, or several cells'
 * threads) give, for every task, bit for bit what the same task gives alone: the solvers keep
 * their state per solve, the model its evaluation storage per thread.
 */
class ConcurrentUseTest {

    private static final int TASKS = 160;
    private static final int THREADS = 8;

    private static double[][] initialStates() {
        Random random = new Random(7);
        double[][] h0 = new double[TASKS][];
        for (int i = 0; i < TASKS; i++) {
            h0[i] = new double[40];   // a batch of 20 spiral states
            for (int k = 0; k < h0[i].length; k++) {
                h0[i][k] = 2 * random.nextDouble() - 1;
            }
        }
        return h0;
    }

    /** Each task alone, then all of them at once on {@link #THREADS} threads; the results must be equal. */
    private static void sameAloneAndTogether(String what, Function<double[], double[]> task) throws Exception {
        double[][] h0 = initialStates();
        double[][] alone = new double[TASKS][];
        for (int i = 0; i < TASKS; i++) {
            alone[i] = task.apply(h0[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<double[]>> together = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                double[] start = h0[i];
                together.add(pool.submit(() -> task.apply(start)));
            }
            for (int i = 0; i < TASKS; i++) {
                assertArrayEquals(alone[i], together.get(i).get(), 0, what + ", task " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static final double[] TIMES = Grids.linspace(0, 1, 5);

    @Test
    void oneModelSolvedByEverySolverFromManyThreads() throws Exception {
        NeuralOde model = NeuralOde.spiralDemo(0);
        for (Solver solver : List.of(Solvers.dormandPrince(1e-7, 1e-9), Solvers.bogackiShampine(1e-6, 1e-8),
                Solvers.dop853(1e-7, 1e-9), Solvers.rk4(0.05), Solvers.trapezoid(0.1), Solvers.radau5(1e-7, 1e-9))) {
            sameAloneAndTogether(solver.toString(), h0 -> model.solve(solver, h0, TIMES).last());
        }
    }

    @Test
    void oneModelDifferentiatedByBothGradientMethodsFromManyThreads() throws Exception {
        NeuralOde model = NeuralOde.spiralDemo(1);
        ExplicitSolver solver = Solvers.dormandPrince(1e-7, 1e-9);
        for (GradientMethod method : List.of(GradientMethod.backprop(solver), GradientMethod.adjoint(solver))) {
            sameAloneAndTogether(method.toString(), h0 -> {
                GradientMethod.Pass pass = method.forward(model, h0, TIMES);
                double[][] cotangents = new double[TIMES.length][h0.length];
                for (double[] c : cotangents) {
                    java.util.Arrays.fill(c, 1);
                }
                GradientMethod.Gradient gradient = pass.backward(cotangents);
                double[] both = java.util.Arrays.copyOf(gradient.parameters(),
                        gradient.parameters().length + gradient.initialState().length);
                System.arraycopy(gradient.initialState(), 0, both, gradient.parameters().length,
                        gradient.initialState().length);
                return both;
            });
        }
    }
}
