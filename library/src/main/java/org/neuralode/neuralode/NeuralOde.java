package org.neuralode.neuralode;

import org.neuralode.nn.Initialization;
import org.neuralode.nn.Mlp;
import org.neuralode.solvers.Solution;
import org.neuralode.solvers.Solver;

/**
 * A neural ODE {@code dh/dt = f_theta(h, t) = net(phi(h))} (Chen, Rubanova, Bettencourt and
 * Duvenaud, "Neural Ordinary Differential Equations", NeurIPS 2018, eq. (2); eq. (1) is the
 * residual step it is the limit of, see {@link org.neuralode.nn.ResidualBlock}): the vector field is
 * a {@link Mlp} with parameters {@code theta}, applied to features {@code phi(h)}
 * ({@link FeatureMap}). The field is autonomous (it does not read {@code t}), as in torchdiffeq's
 * spiral demo.
 *
 * <p>It is a {@link org.neuralode.solvers.VectorField}, so every library solver integrates it. A state may hold a
 * whole batch: a state of length {@code B * d} is read as {@code B} states of dimension
 * {@code d} laid end to end (the batch members), and they evolve independently (one solve, one step-size sequence, like
 * torchdiffeq's batched {@code odeint}).
 *
 * <p>For reverse mode, {@link #evaluate(double[], DifferentiableField.Evaluation)} records one batched evaluation and
 * {@link #vjp(DifferentiableField.Evaluation, double[], double[])} returns {@code (df/dh)^T v} and adds
 * {@code (df/dtheta)^T v} into a gradient: it is the {@link DifferentiableField} the gradient
 * methods differentiate.
 */
public final class NeuralOde implements DifferentiableField {

    private final Mlp net;
    private final FeatureMap features;
    private final int dimension;
    /**
     * Storage reused by {@link #at} on the thread that made it ({@link Evaluation#owner}): a
     * model shared by several threads (a parallel stream of solves) stays correct, as each thread
     * then evaluates in storage of its own, and a single thread makes no garbage per evaluation.
     * Not volatile: a thread that sees a stale reference only makes storage of its own, and the
     * owner is a final field, so it is seen as constructed.
     */
    private Evaluation scratch;

    /**
     * @param net      the network, with equal input and output sizes {@code d}
     * @param features the map applied to the state before the network
     */
    public NeuralOde(Mlp net, FeatureMap features) {
        if (net == null || net.inputSize() != net.outputSize()) {
            throw new IllegalArgumentException("net must map R^d to R^d, got "
                    + (net == null ? "null" : net.inputSize() + " -> " + net.outputSize()));
        }
        if (features == null) {
            throw new IllegalArgumentException("features must be one of FeatureMap.IDENTITY, FeatureMap.CUBE");
        }
        this.net = net;
        this.features = features;
        this.dimension = net.inputSize();
    }

    /** The model {@code dh/dt = net(h)}, without a feature map. */
    public NeuralOde(Mlp net) {
        this(net, FeatureMap.IDENTITY);
    }

    /**
     * The model of torchdiffeq's {@code examples/ode_demo.py}: {@code dh/dt = net(h^3)} with
     * {@code net} = Linear(2, 50), tanh, Linear(50, 2), weights {@code N(0, 0.1^2)}, biases zero.
     *
     * @param seed the seed of the initial weights
     */
    public static NeuralOde spiralDemo(long seed) {
        Mlp net = Mlp.builder(2).dense(50).tanh().dense(2)
                .initialization(Initialization.normal(0.1)).seed(seed).build();
        return new NeuralOde(net, FeatureMap.CUBE);
    }

    /** @return the network */
    public Mlp net() {
        return net;
    }

    /** @return the feature map */
    public FeatureMap features() {
        return features;
    }

    /** @return the state dimension {@code d} */
    @Override
    public int dimension() {
        return dimension;
    }

    /** @return the parameters (the network's own array: optimisers update it in place) */
    public double[] theta() {
        return net.theta();
    }

    /** @return the number of parameters */
    @Override
    public int parameterCount() {
        return net.parameterCount();
    }

    /** @return a model with a copy of the parameters */
    public NeuralOde copy() {
        return new NeuralOde(net.copy(), features);
    }

    /**
     * {@code f_theta(h, t)} for a state, or for a batch of {@code h.length / d} states laid end to end.
     */
    @Override
    public double[] at(double t, double[] h) {
        int batch = batchSize(h.length);
        Evaluation evaluation = scratch;
        if (evaluation == null || evaluation.batch != batch || evaluation.owner != Thread.currentThread()) {
            // an evaluation is only ever used by the thread that made it, so two threads never
            // share one; while one thread solves, the same storage serves every call
            evaluation = newEvaluation(batch);
            scratch = evaluation;
        }
        return evaluate(h, evaluation).clone();
    }

    /** @return {@code h(t_i)} for the given times, starting from {@code h0} at {@code times[0]} */
    public Solution solve(Solver solver, double[] h0, double[] times) {
        return solver.solve(this, h0, times);
    }

    /** @return storage for one batched evaluation of {@code batch} states */
    public Evaluation newEvaluation(int batch) {
        return new Evaluation(batch, null);
    }

    /**
     * @return storage for one batched evaluation that shares its reverse-mode scratch space with
     *         {@code scratchFrom} (see {@link Mlp#newTrace(int, Mlp.Trace)}): a recorded solve keeps
     *         many evaluations but runs their vector-Jacobian products one at a time
     */
    @Override
    public Evaluation newEvaluation(int batch, DifferentiableField.Evaluation scratchFrom) {
        return new Evaluation(batch, (Evaluation) scratchFrom);
    }

    /**
     * Evaluates {@code f(h)} on a batch, recording what reverse mode needs.
     *
     * @param h          {@code batch * d} values (copied)
     * @param evaluation storage made for the same batch size
     * @return {@code dh/dt}, an array owned by {@code evaluation}
     */
    @Override
    public double[] evaluate(double[] h, DifferentiableField.Evaluation recorded) {
        Evaluation evaluation = (Evaluation) recorded;
        int n = evaluation.batch * dimension;
        System.arraycopy(h, 0, evaluation.h, 0, n);
        features.apply(evaluation.h, evaluation.u, n);
        return net.forward(evaluation.u, evaluation.batch, evaluation.trace);
    }

    /**
     * The vector-Jacobian products at a recorded evaluation.
     *
     * @param evaluation a recorded evaluation
     * @param v          the cotangent {@code v} ({@code batch * d} values)
     * @param dTheta     receives {@code += (df/dtheta)^T v}
     * @return {@code (df/dh)^T v}, an array owned by {@code evaluation}
     */
    @Override
    public double[] vjp(DifferentiableField.Evaluation recorded, double[] v, double[] dTheta) {
        Evaluation evaluation = (Evaluation) recorded;
        double[] du = net.vjp(evaluation.trace, v, dTheta);
        features.vjp(evaluation.h, du, evaluation.dh, evaluation.batch * dimension);
        return evaluation.dh;
    }

    @Override
    public String toString() {
        return "NeuralOde dh/dt = net(" + (features == FeatureMap.CUBE ? "h^3" : "h") + "), net = " + net;
    }

    /** One recorded batched evaluation: the input, its features, the network's trace and scratch space. */
    public final class Evaluation implements DifferentiableField.Evaluation {
        private final int batch;
        private final double[] h;
        private final double[] u;
        private final double[] dh;
        private final Mlp.Trace trace;
        /** The thread that made this evaluation: the only one {@link #at} lets use it. */
        private final Thread owner = Thread.currentThread();

        private Evaluation(int batch, Evaluation scratchFrom) {
            this.batch = batch;
            h = new double[batch * dimension];
            u = new double[batch * dimension];
            dh = scratchFrom == null ? new double[batch * dimension] : scratchFrom.dh;
            trace = net.newTrace(batch, scratchFrom == null ? null : scratchFrom.trace);
        }

        /** @return the batch size: how many states this evaluation holds */
        @Override
        public int batch() {
            return batch;
        }

        /** @return the recorded input state */
        public double[] input() {
            return h;
        }

        /** @return how many numbers this evaluation records for reverse mode */
        @Override
        public long storedValues() {
            return h.length + u.length + trace.storedValues();
        }

        /** @return the recorded output {@code f(h)} */
        public double[] output() {
            return trace.output();
        }
    }
}
