package org.neuralode.neuralode;

import org.neuralode.solvers.VectorField;

/**
 * What the gradient methods ({@link GradientMethod}) need of a vector field: evaluate
 * {@code f_theta(h)} on a batch of states while recording what reverse mode needs, then the
 * vector-Jacobian products of a recorded evaluation,
 * <pre>
 *   evaluate(h, e)        f_theta(h), recorded in e
 *   vjp(e, v, dTheta)     (df/dh)^T v, and dTheta += (df/dtheta)^T v
 * </pre>
 * (Griewank and Walther, <i>Evaluating Derivatives</i>, 2nd ed., 2008, Chapter 3). A state of
 * length {@code B * d} is a batch of {@code B} states of dimension {@code d} laid end to end. The field is
 * autonomous: it does not read {@code t}. {@link NeuralOde} is one; {@link RegularisedField}, a
 * neural ODE with its regularisers riding along as extra state channels, is another, which is
 * why backprop through the solver and the adjoint differentiate the regularised loss unchanged.
 */
public interface DifferentiableField extends VectorField {

    /** @return the dimension {@code d} of one state of a batch */
    int dimension();

    /** @return the number of parameters {@code theta} */
    int parameterCount();

    /**
     * @param batch       the batch size (states in one evaluation)
     * @param scratchFrom an evaluation of this field whose reverse-mode scratch space the new one
     *                    may share (a recorded solve keeps many evaluations but runs their
     *                    vector-Jacobian products one at a time), or null
     * @return storage for one recorded batched evaluation
     */
    Evaluation newEvaluation(int batch, Evaluation scratchFrom);

    /**
     * Evaluates {@code f(h)} on a batch, recording what reverse mode needs.
     *
     * @param h          {@code batch * d} values (not kept: the evaluation copies what it needs)
     * @param evaluation storage made by this field for the same batch size
     * @return {@code dh/dt}, an array owned by {@code evaluation}
     */
    double[] evaluate(double[] h, Evaluation evaluation);

    /**
     * The vector-Jacobian products at a recorded evaluation.
     *
     * @param evaluation a recorded evaluation
     * @param v          the cotangent ({@code batch * d} values)
     * @param dTheta     receives {@code += (df/dtheta)^T v}
     * @return {@code (df/dh)^T v}, an array owned by {@code evaluation} (or by the evaluations
     *         sharing its scratch space): read it before the next product
     */
    double[] vjp(Evaluation evaluation, double[] v, double[] dTheta);

    /** {@code f(h)} for a batch, through a fresh evaluation (a field used by many solves may reuse one). */
    @Override
    default double[] at(double t, double[] h) {
        return evaluate(h, newEvaluation(batchSize(h.length), null)).clone();
    }

    /**
     * @param length the length of a batched state
     * @return the batch size {@code B = length / d}: how many states of dimension {@code d} lie end to end
     * @throws IllegalArgumentException if {@code length} is not a positive multiple of {@code d}
     */
    default int batchSize(int length) {
        if (length == 0 || length % dimension() != 0) {
            throw new IllegalArgumentException("h must hold a whole number of states of dimension " + dimension()
                    + ", got length " + length);
        }
        return length / dimension();
    }

    /** One recorded batched evaluation. */
    interface Evaluation {

        /** @return the batch size: how many states this evaluation holds */
        int batch();

        /** @return how many numbers this evaluation records for reverse mode */
        long storedValues();
    }
}
