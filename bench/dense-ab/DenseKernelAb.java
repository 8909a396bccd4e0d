package org.neuralode.nn;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.*;

/**
 * A/B of Dense's tuned kernel in one JVM (run by bench/dense-ab.sh): {@code BaseDenseKernel} is
 * {@code DenseKernel} at a git revision, renamed; {@code DenseKernel} the working tree's. For each
 * shape {@code in:out:B}, rounds alternate base and new, forward and vjp, each timed by the
 * thread's CPU time over enough calls for about 0.2 GFLOP; prints the median GFLOP/s of each over
 * the rounds after two warm-up rounds ({@code 2 in out B} flops per forward, twice that per vjp).
 */
public class DenseKernelAb {
    interface Call { void run(); }
    static ThreadMXBean T = ManagementFactory.getThreadMXBean();
    static double rate(Call c, double flops, int calls) {
        long t = T.getCurrentThreadCpuTime();
        for (int k = 0; k < calls; k++) c.run();
        return calls * flops / ((T.getCurrentThreadCpuTime() - t) * 1e-9) / 1e9;
    }
    public static void main(String[] args) {
        String[] shapes = (args.length > 0 ? args[0] : "16:200:200,200:16:200,64:800:1000,800:64:1000").split(",");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        for (String shape : shapes) {
            int[] s = Arrays.stream(shape.split(":")).mapToInt(Integer::parseInt).toArray();
            int in = s[0], out = s[1], B = s[2];
            Random rnd = new Random(3);
            double[] theta = new double[in * out + out];
            for (int p = 0; p < theta.length; p++) theta[p] = rnd.nextGaussian() * 0.1;
            double[][] x = new double[in][B], y = new double[out][B], dy = new double[out][B], dx = new double[in][B];
            for (double[] r : x) for (int j = 0; j < B; j++) r[j] = rnd.nextGaussian();
            for (double[] r : dy) for (int j = 0; j < B; j++) r[j] = rnd.nextGaussian();
            double[] dT = new double[theta.length];
            double f = 2.0 * in * out * B;
            int calls = (int) Math.max(1, 2e8 / f);
            List<Double> of = new ArrayList<>(), nf = new ArrayList<>(), ov = new ArrayList<>(), nv = new ArrayList<>();
            for (int round = 0; round < rounds + 2; round++) {
                double a = rate(() -> BaseDenseKernel.forward(theta, 0, in, out, x, y, B), f, calls);
                double b = rate(() -> DenseKernel.forward(theta, 0, in, out, x, y, B), f, calls);
                double c = rate(() -> BaseDenseKernel.vjp(theta, 0, in, out, x, dy, dx, dT, B), 2 * f, calls);
                double d = rate(() -> DenseKernel.vjp(theta, 0, in, out, x, dy, dx, dT, B), 2 * f, calls);
                if (round >= 2) { of.add(a); nf.add(b); ov.add(c); nv.add(d); }
            }
            System.out.printf(Locale.ROOT, "dense-ab: shape=%-14s forward base=%6.2f new=%6.2f vjp base=%6.2f new=%6.2f GFLOP/s (medians of %d rounds)%n",
                shape, med(of), med(nf), med(ov), med(nv), rounds);
        }
    }
    static double med(List<Double> l) { double[] a = l.stream().mapToDouble(Double::doubleValue).sorted().toArray(); return a[a.length / 2]; }
}
