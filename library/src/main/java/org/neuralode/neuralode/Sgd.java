package org.neuralode.neuralode;

/**
 * Stochastic gradient descent with (heavy-ball) momentum, as PyTorch's {@code SGD}:
 * <pre>
 *   v &lt;- mu v + g,   theta &lt;- theta - lr v       (v = g on the first step)
 * </pre>
 * (Polyak 1964; Sutskever et al., ICML 2013). {@code mu = 0} is plain gradient descent.
 */
public final class Sgd implements Optimizer {

    private final double learningRate;
    private final double momentum;
    private double[] velocity;

    /** Plain gradient descent {@code theta <- theta - lr g}. */
    public Sgd(double learningRate) {
        this(learningRate, 0);
    }

    /**
     * @param learningRate the step size lr, positive
     * @param momentum     mu in [0, 1)
     */
    public Sgd(double learningRate, double momentum) {
        this.learningRate = Optimizer.requireLearningRate(learningRate);
        this.momentum = Optimizer.requireDecay("momentum", momentum);
    }

    @Override
    public void step(double[] theta, double[] gradient) {
        Optimizer.requireLengths(theta, gradient);
        boolean first = velocity == null || velocity.length != theta.length;
        if (first) {
            velocity = new double[theta.length];
        }
        for (int j = 0; j < theta.length; j++) {
            velocity[j] = first ? gradient[j] : momentum * velocity[j] + gradient[j];
            theta[j] -= learningRate * velocity[j];
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void reset() {
        velocity = null;
    }

    @Override
    public String toString() {
        return "SGD(lr=" + learningRate + ", momentum=" + momentum + ")";
    }
}
