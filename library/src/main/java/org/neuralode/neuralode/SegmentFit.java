package org.neuralode.neuralode;

import org.neuralode.data.Segments;

/**
 * The spiral demo's model as a {@link TrainableModel}: a neural ODE fitted to segments of one
 * trajectory, each segment solved from its first observed state, the loss comparing the
 * predicted states with the observed ones (torchdiffeq's {@code examples/ode_demo.py}).
 */
final class SegmentFit implements TrainableModel<Segments> {

    private final NeuralOde ode;
    private final GradientMethod gradients;
    private final Loss loss;

    SegmentFit(NeuralOde ode, GradientMethod gradients, Loss loss) {
        this.ode = ode;
        this.gradients = gradients;
        this.loss = loss;
    }

    @Override
    public double[] parameters() {
        return ode.theta();
    }

    @Override
    public BatchGradient lossAndGradient(Segments batch) {
        GradientMethod.LossGradient g = gradients.lossAndGradient(ode, batch, loss);
        return new BatchGradient(g.loss(), g.gradient(), g.forwardEvaluations(), g.backwardEvaluations());
    }
}
