package org.neuralode.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.neuralode.neuralode.FeatureMap;
import org.neuralode.neuralode.GradientMethod;
import org.neuralode.neuralode.NeuralOde;
import org.neuralode.nn.Initialization;
import org.neuralode.nn.Mlp;
import org.neuralode.solvers.ExplicitSolver;
import org.neuralode.solvers.Solvers;

/**
 * How the cost of one gradient computation grows with the size of the problem: a neural ODE
 * {@code dh/dt = net(h)}, net = d-w-d with tanh (Glorot weights), a batch of {@code B} random
 * initial states, 10 output times on [0, 1], Dormand-Prince rtol 1e-7 atol 1e-9 (the spiral
 * demo's), gradients by backprop through the solver and by the adjoint method. One iteration is
 * a forward solve and a backward pass (cotangent 1/(B d) at every output, as an L1 loss gives);
 * the parameters are not updated, so every iteration does the same work.
 *
 * <p>Prints one line per size and mode: ms per iteration (median of the thread's CPU time, which a
 * loaded machine disturbs much less than wall-clock time; wall-clock beside it), forward and backward
 * evaluations, the numbers the backward pass keeps ({@code GradientMethod.Pass#storedValues},
 * in bytes), and the rate of the matrix products if they took all the time
 * ({@code 4 B d w} flops per evaluation of f, twice that per vector-Jacobian product; an adjoint
 * backward evaluation is both).
 *
 * <p>Usage: {@code bench/scale.sh [--sizes d:w:B,d:w:B,...] [--seconds S] [--min-iterations N]}: each size
 * runs one untimed iteration, then timed ones for at least {@code S} seconds (default 1) and
 * {@code N} iterations (default 3).
 */
public final class ScaleBenchmark {

    private ScaleBenchmark() {
    }

    /** The diagonal (2/50/20, 16/200/200, 64/800/1000) and the corners that vary one size at a time. */
    static final String DEFAULT_SIZES = "2:50:20,2:50:1000,2:800:20,64:50:20,16:200:200,2:800:1000,64:800:20,64:800:1000";

    public static void main(String[] args) {
        String sizes = DEFAULT_SIZES;
        double seconds = 1.0;
        int minIterations = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = args[++i];
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--min-iterations" -> minIterations = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("unknown argument " + args[i] + "; usage: --sizes d:w:B,... --seconds S");
                    System.exit(2);
                }
            }
        }
        ExplicitSolver solver = Solvers.dormandPrince(1e-7, 1e-9);
        // warm up the JIT on a small size, both modes
        for (String mode : new String[] {"backprop", "adjoint"}) {
            run(new int[] {4, 32, 32}, mode, solver, 2.0, 3);
        }
        for (String size : sizes.split(",")) {
            int[] dwb = Arrays.stream(size.split(":")).mapToInt(Integer::parseInt).toArray();
            for (String mode : new String[] {"backprop", "adjoint"}) {
                Result r = run(dwb, mode, solver, seconds, minIterations);
                // a vector-Jacobian product costs two matrix products per layer; the adjoint's
                // backward evaluations also evaluate f (three in all)
                double perBackward = mode.equals("adjoint") ? 3.0 : 2.0;
                double flops = 4.0 * dwb[2] * dwb[0] * dwb[1] * (r.forward + perBackward * r.backward);
                System.out.printf(Locale.ROOT, "scale: d=%-3d w=%-4d B=%-5d mode=%-8s ms_per_iteration=%10.2f wall_ms=%10.2f nfe_forward=%-4d nfe_backward=%-4d kept_bytes=%-11d matmul_gflops=%.2f%n",
                        dwb[0], dwb[1], dwb[2], mode, r.ms, r.wallMs, r.forward, r.backward, r.keptBytes, flops / (r.ms * 1e6));
            }
        }
    }

    record Result(double ms, double wallMs, int forward, int backward, long keptBytes) {
    }

    static Result run(int[] dwb, String mode, ExplicitSolver solver, double seconds, int minIterations) {
        int d = dwb[0];
        int w = dwb[1];
        int batch = dwb[2];
        Mlp net = Mlp.builder(d).dense(w).tanh().dense(d).initialization(Initialization.glorot()).seed(1).build();
        NeuralOde model = new NeuralOde(net, FeatureMap.IDENTITY);
        GradientMethod gradients = mode.equals("adjoint") ? GradientMethod.adjoint(solver) : GradientMethod.backprop(solver);
        Random random = new Random(2);
        double[] h0 = new double[batch * d];
        for (int j = 0; j < h0.length; j++) {
            h0[j] = random.nextGaussian();
        }
        double[] times = new double[10];
        for (int i = 0; i < times.length; i++) {
            times[i] = i / 9.0;
        }
        double[][] cotangents = new double[times.length][h0.length];
        for (double[] c : cotangents) {
            Arrays.fill(c, 1.0 / h0.length);
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Double> ms = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        int forward = 0;
        int backward = 0;
        long kept = 0;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        // one untimed iteration (first-touch of the recorded stages), then the timed ones
        for (int it = -1; it < minIterations || System.nanoTime() < deadline; it++) {
            long start = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            GradientMethod.Pass pass = gradients.forward(model, h0, times);
            GradientMethod.Gradient gradient = pass.backward(cotangents);
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            long nanos = System.nanoTime() - start;
            if (it >= 0) {
                ms.add(cpu * 1e-6);
                wall.add(nanos * 1e-6);
            }
            forward = pass.forwardEvaluations();
            backward = gradient.backwardEvaluations();
            kept = 8 * pass.storedValues();
        }
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] sortedWall = wall.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Result(sorted[sorted.length / 2], sortedWall[sortedWall.length / 2], forward, backward, kept);
    }
}
