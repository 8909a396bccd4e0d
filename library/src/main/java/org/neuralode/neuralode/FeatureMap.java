package org.neuralode.neuralode;

/**
 * An elementwise map {@code u = phi(h)} applied to the state before the network, so that the
 * vector field is {@code f(h) = net(phi(h))}. torchdiffeq's {@code examples/ode_demo.py} feeds
 * {@code y**3} to its network ({@link #CUBE}) because the true spiral is
 * {@code dy/dt = (y^3) A}: with the right features a small network learns the field quickly.
 */
public enum FeatureMap {
    /** {@code phi(h) = h}. */
    IDENTITY,
    /** {@code phi(h) = h^3} elementwise, {@code phi'(h) = 3 h^2}. */
    CUBE;

    /** Writes {@code phi(h_j)} for {@code j < n} into {@code u}. */
    public void apply(double[] h, double[] u, int n) {
        if (this == IDENTITY) {
            System.arraycopy(h, 0, u, 0, n);
        } else {
            for (int j = 0; j < n; j++) {
                u[j] = h[j] * h[j] * h[j];
            }
        }
    }

    /** Writes {@code dL/dh_j = phi'(h_j) dL/du_j} for {@code j < n} into {@code dh}. */
    public void vjp(double[] h, double[] du, double[] dh, int n) {
        if (this == IDENTITY) {
            System.arraycopy(du, 0, dh, 0, n);
        } else {
            for (int j = 0; j < n; j++) {
                dh[j] = 3 * h[j] * h[j] * du[j];
            }
        }
    }
}
