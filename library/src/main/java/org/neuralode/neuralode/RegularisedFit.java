package org.neuralode.neuralode;

import java.util.Random;
import org.neuralode.data.Segments;

/**
 * The spiral demo's fit ({@link SegmentFit}) with the regularisers of Finlay, Jacobsen,
 * Nurbekyan and Oberman ("How to train your neural ODE", ICML 2020, eq. (6)) added to the loss:
 * <pre>
 *   L = loss(h(t_i), y_i) + lambda_K (1/B) sum_b int ||f(h_b)||^2 dt + lambda_J (1/B) sum_b int ||df/dh (h_b)||_F^2 dt,
 * </pre>
 * the integrals taken over each segment's time span, the Frobenius norm by Hutchinson's
 * estimator with a Gaussian probe drawn afresh for every batch (fixed during its solve). Both
 * integrals are extra state channels of a {@link RegularisedField}, integrated alongside
 * {@code h} by the same solve, so the {@link GradientMethod} given (backprop through the solver
 * or the adjoint) differentiates them as it differentiates {@code h}.
 */
public final class RegularisedFit implements TrainableModel<Segments> {

    private final NeuralOde ode;
    private final GradientMethod gradients;
    private final Loss loss;
    private final double kineticWeight;
    private final double jacobianWeight;
    private final Random probes;
    private double lastKinetic;
    private double lastJacobian;

    /**
     * @param ode            the neural ODE being trained
     * @param gradients      how the gradient is computed
     * @param loss           the data loss
     * @param kineticWeight  {@code lambda_K}, at least 0
     * @param jacobianWeight {@code lambda_J}, at least 0 (0: no Jacobian channel, half the evaluations)
     * @param seed           the seed of the probes
     */
    public RegularisedFit(NeuralOde ode, GradientMethod gradients, Loss loss, double kineticWeight,
                          double jacobianWeight, long seed) {
        if (ode == null || gradients == null || loss == null) {
            throw new IllegalArgumentException("ode, gradients and loss must be given, got " + ode + ", " + gradients
                    + ", " + loss);
        }
        if (!(kineticWeight >= 0) || !Double.isFinite(kineticWeight)) {
            throw new IllegalArgumentException("kineticWeight must be finite and at least 0, got " + kineticWeight);
        }
        if (!(jacobianWeight >= 0) || !Double.isFinite(jacobianWeight)) {
            throw new IllegalArgumentException("jacobianWeight must be finite and at least 0, got " + jacobianWeight);
        }
        this.ode = ode;
        this.gradients = gradients;
        this.loss = loss;
        this.kineticWeight = kineticWeight;
        this.jacobianWeight = jacobianWeight;
        this.probes = new Random(seed);
    }

    @Override
    public double[] parameters() {
        return ode.theta();
    }

    @Override
    public BatchGradient lossAndGradient(Segments batch) {
        double[] probe = null;
        if (jacobianWeight > 0) {
            probe = new double[batch.h0().length];
            for (int q = 0; q < probe.length; q++) {
                probe[q] = probes.nextGaussian();
            }
        }
        return lossAndGradient(batch, probe);
    }

    /** The regularised loss and its gradient with a given probe (null: no Jacobian channel). */
    BatchGradient lossAndGradient(Segments batch, double[] probe) {
        if (batch.dimension() != ode.dimension()) {
            throw new IllegalArgumentException("batch dimension " + batch.dimension() + " differs from the model's "
                    + ode.dimension());
        }
        RegularisedField field = new RegularisedField(ode, probe, RegularisedField.DEFAULT_DELTA);
        int d = ode.dimension();
        int batchSize = batch.batchSize();
        GradientMethod.Pass pass = gradients.forward(field, field.augment(batch.h0()), batch.times());
        double[][] augmented = pass.predictions();
        int times = augmented.length;
        double[][] predictions = new double[times][batchSize * d];
        for (int i = 0; i < times; i++) {
            for (int b = 0; b < batchSize; b++) {
                System.arraycopy(augmented[i], b * (d + 2), predictions[i], b * d, d);
            }
        }
        double kinetic = 0;
        double jacobian = 0;
        double[] end = augmented[times - 1];
        for (int b = 0; b < batchSize; b++) {
            kinetic += end[b * (d + 2) + d] / batchSize;
            jacobian += end[b * (d + 2) + d + 1] / batchSize;
        }
        lastKinetic = kinetic;
        lastJacobian = jacobian;
        double value = loss.value(predictions, batch.targets()) + kineticWeight * kinetic + jacobianWeight * jacobian;
        long count = (long) times * batchSize * d;
        double[][] cotangents = new double[times][batchSize * (d + 2)];
        double[] g = new double[batchSize * d];
        for (int i = 0; i < times; i++) {
            loss.gradient(predictions[i], batch.targets()[i], count, g);
            for (int b = 0; b < batchSize; b++) {
                System.arraycopy(g, b * d, cotangents[i], b * (d + 2), d);
            }
        }
        for (int b = 0; b < batchSize; b++) {
            cotangents[times - 1][b * (d + 2) + d] = kineticWeight / batchSize;
            cotangents[times - 1][b * (d + 2) + d + 1] = jacobianWeight / batchSize;
        }
        GradientMethod.Gradient gradient = pass.backward(cotangents);
        return new BatchGradient(value, gradient.parameters(), pass.forwardEvaluations(),
                gradient.backwardEvaluations());
    }

    /** @return {@code R_K}, the batch mean of {@code int ||f||^2 dt}, of the last batch */
    public double lastKineticEnergy() {
        return lastKinetic;
    }

    /** @return the batch mean of the Hutchinson estimate of {@code int ||df/dh||_F^2 dt} of the last batch (0 without) */
    public double lastJacobianNorm() {
        return lastJacobian;
    }
}
