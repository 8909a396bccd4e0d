package org.neuralode.nn;

/**
 * Elementwise nonlinearities {@code y = sigma(z)} and their derivatives, written in terms of
 * what reverse mode has at hand (the input {@code z} and the output {@code y}).
 *
 * <ul>
 *   <li>{@code TANH}: {@code y = tanh z}, {@code dy/dz = 1 - y^2};</li>
 *   <li>{@code RELU}: {@code y = max(0, z)}, {@code dy/dz = [z > 0]};</li>
 *   <li>{@code SOFTPLUS}: {@code y = log(1 + e^z)}, {@code dy/dz = 1 / (1 + e^-z)} (the logistic
 *       sigmoid), a smooth ReLU;</li>
 *   <li>{@code IDENTITY}: {@code y = z}.</li>
 * </ul>
 * Goodfellow, Bengio and Courville, <i>Deep Learning</i> (2016), Section 6.3.
 */
public enum Activation {
    TANH {
        @Override
        public double value(double z) {
            return Math.tanh(z);
        }

        @Override
        public double derivative(double z, double y) {
            return 1 - y * y;
        }
    },
    RELU {
        @Override
        public double value(double z) {
            return z > 0 ? z : 0;
        }

        @Override
        public double derivative(double z, double y) {
            return z > 0 ? 1 : 0;
        }
    },
    SOFTPLUS {
        @Override
        public double value(double z) {
            // log(1 + e^z) = max(z, 0) + log(1 + e^-|z|): never overflows for large z
            return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
        }

        @Override
        public double derivative(double z, double y) {
            return 1 / (1 + Math.exp(-z));
        }
    },
    IDENTITY {
        @Override
        public double value(double z) {
            return z;
        }

        @Override
        public double derivative(double z, double y) {
            return 1;
        }
    };

    /** @return {@code sigma(z)} */
    public abstract double value(double z);

    /**
     * @param z the input
     * @param y the output {@code sigma(z)}, which some derivatives reuse
     * @return {@code sigma'(z)}
     */
    public abstract double derivative(double z, double y);
}
