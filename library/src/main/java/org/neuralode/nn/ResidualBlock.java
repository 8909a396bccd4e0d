package org.neuralode.nn;

import org.neuralode.Arguments;
import org.neuralode.solvers.VectorField;

/**
 * A residual block {@code h -> h + dt f(h)} (He et al., "Deep Residual Learning for Image
 * Recognition", CVPR 2016, eq. 1, where {@code dt = 1}).
 *
 * <p>Read as numerics, it is one explicit Euler step of size {@code dt} for the ODE
 * {@code dh/dt = f(h)}; stacking {@code N} blocks with shared weights and {@code dt = T / N}
 * ({@link #stack(int, double)}) is Euler's method on {@code [0, T]}, which converges to the ODE's
 * flow as {@code N} grows (Chen et al., "Neural Ordinary Differential Equations", NeurIPS 2018,
 * Section 1). {@code f} is a {@link Mlp} mapping states of dimension {@code d} to vectors of dimension {@code d}.
 */
public final class ResidualBlock {

    private final Mlp f;
    private final double dt;

    /**
     * @param f  the residual function, with equal input and output sizes
     * @param dt the step size ({@code 1} for a classic ResNet block)
     */
    public ResidualBlock(Mlp f, double dt) {
        if (f == null || f.inputSize() != f.outputSize()) {
            throw new IllegalArgumentException("f must map R^d to R^d, got "
                    + (f == null ? "null" : f.inputSize() + " -> " + f.outputSize()));
        }
        if (!Double.isFinite(dt)) {
            throw new IllegalArgumentException("dt must be finite, got " + dt);
        }
        this.f = f;
        this.dt = dt;
    }

    /** @return a classic residual block {@code h + f(h)} */
    public static ResidualBlock of(Mlp f) {
        return new ResidualBlock(f, 1.0);
    }

    /** @return the residual function */
    public Mlp f() {
        return f;
    }

    /** @return the step size */
    public double dt() {
        return dt;
    }

    /** @return {@code h + dt f(h)} */
    public double[] apply(double[] h) {
        double[] fh = f.apply(h);
        double[] next = new double[h.length];
        for (int j = 0; j < h.length; j++) {
            next[j] = h[j] + dt * fh[j];
        }
        return next;
    }

    /**
     * @param depth the number of blocks {@code N}, at least 1
     * @param dt    the step size of each block (e.g. {@code T / N})
     * @return {@code N} blocks sharing this block's weights {@code f}, with step {@code dt}
     */
    public Stack stack(int depth, double dt) {
        return new Stack(new ResidualBlock(f, dt), depth);
    }

    /** @return the vector field {@code (t, h) -> f(h)} whose Euler steps these blocks are */
    public VectorField vectorField() {
        return (t, h) -> f.apply(h);
    }

    /**
     * {@code N} residual blocks with shared weights: {@code h_{n+1} = h_n + dt f(h_n)}, i.e.
     * {@code N} Euler steps on {@code [0, N dt]}.
     */
    public static final class Stack {
        private final ResidualBlock block;
        private final int depth;

        private Stack(ResidualBlock block, int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("depth must be at least 1, got " + depth);
            }
            Arguments.arrayLength("the depth + 1 = " + depth + " + 1 hidden states of the stack", (long) depth + 1,
                    block.f.inputSize());
            this.block = block;
            this.depth = depth;
        }

        /** @return the number of blocks */
        public int depth() {
            return depth;
        }

        /** @return the step size of each block */
        public double dt() {
            return block.dt;
        }

        /** @return the end time {@code T = N dt} */
        public double endTime() {
            return depth * block.dt;
        }

        /** @return the network's output {@code h_N} */
        public double[] apply(double[] h0) {
            double[][] path = trajectory(h0);
            return path[depth];
        }

        /** @return the hidden states {@code h_0, h_1, ..., h_N} ({@code h_n} at time {@code n dt}) */
        public double[][] trajectory(double[] h0) {
            double[][] path = new double[depth + 1][];
            path[0] = h0.clone();
            for (int n = 0; n < depth; n++) {
                path[n + 1] = block.apply(path[n]);
            }
            return path;
        }

        /** @return the times {@code 0, dt, ..., N dt} of {@link #trajectory(double[])} */
        public double[] times() {
            double[] t = new double[depth + 1];
            for (int n = 0; n <= depth; n++) {
                t[n] = n * block.dt;
            }
            return t;
        }

        /**
         * Backpropagation through the stack: with {@code h_{n+1} = h_n + dt f(h_n)},
         * {@code dL/dh_n = dL/dh_{n+1} + dt (df/dh)^T dL/dh_{n+1}} and every block adds
         * {@code dt (df/dtheta)^T dL/dh_{n+1}} into the shared gradient.
         *
         * @param h0     the input
         * @param dLdhN  {@code dL/dh_N}
         * @param dTheta {@code dL/dtheta} of the shared {@code f}, added to
         * @return {@code dL/dh_0}
         */
        public double[] vjp(double[] h0, double[] dLdhN, double[] dTheta) {
            Mlp f = block.f;
            int d = f.inputSize();
            Mlp.Trace[] traces = new Mlp.Trace[depth];
            double[] h = h0.clone();
            for (int n = 0; n < depth; n++) {
                traces[n] = f.newTrace(1);
                double[] fh = f.forward(h, 1, traces[n]);
                double[] next = new double[d];
                for (int j = 0; j < d; j++) {
                    next[j] = h[j] + block.dt * fh[j];
                }
                h = next;
            }
            double[] a = dLdhN.clone();
            double[] scaled = new double[d];
            for (int n = depth - 1; n >= 0; n--) {
                for (int j = 0; j < d; j++) {
                    scaled[j] = block.dt * a[j];
                }
                double[] through = f.vjp(traces[n], scaled, dTheta);
                for (int j = 0; j < d; j++) {
                    a[j] += through[j];
                }
            }
            return a;
        }
    }
}
