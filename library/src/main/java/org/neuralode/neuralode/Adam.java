package org.neuralode.neuralode;

/**
 * Adam (Kingma and Ba, ICLR 2015, Algorithm 1), as PyTorch's {@code Adam}:
 * <pre>
 *   m &lt;- beta1 m + (1 - beta1) g,   v &lt;- beta2 v + (1 - beta2) g^2,
 *   theta &lt;- theta - lr (m / (1 - beta1^k)) / (sqrt(v / (1 - beta2^k)) + eps)
 * </pre>
 * at step {@code k = 1, 2, ...}, with defaults {@code beta1 = 0.9}, {@code beta2 = 0.999},
 * {@code eps = 1e-8}. {@link #decaying} gives the learning rate an exponential decay with a floor,
 * {@code lr_k = max(lr rate^(k-1), lowest)}, as Rubanova et al.'s latent_ode code
 * ({@code utils.update_learning_rate}, rate 0.999, floor lr / 10) and PyTorch's {@code ExponentialLR}.
 */
public final class Adam implements Optimizer {

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double decay;
    private final double lowest;
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
        this(learningRate, beta1, beta2, eps, 1, learningRate);
    }

    private Adam(double learningRate, double beta1, double beta2, double eps, double decay, double lowest) {
        this.learningRate = Optimizer.requireLearningRate(learningRate);
        this.beta1 = Optimizer.requireDecay("beta1", beta1);
        this.beta2 = Optimizer.requireDecay("beta2", beta2);
        this.eps = Optimizer.requireEps(eps);
        this.decay = decay;
        this.lowest = lowest;
    }

    /**
     * @param rate   the factor the learning rate is multiplied by after each step, in (0, 1]
     * @param lowest the floor, positive and at most the initial learning rate
     * @return this Adam (same lr, betas, eps, fresh state) with {@code lr_k = max(lr rate^(k-1), lowest)}
     */
    public Adam decaying(double rate, double lowest) {
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be in (0, 1], got " + rate);
        }
        if (!(lowest > 0 && lowest <= learningRate)) {
            throw new IllegalArgumentException("lowest must be positive and at most the learning rate " + learningRate
                    + ", got " + lowest);
        }
        return new Adam(learningRate, beta1, beta2, eps, rate, lowest);
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
        double lr = rateAt(k);
        for (int j = 0; j < theta.length; j++) {
            double g = gradient[j];
            m[j] = beta1 * m[j] + (1 - beta1) * g;
            v[j] = beta2 * v[j] + (1 - beta2) * g * g;
            theta[j] -= lr * (m[j] / correction1) / (Math.sqrt(v[j] / correction2) + eps);
        }
    }

    /** The learning rate of step k (1-based). */
    private double rateAt(int step) {
        return decay == 1 ? learningRate : Math.max(learningRate * Math.pow(decay, step - 1), lowest);
    }

    /** @return the learning rate of the next step */
    @Override
    public double learningRate() {
        return rateAt(k + 1);
    }

    @Override
    public void reset() {
        m = null;
        v = null;
        k = 0;
    }

    @Override
    public String toString() {
        return "Adam(lr=" + learningRate + (decay == 1 ? "" : " decaying by " + decay + " per step to " + lowest)
                + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps + ")";
    }
}
