package org.neuralode.neuralode;

/**
 * Adam (Kingma and Ba, ICLR 2015, Algorithm 1), as PyTorch's {@code Adam}:
 * <pre>
 *   m &lt;- beta1 m + (1 - beta1) g,   v &lt;- beta2 v + (1 - beta2) g^2,
 *   theta &lt;- theta - lr (m / (1 - beta1^k)) / (sqrt(v / (1 - beta2^k)) + eps)
 * </pre>
 * at step {@code k = 1, 2, ...}, with defaults {@code beta1 = 0.9}, {@code beta2 = 0.999},
 * {@code eps = 1e-8}.
 */
public final class Adam implements Optimizer {

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private double[] m;
    private double[] v;
    private int k;

    /** Adam with the paper's defaults. */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    /**
     * @param learningRate lr, positive
     * @param beta1        decay of the first moment, in [0, 1)
     * @param beta2        decay of the second moment, in [0, 1)
     * @param eps          added to the denominator, positive
     */
    public Adam(double learningRate, double beta1, double beta2, double eps) {
        this.learningRate = Optimizer.requireLearningRate(learningRate);
        this.beta1 = Optimizer.requireDecay("beta1", beta1);
        this.beta2 = Optimizer.requireDecay("beta2", beta2);
        this.eps = Optimizer.requireEps(eps);
    }

    @Override
    public void step(double[] theta, double[] gradient) {
        Optimizer.requireLengths(theta, gradient);
        if (m == null || m.length != theta.length) {
            m = new double[theta.length];
            v = new double[theta.length];
            k = 0;
        }
        k++;
        double correction1 = 1 - Math.pow(beta1, k);
        double correction2 = 1 - Math.pow(beta2, k);
        for (int j = 0; j < theta.length; j++) {
            double g = gradient[j];
            m[j] = beta1 * m[j] + (1 - beta1) * g;
            v[j] = beta2 * v[j] + (1 - beta2) * g * g;
            theta[j] -= learningRate * (m[j] / correction1) / (Math.sqrt(v[j] / correction2) + eps);
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void reset() {
        m = null;
        v = null;
        k = 0;
    }

    @Override
    public String toString() {
        return "Adam(lr=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps + ")";
    }
}
