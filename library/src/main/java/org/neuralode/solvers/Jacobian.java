package org.neuralode.solvers;

/**
 * The Jacobian matrix {@code J[i][j] = d f_i / d h_j} of a {@link VectorField} at {@code (t, h)},
 * which an implicit method needs for its Newton iteration. Without one, the implicit solvers
 * approximate it by forward differences.
 */
@FunctionalInterface
public interface Jacobian {

    /**
     * @param t the time
     * @param h the state; implementations must not modify it
     * @return a new n-by-n matrix {@code d f / d h}
     */
    double[][] at(double t, double[] h);
}
