package org.neuralode.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.neuralode.nn.Dense;

/**
 * The rate of {@link Dense}'s products alone, in GFLOP/s: {@code y = W x + b} (forward, {@code 2
 * in out B} flops) and the vector-Jacobian product ({@code dL/dx = W^T dL/dy} and
 * {@code dL/dW += dL/dy x^T}, {@code 4 in out B} flops; the bias gradient's {@code out B}
 * additions are not counted), at the layer shapes of {@code bench/scale.sh}'s sizes: d-w and
 * w-d for d/w/B = 2/50/20, 16/200/200, 64/800/1000.
 *
 * <p>Prints one line per shape: the median over rounds of the thread's CPU time per call
 * (a round repeats the call for about 0.1 s), as GFLOP/s, forward and vjp.
 *
 * <p>Usage: {@code bench/dense.sh [--shapes in:out:B,...] [--seconds S]} (S per shape and
 * product, default 2).
 */
public final class DenseBenchmark {

    private DenseBenchmark() {
    }

    static final String DEFAULT_SHAPES = "2:50:20,50:2:20,16:200:200,200:16:200,64:800:1000,800:64:1000";

    public static void main(String[] args) {
        String shapes = DEFAULT_SHAPES;
        double seconds = 2;
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--shapes" -> shapes = args[++a];
                case "--seconds" -> seconds = Double.parseDouble(args[++a]);
                default -> {
                    System.err.println("unknown argument " + args[a] + "; usage: --shapes in:out:B,... --seconds S");
                    System.exit(2);
                }
            }
        }
        // warm-up: every shape once, briefly, so the JIT has compiled the kernel for all of them
        for (String shape : shapes.split(",")) {
            measure(shape, 0.3);
        }
        for (String shape : shapes.split(",")) {
            double[] rates = measure(shape, seconds);
            int[] s = Arrays.stream(shape.split(":")).mapToInt(Integer::parseInt).toArray();
            System.out.printf(Locale.ROOT, "dense: in=%-4d out=%-4d B=%-5d forward_gflops=%6.2f vjp_gflops=%6.2f%n",
                    s[0], s[1], s[2], rates[0], rates[1]);
        }
    }

    /** @return the median GFLOP/s of forward and vjp */
    static double[] measure(String shape, double seconds) {
        int[] s = Arrays.stream(shape.split(":")).mapToInt(Integer::parseInt).toArray();
        int in = s[0];
        int out = s[1];
        int batch = s[2];
        Dense dense = new Dense(in, out, 0);
        Random random = new Random(3);
        double[] theta = new double[dense.parameterCount()];
        for (int p = 0; p < theta.length; p++) {
            theta[p] = random.nextGaussian() * 0.1;
        }
        double[][] x = fill(random, in, batch);
        double[][] y = new double[out][batch];
        double[][] dy = fill(random, out, batch);
        double[][] dx = new double[in][batch];
        double[] dTheta = new double[theta.length];
        double flops = 2.0 * in * out * batch;
        double forward = median(seconds / 2, flops, () -> dense.forward(theta, x, y, batch));
        double vjp = median(seconds / 2, 2 * flops, () -> dense.vjp(theta, x, y, dy, dx, dTheta, batch));
        return new double[] {forward, vjp};
    }

    private static double[][] fill(Random random, int features, int batch) {
        double[][] a = new double[features][batch];
        for (double[] row : a) {
            for (int r = 0; r < batch; r++) {
                row[r] = random.nextGaussian();
            }
        }
        return a;
    }

    /** @return the median GFLOP/s over rounds of about 0.1 s each, for {@code seconds} in all */
    private static double median(double seconds, double flopsPerCall, Runnable call) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        int calls = 1;
        long cpu0 = threads.getCurrentThreadCpuTime();
        call.run();
        double perCall = Math.max(1e-7, (threads.getCurrentThreadCpuTime() - cpu0) * 1e-9);
        calls = (int) Math.max(1, Math.min(1_000_000, 0.1 / perCall));
        java.util.List<Double> rates = new java.util.ArrayList<>();
        while (rates.size() < 3 || System.nanoTime() - start < seconds * 1e9) {
            long cpu = threads.getCurrentThreadCpuTime();
            for (int c = 0; c < calls; c++) {
                call.run();
            }
            double elapsed = (threads.getCurrentThreadCpuTime() - cpu) * 1e-9;
            rates.add(calls * flopsPerCall / elapsed / 1e9);
        }
        double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
