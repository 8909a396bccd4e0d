package org.neuralode.neuralode;

/**
 * RMSprop (Tieleman and Hinton, <i>Neural Networks for Machine Learning</i>, Coursera 2012,
 * lecture 6e "rmsprop: divide the gradient by a running average of its recent magnitude"), as PyTorch's
 * {@code RMSprop} (the optimiser of torchdiffeq's spiral demo):
 * <pre>
 *   v &lt;- alpha v + (1 - alpha) g^2,   theta &lt;- theta - lr g / (sqrt(v) + eps)
 * </pre>
 * with defaults {@code alpha = 0.99}, {@code eps = 1e-8}, {@code v} starting at zero.
 */
public final class RmsProp implements Optimizer {

    private final double learningRate;
    private final double alpha;
    private final double eps;
    private double[] meanSquare;

    /** RMSprop with PyTorch's defaults {@code alpha = 0.99}, {@code eps = 1e-8}. */
    public RmsProp(double learningRate) {
        this(learningRate, 0.99, 1e-8);
    }

    /**
     * @param learningRate lr, positive
     * @param alpha        the smoothing constant, in [0, 1)
     * @param eps          added to the denominator, positive
     */
    public RmsProp(double learningRate, double alpha, double eps) {
        this.learningRate = Optimizer.requireLearningRate(learningRate);
        this.alpha = Optimizer.requireDecay("alpha", alpha);
        this.eps = Optimizer.requireEps(eps);
    }

    @Override
    public void step(double[] theta, double[] gradient) {
        Optimizer.requireLengths(theta, gradient);
        if (meanSquare == null || meanSquare.length != theta.length) {
            meanSquare = new double[theta.length];
        }
        for (int j = 0; j < theta.length; j++) {
            double g = gradient[j];
            meanSquare[j] = alpha * meanSquare[j] + (1 - alpha) * g * g;
            theta[j] -= learningRate * g / (Math.sqrt(meanSquare[j]) + eps);
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void reset() {
        meanSquare = null;
    }

    @Override
    public String toString() {
        return "RMSprop(lr=" + learningRate + ", alpha=" + alpha + ", eps=" + eps + ")";
    }
}
