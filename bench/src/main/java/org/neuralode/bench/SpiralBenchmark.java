package org.neuralode.bench;

import static org.neuralode.bench.AbBenchmark.median;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.neuralode.neuralode.GradientMethod;
import org.neuralode.neuralode.Trainer;
import org.neuralode.solvers.AdaptiveRungeKutta;
import org.neuralode.solvers.Solvers;

/**
 * torchdiffeq's {@code examples/ode_demo.py} in Java: the spiral {@code dy/dt = (y^3) A} learned
 * by {@code dh/dt = net(h^3)} (net 2-50-2 tanh, weights N(0, 0.1^2)), batches of 20 random
 * segments of 10 time points, RMSprop lr 1e-3, L1 loss, Dormand-Prince rtol 1e-7 atol 1e-9,
 * the whole-trajectory test loss every 20 iterations; gradients by backprop or the adjoint.
 *
 * <p>Usage: {@code bench/spiral.sh --mode backprop|adjoint|adjoint-seminorm --iterations N --seed S [--test-every K] [--warm-up W]}
 * ({@code adjoint-seminorm}: the adjoint whose backward error norm leaves out the parameter-gradient
 * channels; {@code --warm-up W}: first train a separate, identical model W iterations, untimed, so
 * that the JIT has compiled the training loop before the timed run starts, as a compiled JAX program
 * is timed after its compilation; the timed run and its numbers are the same as without it). Ends with one line:
 * {@code spiral: mode=.. iterations=.. ms_per_iteration=.. nfe_forward=.. best_test_loss=.. final_test_loss=.. seconds=..
 * total_nfe_forward=.. total_nfe_backward=..} ({@code seconds} from the end of the warm-up; the evaluation
 * totals are deterministic: compare those, not times).
 */
public final class SpiralBenchmark {

    private SpiralBenchmark() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        String mode = "backprop";
        int iterations = 2000;
        long seed = 0;
        int testEvery = 20;
        int warmUp = 0;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--mode" -> mode = value;
                case "--iterations" -> iterations = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--test-every" -> testEvery = Integer.parseInt(value);
                case "--warm-up" -> warmUp = Integer.parseInt(value);
                default -> {
                    System.err.println("unknown argument " + args[i]
                            + "; usage: --mode backprop|adjoint|adjoint-seminorm --iterations N --seed S [--test-every K] [--warm-up W]");
                    System.exit(2);
                }
            }
            i++;
        }
        if (warmUp > 0) {
            Trainer warming = SpiralSteps.trainer(gradientMethod(mode), seed);
            warming.run(warmUp);
            System.out.printf(Locale.ROOT, "warm-up: %d iterations of an identical model, untimed, %.2f s%n",
                    warmUp, warming.trainingSeconds());
            start = System.nanoTime();
        }
        Trainer trainer = SpiralSteps.trainer(gradientMethod(mode), seed);
        final int[] firstBelow = {-1};
        trainer.onProgress(testEvery, p -> {
            if (p.testLoss() < 0.1 && firstBelow[0] < 0) {
                firstBelow[0] = p.iteration();
            }
            System.out.printf(Locale.ROOT, "Iter %04d | Total Loss %.6f | batch loss %.6f | NFE %d forward, %d backward | %.2f s%n",
                    p.iteration(), p.testLoss(), p.loss(), p.forwardEvaluations(), p.backwardEvaluations(),
                    p.elapsedSeconds());
        });
        List<Trainer.Iteration> history = trainer.run(iterations);
        double finalTestLoss = trainer.testLoss();
        double[] ms = history.stream().mapToDouble(r -> r.seconds() * 1e3).toArray();
        double[] nfe = history.stream().mapToDouble(Trainer.Iteration::forwardEvaluations).toArray();
        double[] nfeBackward = history.stream().mapToDouble(Trainer.Iteration::backwardEvaluations).toArray();
        double seconds = (System.nanoTime() - start) * 1e-9;
        System.out.printf(Locale.ROOT, "first test loss below 0.1 at iteration %s; median NFE backward %s;"
                + " %.2f s training, %.2f s the rest (data, %d test solves, start-up)%n",
                firstBelow[0] < 0 ? "never" : Integer.toString(firstBelow[0]), format(median(nfeBackward)),
                trainer.trainingSeconds(), seconds - trainer.trainingSeconds(), trainer.testLosses().size());
        System.out.printf(Locale.ROOT,
                "spiral: mode=%s iterations=%d ms_per_iteration=%.3f nfe_forward=%s best_test_loss=%.6f final_test_loss=%.6f"
                + " seconds=%.2f total_nfe_forward=%d total_nfe_backward=%d%n",
                mode, iterations, median(ms), format(median(nfe)), trainer.bestTestLoss(), finalTestLoss, seconds,
                (long) Arrays.stream(nfe).sum(), (long) Arrays.stream(nfeBackward).sum());
    }

    /** A new gradient method for {@code mode}, with its own solver: nothing is shared between runs. */
    private static GradientMethod gradientMethod(String mode) {
        AdaptiveRungeKutta solver = Solvers.dormandPrince(1e-7, 1e-9);
        return switch (mode) {
            case "backprop" -> GradientMethod.backprop(solver);
            case "adjoint" -> GradientMethod.adjoint(solver);
            case "adjoint-seminorm" -> GradientMethod.adjointWithSeminorm(solver, solver);
            default -> throw new IllegalArgumentException("mode must be backprop, adjoint or adjoint-seminorm, got " + mode);
        };
    }

    private static String format(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : String.format(Locale.ROOT, "%.1f", x);
    }
}
