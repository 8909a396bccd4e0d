package org.neuralode.solvers;

/**
 * The LU decomposition with partial pivoting of a complex n-by-n matrix held as its real and
 * imaginary parts, {@code A = Re + i Im}: the same algorithm as {@link RealLu} in complex
 * arithmetic (pivots chosen by modulus). {@link Radau5} needs it for the complex-conjugate pair
 * of eigenvalues of its transformed Newton system (Hairer and Wanner, <i>Solving ODEs II</i>,
 * Section IV.8, eq. (8.19)), which Commons Math cannot factor.
 */
final class ComplexLu {

    private final double[][] re;
    private final double[][] im;
    private final int[] pivot;
    private final boolean singular;

    /** Factors {@code re + i im}; both arrays are overwritten by the factors. */
    ComplexLu(double[][] re, double[][] im) {
        int n = re.length;
        this.re = re;
        this.im = im;
        pivot = new int[n];
        boolean zeroPivot = false;
        for (int k = 0; k < n; k++) {
            int p = k;
            double largest = re[k][k] * re[k][k] + im[k][k] * im[k][k];
            for (int i = k + 1; i < n; i++) {
                double modulus = re[i][k] * re[i][k] + im[i][k] * im[i][k];
                if (modulus > largest) {
                    largest = modulus;
                    p = i;
                }
            }
            pivot[k] = p;
            double[] row = re[p];
            re[p] = re[k];
            re[k] = row;
            row = im[p];
            im[p] = im[k];
            im[k] = row;
            if (!(largest > 0) || !Double.isFinite(largest)) {
                zeroPivot = true;
                continue;
            }
            // 1 / (a + ib) = (a - ib) / (a^2 + b^2)
            double inverseRe = re[k][k] / largest;
            double inverseIm = -im[k][k] / largest;
            for (int i = k + 1; i < n; i++) {
                double factorRe = re[i][k] * inverseRe - im[i][k] * inverseIm;
                double factorIm = re[i][k] * inverseIm + im[i][k] * inverseRe;
                re[i][k] = factorRe;
                im[i][k] = factorIm;
                for (int j = k + 1; j < n; j++) {
                    re[i][j] -= factorRe * re[k][j] - factorIm * im[k][j];
                    im[i][j] -= factorRe * im[k][j] + factorIm * re[k][j];
                }
            }
        }
        singular = zeroPivot;
    }

    /** @return whether a pivot was zero (or not finite) */
    boolean isSingular() {
        return singular;
    }

    /** Overwrites {@code (bRe, bIm)} with the solution {@code x} of {@code A x = b}. */
    void solve(double[] bRe, double[] bIm) {
        int n = bRe.length;
        for (int k = 0; k < n; k++) {
            int p = pivot[k];
            double swap = bRe[p];
            bRe[p] = bRe[k];
            bRe[k] = swap;
            swap = bIm[p];
            bIm[p] = bIm[k];
            bIm[k] = swap;
        }
        for (int i = 1; i < n; i++) {
            double sumRe = bRe[i];
            double sumIm = bIm[i];
            for (int j = 0; j < i; j++) {
                sumRe -= re[i][j] * bRe[j] - im[i][j] * bIm[j];
                sumIm -= re[i][j] * bIm[j] + im[i][j] * bRe[j];
            }
            bRe[i] = sumRe;
            bIm[i] = sumIm;
        }
        for (int i = n - 1; i >= 0; i--) {
            double sumRe = bRe[i];
            double sumIm = bIm[i];
            for (int j = i + 1; j < n; j++) {
                sumRe -= re[i][j] * bRe[j] - im[i][j] * bIm[j];
                sumIm -= re[i][j] * bIm[j] + im[i][j] * bRe[j];
            }
            double modulus = re[i][i] * re[i][i] + im[i][i] * im[i][i];
            bRe[i] = (sumRe * re[i][i] + sumIm * im[i][i]) / modulus;
            bIm[i] = (sumIm * re[i][i] - sumRe * im[i][i]) / modulus;
        }
    }
}
