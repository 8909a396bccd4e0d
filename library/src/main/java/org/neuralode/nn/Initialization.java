package org.neuralode.nn;

import java.util.Random;

/**
 * How the weights of a {@link Dense} layer start; biases always start at zero.
 *
 * <ul>
 *   <li>{@link #normal(double)}: {@code W_oi ~ N(0, std^2)}, as torchdiffeq's
 *       {@code examples/ode_demo.py} ({@code nn.init.normal_(m.weight, mean=0, std=0.1)});</li>
 *   <li>{@link #glorot()}: {@code W_oi ~ U(-a, a)}, {@code a = sqrt(6 / (in + out))}, which keeps
 *       the variance of activations and gradients roughly constant across layers (Glorot and
 *       Bengio, AISTATS 2010, eq. 16).</li>
 * </ul>
 */
@FunctionalInterface
public interface Initialization {

    /**
     * Draws one weight.
     *
     * @param in     the layer's input size
     * @param out    the layer's output size
     * @param random the seeded source of randomness
     * @return the weight
     */
    double weight(int in, int out, Random random);

    /** @return weights drawn from {@code N(0, std^2)} */
    static Initialization normal(double std) {
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("std must be finite and non-negative, got " + std);
        }
        return (in, out, random) -> std * random.nextGaussian();
    }

    /** @return Glorot (Xavier) uniform weights */
    static Initialization glorot() {
        return (in, out, random) -> {
            double a = Math.sqrt(6.0 / (in + out));
            return a * (2 * random.nextDouble() - 1);
        };
    }
}
