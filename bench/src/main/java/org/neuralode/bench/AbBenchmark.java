package org.neuralode.bench;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * A/B comparison of two builds of the library in one JVM: each build (a class path) gets its own
 * class loader and its own copy of {@link SpiralSteps}; the two then run batches of training
 * iterations alternately (A, B, A, B, ...), so that the load of a shared machine falls on both
 * alike. Prints the median time per iteration of each (wall-clock, and the thread's CPU time,
 * which a loaded machine disturbs less), their ratios, bytes allocated per
 * iteration and the evaluation counts, and whether both trained to the same theta.
 *
 * <p>Usage: {@code bench/ab.sh [--mode backprop|adjoint] [--rounds R] [--batch N] [--seed S] A_CLASSPATH B_CLASSPATH}
 */
public final class AbBenchmark {

    private AbBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = "backprop";
        int rounds = 40;
        int batch = 25;
        long seed = 0;
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mode" -> mode = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> paths.add(args[i]);
            }
        }
        if (paths.size() != 2) {
            throw new IllegalArgumentException("give two class paths, A and B");
        }
        IntFunction<long[]> a = load(paths.get(0), mode, seed);
        IntFunction<long[]> b = load(paths.get(1), mode, seed);
        double[] msA = new double[rounds];
        double[] msB = new double[rounds];
        double[] cpuA = new double[rounds];
        double[] cpuB = new double[rounds];
        long[] totalA = new long[5];
        long[] totalB = new long[5];
        int warmup = Math.max(4, rounds / 5);
        for (int r = -warmup; r < rounds; r++) {
            // alternate which goes first, so neither always follows the other's garbage
            long[] ra;
            long[] rb;
            if ((r & 1) == 0) {
                ra = a.apply(batch);
                rb = b.apply(batch);
            } else {
                rb = b.apply(batch);
                ra = a.apply(batch);
            }
            if (r >= 0) {
                msA[r] = ra[0] * 1e-6 / batch;
                msB[r] = rb[0] * 1e-6 / batch;
                cpuA[r] = ra[5] * 1e-6 / batch;
                cpuB[r] = rb[5] * 1e-6 / batch;
                for (int k = 1; k < 4; k++) {
                    totalA[k] += ra[k];
                    totalB[k] += rb[k];
                }
            }
            totalA[4] = ra[4];
            totalB[4] = rb[4];
        }
        long n = (long) rounds * batch;
        double medianA = median(msA);
        double medianB = median(msB);
        System.out.printf(Locale.ROOT, "ab: mode=%s iterations=%d A_ms=%.4f B_ms=%.4f B/A=%.3f"
                        + " A_bytes_per_iteration=%d B_bytes_per_iteration=%d A_nfe=%.1f/%.1f B_nfe=%.1f/%.1f same_theta=%s%n",
                mode, n, medianA, medianB, medianB / medianA, totalA[1] / n, totalB[1] / n,
                totalA[2] / (double) n, totalA[3] / (double) n, totalB[2] / (double) n, totalB[3] / (double) n,
                totalA[4] == totalB[4] ? "bitwise" : Double.longBitsToDouble(totalA[4]) + " vs " + Double.longBitsToDouble(totalB[4]));
        System.out.printf(Locale.ROOT, "ab: per-round B/A ratios, quartiles %s%n", Arrays.toString(quartiles(msA, msB)));
        System.out.printf(Locale.ROOT, "ab: CPU time A_ms=%.4f B_ms=%.4f B/A=%.3f, per-round quartiles %s%n",
                median(cpuA), median(cpuB), median(cpuB) / median(cpuA), Arrays.toString(quartiles(cpuA, cpuB)));
    }

    @SuppressWarnings("unchecked")
    private static IntFunction<long[]> load(String classPath, String mode, long seed) throws Exception {
        String[] parts = classPath.split(java.io.File.pathSeparator);
        URL[] urls = new URL[parts.length];
        for (int i = 0; i < parts.length; i++) {
            urls[i] = Path.of(parts[i]).toUri().toURL();
        }
        ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
        Class<?> steps = Class.forName("org.neuralode.bench.SpiralSteps", true, loader);
        return (IntFunction<long[]>) steps.getConstructor(String.class, long.class).newInstance(mode, seed);
    }

    private static double[] quartiles(double[] a, double[] b) {
        double[] ratio = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            ratio[i] = b[i] / a[i];
        }
        Arrays.sort(ratio);
        int n = ratio.length;
        return new double[] {round(ratio[n / 4]), round(ratio[n / 2]), round(ratio[(3 * n) / 4])};
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    /**
     * The median (NaN for no values); SpiralBenchmark's too. It lives here because this class may
     * use java.base only: ab.sh puts no library on its class path.
     */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
    }
}
