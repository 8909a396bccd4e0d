package org.neuralode.data;

import java.util.Random;

/**
 * Points of the plane in two classes, labelled 0 and 1: the toy classification tasks of the
 * neural-ODE literature. Seeded, so a notebook draws the same points every run.
 *
 * <ul>
 *   <li>{@link #concentricCircles}: a disc of radius {@code r1} (class 0) inside a ring
 *       {@code r2 <= |x| <= r3} (class 1), the function {@code g} of Dupont, Doucet and Teh,
 *       "Augmented Neural ODEs", NeurIPS 2019, Section 4.1 (there with {@code r1 = 0.5},
 *       {@code r2 = 1}, {@code r3 = 1.5}). No homeomorphism of the plane makes the two classes
 *       linearly separable, so a two-dimensional neural ODE with a linear readout cannot fit them.</li>
 *   <li>{@link #twoMoons}: two interleaved half circles with Gaussian noise, as scikit-learn's
 *       {@code make_moons}: separable by a smooth deformation of the plane.</li>
 * </ul>
 *
 * @param points {@code points[i]} = (x_1, x_2)
 * @param labels {@code labels[i]} in {0, 1}
 */
public record TwoClasses(double[][] points, int[] labels) {

    public TwoClasses {
        if (points == null || labels == null || points.length != labels.length || points.length == 0) {
            throw new IllegalArgumentException("points and labels must be non-empty and of equal length, got "
                    + (points == null ? "null" : points.length) + " and " + (labels == null ? "null" : labels.length));
        }
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != 2) {
                throw new IllegalArgumentException("points[" + i + "] must have 2 components, got " + points[i].length);
            }
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("labels[" + i + "] must be 0 or 1, got " + labels[i]);
            }
        }
    }

    /**
     * Dupont et al.'s concentric circles: half the points uniform in angle and radius in
     * {@code [0, 0.5]} (class 0), half in {@code [1, 1.5]} (class 1), interleaved 0, 1, 0, 1, ...
     *
     * @param n    the number of points, at least 2
     * @param seed the random seed
     */
    public static TwoClasses concentricCircles(int n, long seed) {
        return concentricCircles(n, 0.5, 1.0, 1.5, seed);
    }

    /**
     * Concentric circles with the given radii: class 0 in the disc {@code |x| <= r1}, class 1 in
     * the ring {@code r2 <= |x| <= r3}; radius uniform in its interval, angle uniform.
     */
    public static TwoClasses concentricCircles(int n, double r1, double r2, double r3, long seed) {
        checkCount(n);
        if (!(r1 > 0 && r1 < r2 && r2 < r3) || Double.isInfinite(r3)) {
            throw new IllegalArgumentException("radii must satisfy 0 < r1 < r2 < r3 < infinity, got r1 = " + r1
                    + ", r2 = " + r2 + ", r3 = " + r3);
        }
        Random random = new Random(seed);
        double[][] points = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            double r = labels[i] == 0 ? r1 * random.nextDouble() : r2 + (r3 - r2) * random.nextDouble();
            double phi = 2 * Math.PI * random.nextDouble();
            points[i] = new double[] {r * Math.cos(phi), r * Math.sin(phi)};
        }
        return new TwoClasses(points, labels);
    }

    /**
     * Two interleaved moons: class 0 on (cos s, sin s), class 1 on (1 - cos s, 1/2 - sin s),
     * s uniform in [0, pi], plus Gaussian noise of standard deviation {@code noise} per component;
     * interleaved 0, 1, 0, 1, ...
     *
     * @param n     the number of points, at least 2
     * @param noise the noise's standard deviation, at least 0
     * @param seed  the random seed
     */
    public static TwoClasses twoMoons(int n, double noise, long seed) {
        checkCount(n);
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be finite and at least 0, got " + noise);
        }
        Random random = new Random(seed);
        double[][] points = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            double s = Math.PI * random.nextDouble();
            double x = labels[i] == 0 ? Math.cos(s) : 1 - Math.cos(s);
            double y = labels[i] == 0 ? Math.sin(s) : 0.5 - Math.sin(s);
            points[i] = new double[] {x + noise * random.nextGaussian(), y + noise * random.nextGaussian()};
        }
        return new TwoClasses(points, labels);
    }

    private static void checkCount(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("n (number of points) must be at least 2, got " + n);
        }
    }

    /** @return the number of points */
    public int size() {
        return points.length;
    }

    /** @return component {@code k} (0 or 1) of the points of one class */
    public double[] component(int label, int k) {
        return java.util.stream.IntStream.range(0, points.length).filter(i -> labels[i] == label)
                .mapToDouble(i -> points[i][k]).toArray();
    }
}
