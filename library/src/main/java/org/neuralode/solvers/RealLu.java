package org.neuralode.solvers;

/**
 * The LU decomposition with partial pivoting {@code P A = L U} of a real n-by-n matrix (Golub
 * and Van Loan, <i>Matrix Computations</i>, Algorithm 3.4.1), factored once and then solved for
 * many right-hand sides: {@link Radau5} reuses one decomposition for every Newton iteration of
 * every step while the step size holds. Package-private: the plain textbook loop, nothing more.
 */
final class RealLu {

    private final double[][] lu;
    private final int[] pivot;
    private final boolean singular;

    /** Factors {@code a}, which is overwritten by the factors. */
    RealLu(double[][] a) {
        int n = a.length;
        lu = a;
        pivot = new int[n];
        boolean zeroPivot = false;
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(lu[i][k]) > Math.abs(lu[p][k])) {
                    p = i;
                }
            }
            pivot[k] = p;
            double[] row = lu[p];
            lu[p] = lu[k];
            lu[k] = row;
            if (!(Math.abs(lu[k][k]) > 0) || !Double.isFinite(lu[k][k])) {
                zeroPivot = true;
                continue;
            }
            for (int i = k + 1; i < n; i++) {
                double factor = lu[i][k] / lu[k][k];
                lu[i][k] = factor;
                for (int j = k + 1; j < n; j++) {
                    lu[i][j] -= factor * lu[k][j];
                }
            }
        }
        singular = zeroPivot;
    }

    /** @return whether a pivot was zero (or not finite): the matrix cannot be solved with */
    boolean isSingular() {
        return singular;
    }

    /** Overwrites {@code b} with the solution {@code x} of {@code A x = b}. */
    void solve(double[] b) {
        int n = b.length;
        for (int k = 0; k < n; k++) {
            double swap = b[pivot[k]];
            b[pivot[k]] = b[k];
            b[k] = swap;
        }
        for (int i = 1; i < n; i++) {
            double sum = b[i];
            for (int j = 0; j < i; j++) {
                sum -= lu[i][j] * b[j];
            }
            b[i] = sum;
        }
        for (int i = n - 1; i >= 0; i--) {
            double sum = b[i];
            for (int j = i + 1; j < n; j++) {
                sum -= lu[i][j] * b[j];
            }
            b[i] = sum / lu[i][i];
        }
    }
}
