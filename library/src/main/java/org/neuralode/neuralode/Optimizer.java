package org.neuralode.neuralode;

/**
 * A first-order update rule {@code theta <- theta - step(gradient)}; implementations keep their
 * own state (momentum, running averages), sized on the first call.
 *
 * <p>{@link Sgd}, {@link RmsProp} and {@link Adam} follow PyTorch's {@code torch.optim} rules and
 * defaults, so the numbers of torchdiffeq's demo carry over.
 */
public interface Optimizer {

    /**
     * Updates {@code theta} in place.
     *
     * @param theta    the parameters
     * @param gradient {@code dL/dtheta}, same length (not modified)
     */
    void step(double[] theta, double[] gradient);

    /** @return the learning rate, for messages */
    double learningRate();

    /** Forgets the state (momentum, averages, step count), as a freshly made optimiser. */
    void reset();

    /**
     * @param maxNorm the largest Euclidean norm a gradient may have, positive
     * @return this rule applied to the gradient rescaled to norm at most {@code maxNorm}
     *         ({@code torch.nn.utils.clip_grad_norm_}; Pascanu, Mikolov and Bengio, ICML 2013)
     */
    default Optimizer withGradientClipping(double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("maxNorm must be finite and positive, got " + maxNorm);
        }
        Optimizer inner = this;
        return new Optimizer() {
            private double[] clipped;

            @Override
            public void step(double[] theta, double[] gradient) {
                double sum = 0;
                for (double g : gradient) {
                    sum += g * g;
                }
                double norm = Math.sqrt(sum);
                if (norm <= maxNorm) {
                    inner.step(theta, gradient);
                    return;
                }
                if (clipped == null || clipped.length != gradient.length) {
                    clipped = new double[gradient.length];
                }
                double scale = maxNorm / norm;
                for (int j = 0; j < gradient.length; j++) {
                    clipped[j] = scale * gradient[j];
                }
                inner.step(theta, clipped);
            }

            @Override
            public double learningRate() {
                return inner.learningRate();
            }

            @Override
            public void reset() {
                inner.reset();
            }

            @Override
            public String toString() {
                return inner + " with gradients clipped to norm " + maxNorm;
            }
        };
    }

    static double requireLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be finite and positive, got " + learningRate);
        }
        return learningRate;
    }

    /** A decay rate or momentum (PyTorch's betas, alpha, momentum) must be in [0, 1). */
    static double requireDecay(String name, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + rate);
        }
        return rate;
    }

    /** The term added to a denominator to keep it from zero must be positive. */
    static double requireEps(double eps) {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("eps must be positive, got " + eps);
        }
        return eps;
    }

    static void requireLengths(double[] theta, double[] gradient) {
        if (theta.length != gradient.length) {
            throw new IllegalArgumentException("theta and gradient differ in length: " + theta.length + " vs "
                    + gradient.length);
        }
    }
}
